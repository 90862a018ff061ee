'use strict';
/**
 * Benchmark-only: the peer a team would pick instead of writing the API, PostGraphile (v4: v5
 * needs Node >= 22), run as its own process over the SAME database, connected as `tf_app`, so the
 * same row-level security applies to it as to the API. Never loaded by the application.
 *
 *   PEER_DATABASE_URL=postgres://tf_app:...  PEER_JWT_SECRET=...  PEER_PRINCIPALS='{"<user id>": {...}}'
 *   PEER_POOL_SIZE=10  node bench/lib/peer.js        -> prints "peer listening at http://127.0.0.1:PORT ..."
 *
 * Authentication is PostGraphile's usual design: the request's bearer token (the API's own access
 * token, HS256) is verified and its subject's claims become the transaction's settings through
 * `pgSettings`: app.user_id, app.agency_id, app.task_force_id, app.roles, set with
 * set_config(..., true) in the request's transaction (BEGIN, settings, the one query, COMMIT),
 * exactly the settings the API's Db sets. The principal of each subject (the claims a token would
 * carry) is handed in by the benchmark, so the peer does no session lookup per request (the API
 * does one).
 *
 * `principalSettings` is the one place the principal is made. Where the database binds the
 * principal only through a live session (auth_bind_session(session, secret), docs/adr/0017; found
 * at start), it hands over the token's session and secret instead, and each connection presents
 * them to auth_bind_session right after PostGraphile's settings (`bindSession`): one statement
 * more, as the API's own bind.
 */
const http = require('node:http');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { createHmac, timingSafeEqual } = require('node:crypto');

// npm nests graphql 15 (and graphile-build) twice under PostGraphile's tree, because the app's
// graphql 16 holds the top level; two copies of graphql cannot share a schema. Every require of
// them in this process resolves to PostGraphile's own copy.
const PG_HOME = join(dirname(require.resolve('postgraphile/package.json')), 'node_modules');
const PINNED = { graphql: join(PG_HOME, 'graphql'), 'graphile-build': join(PG_HOME, 'graphile-build') };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function pinned(request, ...rest) {
  const name = request.split('/')[0];
  return resolveFilename.call(this, PINNED[name] ? PINNED[name] + request.slice(name.length) : request, ...rest);
};
const { Client, Pool } = require('pg');
const { postgraphile } = require('postgraphile');

const secret = process.env.PEER_JWT_SECRET ?? '';
/** user id -> { userId, agencyId, taskForceId, roles[] } */
const principals = new Map(Object.entries(JSON.parse(process.env.PEER_PRINCIPALS ?? '{}')));

/** The claims of a valid, unexpired HS256 token signed with the API's secret; otherwise null. */
function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const sig = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? claims : null;
  } catch {
    return null;
  }
}

/**
 * How this database takes a principal, found at start: `settings` (the RLS helpers read the
 * app.* settings, set per transaction) or `session` (they read a binding that only
 * auth_bind_session(session, secret) writes, for a live session: docs/adr/0017).
 */
let mode = 'settings';

/**
 * THE principal hook: the request's principal as the settings PostGraphile sets in its
 * transaction (`pgSettings`). No valid token: none, so every scoped policy matches nothing.
 * In `session` mode it hands over the token's session and secret instead, which `bindSession`
 * presents to auth_bind_session right after PostGraphile has set them.
 */
function principalSettings(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const claims = m ? verify(m[1]) : null;
  if (!claims) return {};
  if (mode === 'session') {
    if (typeof claims.sid !== 'string' || typeof claims.sk !== 'string') return {};
    return { 'peer.session': claims.sid, 'peer.secret': Buffer.from(claims.sk, 'base64url').toString('hex') };
  }
  const p = principals.get(claims.sub);
  if (!p) return {};
  return {
    'app.user_id': p.userId,
    'app.agency_id': p.agencyId,
    'app.task_force_id': p.taskForceId,
    'app.roles': p.roles.join(','),
  };
}

/** PostGraphile v4 sets its pgSettings with one `select set_config($1, $2, true), ...` right after BEGIN. */
const PG_SETTINGS = /^select set_config\(/;
const BIND = `SELECT auth_bind_session(nullif(current_setting('peer.session', true), '')::uuid,
  decode(coalesce(current_setting('peer.secret', true), ''), 'hex')) AS ok`;

/** In `session` mode: each of the pool's connections binds the session right after PostGraphile's settings (one statement, as the API's). */
function bindSession(client) {
  const query = client.query.bind(client);
  client.query = (config, ...rest) => {
    if (config && typeof config === 'object' && typeof config.text === 'string' && PG_SETTINGS.test(config.text) && rest.length === 0) {
      return query(config).then((r) => query({ name: 'peer_bind', text: BIND }).then(() => r));
    }
    return query(config, ...rest);
  };
}

const pool = new Pool({ connectionString: process.env.PEER_DATABASE_URL, max: Number(process.env.PEER_POOL_SIZE ?? 10) });

async function main() {
  // asked on a connection of its own, so that every connection of the pool is made after the hook is set
  const probe = new Client({ connectionString: process.env.PEER_DATABASE_URL });
  await probe.connect();
  const { rows } = await probe
    .query(`SELECT to_regprocedure('auth_bind_session(uuid,bytea)') IS NOT NULL AS bind`)
    .finally(() => probe.end());
  if (rows[0].bind) {
    mode = 'session';
    pool.on('connect', bindSession);
  }
  const handler = postgraphile(pool, 'public', {
    pgSettings: principalSettings,
    // production settings, as a team would deploy it
    disableDefaultMutations: true,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    legacyRelations: 'omit',
    disableQueryLog: true,
    graphiql: false,
    enhanceGraphiql: false,
    watchPg: false,
    retryOnInitFail: false,
    extendedErrors: [],
    showErrorStack: false,
  });
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    process.stdout.write(
      `peer listening at http://127.0.0.1:${port} (principal: ${mode === 'session' ? 'auth_bind_session' : 'app.* settings'})\n`,
    );
  });
  const stop = () => server.close(() => pool.end().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`peer failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
