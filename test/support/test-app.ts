import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DEMO_PASSWORD } from '../../apps/api/src/seed/demo-data';
import { graphql } from '../gql';
import type { TypedDocumentString } from '../gql/graphql';

export { DEMO_PASSWORD };

export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
  path?: string[];
}

/** A GraphQL answer read off the wire by a raw HTTP request (not through gql()). */
export interface GqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GqlError[];
}

export interface GqlResult<T = unknown> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

/** A typed GraphQL document from test/gql (`graphql(...)`); its variables are not checked, so tests can send bad ones. */
export type Doc<T> = TypedDocumentString<T, never>;

/** A row from SQL the test wrote itself: columns are checked by the assertions, not by the type. */
export type Row = Record<string, unknown>;

/**
 * A real API server for one test file: the built server (`npm run build`) in its own process,
 * on its own database cloned from the migrated, seeded template, connecting as the non-owner
 * app role, reached over real HTTP. Nothing is mocked.
 */
export interface TestApp {
  url: string;
  dbName: string;
  /**
   * POSTs a GraphQL operation to /graphql with an optional bearer token. A `graphql(...)` document
   * (test/gql, generated from the schema) types the answer; a plain string (a deliberately broken or
   * dynamically built query) is answered as `unknown` unless the caller declares the type.
   */
  gql<T = unknown>(
    query: Doc<T> | string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** Signs in a demo persona (or any user) and returns the access token. */
  login(username: string, password?: string): Promise<string>;
  /** Runs SQL as the database owner (tf_maintenance): for arranging and inspecting, never as the app. */
  ownerQuery<R = Row>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Runs SQL through the app role's own connection, as a principal when given: a user (by username,
   * or by a principal naming the user and exactly that user's roles) signed in through the API, whose
   * live session is presented to auth_bind_session first, as the server does (docs/adr/0017).
   */
  appRoleQuery<R = Row>(
    sql: string,
    params?: unknown[],
    principal?: string | { userId: string; agencyId: string; taskForceId: string; roles: string[] },
  ): Promise<R[]>;
  /** The attack the live-session binding defeats: the app role sets the old principal settings itself, then runs SQL. */
  forgedQuery<R = Row>(
    sql: string,
    params: unknown[],
    settings: { userId: string; agencyId: string; taskForceId: string; roles: string[] },
  ): Promise<R[]>;
  /** Runs statements in ONE transaction of one app-role connection (no principal unless a statement binds one); each one's rows. */
  appRoleTx(statements: [sql: string, params?: unknown[]][], opts?: { transactions?: 'one' | 'each' }): Promise<Row[][]>;
  /** The live session (id and secret, from the access token) a user's appRoleQuery presents; signs in when needed. */
  sessionOf(username: string, fresh?: boolean): Promise<LiveSession>;
  /** The server's output so far (for diagnosing a failure). */
  output(): string;
  close(): Promise<void>;
}

/** A signed-in user's session as the database knows it: its id and secret (from the access token). */
export interface LiveSession {
  sid: string;
  sk: Buffer;
  token: string;
}

/** The session id and secret an access token carries (claims `sid` and `sk`). */
export function sessionOfToken(token: string): LiveSession {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid?: unknown; sk?: unknown };
  if (typeof claims.sid !== 'string' || typeof claims.sk !== 'string') throw new Error('the access token names no session');
  return { sid: claims.sid, sk: Buffer.from(claims.sk, 'base64url'), token };
}

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');
let counter = 0;

function withCredentials(url: string, user: string, password: string, database: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  u.pathname = '/' + database;
  return u.toString();
}

