'use strict';
/**
 * `npm run bench:audit-verify [-- --events 1000000 --port 54329]`: how long verifying the audit
 * trail takes at a million events (the figure README.md states).
 *
 * Builds, once, a database under bench/.data/audit-N whose audit trail holds N events with a valid
 * chain (generated in SQL, 10,000 rows a statement, each hash computed by audit_event_digest), signs
 * a checkpoint of its head with the master key of that data folder, then times:
 *   1. audit_verify_chain() in the database (every link and digest recomputed);
 *   2. `npm run audit:verify -- --checkpoints FILE --public-key KEY` end to end, as an operator runs it
 *      on another machine (no master key), which adds the checkpoint comparison.
 * A bench script rather than a jest test: generating a million chained rows takes minutes on a
 * 2-core machine, longer than a test should. Numbers only: nothing fails.
 */
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');
const H = require('./lib/harness');
const audit = require(join(H.ROOT, 'dist/libs/audit/src'));

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes a positive whole number, not "${process.argv[i + 1]}"`);
  return v;
};
const EVENTS = arg('events', 1000000);
const PORT = arg('port', 54329);

const GENERATE = `
DO $$
DECLARE
  head audit_chain_head;
  r audit_events;
  batch audit_events[] := '{}';
  s bigint;
  target bigint := $1;
BEGIN
  SELECT * INTO head FROM audit_chain_head;
  FOR s IN head.last_seq + 1 .. target LOOP
    r := ROW(s, gen_random_uuid(), timestamptz '2026-01-01' + s * interval '1 second', NULL, NULL, NULL, NULL, 'bench.user',
             '{INVESTIGATOR}', 'case.read', 'case', s::text, 'SUCCESS', jsonb_build_object('n', s), NULL, NULL, '127.0.0.1',
             head.last_hash, NULL)::audit_events;
    r.hash := audit_event_digest(r);
    head.last_hash := r.hash;
    batch := batch || r;
    IF cardinality(batch) >= 10000 OR s = target THEN
      INSERT INTO audit_events SELECT * FROM unnest(batch);
      batch := '{}';
    END IF;
  END LOOP;
  UPDATE audit_chain_head SET last_seq = greatest(last_seq, target), last_hash = head.last_hash;
END $$`;

async function main() {
  const dir = join(H.ROOT, 'bench/.data', `audit-${EVENTS}`);
  const db = await H.openDatabase(dir, PORT);
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    const [{ seq }] = (await c.query(`SELECT last_seq::int AS seq FROM audit_chain_head`)).rows;
    if (seq < EVENTS) {
      H.say(`  generating ${(EVENTS - seq).toLocaleString('en-US')} chained audit events into ${dir} (once; kept for later runs) ...`);
      const t0 = Date.now();
      await c.query('BEGIN');
      await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
      await c.query(GENERATE.replace('$1', String(EVENTS)));
      await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
      await c.query('COMMIT');
      await c.query('VACUUM ANALYZE audit_events');
      H.say(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM audit_events`)).rows;

    const t1 = Date.now();
    const [v] = (await c.query(`SELECT checked, first_broken_seq, reason FROM audit_verify_chain()`)).rows;
    const sqlSeconds = (Date.now() - t1) / 1000;
    H.say(
      `  audit_verify_chain(): ${n.toLocaleString('en-US')} events in ${sqlSeconds.toFixed(1)} s (${v.first_broken_seq === null ? 'intact' : `BROKEN at ${v.first_broken_seq}: ${v.reason}`})`,
    );

    // One checkpoint of the head, signed with this data folder's master key, as the server would.
    const signer = audit.checkpointSigner(db.config.masterKey);
    const [h] = (await c.query(`SELECT last_seq::text AS seq, encode(last_hash, 'hex') AS head FROM audit_chain_head`)).rows;
    const file = join(dir, 'bench-checkpoints.jsonl');
    writeFileSync(
      file,
      [
        { type: 'key', keyId: signer.keyId, algorithm: 'Ed25519', publicKey: signer.publicKey, created: new Date().toISOString() },
        signer.sign({
          seq: '1',
          head: (await c.query(`SELECT encode(hash, 'hex') AS h FROM audit_events WHERE seq = 1`)).rows[0].h,
          time: new Date().toISOString(),
        }),
        signer.sign({ seq: h.seq, head: h.head, time: new Date().toISOString() }),
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    const t2 = Date.now();
    const out = await new Promise((ok, fail) => {
      let text = '';
      const child = spawn(
        process.execPath,
        [join(H.ROOT, 'dist/apps/api/src/cli/audit-verify.js'), '--checkpoints', file, '--public-key', signer.publicKey],
        { env: { PATH: process.env.PATH, DATABASE_URL: db.ownerUrl, APP_DATABASE_URL: db.appUrl, DATA_DIR: dir, LOG_LEVEL: 'error' } },
      );
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.once('exit', (code) => (code === 0 ? ok(text) : fail(new Error(`audit:verify exited with ${code}:\n${text}`))));
    });
    const cliSeconds = (Date.now() - t2) / 1000;
    H.say(out.trim().replace(/^/gm, '    '));
    H.say(`  npm run audit:verify -- --checkpoints FILE --public-key KEY: ${cliSeconds.toFixed(1)} s end to end`);
    writeFileSync(
      join(dir, 'bench-result.json'),
      JSON.stringify({ events: n, sqlSeconds, cliSeconds, at: new Date().toISOString() }) + '\n',
    );
  } finally {
    await c.end();
    await db.embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
