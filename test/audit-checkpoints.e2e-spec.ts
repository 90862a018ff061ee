import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codes, runCli, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 14, section 1: the audit trail is anchored outside the database. The server signs
 * checkpoints of the chain (seq, head hash, time, key id) with an Ed25519 key derived from the
 * master key and appends them to a JSON-lines file in DATA_DIR. Each attack below, done as the
 * database owner (who can disable the append-only triggers and recompute every hash), leaves the
 * chain consistent in itself, so only the checkpoints reveal it; both `npm run audit:verify` and
 * `auditTrailVerification` name the first seq that differs from what a checkpoint proves. A stray
 * row written past the head no longer stops audited writes, and is named too.
 */

// Each test starts a server and runs the CLI several times (each a process that connects and migrates):
// minutes, not seconds, on a shared 2-core machine.
jest.setTimeout(240_000);

const VERIFY = `{ auditTrailVerification { ok checked firstBrokenSeq firstBrokenEventId reason checkpointsChecked checkpointSeq checkpointSignedAt checkpointKeyId } }`;
const GENESIS = '00'.repeat(32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: string | null;
  firstBrokenEventId: string | null;
  reason: string | null;
  checkpointsChecked: number;
  checkpointSeq: string | null;
  checkpointSignedAt: string | null;
  checkpointKeyId: string | null;
}

interface Cp {
  type: string;
  seq: string;
  head: string;
  time: string;
  keyId: string;
  sig: string;
}

function checkpointsIn(file: string): Cp[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Cp)
    .filter((l) => l.type === 'checkpoint');
}

async function head(t: TestApp): Promise<{ seq: string; head: string }> {
  const [h] = await t.ownerQuery<{ seq: string; head: string }>(
    `SELECT last_seq::text AS seq, encode(last_hash, 'hex') AS head FROM audit_chain_head`,
  );
  return h;
}

/** Waits until the file holds a checkpoint of the current head; returns the file's checkpoints. */
async function untilCheckpointed(t: TestApp, file: string): Promise<Cp[]> {
  for (let i = 0; i < 150; i++) {
    const h = await head(t);
    const cps = checkpointsIn(file);
    if (cps.some((c) => c.seq === h.seq && c.head === h.head)) return cps;
    await sleep(100);
  }
  throw new Error(`no checkpoint of the head in ${file}:\n${t.output()}`);
}

/** Runs SQL as the owner with the append-only triggers off (an attacker with the database's superuser). */
async function tamper(t: TestApp, sql: string): Promise<void> {
  await t.ownerQuery(`BEGIN;
    ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
    ${sql};
    ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
    COMMIT;`);
}

/** The database's own verifier (as the owner): what `npm run audit:verify` reported before checkpoints. */
async function internal(t: TestApp) {
  const [r] = await t.ownerQuery<{ seq: string | null; reason: string | null }>(
    `SELECT first_broken_seq::text AS seq, reason FROM audit_verify_chain()`,
  );
  return r;
}

/** A row written past the head with a correct digest and link, without the chain trigger and without moving the head. */
async function insertStray(t: TestApp): Promise<void> {
  await t.ownerQuery(`BEGIN;
    ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain;
    CREATE TEMP TABLE stray ON COMMIT DROP AS SELECT * FROM audit_events LIMIT 0;
    INSERT INTO stray (seq, id, occurred_at, actor_roles, action, outcome, prev_hash, hash)
      SELECT last_seq + 1, gen_random_uuid(), now(), '{}', 'forged.stray', 'SUCCESS', last_hash, '\\x00' FROM audit_chain_head;
    UPDATE stray s SET hash = audit_event_digest(ROW(s.*)::audit_events);
    INSERT INTO audit_events SELECT * FROM stray;
    ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain;
    COMMIT;`);
}

async function healthAlarm(t: TestApp, present = true): Promise<string | null> {
  for (let i = 0; i < 100; i++) {
    const body = (await (await fetch(`${t.url}/health`)).json()) as { info?: { auditTrail?: { alarm: string | null } } };
    const alarm = body.info?.auditTrail?.alarm ?? null;
    if (!!alarm === present) return alarm;
    await sleep(100);
  }
  throw new Error('the health alarm did not show');
}

