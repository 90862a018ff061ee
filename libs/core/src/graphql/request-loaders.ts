import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import DataLoader from 'dataloader';
import { Db } from '../database/db.service';

type Loaders = Map<string, DataLoader<string, unknown>>;
interface PendingBatch {
  /** Settles the batch's promise; returns its error, if it failed. */
  run: () => Promise<Error | undefined>;
}

/**
 * Per-request batch loaders (dataloader) for GraphQL field resolvers: every `load(key)` made while a
 * list is resolved becomes one batched call, so a page of 50 costs what a page of 5 costs. Loaders
 * live in the request context and die with it, so nothing is cached across principals.
 *
 * The batches that become due together (a case's participants, subjects and charges, say) run in
 * one transaction, one after the other: one BEGIN, one principal and one COMMIT for all of them
 * instead of one each (a case's detail screen: 20 statements down to 12). A batch that fails fails
 * the batches after it in that transaction too; reads do not fail on input, so this is a bug's cost.
 */
@Injectable()
export class RequestLoaders {
  constructor(
    private readonly cls: ClsService,
    private readonly db: Db,
  ) {}

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
    let loaders = this.cls.get<Loaders | undefined>('loaders');
    if (!loaders) {
      loaders = new Map();
      this.cls.set('loaders', loaders);
    }
    let loader = loaders.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>((keys) =>
        this.together(async () => {
          const found = await batch(keys);
          // A key the batch has no entry for resolves to undefined, as a missing row reads (a nullable field's null).
          return keys.map((k) => found.get(k)) as (V | Error)[];
        }),
      );
      loaders.set(name, loader);
    }
    return loader;
  }

  /** Queues `work` with the other batches due in this turn of the event loop; they share one transaction. */
  private together<T>(work: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return work();
    return new Promise<T>((resolve, reject) => {
      let group = this.cls.get<PendingBatch[] | undefined>('loaderGroup');
      if (!group) {
        const pending: PendingBatch[] = (group = []);
        this.cls.set('loaderGroup', pending);
        setImmediate(() => {
          this.cls.set('loaderGroup', undefined);
          void this.db
            .tx(async () => {
              let failed: Error | undefined;
              for (const b of pending) failed = (await b.run()) ?? failed;
              if (failed) throw failed; // roll back
            })
            .catch(() => undefined); // each batch has already settled its own promise
        });
      }
      group.push({
        run: () =>
          work().then(
            (v) => {
              resolve(v);
              return undefined;
            },
            (e: unknown) => {
              const error = e instanceof Error ? e : new Error('batch failed');
              reject(error);
              return error;
            },
          ),
      });
    });
  }
}
