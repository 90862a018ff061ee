'use strict';
/**
 * What every benchmark needs: a scale database (seeded once, kept under bench/.data), the built
 * server on it as a child process, the peer (PostGraphile, bench/lib/peer.js) on the same database as
 * another, signed-in personas, and two load generators measured the same way: HTTP load against the
 * API and the peer (Debian's `wrk`, a C program, installed with apt when absent; autocannon, a Node
 * process on the same cores, only when wrk cannot be had), and a closed loop of the same number of
 * workers on a `pg` pool for raw SQL. Numbers only; nothing here fails a build.
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');
const autocannon = require('autocannon');
const { Pool } = require('pg');

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const core = require(join(DIST, 'libs/core/src'));
const { DEMO_PASSWORD } = require(join(DIST, 'apps/api/src/seed/demo-data'));
const WORK = join(ROOT, 'bench/.data');

const say = (m) => process.stdout.write(m + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The data directory of a scale dataset; seeded with `seed-scale` the first time (which takes a while at 1M). */
async function ensureDataset(cases, port) {
  const dir = join(ROOT, 'bench/.data', `cases-${cases}`);
  mkdirSync(dir, { recursive: true });
  const done = join(dir, 'seeded.json');
  const lock = join(dir, 'seeding.pid');
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // another bench run seeding this dataset: wait for it rather than seed it twice
  while (!existsSync(done) && existsSync(lock) && alive(Number(readFileSync(lock, 'utf8')))) await sleep(2000);
  if (existsSync(done)) return { dir, seeded: JSON.parse(readFileSync(done, 'utf8')) };
  writeFileSync(lock, String(process.pid));
  say(`  seeding ${cases.toLocaleString('en-US')} cases into ${dir} (once; kept for later runs) ...`);
  const started = Date.now();
  await new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(DIST, 'apps/api/src/cli/seed-scale.js'), '--cases', String(cases)], {
      env: { ...process.env, DATA_DIR: dir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'error', DATABASE_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`seed-scale exited with ${code}`))));
  });
  const seeded = { cases, seconds: Math.round((Date.now() - started) / 1000) };
  writeFileSync(done, JSON.stringify(seeded) + '\n');
  rmSync(lock, { force: true });
  return { dir, seeded };
}

/** Starts the embedded PostgreSQL of a dataset (migrations included) and returns its connection strings. */
async function openDatabase(dir, port) {
  process.env.EMBEDDED_PG_PORT = String(port);
  const config = core.loadConfig({ DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: 'development' });
  const db = await core.prepareDatabase(config);
  postgresDir = join(dir, 'pg', 'data');
  return { ...db, config };
}

/** The data folder of the PostgreSQL the loads run against (the last dataset opened): its CPU is counted. */
let postgresDir;
let clockTicks;

/** CPU time (ms) a process has used, user and system, with that of its children it has reaped. */
function cpuOf(pid) {
  clockTicks ??= (() => {
    try {
      return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      return 100;
    }
  })();
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** A process's CPU time and its live children's (a server's workers; the postmaster's backends). */
function cpuOfTree(pid) {
  return [pid, ...childrenOf(pid)].reduce((sum, p) => sum + cpuOf(p), 0);
}

/** CPU time so far of the HTTP server (`pid`, with its workers; `primary`: `pid` alone) and of PostgreSQL. */
function cpuNow(pid) {
  let pg = NaN;
  try {
    pg = cpuOfTree(Number(readFileSync(join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]));
  } catch {
    // no PostgreSQL of ours to watch
  }
  return { server: pid ? cpuOfTree(pid) : NaN, primary: pid ? cpuOf(pid) : NaN, pg };
}

/** CPU ms per request of the server and of PostgreSQL between two cpuNow readings. */
function cpuPerRequest(before, after, requests) {
  const per = (k) => (after[k] - before[k]) / requests;
  return { server: per('server'), primary: per('primary'), pg: per('pg') };
}

/**
 * The built server (dist) on a dataset's database, as a child process; `preload` runs a module first
 * (the benchmark-only build without auditing). Rate limits are raised, jobs are off (the seed has
 * compacted the dashboard counts), tokens live an hour. It runs as deployed, NODE_ENV=production (as
 * the peer does): graphql-js, Apollo and Express skip their development-time checks; the dataset's
 * secrets are read from its files, MFA is not required of the bench's personas.
 */
async function startServer(db, dir, { preload, env = {}, nodeArgs = [] } = {}) {
  const args = [...nodeArgs, ...(preload ? ['-r', preload] : []), join(DIST, 'apps/api/src/main.js')];
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      DATABASE_URL: db.ownerUrl,
      APP_DATABASE_URL: db.appUrl,
      SEED_DEMO: 'false',
      JOBS: 'false',
      LOG_LEVEL: 'error',
      MFA_REQUIRED: 'false',
      REQUEST_RATE_LIMIT: '100000000',
      LOGIN_RATE_PER_ADDRESS: '100000',
      ACCESS_TOKEN_TTL: '3600',
      DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? '10',
      // `WORKERS=2 npm run bench`: the API with that many HTTP workers (ADR 0022); 1 unless asked.
      WORKERS: process.env.WORKERS ?? '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 60000);
    const check = () => {
      const m = /listening at (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const server = {
    url,
    pid: child.pid,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    async ok(query, variables, token) {
      const r = await server.gql(query, variables, token);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    },
    async login(username) {
      const d = await server.ok(`mutation($i: LoginInput!) { login(input: $i) { status accessToken } }`, {
        i: { username, password: DEMO_PASSWORD },
      });
      if (!d.login.accessToken) throw new Error(`${username}: ${d.login.status}`);
      return d.login.accessToken;
    },
    /** The server's RSS: with WORKERS > 1, the primary's and its workers' together. */
    rssMb: () => [child.pid, ...childrenOf(child.pid)].reduce((sum, pid) => sum + rssOf(pid), 0),
    async stop() {
      child.removeAllListeners('exit');
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10000)]);
    },
  };
  return server;
}

