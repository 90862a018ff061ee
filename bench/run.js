'use strict';
/**
 * `npm run bench`: the API against raw SQL and against the peer a team would pick instead
 * (PostGraphile, over the same database as `tf_app` with the same principal, so the same RLS), on
 * the same data, in one run, printed as ratios.
 *
 *   [WORKERS=2] npm run bench [-- --small 10000 --medium 100000 --large 1000000 --duration 10 --connections 16,64
 *                     --steps list,dashboard,rls,mutation]
 *
 * 1. case list (50 cases, lead agency, victim count) and case detail (participants, subjects,
 *    charges): API vs PostGraphile vs raw `pg`, at 16 and 64 connections, at --small and --medium cases;
 * 2. TASK_FORCE dashboard at --large cases (seeded for this alone) vs at --small cases;
 * 3. a mutation (addCaseNote) with the audit chain vs a benchmark-only build without auditing, 32 writers;
 * 4. list queries with row-level security (the app role and a principal) vs the same SQL as the table owner;
 * 5. the server's memory (RSS) idle and under load.
 * Datasets are seeded once by `seed-scale` into bench/.data/cases-N and kept. Numbers only: nothing fails.
 */
const { join } = require('node:path');
const { Client } = require('pg');
const H = require('./lib/harness');
const Q = require('./lib/queries');

const arg = (name, dflt, min = 1) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} takes a whole number >= ${min}, not "${process.argv[i + 1]}"`);
  return v;
};
/** `--large 0` leaves out the dashboard at scale (its dataset takes ~10 min to seed the first time). */
const LARGE = arg('large', 1000000, 0);
/** `--medium 0` leaves out the second dataset (a quicker look at one size). */
const MEDIUM = arg('medium', 100000, 0);
const SMALL = arg('small', 10000);
const DURATION = arg('duration', 10);
/** Seconds of unrecorded load on each side before its measurement (JIT, plan and document caches). */
const WARMUP = arg('warmup', 2);
/** Embedded PostgreSQL ports: BENCH_PORT, +1, +2 for the three datasets. */
const PORT = Number(process.env.BENCH_PORT ?? 55440);
const CONNECTIONS = (() => {
  const i = process.argv.indexOf('--connections');
  const list = i < 0 ? [16, 64] : process.argv[i + 1].split(',').map(Number);
  if (!list.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`--connections takes whole numbers, not "${process.argv[i + 1]}"`);
  return list;
})();
/** `--steps dashboard,list` runs only those (list, dashboard, rls, mutation); all by default. */
const STEPS = (() => {
  const i = process.argv.indexOf('--steps');
  return i < 0 ? null : process.argv[i + 1].split(',');
})();
const only = (steps) => (STEPS ? steps.filter((s) => STEPS.includes(s)) : steps);
const results = [];
/** The API / peer / raw table: one row per dataset, question and number of connections. */
const peerRows = [];

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
function line(label, r) {
  H.say(
    `    ${label.padEnd(44)} ${fmt(r.rps).padStart(7)} req/s   p50 ${fmt(r.p50, 1).padStart(6)} ms   p99 ${fmt(r.p99, 1).padStart(6)} ms` +
      `${r.errors ? `   errors ${r.errors}` : ''}${r.peakRss ? `   peak RSS ${r.peakRss} MB` : ''}${cpuText(r.cpu)}`,
  );
}
/** CPU per request: the HTTP server's (all its processes; none for raw SQL, whose client is this process) and PostgreSQL's. */
function cpuText(cpu) {
  if (!cpu) return '';
  const server = Number.isFinite(cpu.server) ? `server ${fmt(cpu.server, 2)} (its primary ${fmt(cpu.primary, 2)}) + ` : '';
  return Number.isFinite(cpu.pg) ? `   CPU/request: ${server}PostgreSQL ${fmt(cpu.pg, 2)} ms` : '';
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
    const supervisor = await principal(Q.SUPERVISOR);
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
    /** What the peer's tokens stand for (user id -> principal), where it sets the app.* settings itself. */
    const principals = Object.fromEntries(
      [investigator, advocate, supervisor].map(({ userId, agencyId, taskForceId, roles }) => [
        userId,
        { userId, agencyId, taskForceId, roles },
      ]),
    );
    return { investigator, advocate, principals, caseIds: caseIds.map((r) => r.id), counts, tokens };
  } finally {
    await c.end();
  }
}

/** Same answer from the API and the peer (same cases in the same order), or say where they differ. */
async function sameAnswers(server, peer, ctx) {
  const api = await server.gql(Q.CASE_LIST, {}, ctx.tokens.investigator);
  if (api.errors || !api.data.cases.edges.length) throw new Error(`case list: ${JSON.stringify(api.errors ?? api.data)}`);
  const p = await peer.gql(Q.PEER_CASE_LIST, {}, ctx.tokens.investigator);
  if (p.errors) throw new Error(`peer case list: ${JSON.stringify(p.errors)}`);
  const a = api.data.cases.edges.map((e) => `${e.node.id}:${e.node.victimCount}:${e.node.leadAgency.name}`);
  const b = p.data.allCases.edges.map((e) => `${e.node.id}:${e.node.victimCount}:${e.node.agencyByAgencyId.name}`);
  const d = await server.gql(Q.CASE_DETAIL, { id: ctx.caseIds[0] }, ctx.tokens.investigator);
  if (d.errors) throw new Error(`case detail: ${JSON.stringify(d.errors)}`);
  const pd = await peer.gql(Q.PEER_CASE_DETAIL, { id: ctx.caseIds[0] }, ctx.tokens.investigator);
  if (pd.errors || !pd.data.caseById) throw new Error(`peer case detail: ${JSON.stringify(pd.errors ?? pd.data)}`);
  const c = d.data.case;
  const pc = pd.data.caseById;
  const detailSame =
    c.subjects.length === pc.subjectsByCaseId.nodes.length &&
    c.charges.length === pc.chargesByCaseId.nodes.length &&
    c.participants.length === pc.caseParticipantsByCaseId.nodes.length &&
    c.victimCount === pc.victimCount;
  const unauthenticated = await peer.gql(Q.PEER_CASE_LIST, {}, 'not-a-token');
  H.say(
    `     same answers: case list ${a.join() === b.join() ? 'identical (50 ids, victim counts, lead agencies)' : `DIFFERENT (API ${a.length}, peer ${b.length} rows)`}; ` +
      `case detail ${detailSame ? 'same subjects, charges, participants, victim count' : 'DIFFERENT'}; ` +
      `peer without a principal sees ${unauthenticated.data?.allCases?.edges.length ?? 'an error and'} cases (RLS); peer's principal: ${peer.principal}`,
  );
}

