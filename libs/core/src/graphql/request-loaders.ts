import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import DataLoader from 'dataloader';

type Loaders = Map<string, DataLoader<string, unknown>>;

/**
 * Per-request batch loaders (dataloader) for GraphQL field resolvers: every `load(key)` made while a
 * list is resolved becomes one batched call, so a page of 50 costs what a page of 5 costs. Loaders
 * live in the request context and die with it, so nothing is cached across principals.
 */
@Injectable()
export class RequestLoaders {
  constructor(private readonly cls: ClsService) {}

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
    let loaders = this.cls.get<Loaders | undefined>('loaders');
    if (!loaders) {
      loaders = new Map();
      this.cls.set('loaders', loaders);
    }
    let loader = loaders.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => found.get(k) as V);
      });
      loaders.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