/**
 * Clones the template database and starts the built server on it. With `reuseDatabase`, starts a
 * second server on an existing test database instead (a restart), which it neither creates nor drops;
 * with `keepDatabase`, close() stops the server but leaves the database for such a restart.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { reuseDatabase?: string; keepDatabase?: boolean; startTimeoutMs?: number } = {},
): Promise<TestApp> {
  const adminUrl = process.env.TF_TEST_ADMIN_URL!;
  const dbName =
    opts.reuseDatabase ?? `tf_test_${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  if (!opts.reuseDatabase) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${process.env.TF_TEST_TEMPLATE}`);
    await admin.end();
  }
  const u = new URL(adminUrl);
  const ownerUrl = withCredentials(adminUrl, decodeURIComponent(u.username), decodeURIComponent(u.password), dbName);
  const appUrl = withCredentials(adminUrl, 'tf_app', process.env.TF_TEST_APP_PASSWORD!, dbName);

  let out = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tf-test-data-')),
      DATABASE_URL: ownerUrl,
      APP_DATABASE_URL: appUrl,
      MASTER_KEY: process.env.TF_TEST_MASTER_KEY,
      JWT_SECRET: process.env.TF_TEST_JWT_SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      SEED_DEMO: 'false',
      JOBS: 'false',
      // One process, whatever NODE_ENV says (a test that wants workers asks: WORKERS=2, ADR 0022).
      WORKERS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const ms = opts.startTimeoutMs ?? 30000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${ms / 1000} s:\n${out}`));
    }, ms);
    const onData = () => {
      const m = /listening at (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });

  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();

  async function send<T>(
    query: string | Doc<T>,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query: query.toString(), variables }),
    });
    const text = await res.text();
    let body: GqlResult<T>;
    try {
      body = JSON.parse(text) as GqlResult<T>;
    } catch {
      body = { status: res.status, errors: [{ message: text }] };
    }
    return { ...body, status: res.status };
  }
  const gql: TestApp['gql'] = send;

  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const r = await gql(
      graphql(`
        mutation TestAppLogin($i: LoginInput!) {
          login(input: $i) {
            status
            accessToken
          }
        }
      `),
      { i: { username, password } },
    );
    const token = r.data?.login?.accessToken;
    if (!token) throw new Error(`login as ${username} failed: ${JSON.stringify(r.errors ?? r.data)}`);
    return token;
  }

  const sessions = new Map<string, LiveSession>();
  async function sessionOf(username: string, fresh = false): Promise<LiveSession> {
    const known = sessions.get(username);
    if (known && !fresh) return known;
    const session = sessionOfToken(await login(username));
    sessions.set(username, session);
    return session;
  }

  return {
    url,
    dbName,
    gql,
    output: () => out,
    login,
    async ownerQuery<R>(sql: string, params?: unknown[]): Promise<R[]> {
      return (await owner.query<R & Row>(sql, params)).rows;
    },
    async appRoleQuery<R>(sql: string, params?: unknown[], as?: Parameters<TestApp['appRoleQuery']>[2]): Promise<R[]> {
      let username: string | undefined;
      if (typeof as === 'string') username = as;
      else if (as) {
        const {
          rows: [u],
        } = await owner.query<{ username: string; roles: string[]; agency_id: string }>(
          `SELECT username, roles, agency_id FROM users WHERE id = $1`,
          [as.userId],
        );
        if (!u) throw new Error(`no user ${as.userId}`);
        const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
        if (!same(u.roles, as.roles) || u.agency_id !== as.agencyId)
          throw new Error(
            `appRoleQuery: ${u.username} has roles ${u.roles.join(',')} in their own agency, not ${as.roles.join(',')}: use a user who has them`,
          );
        username = u.username;
      }
      const run = async (fresh: boolean): Promise<R[] | null> => {
        const session = username ? await sessionOf(username, fresh) : undefined;
        const c = new Client({ connectionString: appUrl });
        await c.connect();
        try {
          await c.query('BEGIN');
          if (session) {
            const { rows } = await c.query<{ ok: boolean }>(`SELECT auth_bind_session($1, $2) AS ok`, [session.sid, session.sk]);
            if (!rows[0]?.ok) {
              await c.query('ROLLBACK');
              return null;
            }
          }
          const r = await c.query<R & Row>(sql, params);
          await c.query('COMMIT');
          return r.rows;
        } catch (e) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          await c.end();
        }
      };
      // A test may have ended the session the cache holds (sign-out, revocation): sign in again once.
      const rows = (await run(false)) ?? (await run(true));
      if (!rows) throw new Error(`appRoleQuery: ${username ?? '(nobody)'} has no live session (disabled or locked?)`);
      return rows;
    },
    async forgedQuery<R>(sql: string, params: unknown[], p: Parameters<TestApp['forgedQuery']>[2]): Promise<R[]> {
      const c = new Client({ connectionString: appUrl });
      await c.connect();
      try {
        await c.query('BEGIN');
        await c.query(
          `SELECT set_config('app.user_id', $1, true), set_config('app.agency_id', $2, true), set_config('app.task_force_id', $3, true), set_config('app.roles', $4, true)`,
          [p.userId, p.agencyId, p.taskForceId, p.roles.join(',')],
        );
        const r = await c.query<R & Row>(sql, params);
        await c.query('COMMIT');
        return r.rows;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        await c.end();
      }
    },
    async appRoleTx(statements, o = {}) {
      const c = new Client({ connectionString: appUrl });
      await c.connect();
      try {
        const results: Row[][] = [];
        if (o.transactions !== 'each') await c.query('BEGIN');
        for (const [sql, params] of statements) {
          if (o.transactions === 'each') await c.query('BEGIN');
          results.push((await c.query<Row>(sql, params)).rows);
          if (o.transactions === 'each') await c.query('COMMIT');
        }
        if (o.transactions !== 'each') await c.query('COMMIT');
        return results;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        await c.end();
      }
    },
    sessionOf,
    async close() {
      await owner.end();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (opts.reuseDatabase || opts.keepDatabase) return;
      const a = new Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The error codes of a GraphQL result, for terse assertions. */
