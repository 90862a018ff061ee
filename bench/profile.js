'use strict';
/**
 * `npm run bench:profile -- --question detail`: where the API's time goes on one benchmark
 * question. Starts the built server (one worker) on the --cases dataset with V8's CPU profiler,
 * puts the question under wrk load for --duration seconds, stops the server (which writes the
 * profile) and prints the self time by package and the hottest functions. The .cpuprofile is kept
 * in bench/.data/profile/<question> for Chrome DevTools. Numbers only: nothing fails.
 *
 *   npm run bench:profile -- [--question list|detail|me|typename] [--cases 10000] [--duration 10] [--connections 16]
 *
 * `me` (the signed-in user: authentication, no transaction) and `typename` (`{ __typename }`: the
 * HTTP and GraphQL stack alone) are the floors under the two benchmark questions.
 */
const { mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join, sep } = require('node:path');
const { Client } = require('pg');
const H = require('./lib/harness');
const Q = require('./lib/queries');

const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const QUESTION = opt('question', 'detail');
const CASES = Number(opt('cases', '10000'));
const DURATION = Number(opt('duration', '10'));
const CONNECTIONS = Number(opt('connections', '16'));
const PORT = Number(process.env.BENCH_PORT ?? 55440);
/** The floors: what a request costs before it reads anything. */
const FLOORS = { me: '{ me { username } }', typename: '{ __typename }' };
if (!['list', 'detail', ...Object.keys(FLOORS)].includes(QUESTION))
  throw new Error(`--question is list, detail, me or typename, not "${QUESTION}"`);

/** Where a profile node's code lives: a package, node's own (node:), the app (app), or V8 (gc, idle, program). */
function owner(frame) {
  const url = frame.url || '';
  if (!url) return `(${frame.functionName || 'native'})`;
  if (url.startsWith('node:')) return 'node:';
  const nm = url.lastIndexOf(`node_modules${sep}`) >= 0 ? url.lastIndexOf(`node_modules${sep}`) : url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split(/[\\/]/);
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0
    ? `app ${url
        .slice(dist + 6)
        .split('/')
        .slice(0, 3)
        .join('/')}`
    : url;
}

/** Self time per node from a .cpuprofile (samples x interval). */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map();
  const byFn = new Map();
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    const o = owner(f);
    byOwner.set(o, (byOwner.get(o) ?? 0) + us);
    const key = `${f.functionName || '(anonymous)'}  ${o}${f.url && !f.url.startsWith('node:') ? `:${f.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, owners: top(byOwner, 25), functions: top(byFn, 30) };
}

async function main() {
  const { dir } = await H.ensureDataset(CASES, PORT);
  const db = await H.openDatabase(dir, PORT);
  const profDir = join(H.ROOT, 'bench/.data/profile', QUESTION);
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const server = await H.startServer(db, dir, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profDir], env: { WORKERS: '1' } });
  try {
    const token = await server.login(Q.INVESTIGATOR);
    const c = new Client({ connectionString: db.ownerUrl });
    await c.connect();
    const { rows } = await c
      .query(
        `SELECT c.id FROM cases c JOIN users u ON u.agency_id = c.agency_id WHERE u.username = $1 AND c.status <> 'CLOSED'
         ORDER BY c.opened_at DESC LIMIT 500`,
        [Q.INVESTIGATOR],
      )
      .finally(() => c.end());
    const ids = rows.map((r) => r.id);
    const one = (query) => Object.assign(() => JSON.stringify({ query }), { count: 1 });
    const bodies =
      QUESTION === 'list'
        ? one(Q.CASE_LIST)
        : QUESTION === 'detail'
          ? Object.assign((i) => JSON.stringify({ query: Q.CASE_DETAIL, variables: { id: ids[i % ids.length] } }), { count: ids.length })
          : one(FLOORS[QUESTION]);
    const warm = await H.apiLoad(server, token, { connections: CONNECTIONS, duration: 2, bodies });
    const r = await H.apiLoad(server, token, { connections: CONNECTIONS, duration: DURATION, bodies });
    H.say(
      `${QUESTION} at ${CASES} cases, ${CONNECTIONS} connections: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms (profiler on); ` +
        `${warm.total + r.total} requests in the profile`,
    );
  } finally {
    await server.stop();
    await db.embedded?.stop();
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no profile');
  const { total, owners, functions } = summarize(JSON.parse(readFileSync(join(profDir, file), 'utf8')));
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  H.say(`\nself time by where the code lives (of ${(total / 1e6).toFixed(1)} s sampled, idle included):`);
  for (const [o, us] of owners) H.say(`  ${pct(us)}  ${o}`);
  H.say('\nhottest functions (self time):');
  for (const [f, us] of functions) H.say(`  ${pct(us)}  ${f}`);
  H.say(`\nprofile: ${join(profDir, file)} (open in Chrome DevTools, Performance)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
