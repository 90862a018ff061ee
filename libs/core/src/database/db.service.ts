import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { escapeLiteral } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { Principal, RequestStore } from '../context/request-context';
import { Errors, must } from '../errors/app-error';
import { REQUEST_TX_KEY, RequestTransaction, RequestTransactionSlot } from './request-transaction';
import { inTurn } from './connection-turn';
import { Statement, VersionedUpdate } from './sql';

/**
 * Binds the transaction's principal to the request's live session: the database checks the session
 * (not revoked, expired or idle past its own limit; user enabled and unlocked) and the secret, and
 * only then lets row-level security see a principal. Nothing the app role can set_config is read.
 */
const SET_PRINCIPAL = `SELECT auth_bind_session($1, $2) AS ok`;

/** The pg client under a connected TypeORM query runner (PostgresQueryRunner.databaseConnection). */
type PgClient = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/** A piece of a read request's work (one outermost `db.tx` inside its request transaction). */
interface RequestPiece {
  wrote: boolean;
  pending: (() => Promise<void>)[];
}
const PIECE_KEY = 'requestPiece';

const writes = new Map<string, boolean>();
/** Whether a statement may change a row (what a read request cannot take back by itself). */
function mayWrite(sql: string): boolean {
  let w = writes.get(sql);
  if (w === undefined) {
    w = /\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(sql);
    writes.set(sql, w);
  }
  return w;
}

/** A statement's text with its parameters as literals (openRequest: text and bytes only). */
function inlined(sql: string, params: (string | Buffer)[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (Buffer.isBuffer(v)) return `decode('${v.toString('hex')}', 'hex')`;
    if (typeof v === 'string') return escapeLiteral(v);
    throw new Error(`openRequest: parameter $${n} is neither text nor bytes`);
  });
}

/** A statement's rows and the number of rows it affected. */
export interface Rows<R> {
  rows: R[];
  rowCount: number;
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: the same for the same SQL text, on every connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = 'tf_' + createHash('sha1').update(sql).digest('hex').slice(0, 24);
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * The only way services reach the database. `tx` runs work in a transaction that first sets the
 * principal for row-level security; nested calls join the transaction already open in the request
 * context. With no principal, nothing is set and every scoped policy matches nothing.
 */
@Injectable()
export class Db {
  private readonly log = new Logger('Db');

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService<RequestStore>,
    private readonly dataSource: DataSource,
  ) {}

  /** The request store by key, for the keys RequestStore leaves out (its path types would grow too deep). */
  private get store(): ClsService {
    return this.cls;
  }

  /** The entity manager of the open transaction. */
  private get em(): EntityManager {
    return this.request?.runner.manager ?? this.txHost.tx;
  }

  get inTransaction(): boolean {
    return this.cls.isActive() && (this.request !== undefined || this.txHost.isTransactionActive());
  }

  /** The open transaction of this read request (openRequest), if any. */
  private get request(): RequestTransaction | undefined {
    if (!this.cls.isActive()) return undefined;
    const tx = this.store.get<RequestTransactionSlot | undefined>(REQUEST_TX_KEY)?.tx;
    return tx && !tx.closed ? tx : undefined;
  }