describe('signed audit checkpoints, outside the database', () => {
  let publicKey: string;

  /** A fresh server whose checkpoints go to a file we know, with a handful of events, all checkpointed. */
  async function fresh(env: Record<string, string> = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tf-checkpoints-'));
    const file = join(dataDir, 'audit-checkpoints.jsonl');
    const t = await startTestApp({ DATA_DIR: dataDir, AUDIT_CHECKPOINT_EVERY: '1', AUDIT_CHECKPOINT_INTERVAL: '1', ...env });
    for (const u of ['lcso.investigator', 'lcso.admin', 'dci.investigator', 'lcso.supervisor', 'cpd.investigator']) await t.login(u);
    const auditor = await t.login('lcso.auditor');
    const cps = await untilCheckpointed(t, file);
    const top = Number((await head(t)).seq);
    expect(top).toBeGreaterThanOrEqual(7);
    return { t, file, auditor, cps, top };
  }

  /** The CLI as on another machine: a copy of the checkpoint file, the pinned public key, no master key. */
  async function cliElsewhere(t: TestApp, file: string, key = publicKey) {
    const copy = join(mkdtempSync(join(tmpdir(), 'tf-elsewhere-')), 'checkpoints.jsonl');
    copyFileSync(file, copy);
    return runCli('audit-verify', t, { MASTER_KEY: '' }, ['--checkpoints', copy, '--public-key', key]);
  }

  async function verifyApi(t: TestApp, auditor: string): Promise<Verification> {
    const r = await t.gql<{ auditTrailVerification: Verification }>(VERIFY, {}, auditor);
    expect(r.errors).toBeUndefined();
    return r.data!.auditTrailVerification;
  }

  beforeAll(async () => {
    const t = await startTestApp();
    try {
      const r = await runCli('audit-verify', t, {}, ['--print-public-key']);
      expect(r.code).toBe(0);
      const m = /ed25519:([A-Za-z0-9+/=]{44})/.exec(r.output);
      expect(m).not.toBeNull();
      publicKey = m![1];
      expect(r.output).toContain('-----BEGIN PUBLIC KEY-----');
    } finally {
      await t.close();
    }
  });

  it('the server writes a key line and signed checkpoints; an untouched trail of thousands of events verifies against them (CLI elsewhere and API)', async () => {
    const { t, file, auditor } = await fresh();
    try {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { type: string; keyId: string });
      expect(lines[0]).toMatchObject({ type: 'key', algorithm: 'Ed25519', publicKey });
      // Thousands of events through the chain trigger, then the interval checkpoint covers them.
      await t.ownerQuery(`INSERT INTO audit_events (action, outcome, changes)
        SELECT 'bulk.event', 'SUCCESS', jsonb_build_object('n', g) FROM generate_series(1, 4000) g`);
      const cps = await untilCheckpointed(t, file);
      const h = await head(t);
      expect(Number(h.seq)).toBeGreaterThan(4000);
      expect(cps.every((c) => c.keyId === lines[0].keyId && /^[0-9a-f]{64}$/.test(c.head))).toBe(true);
      const seqs = cps.map((c) => BigInt(c.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

      const cli = await cliElsewhere(t, file);
      expect(cli.output).toContain(`Audit trail intact: ${h.seq} events checked`);
      expect(cli.output).toContain(`latest: seq ${h.seq}`);
      expect(cli.output).toContain('the trail matches every one');
      expect(cli.output).not.toContain('WARNING');
      expect(cli.code).toBe(0);

      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: true, checked: Number(h.seq), firstBrokenSeq: null, reason: null, checkpointSeq: h.seq });
      expect(v.checkpointsChecked).toBe(cps.length);
      expect(v.checkpointKeyId).toBe(lines[0].keyId);
      expect(await healthAlarm(t, false)).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('rewinding (delete the last events, move the head back): consistent in itself, named by the checkpoints', async () => {
    const { t, file, auditor, top } = await fresh();
    try {
      const keep = top - 3;
      await tamper(
        t,
        `DELETE FROM audit_events WHERE seq > ${keep};
         UPDATE audit_chain_head SET last_seq = ${keep}, last_hash = (SELECT hash FROM audit_events WHERE seq = ${keep})`,
      );
      expect(await internal(t)).toEqual({ seq: null, reason: null }); // the old verifier sees nothing wrong

      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`Audit trail BROKEN`);
      expect(cli.output).toContain(`first broken link at seq ${keep + 1}: events missing that a signed checkpoint proves`);
      expect(cli.output).toMatch(new RegExp(`rewound: it ends at seq ${keep}`));

      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: String(keep + 1), firstBrokenEventId: null });
      expect(v.reason).toMatch(/rewound/);
      // The server refuses to sign the rewound chain, and says so in /health.
      expect(await healthAlarm(t)).toMatch(/TAMPERED/);
      const latest = checkpointsIn(file).reduce((a, c) => (BigInt(c.seq) > BigInt(a.seq) ? c : a));
      expect(Number(latest.seq)).toBe(top);
    } finally {
      await t.close();
    }
  });

  it('re-hashing (change a middle event, recompute every later hash and the head): the first checkpoint after it is named', async () => {
    const { t, file, auditor, cps } = await fresh();
    try {
      const victim = 3;
      await tamper(
        t,
        `UPDATE audit_events SET action = 'auth.logout' WHERE seq = ${victim};
         DO $$ DECLARE s bigint; BEGIN
           FOR s IN SELECT seq FROM audit_events WHERE seq >= ${victim} ORDER BY seq LOOP
             UPDATE audit_events e SET prev_hash = (SELECT p.hash FROM audit_events p WHERE p.seq = s - 1) WHERE e.seq = s AND s > 1;
             UPDATE audit_events e SET hash = audit_event_digest(e) WHERE e.seq = s;
           END LOOP;
         END $$;
         UPDATE audit_chain_head SET last_hash = (SELECT hash FROM audit_events WHERE seq = last_seq)`,
      );
      expect(await internal(t)).toEqual({ seq: null, reason: null });
      const first = cps.map((c) => Number(c.seq)).filter((s) => s >= victim);
      const expected = String(Math.min(...first));
      const before = Math.max(...cps.map((c) => Number(c.seq)).filter((s) => s < victim));

      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`first broken link at seq ${expected}: the trail was rewritten`);
      expect(cli.output).toContain(`after seq ${before}`);

      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: expected });
      expect(v.reason).toMatch(/rewritten/);
      expect(await healthAlarm(t)).toMatch(/TAMPERED/);
    } finally {
      await t.close();
    }
  });

  it('wiping (delete every event, reset the head to genesis): seq 1 is named', async () => {
    const { t, file, auditor } = await fresh();
    try {
      await tamper(t, `DELETE FROM audit_events; UPDATE audit_chain_head SET last_seq = 0, last_hash = '\\x${GENESIS}'`);
      expect(await internal(t)).toEqual({ seq: null, reason: null });
      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain('first broken link at seq 1: events missing that a signed checkpoint proves: the trail was wiped');
      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: '1', checked: 0 });
      expect(v.reason).toMatch(/wiped/);
    } finally {
      await t.close();
    }
  });

  it('forging past the head (rewind, then append forged events beyond the old head): the first replaced checkpoint is named', async () => {
    const { t, file, auditor, cps, top } = await fresh();
    try {
      const keep = 2;
      await tamper(
        t,
        `DELETE FROM audit_events WHERE seq > ${keep};
         UPDATE audit_chain_head SET last_seq = ${keep}, last_hash = (SELECT hash FROM audit_events WHERE seq = ${keep});
         INSERT INTO audit_events (action, outcome) SELECT 'forged.history', 'SUCCESS' FROM generate_series(1, ${top + 3})`,
      );
      expect(await internal(t)).toEqual({ seq: null, reason: null });
      expect(Number((await head(t)).seq)).toBeGreaterThan(top);
      const expected = String(Math.min(...cps.map((c) => Number(c.seq)).filter((s) => s > keep)));
      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`first broken link at seq ${expected}: the trail was rewritten`);
      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: expected });
      expect(v.reason).toMatch(/rewritten/);
    } finally {
      await t.close();
    }
  });

  it('a stray row past the head (correct digest, head not moved): writes keep working around it, and both verifiers name it', async () => {
    const { t, file, auditor, top } = await fresh();
    try {
      const stray = top + 1;
      await insertStray(t);
      const [s] = await t.ownerQuery<{ id: string; ok: boolean }>(
        `SELECT id, hash = audit_event_digest(e) AS ok FROM audit_events e WHERE seq = $1`,
        [stray],
      );
      expect(s.ok).toBe(true);
      expect((await head(t)).seq).toBe(String(top));

      // Audited writes still work: sign-ins, and the verification itself.
      const token = await t.login('lcso.investigator2');
      expect(token).toBeTruthy();
      const v = await verifyApi(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: String(stray), firstBrokenEventId: s.id });
      expect(v.reason).toMatch(/stray row/);
      const again = await t.gql<{ auditTrailVerification: Verification }>(VERIFY, {}, auditor);
      expect(codes(again)).toEqual([]);
      expect(again.data!.auditTrailVerification.firstBrokenSeq).toBe(String(stray));

      // The chain stepped over the stray row and continues from the true head.
      const rows = await t.ownerQuery<{ seq: number; action: string; prev: string }>(
        `SELECT seq::int AS seq, action, encode(prev_hash, 'hex') AS prev FROM audit_events WHERE seq >= $1 ORDER BY seq`,
        [top],
      );
      expect(rows.map((r) => r.action).slice(0, 3)).toEqual([expect.any(String), 'forged.stray', 'auth.login']);
      const [topHash] = await t.ownerQuery<{ h: string }>(`SELECT encode(hash, 'hex') AS h FROM audit_events WHERE seq = $1`, [top]);
      expect(rows[2]).toMatchObject({ seq: stray + 1, prev: topHash.h });
      expect(await t.ownerQuery(`SELECT from_seq::int AS f, to_seq::int AS t FROM audit_chain_strays`)).toEqual([{ f: stray, t: stray }]);

      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`first broken link at seq ${stray} (event ${s.id}): stray row`);
      expect(await healthAlarm(t)).toMatch(new RegExp(`ANOMALY: row\\(s\\) not written by the chain found at seq ${stray}`));
      // Checkpoints go on: the stray row is not part of the chain they prove.
      await untilCheckpointed(t, file);
      const cliAfter = await cliElsewhere(t, file);
      expect(cliAfter.output).toContain(`first broken link at seq ${stray}`);
    } finally {
      await t.close();
    }
  });

  it('a stray row with the head not moved and no append yet is named by the CLI (it used to pass as "intact")', async () => {
    const { t, file, top } = await fresh();
    try {
      await insertStray(t);
      expect((await head(t)).seq).toBe(String(top));
      const [s] = await t.ownerQuery<{ id: string }>(`SELECT id FROM audit_events WHERE seq = $1`, [top + 1]);
      const cli = await cliElsewhere(t, file);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`first broken link at seq ${top + 1} (event ${s.id}): stray row: written past the chain head`);
    } finally {
      await t.close();
    }
  });

  it('the checkpoint file itself: an edited line, or lines signed by another key, are rejected; the file key alone is only a hint', async () => {
    const { t, file } = await fresh();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'tf-edited-'));
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const edited = lines.map((l, i) =>
        i === lines.length - 1 ? l.replace(/"seq":"(\d+)"/, (_m, n: string) => `"seq":"${Number(n) + 1}"`) : l,
      );
      const editedFile = join(dir, 'edited.jsonl');
      writeFileSync(editedFile, edited.join('\n') + '\n');
      const r = await runCli('audit-verify', t, { MASTER_KEY: '' }, ['--checkpoints', editedFile, '--public-key', publicKey]);
      expect(r.code).toBe(1);
      expect(r.output).toContain(`line ${lines.length}: the signature does not verify`);

      // Another key (as if the master key were not this server's): nothing verifies.
      const other = await runCli('audit-verify', t, { MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }, ['--print-public-key']);
      const otherKey = /ed25519:(\S+)/.exec(other.output)![1];
      expect(otherKey).not.toBe(publicKey);
      const wrong = await runCli('audit-verify', t, { MASTER_KEY: '' }, ['--checkpoints', file, '--public-key', otherKey]);
      expect(wrong.code).toBe(1);
      expect(wrong.output).toContain('no checkpoint in the file verifies with a trusted key');

      // Without a pinned key or a master key, the file's own key is used, and the CLI warns.
      const selfAsserted = await runCli('audit-verify', t, { MASTER_KEY: '' }, ['--checkpoints', file]);
      expect(selfAsserted.code).toBe(0);
      expect(selfAsserted.output).toContain('WARNING: the public key was taken from the checkpoint file itself');
    } finally {
      await t.close();
    }
  });
});