/**
 * The peer: PostGraphile (bench/lib/peer.js) as its own process over the dataset's database as
 * `tf_app`, with the same principals as the API (`principals`: user id -> principal) and the API's
 * token secret, its pool the size of the API's.
 */
async function startPeer(db, principals) {
  const child = spawn(process.execPath, [join(__dirname, 'peer.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PEER_DATABASE_URL: db.appUrl,
      PEER_JWT_SECRET: db.config.jwtSecret,
      PEER_PRINCIPALS: JSON.stringify(principals),
      PEER_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const { url, principal } = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`peer did not start:\n${out}`)), 60000);
    child.stdout.on('data', () => {
      const m = /peer listening at (http:\/\/[^\s/]+) \(principal: ([^)]+)\)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], principal: m[2] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`peer exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    /** How the peer sets the principal: 'app.* settings' or 'auth_bind_session'. */
    principal,
    pid: child.pid,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    rssMb: () => rssOf(child.pid),
    async stop() {
      child.removeAllListeners('exit');
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10000)]);
    },
  };
}

/** A process's children (a WORKERS > 1 server's workers), by pid. */
function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The HTTP load generator: `wrk` if it is on the PATH or apt can install it (as root), else
 * autocannon. Decided once per run; `name` says which, for the output.
 */
let generator;
function loadGenerator() {
  if (generator) return generator;
  const has = () => spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).status === 0;
  let how = 'found on the PATH';
  if (
    !has() &&
    process.env.BENCH_LOAD !== 'autocannon' &&
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
  ) {
    say('  wrk not found: apt-get install -y wrk ...');
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      install();
    }
    how = 'installed with apt-get';
  }
  const version = has() ? (spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim() : '';
  generator =
    process.env.BENCH_LOAD !== 'autocannon' && has()
      ? { kind: 'wrk', name: `wrk (${version || 'wrk'}; ${how}), a C program, 2 threads` }
      : { kind: 'autocannon', name: 'autocannon (wrk could not be had: a Node process on the same cores, which understates the servers)' };
  return generator;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Lua for wrk: POSTs the bodies in turn (each thread from its own offset) with the bearer token; prints a JSON summary. */
function wrkScript(token, bodies) {
  const long = (t) => `[==[${t}]==]`;
  return `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = ${long(`Bearer ${token}`)}
local bodies = { ${bodies.map(long).join(',\n')} }
local i = 0
local n = #bodies
function init(args) i = math.random(0, n - 1) end
function request()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i % n) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration":%d,"p50":%f,"p99":%f,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;
}