export function codes(r: GqlResult): (string | undefined)[] {
  return (r.errors ?? []).map((e) => e.extensions?.code);
}

/**
 * The owner (migrator) connection string of a test app's database, e.g. for a CLI run against it
 * (`npm run audit:verify`). Same credentials as ownerQuery uses.
 */
export function ownerUrlOf(t: Pick<TestApp, 'dbName'>): string {
  const adminUrl = process.env.TF_TEST_ADMIN_URL!;
  const u = new URL(adminUrl);
  return withCredentials(adminUrl, decodeURIComponent(u.username), decodeURIComponent(u.password), t.dbName);
}

/** Runs one of the built command-line tools (dist/apps/api/src/cli/<name>.js) against a test database. */
export async function runCli(
  name: string,
  t: Pick<TestApp, 'dbName'>,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [resolve(__dirname, `../../dist/apps/api/src/cli/${name}.js`), ...args], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tf-test-cli-')),
      DATABASE_URL: ownerUrlOf(t),
      // Non-empty: prepareDatabase then leaves the (cluster-wide) tf_app password alone.
      APP_DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      APP_DB_PASSWORD: 'not-used-by-this-command',
      MASTER_KEY: process.env.TF_TEST_MASTER_KEY,
      JWT_SECRET: process.env.TF_TEST_JWT_SECRET,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, output };
}

/**
 * Demo personas for a suite: each signs in once, then `gql` sends as them and `ok` also insists on
 * no errors. `app` is read at every call, so a suite that restarts its server calls `forget()`.
 */
export function personas(app: () => TestApp) {
  const tokens = new Map<string, Promise<string>>();
  const as = (username: string): Promise<string> => {
    if (!tokens.has(username)) tokens.set(username, app().login(username));
    return tokens.get(username)!;
  };
  const gql = async <T = unknown>(query: Doc<T> | string, variables: Record<string, unknown>, username: string): Promise<GqlResult<T>> =>
    app().gql<T>(query, variables, await as(username));
  const ok = async <T = unknown>(query: Doc<T> | string, variables: Record<string, unknown>, username: string): Promise<T> => {
    const r = await gql<T>(query, variables, username);
    if (r.errors || r.data === undefined) throw new Error(`${username}: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  return { as, gql, ok, forget: () => tokens.clear() };
}
