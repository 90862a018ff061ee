import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import {
  AppConfig,
  EMBEDDED_STATUS_KEY,
  embeddedMirror,
  isToWorker,
  listenToPrimary,
  loadConfig,
  loadSystemKeys,
  prepareDatabase,
  PreparedDatabase,
  PrimaryHub,
  restartDelayMs,
  SystemKeys,
  tell,
  ToWorker,
} from '@app/core';
import { createApp } from './create-app';
import { seedDemo } from './seed/demo-seed';
import { DEMO_AGENCIES, DEMO_PASSWORD } from './seed/demo-data';

const say = (m: string) => process.stdout.write(m + '\n');

/** What the server prints once it serves: where, and (with the demo) whom to sign in as. */
function banner(config: AppConfig, port: number, db: PreparedDatabase, seeded: boolean, workers?: number[]): void {
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  say('');
  say(`Task-force case tracker is listening at ${base}/`);
  say(`  Web console (open it in a browser): ${base}/`);
  say(`  GraphQL endpoint${config.graphql.introspection ? ' and sandbox' : ''}: ${base}/graphql`);
  say(`  Health: ${base}/health`);
  say(`  Database: ${db.embedded ? `embedded PostgreSQL (data in ${config.dataDir})` : 'DATABASE_URL'}`);
  if (workers) say(`  Workers: ${workers.length} (pids ${workers.join(', ')}), primary pid ${process.pid}`);
  if (config.seedDemo) {
    say('');
    say(`Demo task force ${seeded ? 'created' : 'already present'}. Sign in to the console at ${base}/ as any of these users.`);
    say(`  Password for every demo user (demo only): ${DEMO_PASSWORD}`);
    for (const a of DEMO_AGENCIES)
      say(`  ${a.name}: ${a.users.map((u) => `${u.username} (${u.roles.join(', ').toLowerCase()})`).join(', ')}`);
    say('');
    say('  Start with lcso.investigator (leads, cases, deconfliction), then cpd.investigator and usao.prosecutor.');
    say('  GraphQL: mutation { login(input: {username: "lcso.investigator", password: "' + DEMO_PASSWORD + '"}) { accessToken } },');
    say('  then send the accessToken as the header  Authorization: Bearer <token>');
  }
}

/** The database ready (embedded PostgreSQL started, migrations run), the key ring and the demo seeded. */
async function prepare(config: AppConfig): Promise<{ db: PreparedDatabase; systemKeys: SystemKeys; seeded: boolean }> {
  const db = await prepareDatabase(config, say, { as: 'server' });
  // Creates the system keys on a first start, before any worker reads them.
  const systemKeys = await loadSystemKeys(db.ownerUrl, config.masterKey);
  const seeded = config.seedDemo ? (await seedDemo(db.ownerUrl, config.masterKey)).seeded : false;
  return { db, systemKeys, seeded };
}

/** WORKERS=1: everything in this one process, as before ADR 0022. */
async function single(config: AppConfig): Promise<void> {
  const { db, systemKeys, seeded } = await prepare(config);
  const app = await createApp(config, db.appUrl, systemKeys, db.ownerUrl, db.embedded);
  await app.listen(config.port, config.host);
  banner(config, ((app.getHttpServer() as Server).address() as AddressInfo).port, db, seeded);
  // A normal stop, in order: the app closes (its pool and jobs end), then the embedded postmaster
  // stops (fast shutdown, waited for), then the process exits. Nothing is left running on DATA_DIR.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = await closeApp(app, signal);
    await db.embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));
}

async function closeApp(app: INestApplication, why: string): Promise<number> {
  try {
    await app.close();
    return 0;
  } catch (e) {
    console.error(`Closing the app on ${why} failed:`, e);
    return 1;
  }
}

/** How a worker ended: its signal, or its exit code (@types/node types neither as nullable; one of them is). */
function exitOf(code: number | null, signal: string | null): string {
  return signal ?? String(code);
}

/** How long a stopping primary waits for its workers to close before it kills them. */
const WORKER_STOP_MS = 15_000;

/**
 * WORKERS > 1 (ADR 0022): this process owns the embedded PostgreSQL, the migrations, the seed and the
 * signals, and holds the rate limits; it forks the workers that serve HTTP on the one port, replaces
 * any that dies, and on SIGINT/SIGTERM stops them all before it stops PostgreSQL.
 */