function peerRatios(name, question, connections, api, peer, raw, targets) {
  ratio(`${question} API / raw (${name}, ${connections} conn)`, api, raw, targets.raw);
  ratio(`${question} peer / raw (${name}, ${connections} conn)`, peer, raw);
  ratio(`${question} API / peer (${name}, ${connections} conn)`, api, peer, '>= 1.2');
  peerRows.push({
    name,
    question,
    connections,
    apiRaw: api.rps / raw.rps,
    peerRaw: peer.rps / raw.rps,
    apiPeer: api.rps / peer.rps,
    api,
    peer,
    raw,
  });
}

/** HTTP load after WARMUP seconds of the same load, unrecorded. */
async function warm(target, token, opts) {
  await H.apiLoad(target, token, { ...opts, duration: WARMUP });
  return H.apiLoad(target, token, opts);
}

async function listAndDetail(db, server, peer, ctx, name) {
  H.say(
    `  1. case list and case detail, API vs PostGraphile (the peer, as tf_app under RLS) vs raw SQL (owner) (${name}; ` +
      `${fmt(ctx.counts.cases)} cases, ${fmt(ctx.counts.mine)} led by ${Q.INVESTIGATOR.split('.')[0].toUpperCase()}), load: ${H.loadGenerator().name}`,
  );
  await sameAnswers(server, peer, ctx);
  const list = Object.assign(() => JSON.stringify({ query: Q.CASE_LIST }), { count: 1 });
  const peerList = Object.assign(() => JSON.stringify({ query: Q.PEER_CASE_LIST }), { count: 1 });
  const id = (i) => ctx.caseIds[i % ctx.caseIds.length];
  const count = { count: ctx.caseIds.length };
  const detail = Object.assign((i) => JSON.stringify({ query: Q.CASE_DETAIL, variables: { id: id(i) } }), count);
  const peerDetail = Object.assign((i) => JSON.stringify({ query: Q.PEER_CASE_DETAIL, variables: { id: id(i) } }), count);
  const out = {};
  for (const connections of CONNECTIONS) {
    const opts = { connections, duration: DURATION };
    H.say(
      `   ${connections} connections (raw SQL: a pg pool of ${connections}; API and peer: pools of ${process.env.BENCH_DB_POOL_SIZE ?? 10})`,
    );
    const rawList = await H.rawLoad(db.ownerUrl, { ...opts, run: (pool) => pool.query(Q.RAW_CASE_LIST, [ctx.investigator.agencyId]) });
    const apiList = await warm(server, ctx.tokens.investigator, { ...opts, bodies: list });
    const peerListR = await warm(peer, ctx.tokens.investigator, { ...opts, bodies: peerList });
    line('raw SQL: case list', rawList);
    line('API: cases(first: 50)', apiList);
    line('peer: allCases(first: 50, orderBy: OPENED_AT_DESC)', peerListR);
    peerRatios(name, 'case list', connections, apiList, peerListR, rawList, { raw: '>= 0.35 (goal 0.5)' });
    const rawDetail = await H.rawLoad(db.ownerUrl, { ...opts, run: (pool, i) => pool.query(Q.RAW_CASE_DETAIL, [id(i)]) });
    const apiDetail = await warm(server, ctx.tokens.investigator, { ...opts, bodies: detail });
    const peerDetailR = await warm(peer, ctx.tokens.investigator, { ...opts, bodies: peerDetail });
    line('raw SQL: case detail', rawDetail);
    line('API: case(id)', apiDetail);
    line('peer: caseById(id)', peerDetailR);
    peerRatios(name, 'case detail', connections, apiDetail, peerDetailR, rawDetail, { raw: '>= 0.2 (goal 0.3)' });
    const peak = (k, r) => Math.max(out[k]?.peakRss ?? 0, r.peakRss);
    Object.assign(out, {
      apiList: { ...apiList, peakRss: peak('apiList', apiList) },
      apiDetail: { ...apiDetail, peakRss: peak('apiDetail', apiDetail) },
      peerList: { ...peerListR, peakRss: peak('peerList', peerListR) },
      peerDetail: { ...peerDetailR, peakRss: peak('peerDetail', peerDetailR) },
    });
  }
  await floors(server, peer, ctx);
  return out;
}