async function wrkLoad(url, token, { connections, duration, bodies }) {
  mkdirSync(WORK, { recursive: true });
  const script = join(WORK, `wrk-${process.pid}.lua`);
  const n = Math.min(500, bodies.count ?? 1);
  writeFileSync(
    script,
    wrkScript(
      token,
      Array.from({ length: n }, (_, i) => bodies(i)),
    ),
  );
  const threads = String(Math.min(2, connections));
  const out = await new Promise((ok, fail) => {
    const child = spawn('wrk', ['-t', threads, '-c', String(connections), '-d', `${duration}s`, '--timeout', '10s', '-s', script, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.once('exit', (code) => (code === 0 ? ok(text) : fail(new Error(`wrk exited with ${code}: ${text}`))));
  }).finally(() => rmSync(script, { force: true }));
  const m = /WRK_JSON (\{.*\})/.exec(out);
  if (!m) throw new Error(`wrk printed no summary: ${out}`);
  const r = JSON.parse(m[1]);
  const seconds = r.duration / 1e6;
  return { rps: r.requests / seconds, p50: r.p50, p99: r.p99, errors: r.errors, total: r.requests };
}

/**
 * HTTP load on a GraphQL endpoint (the API's or the peer's) with the run's load generator:
 * `bodies(i)` gives the i-th request's body (`bodies.count`: how many distinct ones; wrk cycles
 * through up to 500 of them). Samples the server's RSS while it runs. Returns requests/s, p50 and
 * p99 (ms), errors and peak RSS.
 */
async function apiLoad(server, token, { connections, duration, bodies }) {
  let i = 0;
  let peakRss = server.rssMb();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.rssMb());
  }, 250);
  const cpu0 = cpuNow(server.pid);
  if (loadGenerator().kind === 'wrk') {
    try {
      const r = await wrkLoad(`${server.url}/graphql`, token, { connections, duration, bodies });
      return { ...r, peakRss, cpu: cpuPerRequest(cpu0, cpuNow(server.pid), r.total) };
    } finally {
      clearInterval(sampler);
    }
  }
  const r = await autocannon({
    url: `${server.url}/graphql`,
    connections,
    duration,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: bodies(i++) }),
      },
    ],
  });
  clearInterval(sampler);
  return {
    rps: r.requests.total / duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    total: r.requests.total,
    peakRss,
    cpu: cpuPerRequest(cpu0, cpuNow(server.pid), r.requests.total),
  };
}

/** The same load as raw SQL: `connections` workers in a closed loop on a pool of that size. */
async function rawLoad(connectionString, { connections, duration, run }) {
  const pool = new Pool({ connectionString, max: connections });
  const latencies = [];
  let errors = 0;
  await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
  const end = Date.now() + duration * 1000;
  const cpu0 = cpuNow(null);
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      for (let i = w; Date.now() < end; i += connections) {
        const t0 = process.hrtime.bigint();
        try {
          await run(pool, i);
        } catch (e) {
          if (errors++ === 0) say(`    raw error: ${e.message}`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const cpu = cpuPerRequest(cpu0, cpuNow(null), latencies.length);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    total: latencies.length,
    cpu,
  };
}

/**
 * Waits until the server's audit checkpointer (ADR 0016) has signed a checkpoint at or past the chain
 * head as it was at start. A freshly seeded dataset has a trail no checkpoint covers (the seed writes
 * its events through the chain trigger, not through a server), and the first checkpoint verifies all
 * of it: at 1M cases a backend busy for minutes, which would otherwise run under the loads (the first
 * dashboard runs at 1M measured it, not the dashboard). Once signed, later starts verify only what
 * came after, as a running server does.
 */
async function awaitAuditCheckpoint(db, dir, timeoutMs = 900000) {
  const pool = new Pool({ connectionString: db.ownerUrl, max: 1 });
  const [{ head }] = (await pool.query(`SELECT last_seq::text AS head FROM audit_chain_head`)).rows;
  await pool.end();
  const file = join(dir, 'audit-checkpoints.jsonl');
  const signedTo = () => {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
    const seqs = lines
      .map((l) => JSON.parse(l))
      .filter((x) => x.type === 'checkpoint')
      .map((x) => BigInt(x.seq));
    return seqs.reduce((a, b) => (b > a ? b : a), -1n);
  };
  const start = Date.now();
  if (signedTo() >= BigInt(head)) return;
  say(`  waiting for the server's first audit checkpoint over ${Number(head).toLocaleString('en-US')} events (ADR 0016) ...`);
  while (signedTo() < BigInt(head)) {
    if (Date.now() - start > timeoutMs) throw new Error('the audit checkpoint did not catch up');
    await sleep(1000);
  }
  say(`  audit checkpoint signed at the head after ${((Date.now() - start) / 1000).toFixed(0)} s`);
}

/**
 * Runs `sql` in a transaction with the app's principal set, as every request does; with `name`, as a
 * named prepared statement (as the app's Db.prepared sends its hot reads).
 */
async function asPrincipal(client, principal, sql, params, name) {
  await client.query('BEGIN');
  try {
    const bound = await client.query({
      name: name ? 'bench_principal' : undefined,
      text: `SELECT auth_bind_session($1, $2) AS ok`,
      values: [principal.sid, principal.sk],
    });
    if (!bound.rows[0].ok) throw new Error('the benchmark session is not live');
    const r = await client.query({ name, text: sql, values: params });
    await client.query('COMMIT');
    return r;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

module.exports = {
  ROOT,
  say,
  sleep,
  ensureDataset,
  openDatabase,
  startServer,
  startPeer,
  awaitAuditCheckpoint,
  loadGenerator,
  apiLoad,
  rawLoad,
  asPrincipal,
  core,
};