async function primary(config: AppConfig): Promise<void> {
  const { db, seeded } = await prepare(config);
  const hub = new PrimaryHub();
  let lastStatus = '';
  const pushStatus = () => {
    const status = db.embedded?.status();
    if (!status || JSON.stringify(status) === lastStatus) return;
    lastStatus = JSON.stringify(status);
    hub.publish(EMBEDDED_STATUS_KEY, status);
  };
  pushStatus();
  const statusTimer = setInterval(pushStatus, 250);

  let stopping = false;
  let started = false;
  const ports = new Map<Worker, number>();
  /** Quick deaths in a row (a worker that dies before it serves): each waits longer before it is replaced. */
  let failures = 0;

  const fork = (singletons: boolean): Worker => {
    const worker = cluster.fork();
    hub.attach(worker, singletons);
    worker.once('online', () =>
      tell(worker, { tf: 'boot', ownerUrl: db.ownerUrl, appUrl: db.appUrl, singletons, state: hub.snapshot() } satisfies ToWorker),
    );
    worker.once('listening', (address: { port: number }) => {
      ports.set(worker, address.port);
      failures = 0;
      if (!started && ports.size === config.workers) {
        started = true;
        banner(
          config,
          address.port,
          db,
          seeded,
          [...ports.keys()].map((w) => w.process.pid ?? 0),
        );
      }
    });
    worker.once('exit', (code, signal) => {
      const served = ports.delete(worker);
      if (stopping) return;
      if (!started) {
        console.error(`Failed to start: worker ${worker.process.pid} exited (${exitOf(code, signal)}) before it served`);
        void stop('SIGTERM', 1);
        return;
      }
      const delay = served ? 0 : restartDelayMs(++failures);
      console.error(`Worker ${worker.process.pid} exited (${exitOf(code, signal)}); starting another${delay ? ` in ${delay} ms` : ''}`);
      setTimeout(() => {
        if (!stopping) fork(singletons);
      }, delay);
    });
    return worker;
  };

  const stop = async (why: NodeJS.Signals, code = 0) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exited = Promise.all(workers.map((w) => (w.isDead() ? Promise.resolve() : new Promise((r) => w.once('exit', r)))));
    for (const w of workers) tell(w, { tf: 'shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), WORKER_STOP_MS))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      console.error(`Workers still running ${WORKER_STOP_MS / 1000} s after ${why}: killing them`);
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
      await exited;
      code = 1;
    }
    clearInterval(statusTimer);
    await db.embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));

  for (let i = 0; i < config.workers; i++) fork(i === 0);
}

/** A worker: told by the primary where the database is and whether it runs the singletons, it serves HTTP. */
async function worker(config: AppConfig): Promise<void> {
  // Listening for the stop comes first: a worker still booting when the server stops just exits.
  const running: { app?: INestApplication } = {};
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    process.exit(running.app ? await closeApp(running.app, why) : 0);
  };
  process.on('message', (m: unknown) => {
    if (isToWorker(m) && m.tf === 'shutdown') void stop('shutdown');
  });
  // Ctrl-C reaches the whole process group: the primary decides the order of the stop.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const boot = await new Promise<Extract<ToWorker, { tf: 'boot' }>>((ok) => {
    const onMessage = (m: unknown) => {
      if (isToWorker(m) && m.tf === 'boot') {
        process.off('message', onMessage);
        ok(m);
      }
    };
    process.on('message', onMessage);
  });
  listenToPrimary(boot.state);
  const systemKeys = await loadSystemKeys(boot.ownerUrl, config.masterKey);
  const embedded = config.databaseUrl ? undefined : embeddedMirror(config.embeddedPgPort);
  const app = await createApp(config, boot.appUrl, systemKeys, boot.ownerUrl, embedded, { cluster: true, singletons: boot.singletons });
  // Which worker answered (the workers test tells them apart by it): a pid, nothing about the data.
  const pid = String(process.pid);
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Worker', pid);
    next();
  });
  running.app = app;
  await app.listen(config.port, config.host);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isWorker) return worker(config);
  if (config.workers > 1) return primary(config);
  return single(config);
}

main().catch((e: unknown) => {
  console.error('Failed to start:', e);
  process.exit(1);
});