/**
 * The floors under both questions, at the first number of connections: `{ __typename }` (the HTTP and
 * GraphQL stack, nothing authenticated) and the signed-in user (`me` through the API: authentication
 * and its transaction; `currentUserId` through the peer: its principal settings and one statement).
 * What a request costs each server before it reads anything (CPU per request).
 */
async function floors(server, peer, ctx) {
  const opts = { connections: CONNECTIONS[0], duration: DURATION };
  const body = (query) => Object.assign(() => JSON.stringify({ query }), { count: 1 });
  H.say(`   floors (${CONNECTIONS[0]} connections): what a request costs before it reads anything`);
  line('API: { __typename }', await warm(server, ctx.tokens.investigator, { ...opts, bodies: body('{ __typename }') }));
  line('peer: { __typename }', await warm(peer, ctx.tokens.investigator, { ...opts, bodies: body('{ __typename }') }));
  line('API: { me { username } }', await warm(server, ctx.tokens.investigator, { ...opts, bodies: body('{ me { username } }') }));
  line('peer: { appUserId }', await warm(peer, ctx.tokens.investigator, { ...opts, bodies: body('{ appUserId }') }));
}

async function dashboard(server, ctx, name) {
  const body = Object.assign(() => JSON.stringify({ query: Q.DASHBOARD, variables: Q.dashboardPeriod() }), { count: 1 });
  const check = await server.gql(Q.DASHBOARD, Q.dashboardPeriod(), ctx.tokens.supervisor);
  if (check.errors) throw new Error(`dashboard: ${JSON.stringify(check.errors)}`);
  const r = await H.apiLoad(server, ctx.tokens.supervisor, { connections: 16, duration: DURATION, bodies: body });
  line(`API: dashboard(TASK_FORCE, last closed fiscal year) at ${name}`, r);
  return r;
}

