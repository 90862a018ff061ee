import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { Logger } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import type { QueryRunner } from 'typeorm';
import { ErrorCode } from '../errors/app-error';
import { inTurn } from './connection-turn';

/**
 * One transaction for a whole GraphQL query request (docs/adr/0025): opened by the request's
 * authentication (Db.openRequest, which checks the live session and binds the principal in the same
 * statement), joined by every `db.tx` of the request, and committed by the Apollo plugin below just
 * before the answer is sent, so nothing the answer shows leaves before the audit events of its
 * confidential reads are committed. Mutations do not use it: each service call keeps its own
 * transaction, and a failed field rolls back only its own work.
 *
 * A read request cannot undo part of its transaction, so when a piece of its work fails after it
 * wrote (a `db.tx` that threw after an INSERT, UPDATE or DELETE) or a statement fails (the
 * transaction is aborted), the whole request rolls back and answers with its errors and no data. The
 * refusals recorded in it (`onRollback`) are written again, in a transaction of their own, after the
 * rollback: a denial is never lost.
 */
export class RequestTransaction {
  /** Work for after the commit (Db.afterCommit) of the request's pieces that succeeded. */
  readonly pending: (() => Promise<void>)[] = [];
  /** Work for after a rollback (a refusal to record again). */
  readonly onRollback: (() => Promise<void>)[] = [];
  /** A statement failed, or a piece that wrote failed: the transaction can only roll back. */
  failed = false;
  private outcome?: Promise<RequestOutcome>;

  constructor(
    readonly runner: QueryRunner,
    private readonly log: Logger,
    /** Reports a statement sent (the SQL statement count of SQL_STATS). */
    private readonly logQuery: (sql: string) => void,
  ) {}

  /** Whether it can only roll back (a method: the flag changes while a caller awaits). */
  hasFailed(): boolean {
    return this.failed;
  }

  get closed(): boolean {
    return this.outcome !== undefined;
  }

  /** Commits (or, when failed, rolls back) and returns the connection; the same outcome when called again. */
  close(): Promise<RequestOutcome> {
    this.outcome ??= this.finish();
    return this.outcome;
  }

  private async finish(): Promise<RequestOutcome> {
    const client = (this.runner as unknown as { databaseConnection: { query(text: string): Promise<{ command: string }> } })
      .databaseConnection;
    let outcome: RequestOutcome;
    try {
      // After the statements still in flight on the connection (a field whose sibling failed).
      // COMMIT of an aborted transaction answers ROLLBACK (no error): that is a rollback too.
      outcome = await inTurn(this.runner, async (): Promise<RequestOutcome> => {
        this.logQuery(this.failed ? 'ROLLBACK' : 'COMMIT');
        if (this.failed) {
          await client.query('ROLLBACK');
          return 'rolledBack';
        }
        return (await client.query('COMMIT')).command === 'COMMIT' ? 'committed' : 'rolledBack';
      });
    } catch (e) {
      this.log.warn(`a read request's transaction did not end: ${(e as Error).message}`);
      outcome = 'lost';
    } finally {
      await this.runner.release().catch(() => undefined);
    }
    for (const work of outcome === 'committed' ? this.pending : this.onRollback) {
      await work().catch((e: unknown) => this.log.error(`work after the request's transaction failed: ${(e as Error).message}`));
    }
    return outcome;
  }
}

/** committed; rolledBack (a piece failed, or the database ended it); lost (the connection failed at the end). */
export type RequestOutcome = 'committed' | 'rolledBack' | 'lost';

/** The request's slot, placed in its store when it starts (shared by every nested context). */
export interface RequestTransactionSlot {
  /** The request's authentication, asked once and shared by its root fields (AuthGuard). */
  auth?: Promise<unknown>;
  tx?: RequestTransaction;
}
export const REQUEST_TX_KEY = 'requestTx';

/** The answer when the request's transaction could not commit: its data is not sent. */
const NOT_COMMITTED: GraphQLFormattedError = {
  message: 'The database did not complete this request, so nothing was read or changed. Try again in a moment.',
  extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
};

/**
 * Ends the request's transaction before the answer leaves: committed, the answer goes as it is; rolled
 * back or lost, the data is withheld and the errors say why (the field errors that caused it, or
 * SERVICE_UNAVAILABLE).
 */
export function requestTransactionPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response }) {
          const cls = ClsServiceManager.getClsService();
          const tx = cls.isActive() ? cls.get<RequestTransactionSlot | undefined>(REQUEST_TX_KEY)?.tx : undefined;
          if (!tx) return;
          const outcome = await tx.close();
          if (outcome === 'committed' || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          response.body.singleResult = { data: null, errors: outcome === 'lost' || !errors.length ? [...errors, NOT_COMMITTED] : errors };
        },
      });
    },
  };
}
