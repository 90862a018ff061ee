import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codes, ownerUrlOf, Row, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import type { AuditAuditEventsQuery } from './gql/graphql';

/**
 * The audit trail, end to end: every change writes its event in the same transaction, denials
 * survive the rollback, auditors read only their own agency's events, the table is append-only
 * even for the owner, and the hash chain (seq 1..N, each link naming the one before) detects any
 * edit, deletion or relinking, both through the API and through `npm run audit:verify`.
 */

const GENESIS = '00'.repeat(32);
const CLI = resolve(__dirname, '../dist/apps/api/src/cli/audit-verify.js');

const EVENTS = graphql(`
  query AuditAuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          seq
          occurredAt
          action
          outcome
          actorUserId
          actorUsername
          agencyId
          subjectAgencyId
          recordType
          recordId
          changes
          prevHash
          hash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const VERIFY = graphql(`
  query AuditAuditTrailVerification {
    auditTrailVerification {
      ok
      checked
      firstBrokenSeq
      firstBrokenEventId
      reason
    }
  }
`);
const CREATE_USER = graphql(`
  mutation AuditCreateUser($i: CreateUserInput!) {
    createUser(input: $i) {
      id
      username
      agencyId
      roles
    }
  }
`);

type EventNode = AuditAuditEventsQuery['auditEvents']['edges'][number]['node'];

/** Every page of auditEvents for `filter`, following endCursor; asserts each page is newest first. */
async function listAll(t: TestApp, token: string, filter: Record<string, unknown> = {}, first = 50): Promise<EventNode[]> {
  const out: EventNode[] = [];
  let after: string | null | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await t.gql(EVENTS, { first, after, filter }, token);
    expect(r.errors).toBeUndefined();
    const conn = r.data!.auditEvents;
    out.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return out;
    after = conn.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

async function maxSeq(t: TestApp): Promise<number> {
  const [r] = await t.ownerQuery<{ m: number }>(`SELECT coalesce(max(seq), 0)::int AS m FROM audit_events`);
  return r.m;
}

/** The ids an auditor of `agencyId` may see (done by the agency, or to its records), newest first. */
async function visibleIds(t: TestApp, agencyId: string, upToSeq: number, extra = 'true', params: unknown[] = []): Promise<string[]> {
  const rows = await t.ownerQuery<{ id: string }>(
    `SELECT id FROM audit_events WHERE (agency_id = $1 OR subject_agency_id = $1) AND seq <= $2 AND (${extra}) ORDER BY seq DESC`,
    [agencyId, upToSeq, ...params],
  );
  return rows.map((r) => r.id);
}

/** Recomputes the chain from the owner's view: seq 1..N, each prev_hash = previous hash, each hash = digest. */
async function chainReport(t: TestApp) {
  const rows = await t.ownerQuery<{ seq: number; prev: string; hash: string; digest_ok: boolean }>(`
    SELECT seq::int AS seq, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash,
           hash = audit_event_digest(e) AS digest_ok
    FROM audit_events e ORDER BY seq`);
  const [head] = await t.ownerQuery(`SELECT last_seq::int AS last_seq, encode(last_hash, 'hex') AS last_hash FROM audit_chain_head`);
  return { rows, head };
}

function expectIntactChain(report: Awaited<ReturnType<typeof chainReport>>): void {
  const { rows, head } = report;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  rows.forEach((r, i) => expect({ seq: r.seq, prev: r.prev }).toEqual({ seq: r.seq, prev: i === 0 ? GENESIS : rows[i - 1].hash }));
  expect(rows.filter((r) => !r.digest_ok).map((r) => r.seq)).toEqual([]);
  expect(head).toEqual({ last_seq: rows.length, last_hash: rows[rows.length - 1].hash });
}

function runCli(t: TestApp): Promise<{ code: number | null; out: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI], {
      cwd: resolve(__dirname, '..'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: ownerUrlOf(t),
        // Non-empty: prepareDatabase then leaves the (cluster-wide) tf_app password alone.
        APP_DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
        APP_DB_PASSWORD: 'not-used-by-this-command',
        MASTER_KEY: process.env.TF_TEST_MASTER_KEY,
        JWT_SECRET: process.env.TF_TEST_JWT_SECRET,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tf-audit-cli-')),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`audit:verify did not finish in 30 s:\n${out}`));
    }, 30000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, out });
    });
  });
}

/** Runs `sql` on audit_events as the owner with the append-only trigger switched off (an attacker with DDL rights). */
async function tamper(t: TestApp, sql: string): Promise<void> {
  await t.ownerQuery(`BEGIN;
    ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
    ${sql};
    ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
    COMMIT;`);
}

async function idsOf(t: TestApp) {
  const [ids] = await t.ownerQuery(`
    SELECT (SELECT id FROM agencies WHERE short_code = 'LCSO') AS lcso, (SELECT id FROM agencies WHERE short_code = 'DCI') AS dci,
           (SELECT id FROM users WHERE username = 'lcso.admin') AS lcso_admin, (SELECT id FROM users WHERE username = 'lcso.investigator') AS lcso_investigator,
           (SELECT id FROM users WHERE username = 'dci.investigator') AS dci_investigator, (SELECT id FROM users WHERE username = 'dci.admin') AS dci_admin`);
  return ids as { lcso: string; dci: string; lcso_admin: string; lcso_investigator: string; dci_investigator: string; dci_admin: string };
}

describe('audit trail', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof idsOf>>;
  let admin: string;
  let investigator: string;
  let auditor: string;
  let createdUserId: string;
  const secretPassword = 'Unguessable-Plaintext-7781-Zq';

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_PER_ADDRESS: '1000' });
    ids = await idsOf(t);
    admin = await t.login('lcso.admin');
    investigator = await t.login('lcso.investigator');
    auditor = await t.login('lcso.auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('events are written with the change, in its transaction', () => {
    it('createUser writes one user.create event in the same transaction, password masked, plaintext nowhere', async () => {
      const before = await maxSeq(t);
      const r = await t.gql(
        CREATE_USER,
        {
          i: {
            username: 'lcso.newhire',
            displayName: 'New Hire',
            email: 'newhire@lcso.example.org',
            password: secretPassword,
            roles: ['INVESTIGATOR'],
          },
        },
        admin,
      );
      expect(r.errors).toBeUndefined();
      createdUserId = r.data!.createUser.id;

      const events = await t.ownerQuery<Row & { changes: Record<string, unknown> }>(
        `SELECT * FROM audit_events WHERE action = 'user.create' AND seq > $1`,
        [before],
      );
      expect(events).toHaveLength(1);
      const e = events[0];
      expect(e).toMatchObject({
        outcome: 'SUCCESS',
        record_type: 'user',
        record_id: createdUserId,
        actor_user_id: ids.lcso_admin,
        actor_username: 'lcso.admin',
        agency_id: ids.lcso,
        subject_agency_id: null,
        actor_roles: ['AGENCY_ADMIN'],
      });
      expect(e.changes.password).toBe('[confidential]');
      expect(e.changes.username).toEqual({ to: 'lcso.newhire' });
      expect(e.changes.roles).toEqual({ to: ['INVESTIGATOR'] });

      // Same transaction: the user row and its event were inserted by one transaction id.
      const [u] = await t.ownerQuery(`SELECT xmin::text AS x FROM users WHERE id = $1`, [createdUserId]);
      const [a] = await t.ownerQuery(`SELECT xmin::text AS x FROM audit_events WHERE id = $1`, [e.id]);
      expect(a.x).toBe(u.x);

      // The plaintext password appears in no column of any event.
      const [leak] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events e WHERE strpos(e::text, $1) > 0`, [secretPassword]);
      expect(leak.n).toBe(0);
      const [control] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events e WHERE strpos(e::text, 'lcso.newhire') > 0`);
      expect(control.n).toBeGreaterThan(0); // the search itself works
    });

    it('a failing createUser (duplicate username) is CONFLICT and writes no SUCCESS event', async () => {
      const before = await maxSeq(t);
      const [{ n: usersBefore }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM users`);
      const r = await t.gql(
        CREATE_USER,
        { i: { username: 'lcso.newhire', displayName: 'Second Hire', password: 'Another-Long-Passphrase-42', roles: ['INVESTIGATOR'] } },
        admin,
      );
      expect(codes(r)).toEqual(['CONFLICT']);
      expect(
        await t.ownerQuery(`SELECT action, outcome FROM audit_events WHERE seq > $1 AND (outcome = 'SUCCESS' OR action = 'user.create')`, [
          before,
        ]),
      ).toEqual([]);
      expect(
        await t.ownerQuery(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.create' AND record_type = 'user' AND changes->'username'->>'to' = 'lcso.newhire'`,
        ),
      ).toEqual([{ n: 1 }]);
      const [{ n: usersAfter }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM users`);
      expect(usersAfter).toBe(usersBefore);
      expectIntactChain(await chainReport(t)); // nothing half-written, no gap
    });

    it('an operation-level denial is audited: lcso.investigator listing users gets FORBIDDEN and a DENIED operation.users event', async () => {
      const before = await maxSeq(t);
      const r = await t.gql(
        graphql(`
          query AuditUsers {
            users {
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        {},
        investigator,
      );
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.data?.users ?? null).toBeNull();
      const events = await t.ownerQuery(
        `SELECT action, outcome, actor_user_id, actor_username, agency_id, changes FROM audit_events WHERE seq > $1`,
        [before],
      );
      expect(events).toEqual([
        {
          action: 'operation.users',
          outcome: 'DENIED',
          actor_user_id: ids.lcso_investigator,
          actor_username: 'lcso.investigator',
          agency_id: ids.lcso,
          changes: { reason: 'missing permission USER_READ' },
        },
      ]);
    });

    it("a record-level denial survives the rollback: disabling another agency's user is NOT_FOUND, nothing changes, the DENIED event stays", async () => {
      const before = await maxSeq(t);
      const r = await t.gql(
        graphql(`
          mutation AuditDisableUser($i: UserIdInput!) {
            disableUser(input: $i) {
              id
              active
            }
          }
        `),
        { i: { userId: ids.dci_investigator } },
        admin,
      );
      expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(await t.ownerQuery(`SELECT active FROM users WHERE id = $1`, [ids.dci_investigator])).toEqual([{ active: true }]);
      const events = await t.ownerQuery(
        `SELECT action, outcome, record_type, record_id, actor_username, agency_id FROM audit_events WHERE seq > $1`,
        [before],
      );
      expect(events).toEqual([
        {
          action: 'user.disable',
          outcome: 'DENIED',
          record_type: 'user',
          record_id: ids.dci_investigator,
          actor_username: 'lcso.admin',
          agency_id: ids.lcso,
        },
      ]);
      expectIntactChain(await chainReport(t));
    });
  });

  describe("auditors read their own agency's events", () => {
    beforeAll(async () => {
      // Events of DCI, which LCSO's auditor must never see.
      const dciAdmin = await t.login('dci.admin');
      const dciInvestigator = await t.login('dci.investigator');
      const r = await t.gql(
        CREATE_USER,
        { i: { username: 'dci.newhire', displayName: 'DCI Hire', password: 'Dci-Long-Passphrase-9931', roles: ['INVESTIGATOR'] } },
        dciAdmin,
      );
      expect(r.errors).toBeUndefined();
      expect(
        codes(
          await t.gql(
            graphql(`
              query AuditUsers2 {
                users {
                  edges {
                    node {
                      id
                    }
                  }
                }
              }
            `),
            {},
            dciInvestigator,
          ),
        ),
      ).toEqual(['FORBIDDEN']);
    });

    it('lists exactly the LCSO events (by LCSO or about LCSO records), newest first, and none of DCI', async () => {
      investigator = await t.login('lcso.investigator'); // one more LCSO event, after DCI's (seq >= 10)
      const top = await maxSeq(t);
      const events = await listAll(t, auditor);
      expect(events.map((e) => e.id)).toEqual(await visibleIds(t, ids.lcso, top));
      expect(events.length).toBeGreaterThan(5);
      const seqs = events.map((e) => Number(e.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a)); // numerically, across 9 -> 10 (not as text)
      expect(Math.min(...seqs)).toBeLessThan(10);
      expect(Math.max(...seqs)).toBeGreaterThanOrEqual(10);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(events.filter((e) => e.agencyId !== ids.lcso && e.subjectAgencyId !== ids.lcso)).toEqual([]);
      expect(events.filter((e) => e.agencyId === ids.dci)).toEqual([]);
      const [{ n: dciEvents }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE agency_id = $1`, [ids.dci]);
      expect(dciEvents).toBeGreaterThanOrEqual(4); // 2 logins, user.create, a denial: they exist, just not for LCSO
      // The seed event (no agency) is not shown either.
      expect(events.filter((e) => e.action === 'seed.demo')).toEqual([]);
    });

    it("DCI's auditor sees DCI's events and none of LCSO's, but LCSO's refused attempt on a DCI record", async () => {
      const dciAuditor = await t.login('dci.auditor');
      const top = await maxSeq(t);
      const events = await listAll(t, dciAuditor);
      expect(events.map((e) => e.id)).toEqual(await visibleIds(t, ids.dci, top));
      expect(events.some((e) => e.action === 'user.create' && e.actorUsername === 'dci.admin')).toBe(true);
      expect(events.filter((e) => e.subjectAgencyId === ids.lcso)).toEqual([]);
      // LCSO's admin tried to disable DCI's investigator (above): DCI's auditors see that attempt, and only that.
      expect(
        events
          .filter((e) => e.agencyId === ids.lcso)
          .map((e) => ({ ...e, id: undefined, seq: undefined, occurredAt: undefined, hash: undefined, prevHash: undefined })),
      ).toEqual([
        {
          action: 'user.disable',
          outcome: 'DENIED',
          actorUserId: ids.lcso_admin,
          actorUsername: 'lcso.admin',
          agencyId: ids.lcso,
          subjectAgencyId: ids.dci,
          recordType: 'user',
          recordId: ids.dci_investigator,
          changes: { reason: 'not found or no access' },
        },
      ]);
    });

    it('filters by action, actor, outcome and record', async () => {
      const top = await maxSeq(t);
      const byAction = await listAll(t, auditor, { action: 'user.create' });
      expect(byAction.map((e) => e.id)).toEqual(await visibleIds(t, ids.lcso, top, `action = 'user.create'`));
      expect(byAction.map((e) => e.recordId)).toEqual([createdUserId]);

      const byActor = await listAll(t, auditor, { actorUserId: ids.lcso_admin });
      expect(byActor.map((e) => e.id)).toEqual(await visibleIds(t, ids.lcso, top, `actor_user_id = $3`, [ids.lcso_admin]));
      expect(byActor.length).toBeGreaterThanOrEqual(3); // login, user.create, the denied disable
      expect(new Set(byActor.map((e) => e.actorUsername))).toEqual(new Set(['lcso.admin']));

      const denied = await listAll(t, auditor, { outcome: 'DENIED' });
      expect(denied.map((e) => e.id)).toEqual(await visibleIds(t, ids.lcso, top, `outcome = 'DENIED'`));
      expect(denied.map((e) => e.action).sort()).toEqual(['operation.users', 'user.disable']);

      const byRecord = await listAll(t, auditor, { recordType: 'user', recordId: createdUserId });
      expect(byRecord.map((e) => [e.action, e.outcome, e.recordId])).toEqual([['user.create', 'SUCCESS', createdUserId]]);

      const combined = await listAll(t, auditor, { actorUserId: ids.lcso_admin, outcome: 'DENIED', recordType: 'user' });
      expect(combined.map((e) => [e.action, e.recordId])).toEqual([['user.disable', ids.dci_investigator]]);

      expect(await listAll(t, auditor, { action: 'no.such.action' })).toEqual([]);
    });

    it('filters by time range [from, to)', async () => {
      const clock = async () => {
        await new Promise((r) => setTimeout(r, 25));
        const [{ ts }] = await t.ownerQuery(`SELECT date_trunc('milliseconds', clock_timestamp()) AS ts`);
        await new Promise((r) => setTimeout(r, 25));
        return (ts as Date).toISOString();
      };
      const from = await clock();
      await t.login('lcso.investigator2');
      await t.login('lcso.supervisor');
      const to = await clock();
      await t.login('lcso.advocate');
      const top = await maxSeq(t);

      const inRange = await listAll(t, auditor, { from, to });
      expect(inRange.map((e) => e.id)).toEqual(
        await visibleIds(t, ids.lcso, top, `occurred_at >= $3::timestamptz AND occurred_at < $4::timestamptz`, [from, to]),
      );
      expect(inRange.map((e) => [e.action, e.actorUsername])).toEqual([
        ['auth.login', 'lcso.supervisor'],
        ['auth.login', 'lcso.investigator2'],
      ]);
      for (const e of inRange) {
        expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(Date.parse(from));
        expect(Date.parse(e.occurredAt)).toBeLessThan(Date.parse(to));
      }
      const since = await listAll(t, auditor, { from: to, action: 'auth.login' });
      expect(since.map((e) => e.actorUsername)).toEqual(['lcso.advocate']);
      const until = await listAll(t, auditor, { to: from, action: 'auth.login' });
      expect(until.map((e) => e.actorUsername)).not.toContain('lcso.supervisor');
      expect(until.length).toBeGreaterThan(0);
    });

    it('pages with first/after: newest first by seq, no overlap, no gap', async () => {
      const top = await maxSeq(t);
      const expected = (await visibleIds(t, ids.lcso, top)).slice(0, 6);
      const pages: EventNode[][] = [];
      let after: string | null | undefined;
      for (let i = 0; i < 3; i++) {
        const r = await t.gql(EVENTS, { first: 2, after }, auditor);
        expect(r.errors).toBeUndefined();
        const conn = r.data!.auditEvents;
        expect(conn.edges).toHaveLength(2);
        expect(conn.pageInfo.hasNextPage).toBe(true);
        expect(conn.pageInfo.endCursor).toBe(conn.edges[1].cursor);
        pages.push(conn.edges.map((e) => e.node));
        after = conn.pageInfo.endCursor;
      }
      const all = pages.flat();
      expect(all.map((e) => e.id)).toEqual(expected);
      const seqs = all.map((e) => Number(e.seq));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeLessThan(seqs[i - 1]);
      expect(new Set(all.map((e) => e.id)).size).toBe(6);

      // The last page says so.
      const oldest = await t.ownerQuery(
        `SELECT seq::int AS seq FROM audit_events WHERE agency_id = $1 OR subject_agency_id = $1 ORDER BY seq LIMIT 2`,
        [ids.lcso],
      );
      const r = await t.gql(
        EVENTS,
        { first: 2, after: Buffer.from(JSON.stringify([String(oldest[1].seq)])).toString('base64url') },
        auditor,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.auditEvents.edges.map((e) => Number(e.node.seq))).toEqual([oldest[0].seq]);
      expect(r.data!.auditEvents.pageInfo.hasNextPage).toBe(false);

      expect(codes(await t.gql(EVENTS, { first: 2, after: 'not-a-cursor' }, auditor))).toEqual(['BAD_USER_INPUT']);
    });

    it('the listing itself is audited (audit.list, with the filter)', async () => {
      const before = await maxSeq(t);
      await listAll(t, auditor, { action: 'auth.login', outcome: 'SUCCESS' });
      const events = await t.ownerQuery(
        `SELECT action, outcome, actor_username, agency_id, record_type, changes FROM audit_events WHERE seq > $1`,
        [before],
      );
      expect(events).toEqual([
        {
          action: 'audit.list',
          outcome: 'SUCCESS',
          actor_username: 'lcso.auditor',
          agency_id: ids.lcso,
          record_type: 'audit_events',
          changes: { filter: { action: 'auth.login', outcome: 'SUCCESS' } },
        },
      ]);
    });

    it.each(['lcso.investigator', 'lcso.admin'])(
      '%s gets FORBIDDEN for auditEvents and auditTrailVerification (and the denials are audited)',
      async (who) => {
        const token = who === 'lcso.investigator' ? investigator : admin;
        const before = await maxSeq(t);
        const list = await t.gql(EVENTS, { first: 5 }, token);
        expect(codes(list)).toEqual(['FORBIDDEN']);
        expect(list.data?.auditEvents ?? null).toBeNull();
        const verify = await t.gql(VERIFY, {}, token);
        expect(codes(verify)).toEqual(['FORBIDDEN']);
        expect(verify.data?.auditTrailVerification ?? null).toBeNull();
        expect(
          await t.ownerQuery(`SELECT action, outcome, actor_username FROM audit_events WHERE seq > $1 ORDER BY seq`, [before]),
        ).toEqual([
          { action: 'operation.auditEvents', outcome: 'DENIED', actor_username: who },
          { action: 'operation.auditTrailVerification', outcome: 'DENIED', actor_username: who },
        ]);
      },
    );

    it('refuses anonymous callers', async () => {
      expect(codes(await t.gql(EVENTS, { first: 5 }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await t.gql(VERIFY))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('append-only in the database', () => {
    let seq: number;
    let snapshot: unknown[];
    beforeAll(async () => {
      seq = Math.floor((await maxSeq(t)) / 2);
      snapshot = await t.ownerQuery(`SELECT * FROM audit_events ORDER BY seq`);
    });

    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'forged' WHERE seq = $1`],
      ['DELETE', `DELETE FROM audit_events WHERE seq = $1`],
    ])('the app role cannot %s events', async (_op, sql) => {
      const lcsoAuditor = await t.ownerQuery<{ userId: string; agencyId: string; taskForceId: string }>(
        `SELECT u.id AS "userId", u.agency_id AS "agencyId", a.task_force_id AS "taskForceId" FROM users u JOIN agencies a ON a.id = u.agency_id WHERE username = 'lcso.auditor'`,
      );
      await expect(t.appRoleQuery(sql, [seq])).rejects.toThrow(/permission denied|append-only/);
      await expect(t.appRoleQuery(sql, [seq], { ...lcsoAuditor[0], roles: ['AUDITOR'] })).rejects.toThrow(/permission denied|append-only/);
    });

    it('the app role cannot TRUNCATE events', async () => {
      await expect(t.appRoleQuery(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied|append-only/);
    });

    it('even the owner cannot UPDATE, DELETE or TRUNCATE: the trigger refuses', async () => {
      await expect(t.ownerQuery(`UPDATE audit_events SET action = 'forged' WHERE seq = $1`, [seq])).rejects.toThrow(
        /audit_events is append-only: UPDATE is not allowed/,
      );
      await expect(t.ownerQuery(`DELETE FROM audit_events WHERE seq = $1`, [seq])).rejects.toThrow(
        /audit_events is append-only: DELETE is not allowed/,
      );
      await expect(t.ownerQuery(`TRUNCATE audit_events`)).rejects.toThrow(/audit_events is append-only: TRUNCATE is not allowed/);
      try {
        await t.ownerQuery(`DELETE FROM audit_events`);
        throw new Error('delete succeeded');
      } catch (e) {
        expect((e as { code?: string }).code).toBe('42501'); // insufficient_privilege
      }
    });

    it('nothing was changed by those attempts', async () => {
      const now = await t.ownerQuery(`SELECT * FROM audit_events WHERE seq <= $1 ORDER BY seq`, [snapshot.length]);
      expect(now).toEqual(snapshot);
    });

    it('an append cannot choose its place in the chain: seq, time and hashes are set by the trigger', async () => {
      const before = await maxSeq(t);
      await t.appRoleQuery(
        `INSERT INTO audit_events (seq, occurred_at, action, outcome, prev_hash, hash) VALUES (1, '2000-01-01', 'forged.append', 'SUCCESS', '\\x00', '\\x00')`,
      );
      const [e] = await t.ownerQuery(
        `SELECT seq::int AS seq, occurred_at, length(hash) AS len, hash = audit_event_digest(e) AS ok FROM audit_events e WHERE action = 'forged.append'`,
      );
      expect(e.seq).toBe(before + 1);
      expect((e.occurred_at as Date).getFullYear()).toBeGreaterThan(2020);
      expect({ len: e.len, ok: e.ok }).toEqual({ len: 32, ok: true });
      expectIntactChain(await chainReport(t));
    });
  });

  describe('the hash chain', () => {
    it('has seq 1..N without gaps, each prev_hash the hash before it, each hash the digest of its row', async () => {
      expectIntactChain(await chainReport(t));
    });

    it('each hash is SHA-256 over the previous hash and the canonical row (recomputed outside the database)', async () => {
      const rows = await t.ownerQuery<{ seq: string; prev_hash: Buffer; hash: Buffer; canon: Buffer }>(`
        SELECT seq, prev_hash, hash, convert_to(jsonb_build_array(
          e.seq, e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint, e.task_force_id, e.agency_id,
          e.subject_agency_id, e.actor_user_id, e.actor_username, e.actor_roles, e.action, e.record_type,
          e.record_id, e.outcome, e.changes, e.purpose, e.request_id, e.client_address)::text, 'UTF8') AS canon
        FROM audit_events e ORDER BY seq`);
      expect(rows.length).toBeGreaterThan(10);
      for (const r of rows) {
        const h = createHash('sha256')
          .update(Buffer.concat([r.prev_hash, r.canon]))
          .digest();
        expect({ seq: r.seq, hash: h.toString('hex') }).toEqual({ seq: r.seq, hash: r.hash.toString('hex') });
      }
    });

    it('stays gap-free under 30 concurrent writers, and auditTrailVerification says ok with checked = count(*)', async () => {
      const before = await maxSeq(t);
      const logins = [
        'lcso.investigator',
        'lcso.investigator2',
        'lcso.supervisor',
        'lcso.advocate',
        'cpd.investigator',
        'cpd.supervisor',
        'dci.supervisor',
        'dci.coordinator',
        'usao.prosecutor',
        'fbi.investigator',
      ];
      const wrongPasswords = ['hsi.investigator', 'wrpd.investigator', 'lcda.prosecutor', 'dfs.advocate', 'dvs.advocate'];
      const ops: Promise<unknown>[] = [
        ...logins.map((u) => t.login(u)),
        ...wrongPasswords.map(async (u) => {
          const r = await t.gql(
            graphql(`
              mutation AuditLogin($i: LoginInput!) {
                login(input: $i) {
                  status
                }
              }
            `),
            {
              i: { username: u, password: 'Wrong-Password-123456' },
            },
          );
          expect(codes(r)).toEqual(['UNAUTHENTICATED']);
        }),
        ...Array.from({ length: 10 }, async (_, i) => {
          const r = await t.gql(
            CREATE_USER,
            {
              i: {
                username: `lcso.burst${i}`,
                displayName: `Burst ${i}`,
                password: `Burst-Passphrase-${i}-xyzzy`,
                roles: ['INVESTIGATOR'],
              },
            },
            admin,
          );
          expect(r.errors).toBeUndefined();
        }),
        ...Array.from({ length: 5 }, async () => {
          expect(
            codes(
              await t.gql(
                graphql(`
                  query AuditUsers3 {
                    users {
                      edges {
                        node {
                          id
                        }
                      }
                    }
                  }
                `),
                {},
                investigator,
              ),
            ),
          ).toEqual(['FORBIDDEN']);
        }),
      ];
      expect(ops).toHaveLength(30);
      await Promise.all(ops);

      const added = await t.ownerQuery(`SELECT action, outcome FROM audit_events WHERE seq > $1`, [before]);
      expect(added).toHaveLength(30);
      const tally = (a: string, o: string) => added.filter((e) => e.action === a && e.outcome === o).length;
      expect([
        tally('auth.login', 'SUCCESS'),
        tally('auth.login', 'FAILED'),
        tally('user.create', 'SUCCESS'),
        tally('operation.users', 'DENIED'),
      ]).toEqual([10, 5, 10, 5]);
      expectIntactChain(await chainReport(t));

      const [{ n }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
      const r = await t.gql(VERIFY, {}, auditor);
      expect(r.errors).toBeUndefined();
      expect(r.data!.auditTrailVerification).toEqual({
        ok: true,
        checked: n,
        firstBrokenSeq: null,
        firstBrokenEventId: null,
        reason: null,
      });
      // The verification is itself audited.
      const [last] = await t.ownerQuery(`SELECT action, actor_username, changes FROM audit_events ORDER BY seq DESC LIMIT 1`);
      expect(last).toEqual({ action: 'audit.verify', actor_username: 'lcso.auditor', changes: { checked: n, ok: true } });
    });

    it("the API shows the chain links: each event's prevHash is the hash of the event before it", async () => {
      const events = await listAll(t, auditor);
      const bySeq = new Map(
        (await t.ownerQuery(`SELECT seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_events`)).map((r) => [r.seq, r.hash]),
      );
      for (const e of events) {
        expect(e.hash).toBe(bySeq.get(e.seq));
        expect(e.prevHash).toBe(e.seq === '1' ? GENESIS : bySeq.get(String(Number(e.seq) - 1)));
      }
    });

    it('`npm run audit:verify` exits 0 and reports an intact chain with the count', async () => {
      const [{ n }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
      const { code, out } = await runCli(t);
      expect(out).toContain(`Audit trail intact: ${n} events checked`);
      expect(code).toBe(0);
    });
  });
});

describe('tampering is detected', () => {
  /** A fresh app with a handful of events; returns the auditor's token (signed in before any tampering). */
  async function fresh(): Promise<{ t: TestApp; auditor: string; events: { seq: number; id: string }[] }> {
    const t = await startTestApp();
    for (const u of ['lcso.investigator', 'lcso.admin', 'dci.investigator', 'lcso.supervisor']) await t.login(u);
    const auditor = await t.login('lcso.auditor');
    const events = await t.ownerQuery<{ seq: number; id: string }>(`SELECT seq::int AS seq, id FROM audit_events ORDER BY seq`);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    return { t, auditor, events };
  }

  async function verify(t: TestApp, auditor: string) {
    const r = await t.gql(VERIFY, {}, auditor);
    expect(r.errors).toBeUndefined();
    return r.data!.auditTrailVerification;
  }

  it('a changed event: ok false, names its seq and id, reason about the hash; the CLI exits 1 naming it', async () => {
    const { t, auditor, events } = await fresh();
    try {
      const victim = events[2];
      expect((await verify(t, auditor)).ok).toBe(true);
      await tamper(t, `UPDATE audit_events SET action = 'auth.logout' WHERE seq = ${victim.seq}`);
      expect(await t.ownerQuery(`SELECT action FROM audit_events WHERE seq = $1`, [victim.seq])).toEqual([{ action: 'auth.logout' }]);
      const [{ n }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, checked: n, firstBrokenSeq: String(victim.seq), firstBrokenEventId: victim.id });
      expect(v.reason).toMatch(/hash/);
      const [last] = await t.ownerQuery(`SELECT action, changes FROM audit_events ORDER BY seq DESC LIMIT 1`);
      expect(last).toEqual({ action: 'audit.verify', changes: { checked: n, ok: false } });

      const cli = await runCli(t);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('Audit trail BROKEN');
      expect(cli.out).toContain(`first broken link at seq ${victim.seq} (event ${victim.id})`);
      expect(cli.out).toMatch(/hash/);
    } finally {
      await t.close();
    }
  });

  it('a changed `changes` value is detected the same way', async () => {
    const { t, auditor, events } = await fresh();
    try {
      const victim = events[3];
      await tamper(t, `UPDATE audit_events SET changes = '{"mfa": true}' WHERE seq = ${victim.seq}`);
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: String(victim.seq), firstBrokenEventId: victim.id });
      expect(v.reason).toMatch(/hash/);
    } finally {
      await t.close();
    }
  });

  it('a deleted middle event: names the seq after the gap (missing); the CLI exits 1 naming it', async () => {
    const { t, auditor, events } = await fresh();
    try {
      await tamper(t, `DELETE FROM audit_events WHERE seq = ${events[2].seq}`);
      const after = events[3];
      const [{ n }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, checked: n, firstBrokenSeq: String(after.seq), firstBrokenEventId: after.id });
      expect(v.reason).toMatch(/missing/);
      const cli = await runCli(t);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`first broken link at seq ${after.seq} (event ${after.id})`);
      expect(cli.out).toMatch(/missing/);
    } finally {
      await t.close();
    }
  });

  it('a deleted last event: reports the chain head missing', async () => {
    const { t, auditor } = await fresh();
    try {
      const [{ seq }] = await t.ownerQuery<{ seq: number }>(`SELECT max(seq)::int AS seq FROM audit_events`);
      await tamper(t, `DELETE FROM audit_events WHERE seq = ${seq}`);
      const [{ n }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
      expect(n).toBe(seq - 1);
      // The chain that is left is internally consistent; only the head knows something is missing.
      const cli = await runCli(t);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`first broken link at seq ${seq}: latest event(s) missing: the chain head is not in the table`);
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, checked: n, firstBrokenSeq: String(seq), firstBrokenEventId: null });
      expect(v.reason).toMatch(/head/);
      expect(v.reason).toMatch(/missing/);
      // The verification's own event (written after) now shows the gap to the next verifier.
      const again = await verify(t, auditor);
      expect(again).toMatchObject({ ok: false, firstBrokenSeq: String(seq + 1) });
      expect(again.reason).toMatch(/missing/);
    } finally {
      await t.close();
    }
  });

  it('an altered prev_hash: names that event', async () => {
    const { t, auditor, events } = await fresh();
    try {
      const victim = events[4];
      await tamper(t, `UPDATE audit_events SET prev_hash = sha256('forged'::bytea) WHERE seq = ${victim.seq}`);
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: String(victim.seq), firstBrokenEventId: victim.id });
      expect(v.reason).toMatch(/previous-hash/);
      const cli = await runCli(t);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`first broken link at seq ${victim.seq} (event ${victim.id})`);
    } finally {
      await t.close();
    }
  });

  it('a recomputed hash on an edited event still breaks the next link', async () => {
    const { t, auditor, events } = await fresh();
    try {
      const victim = events[2];
      // The forger recomputes the edited row's own hash, but cannot rewrite the next row without breaking it too.
      await tamper(
        t,
        `
        CREATE TEMP TABLE forged AS SELECT * FROM audit_events WHERE seq = ${victim.seq};
        UPDATE forged SET action = 'auth.logout';
        UPDATE forged f SET hash = audit_event_digest(ROW(f.*)::audit_events);
        UPDATE audit_events e SET action = f.action, hash = f.hash FROM forged f WHERE e.seq = f.seq`,
      );
      const v = await verify(t, auditor);
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: String(events[3].seq), firstBrokenEventId: events[3].id });
      expect(v.reason).toMatch(/previous-hash/);
    } finally {
      await t.close();
    }
  });
});