async function rlsVsOwner(db, ctx) {
  H.say('  4. list queries with row-level security (app role + principal) vs the same SQL as the table owner, 16 connections,');
  H.say('     each a named prepared statement on both sides (as the app sends its hot reads: Db.prepared)');
  const opts = { connections: 16, duration: DURATION };
  for (const [i, q] of Q.RLS_LISTS.entries()) {
    const who = q.as === 'advocate' ? ctx.advocate : ctx.investigator;
    const run = (pool) =>
      pool.connect().then((c) => H.asPrincipal(c, who, q.sql, [Q.RLS_LIMIT], `bench_list_${i}`).finally(() => c.release()));
    const asApp = await H.rawLoad(db.appUrl, { ...opts, run });
    const asOwner = await H.rawLoad(db.ownerUrl, { ...opts, run });
    line(`${q.name}: app role (RLS)`, asApp);
    line(`${q.name}: owner (no RLS)`, asOwner);
    ratio(`${q.name} with RLS / owner`, asApp, asOwner, '>= 0.85');
  }
}

async function mutations(db, dir, server, ctx, name) {
  H.say(`  3. mutation addCaseNote with the audit chain vs a benchmark-only build without auditing (${name}), 32 writers`);
  const body = Object.assign(
    (i) =>
      JSON.stringify({
        query: Q.ADD_NOTE,
        variables: { i: { caseId: ctx.caseIds[i % ctx.caseIds.length], body: `Benchmark note ${i}: surveillance log reviewed.` } },
      }),
    { count: 500 },
  );
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
  let peer;
  try {
    server = await H.startServer(db, dir);
    await H.awaitAuditCheckpoint(db, dir);
    const ctx = await context(db, server);
    const idle = server.rssMb();
    const out = { idleRss: idle };
    if (steps.includes('list')) {
      peer = await H.startPeer(db, ctx.principals);
      Object.assign(out, await listAndDetail(db, server, peer, ctx, name));
      H.say(`     peer RSS: peak ${Math.max(out.peerList.peakRss, out.peerDetail.peakRss)} MB under the loads above`);
      await peer.stop();
      peer = undefined;
    }
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
    await peer?.stop();
    await server?.stop();
    await db.embedded?.stop();
  }
}

async function main() {
  H.say(
    `Benchmarks: ${DURATION} s per measurement, node ${process.version}, ${require('node:os').cpus().length} cores, API with WORKERS=${process.env.WORKERS ?? '1'}`,
  );
  H.say(`HTTP load: ${H.loadGenerator().name}`);
  const small = await dataset(SMALL, PORT, only(['list', 'dashboard', 'rls', 'mutation']));
  if (MEDIUM) await dataset(MEDIUM, PORT + 1, only(['list', 'rls']));
  const large = LARGE && only(['dashboard']).length ? await dataset(LARGE, PORT + 2, ['dashboard']) : {};
  if (!small.dashboard || !large.dashboard) return summary();
  H.say('\n== dashboard at scale ==');
  line(`dashboard at ${fmt(SMALL)} cases`, small.dashboard);
  line(`dashboard at ${fmt(LARGE)} cases`, large.dashboard);
  ratio(`dashboard ${fmt(LARGE)} / ${fmt(SMALL)} (throughput; lower latency ratio is better)`, large.dashboard, small.dashboard, '>= 0.7');
  summary();
}

function summary() {
  H.say('\n== summary (ratios measured in this run) ==');
  for (const r of results) H.say(`  ${r.label.padEnd(60)} ${fmt(r.ratio, 2).padStart(6)}x   ${r.target ?? ''}`);
  if (!peerRows.length) return;
  H.say(`\n== API, peer (PostGraphile) and raw SQL, throughput ratios (${H.loadGenerator().kind}) ==`);
  H.say(
    '| dataset | question | connections | API req/s | peer req/s | raw req/s | API / raw | peer / raw | API / peer | CPU ms/request: API + its PostgreSQL | peer + its PostgreSQL | raw PostgreSQL |',
  );
  H.say('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const cpu = (c) => (c && Number.isFinite(c.server) ? `${fmt(c.server, 2)} + ${fmt(c.pg, 2)}` : 'n/a');
  for (const r of peerRows)
    H.say(
      `| ${r.name} | ${r.question} | ${r.connections} | ${fmt(r.api.rps)} | ${fmt(r.peer.rps)} | ${fmt(r.raw.rps)} | ` +
        `${fmt(r.apiRaw, 2)}x | ${fmt(r.peerRaw, 2)}x | ${fmt(r.apiPeer, 2)}x | ${cpu(r.api.cpu)} | ${cpu(r.peer.cpu)} | ${fmt(r.raw.cpu?.pg, 2)} |`,
    );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
