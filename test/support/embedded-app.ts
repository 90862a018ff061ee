import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD, GqlResult } from './test-app';

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** The database indicator of /health (terminus), with the embedded supervisor's state. */
export interface DatabaseHealth {
  status: 'up' | 'down';
  message?: string;
  embedded?: { state: string; attempt: number; restarts: number; since: string; lastError?: string };
}

export interface HealthBody {
  status: string;
  error?: { database?: DatabaseHealth };
  details: { database: DatabaseHealth };
}

/** The built server as `npm start` runs it: no DATABASE_URL, so it runs its own embedded PostgreSQL in DATA_DIR. */
export interface EmbeddedApp {
  url: string;
  pid: number;
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  login(username: string): Promise<string>;
  health(): Promise<{ status: number; body: HealthBody }>;
  output(): string;
  /**
   * Sends a signal and waits (up to `ms`) for the process to exit; true when it did. `group`: to the
   * server's whole process group, as a terminal's Ctrl-C does (the server runs as a group's leader).
   */
  signal(signal: NodeJS.Signals, ms?: number, group?: boolean): Promise<boolean>;
}

export async function startEmbeddedApp(
  dataDir: string,
  pgPort: number,
  env: Record<string, string> = {},
  startTimeoutMs = 60000,
): Promise<EmbeddedApp> {
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'true',
      JOBS: 'false',
      REQUEST_RATE_LIMIT: '100000',
      // One process, whatever NODE_ENV says (a test that wants workers asks: WORKERS=2, ADR 0022).
      WORKERS: '1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // The leader of its own process group, as a server started from a terminal is.
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start in ${startTimeoutMs / 1000} s:\n${out}`));
    }, startTimeoutMs);
    child.stdout!.on('data', () => {
      const m = /listening at (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  const gql: EmbeddedApp['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await res.json()) as GqlResult<never>), status: res.status };
  };
  return {
    url,
    pid: child.pid!,
    gql,
    output: () => out,
    async login(username) {
      const r = await gql<{ login: { accessToken: string | null } }>(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
        i: { username, password: DEMO_PASSWORD },
      });
      const token = r.data?.login.accessToken;
      if (!token) throw new Error(`login as ${username} failed: ${JSON.stringify(r.errors)}`);
      return token;
    },
    async health() {
      const res = await fetch(`${url}/health`);
      return { status: res.status, body: (await res.json()) as HealthBody };
    },
    async signal(signal, ms = 30000, group = false) {
      if (child.exitCode !== null || child.signalCode !== null) return true;
      if (group) process.kill(-child.pid!, signal);
      else child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
      clearTimeout(timer);
      return done;
    },
  };
}

/** The pid in DATA_DIR/pg/data/postmaster.pid, if the file is there. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(join(dataDir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/**
 * Every process of the cluster in DATA_DIR: PostgreSQL's processes (postmaster and backends alike)
 * run with the data folder as their working directory.
 */
export function clusterProcesses(dataDir: string): number[] {
  const data = join(dataDir, 'pg', 'data');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) !== data) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls `check` every 100 ms until it returns something truthy, or fails after `ms`. */
export async function eventually<T>(
  what: string,
  ms: number,
  check: () => Promise<T | undefined | false> | T | undefined | false,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}
