'use strict';
/**
 * `npm run bench`: the API against raw SQL on the same data, in one run, printed as ratios.
 *
 *   npm run bench [-- --large 1000000 --small 10000 --duration 10 --steps list,dashboard,rls,mutation]
 *
 * 1. case list (50 cases, lead agency, assignees, victim count) and case detail: API vs raw `pg`, 16 connections;
 * 2. TASK_FORCE dashboard at --large cases vs at --small cases;
 * 3. a mutation (addCaseNote) with the audit chain vs a benchmark-only build without auditing, 32 writers;
 * 4. list queries with row-level security (the app role and a principal) vs the same SQL as the table owner;
 * 5. the server's memory (RSS) idle and under load.
 * Datasets are seeded once by `seed-scale` into bench/.data/cases-N and kept. Numbers only: nothing fails.
 */
const { join } = require('node:path');
const { Client } = require('pg');
const H = require('./lib/harness');
const Q = require('./lib/queries');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes a positive whole number, not "${process.argv[i + 1]}"`);
  return v;
};
const LARGE = arg('large', 1000000);
const SMALL = arg('small', 10000);
const DURATION = arg('duration', 10);
/** `--steps dashboard,list` runs only those (list, dashboard, rls, mutation); all by default. */
const STEPS = (() => {
  const i = process.argv.indexOf('--steps');
  return i < 0 ? null : process.argv[i + 1].split(',');
})();
const only = (steps) => (STEPS ? steps.filter((s) => STEPS.includes(s)) : steps);
const results = [];

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
function line(label, r) {
  H.say(
    `    ${label.padEnd(44)} ${fmt(r.rps).padStart(7)} req/s   p50 ${fmt(r.p50, 1).padStart(6)} ms   p99 ${fmt(r.p99, 1).padStart(6)} ms` +
      `${r.errors ? `   errors ${r.errors}` : ''}${r.peakRss ? `   peak RSS ${r.peakRss} MB` : ''}`,
  );
}
function ratio(label, a, b, target) {
  const x = a.rps / b.rps;
  results.push({ label, ratio: x, target, p50: a.p50 / b.p50, p99: a.p99 / b.p99 });
  H.say(
    `    => ${label}: ${fmt(x, 2)}x throughput (p50 ${fmt(a.p50 / b.p50, 2)}x, p99 ${fmt(a.p99 / b.p99, 2)}x)${target ? `   target ${target}` : ''}`,
  );
}

/** Who the benchmarks act as, and what they need of the data. */
async function context(db, server) {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    const principal = async (username) => {
      const {
        rows: [u],
      } = await c.query(
        `SELECT u.id AS "userId", u.agency_id AS "agencyId", a.task_force_id AS "taskForceId", u.roles
        FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`,
        [username],
      );
      return u;
    };
    const investigator = await principal(Q.INVESTIGATOR);
    const advocate = await principal(Q.ADVOCATE);
    const { rows: caseIds } = await c.query(
      `SELECT id FROM cases WHERE agency_id = $1 AND status <> 'CLOSED' ORDER BY opened_at DESC LIMIT 500`,
      [investigator.agencyId],
    );
    const counts = (
      await c.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM cases WHERE agency_id = $1)::int AS mine`, [
        investigator.agencyId,
      ])
    ).rows[0];
    // The database binds a principal only to a live session (docs/adr/0017): sign in, and present the
    // session's id and secret from the access token, as the server does.
    const tokens = { investigator: await server.login(Q.INVESTIGATOR), supervisor: await server.login(Q.SUPERVISOR) };
    const sessionOf = (token) => {
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      return { sid: claims.sid, sk: Buffer.from(claims.sk, 'base64url') };
    };
    Object.assign(investigator, sessionOf(tokens.investigator));
    Object.assign(advocate, sessionOf(await server.login(Q.ADVOCATE)));
    return { investigator, advocate, caseIds: caseIds.map((r) => r.id), counts, tokens };
  } finally {
    await c.end();
  }
}

async function listAndDetail(db, server, ctx, name) {
  H.say(
    `  1. case list and case detail, API vs raw SQL (${name}; ${fmt(ctx.counts.cases)} cases, ${fmt(ctx.counts.mine)} led by ${Q.INVESTIGATOR.split('.')[0].toUpperCase()}), 16 connections`,
  );
  const list = JSON.stringify({ query: Q.CASE_LIST });
  const check = await server.gql(Q.CASE_LIST, {}, ctx.tokens.investigator);
  if (check.errors || !check.data.cases.edges.length) throw new Error(`case list: ${JSON.stringify(check.errors ?? check.data)}`);
  const detailBody = (i) => JSON.stringify({ query: Q.CASE_DETAIL, variables: { id: ctx.caseIds[i % ctx.caseIds.length] } });
  const d = await server.gql(Q.CASE_DETAIL, { id: ctx.caseIds[0] }, ctx.tokens.investigator);
  if (d.errors) throw new Error(`case detail: ${JSON.stringify(d.errors)}`);

  const opts = { connections: 16, duration: DURATION };
  const rawList = await H.rawLoad(db.ownerUrl, { ...opts, run: (pool) => pool.query(Q.RAW_CASE_LIST, [ctx.investigator.agencyId]) });
  const apiList = await H.apiLoad(server, ctx.tokens.investigator, { ...opts, bodies: () => list });
  line('raw SQL: case list (pg pool 16)', rawList);
  line('API: cases(first: 50)', apiList);
  ratio(`case list API / raw (${name})`, apiList, rawList, '>= 0.5');
  const rawDetail = await H.rawLoad(db.ownerUrl, {
    ...opts,
    run: (pool, i) => pool.query(Q.RAW_CASE_DETAIL, [ctx.caseIds[i % ctx.caseIds.length]]),
  });
  const apiDetail = await H.apiLoad(server, ctx.tokens.investigator, { ...opts, bodies: detailBody });
  line('raw SQL: case detail', rawDetail);
  line('API: case(id)', apiDetail);
  ratio(`case detail API / raw (${name})`, apiDetail, rawDetail, '>= 0.3');
  return { apiList, apiDetail };
}