  /**
   * Opens the request's one transaction (a GraphQL query request; docs/adr/0025) with `stmt` as its
   * first statement, sent with BEGIN in one round trip: the session check that binds the principal
   * and returns it. Its row, or undefined (nothing opened) when it returns none. Every `db.tx` of the
   * request then joins this transaction; the request's end commits it (requestTransactionPlugin).
   * The parameters travel as literals (BEGIN and a parameterised statement cannot share a round
   * trip), so only text and bytes are taken, each quoted by node-postgres' escapeLiteral or hex.
   */
  async openRequest<R>(stmt: Statement<R>, params: (string | Buffer)[]): Promise<R | undefined> {
    const slot = this.cls.isActive() ? this.store.get<RequestTransactionSlot | undefined>(REQUEST_TX_KEY) : undefined;
    if (!slot) throw new Error('Db.openRequest needs an HTTP request');
    if (slot.tx) throw new Error("the request's transaction is already open");
    const text = `BEGIN; ${inlined(stmt.text, params)}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: { query(text: string): Promise<{ rows: R[] }[]> } }).databaseConnection;
    this.dataSource.logger.logQuery(text, [], runner);
    let row: R | undefined;
    try {
      row = (await client.query(text))[1]?.rows[0];
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      throw new QueryFailedError(stmt.text, [], e as Error);
    }
    if (row === undefined) {
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      return undefined;
    }
    slot.tx = new RequestTransaction(runner, this.log, (sql) => {
      this.dataSource.logger.logQuery(sql, [], runner);
    });
    return row;
  }

  /**
   * `open` once per request: the request's root fields share its result (the authentication of a read
   * request, which opens its transaction). Outside a request, simply `open()`.
   */
  oncePerRequest<T>(open: () => Promise<T>): Promise<T> {
    const slot = this.cls.isActive() ? this.store.get<RequestTransactionSlot | undefined>(REQUEST_TX_KEY) : undefined;
    if (!slot) return open();
    slot.auth ??= open();
    return slot.auth as Promise<T>;
  }

  /**
   * Work whose effect must outlive the read request's transaction (a refusal's audit event): done
   * now, and done again in a transaction of its own if the request's transaction rolls back (or
   * only then, when it has already failed). Outside a read request, simply `work()`.
   */
  async evenIfRolledBack(work: () => Promise<void>): Promise<void> {
    const request = this.request;
    if (!request) return work();
    request.onRollback.push(work);
    if (request.failed) return;
    try {
      await work();
    } catch (e) {
      // The request's transaction failed under it: it is done again after the rollback.
      if (!request.hasFailed()) throw e;
    }
  }

  // The API services call: named statements from their lib's *.sql.ts (docs/adr/0012) ------------

  /**
   * Runs a statement in the open transaction: its rows and the number of rows affected. A statement
   * declared `prepared` (a hot read) runs as a named prepared statement of the connection.
   */
  async query<R>(stmt: Statement<R>, params: unknown[] = []): Promise<Rows<R>> {
    if (stmt.prepared) {
      const rows = await this.prepared<R>(stmt.text, params);
      return { rows, rowCount: rows.length };
    }
    return this.exec<R>(stmt.text, params);
  }

  /** The statement's rows. */
  async many<R>(stmt: Statement<R>, params: unknown[] = []): Promise<R[]> {
    return (await this.query(stmt, params)).rows;
  }

  /** The statement's first row, if any. */
  async one<R>(stmt: Statement<R>, params: unknown[] = []): Promise<R | undefined> {
    return (await this.query(stmt, params)).rows[0];
  }

  /**
   * The statement's first row, which must exist (an INSERT ... RETURNING, an aggregate, a row the
   * transaction has just written or locked): none is a bug, reported as such.
   */
  async row<R>(stmt: Statement<R>, params: unknown[] = []): Promise<R> {
    const r = (await this.query(stmt, params)).rows[0];
    if (r === undefined) throw new Error(`expected a row from: ${stmt.text.slice(0, 80)}`);
    return r;
  }

  /** Runs the statement and reports the number of rows it affected. */
  async run(stmt: Statement<unknown>, params: unknown[] = []): Promise<number> {
    return (await this.query(stmt, params)).rowCount;
  }

  /**
   * A version-checked update (see VersionedUpdate): the new version, or the one "changed by
   * someone else" CONFLICT when the row's version is no longer the one read.
   */
  async update<F extends string>(u: VersionedUpdate<F>, id: string, version: number, values: Partial<Record<F, unknown>>): Promise<number> {
    const { stmt, params } = u.build(id, version, values);
    const r = (await this.query(stmt, params)).rows.at(0);
    if (!r) throw Errors.stale(u.what);
    return r.version;
  }

  /** The version check of a row read FOR UPDATE: the CONFLICT, with the current version, when it moved on. */
  checkVersion(what: string, row: { version: number }, version: number): void {
    if (row.version !== version) throw Errors.stale(what, row.version);
  }

  /** One statement with no principal and no transaction (see `narrow`). */
  async narrowOne<R>(stmt: Statement<R>, params: unknown[] = []): Promise<R | undefined> {
    return (await this.narrow<R>(stmt.text, params))[0];
  }

  async narrowMany<R>(stmt: Statement<R>, params: unknown[] = []): Promise<R[]> {
    return this.narrow<R>(stmt.text, params);
  }

  // The SQL-text layer under it (core's own plumbing only; services use the statements above) ----

  /** Runs SQL in the open transaction and reports the rows and the number of rows affected. */
  private async exec<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Rows<R>> {
    const request = this.request;
    const runner = request?.runner ?? this.txHost.tx.queryRunner;
    if (!runner) throw new Error('Db.exec needs an open transaction (call it inside db.tx)');
    if (request) this.noteStatement(sql);
    try {
      const r = await inTurn(runner, () => runner.query(sql, params, true));
      return { rows: r.records as R[], rowCount: r.affected ?? r.records.length };
    } catch (e) {
      if (request) request.failed = true;
      throw e;
    }
  }

  /** In a read request: a statement that may write marks the piece of work it belongs to. */
  private noteStatement(sql: string): void {
    if (mayWrite(sql)) {
      const piece = this.store.get<RequestPiece | undefined>(PIECE_KEY);
      if (piece) piece.wrote = true;
    }
  }

  /**
   * A read the API repeats on every request (a list page, a case, the principal), as a named
   * prepared statement of the transaction's connection: PostgreSQL parses it once per connection
   * and, after a few runs, keeps a generic plan instead of planning it on every call (row-level
   * security makes planning the larger half of a short read; see docs/performance.md). Only for SQL
   * whose text is fixed by the call site, with every value a parameter: each distinct text is a
   * statement held by every pooled connection.
   */
  private async prepared<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const request = this.request;
    if (request) {
      this.noteStatement(sql);
      try {
        return await this.runPrepared<R>(request.runner, sql, params);
      } catch (e) {
        request.failed = true;
        throw e;
      }
    }
    const runner = this.txHost.tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('Db.prepared needs an open transaction (call it inside db.tx)');
    return this.runPrepared<R>(runner, sql, params);
  }

  private async runPrepared<R>(runner: QueryRunner, sql: string, params: unknown[]): Promise<R[]> {
    const client = (runner as unknown as { databaseConnection: PgClient }).databaseConnection;
    this.dataSource.logger.logQuery(sql, params, runner);
    try {
      return (await inTurn(runner, () => client.query({ name: statementName(sql), text: sql, values: params }))).rows as R[];
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  /**
   * One statement with no principal and no transaction: only for the narrow SECURITY DEFINER
   * lookups that run before a principal exists (sign-in, refresh, the per-request session check).
   * One round trip instead of BEGIN / statement / COMMIT, prepared as above.
   */
  private async narrow<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      return await this.runPrepared<R>(runner, sql, params);
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs `fn` in a transaction as the request's principal (bound to its live session), or with no
   * principal when `as: null` (sign-in and refresh, whose definer functions bind the new principal).
   */
  async tx<T>(fn: (em: EntityManager) => Promise<T>, opts: { as?: Principal | null } = {}): Promise<T> {
    if (!this.cls.isActive()) return this.cls.run(() => this.tx(fn, opts));
    const request = this.request;
    if (request) return this.inRequest(request, fn, opts);
    if (this.txHost.isTransactionActive()) {
      if (opts.as !== undefined) await this.setPrincipal(this.txHost.tx, opts.as);
      return fn(this.txHost.tx);
    }
    const principal = opts.as !== undefined ? opts.as : (this.cls.get('principal') ?? null);
    const outer = this.cls.get('afterCommit');
    const pending: (() => Promise<void>)[] = [];
    this.cls.set('afterCommit', pending);
    try {
      const result = await this.txHost.withTransaction(async () => {
        const em = this.txHost.tx;
        await this.setPrincipal(em, principal);
        return fn(em);
      });
      for (const work of pending.splice(0)) {
        await work().catch((e: unknown) => this.log.error(`after-commit work failed: ${(e as Error).message}`));
      }
      return result;
    } finally {
      this.cls.set('afterCommit', outer);
    }
  }

  /**
   * A `db.tx` inside a read request's transaction: a piece of the request's work. It runs in the
   * request's transaction; its after-commit work waits for the request's commit; if it fails after
   * it wrote, the request cannot keep the rest and rolls back as a whole (request-transaction.ts).
   */
  private async inRequest<T>(
    request: RequestTransaction,
    fn: (em: EntityManager) => Promise<T>,
    opts: { as?: Principal | null },
  ): Promise<T> {
    const em = request.runner.manager;
    if (opts.as !== undefined) await this.setPrincipal(em, opts.as);
    if (this.store.get<RequestPiece | undefined>(PIECE_KEY)) return fn(em);
    return this.cls.run({ ifNested: 'inherit' }, async () => {
      const piece: RequestPiece = { wrote: false, pending: [] };
      this.store.set(PIECE_KEY, piece);
      this.cls.set('afterCommit', piece.pending);
      try {
        const result = await fn(em);
        request.pending.push(...piece.pending);
        return result;
      } catch (e) {
        if (piece.wrote) request.failed = true;
        throw e;
      }
    });
  }

  /**
   * Runs `work` once the current transaction has committed (at once when none is open), in its own
   * transaction: side effects such as notifications never outlive a rollback. A failure is logged,
   * not thrown: what was committed stays committed.
   */
  async afterCommit(work: () => Promise<void>): Promise<void> {
    const pending = !this.cls.isActive()
      ? undefined
      : this.request
        ? (this.cls.get('afterCommit') ?? this.request.pending)
        : this.txHost.isTransactionActive()
          ? this.cls.get('afterCommit')
          : undefined;
    if (pending) pending.push(work);
    else await work().catch((e: unknown) => this.log.error(`after-commit work failed: ${(e as Error).message}`));
  }

  private async setPrincipal(em: EntityManager, p: Principal | null): Promise<void> {
    if (!p) return;
    const rows = await this.runPrepared<{ ok: boolean }>(must(em.queryRunner, "the transaction's query runner"), SET_PRINCIPAL, [
      p.sessionId,
      p.sessionSecret,
    ]);
    // The session ended (sign-out, disable, idle) since the request was authenticated.
    if (rows.at(0)?.ok !== true) throw Errors.unauthenticated();
  }
}