async function dashboard(server, ctx, name) {
  const body = JSON.stringify({ query: Q.DASHBOARD, variables: Q.dashboardPeriod() });
  const check = await server.gql(Q.DASHBOARD, Q.dashboardPeriod(), ctx.tokens.supervisor);
  if (check.errors) throw new Error(`dashboard: ${JSON.stringify(check.errors)}`);
  const r = await H.apiLoad(server, ctx.tokens.supervisor, { connections: 16, duration: DURATION, bodies: () => body });
  line(`API: dashboard(TASK_FORCE, last closed fiscal year) at ${name}`, r);
  return r;
}

async function rlsVsOwner(db, ctx) {
  H.say('  4. list queries with row-level security (app role + principal) vs the same SQL as the table owner, 16 connections,');
  H.say('     each a named prepared statement on both sides (as the app sends its hot reads: Db.prepared)');
  const opts = { connections: 16, duration: DURATION };
  for (const [i, q] of Q.RLS_LISTS.entries()) {
    const who = q.as === 'advocate' ? ctx.advocate : ctx.investigator;
    const run = (pool) => pool.connect().then((c) => H.asPrincipal(c, who, q.sql, [], `bench_list_${i}`).finally(() => c.release()));
    const asApp = await H.rawLoad(db.appUrl, { ...opts, run });
    const asOwner = await H.rawLoad(db.ownerUrl, { ...opts, run });
    line(`${q.name}: app role (RLS)`, asApp);
    line(`${q.name}: owner (no RLS)`, asOwner);
    ratio(`${q.name} with RLS / owner`, asApp, asOwner, '>= 0.85');
  }
}

async function mutations(db, dir, server, ctx, name) {
  H.say(`  3. mutation addCaseNote with the audit chain vs a benchmark-only build without auditing (${name}), 32 writers`);
  const body = (i) =>
    JSON.stringify({
      query: Q.ADD_NOTE,
      variables: { i: { caseId: ctx.caseIds[i % ctx.caseIds.length], body: `Benchmark note ${i}: surveillance log reviewed.` } },
    });
  const check = await server.gql(Q.ADD_NOTE, { i: { caseId: ctx.caseIds[0], body: 'Benchmark check note.' } }, ctx.tokens.investigator);
  if (check.errors) throw new Error(`addCaseNote: ${JSON.stringify(check.errors)}`);
  const audited = await H.apiLoad(server, ctx.tokens.investigator, { connections: 32, duration: DURATION, bodies: body });
  await server.stop();
  const bare = await H.startServer(db, dir, { preload: join(__dirname, 'lib/no-audit.js') });
  const token = await bare.login(Q.INVESTIGATOR);
  const unaudited = await H.apiLoad(bare, token, { connections: 32, duration: DURATION, bodies: body });
  await bare.stop();
  line('API: addCaseNote, audited', audited);
  line('API: addCaseNote, auditing disabled (bench build)', unaudited);
  ratio('mutation with audit / without', audited, unaudited, '>= 0.8');
}

async function dataset(cases, port, steps) {
  const { dir, seeded } = await H.ensureDataset(cases, port);
  const name = `${fmt(cases)} cases`;
  H.say(`\n== ${name} (seeded in ${fmt(seeded.seconds)} s) ==`);
  const db = await H.openDatabase(dir, port);
  let server;
  try {
    server = await H.startServer(db, dir);
    const ctx = await context(db, server);
    const idle = server.rssMb();
    const out = { idleRss: idle };
    if (steps.includes('list')) Object.assign(out, await listAndDetail(db, server, ctx, name));
    if (steps.includes('dashboard')) out.dashboard = await dashboard(server, ctx, name);
    if (steps.includes('rls')) await rlsVsOwner(db, ctx);
    out.peakRss = Math.max(out.apiList?.peakRss ?? 0, out.apiDetail?.peakRss ?? 0, out.dashboard?.peakRss ?? 0);
    H.say(`  5. server RSS: ${idle} MB after start, peak ${out.peakRss} MB under the loads above`);
    if (steps.includes('mutation')) {
      await mutations(db, dir, server, ctx, name);
      server = undefined;
    }
    return out;
  } finally {
    await server?.stop();
    await db.embedded?.stop();
  }
}

async function main() {
  H.say(`Benchmarks: ${DURATION} s per measurement, node ${process.version}, ${require('node:os').cpus().length} cores`);
  const small = await dataset(SMALL, 55440, only(['list', 'dashboard', 'rls', 'mutation']));
  const large = await dataset(LARGE, 55441, only(['list', 'dashboard', 'rls']));
  if (!small.dashboard || !large.dashboard) return summary();
  H.say('\n== dashboard at scale ==');
  line(`dashboard at ${fmt(SMALL)} cases`, small.dashboard);
  line(`dashboard at ${fmt(LARGE)} cases`, large.dashboard);
  ratio(
    `dashboard ${fmt(LARGE)} / ${fmt(SMALL)} (throughput; lower latency ratio is better)`,
    large.dashboard,
    small.dashboard,
    '>= 0.5 (within 2x)',
  );
  summary();
}

function summary() {
  H.say('\n== summary (ratios measured in this run) ==');
  for (const r of results) H.say(`  ${r.label.padEnd(60)} ${fmt(r.ratio, 2).padStart(6)}x   ${r.target ?? ''}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
