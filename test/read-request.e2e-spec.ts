import { expect } from '@jest/globals';
import { codes, GqlResult, personas, startTestApp, TestApp } from './support/test-app';

/**
 * A GraphQL query request runs in one transaction (docs/adr/0025): its session check opens it with
 * the principal bound (auth_open_request, sent with BEGIN), every read of the request joins it, and it
 * commits before the answer is sent. When it cannot commit, no data leaves, and refusals recorded in
 * it are still on the audit trail.
 */

const statements = (r: GqlResult): number => {
  const n = (r as GqlResult & { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
  expect(typeof n).toBe('number');
  return n!;
};

const DETAIL = `query($id: ID!) { case(id: $id) { id title } }`;
const TWICE = `query($id: ID!) { a: case(id: $id) { id } b: case(id: $id) { title } me { username } }`;
const ME = `{ me { username } }`;
const REFUSED = `{ auditEvents(first: 1) { edges { node { id } } } statutes { code } }`;
const IDENTITY = `query($v: ID!, $p: String!) { statutes { code } victim(id: $v) { code identity(purpose: $p) { denial identity { legalName } } } }`;

describe('a read request: one transaction, its session checked once', () => {
  let t: TestApp;
  const p = personas(() => t);
  let caseId: string;
  let victim: { id: string; advocate: string };

  beforeAll(async () => {
    t = await startTestApp({ SQL_STATS: '1' });
    [{ id: caseId }] = await t.ownerQuery<{ id: string }>(
      `SELECT c.id FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE a.short_code = 'LCSO' ORDER BY c.opened_at DESC LIMIT 1`,
    );
    // A victim in the shelter's custody: its advocate reads the identity.
    const [v] = await t.ownerQuery<{ id: string }>(
      `SELECT v.id FROM victims v JOIN users u ON u.agency_id = v.agency_id WHERE u.username = 'safeharbor.advocate' ORDER BY v.created_at LIMIT 1`,
    );
    victim = { id: v.id, advocate: 'safeharbor.advocate' };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('costs its opening (BEGIN with the session check), its reads and COMMIT: no separate session check', async () => {
    const one = await t.gql(DETAIL, { id: caseId }, await p.as('lcso.investigator'));
    expect(one.errors).toBeUndefined();
    expect(statements(one)).toBe(3);
    // Three root fields: the session is checked once, not once per field; the two reads of the case
    // share the transaction.
    const three = await t.gql<{ a: { id: string }; b: { title: string }; me: { username: string } }>(
      TWICE,
      { id: caseId },
      await p.as('lcso.investigator'),
    );
    expect(three.errors).toBeUndefined();
    expect(three.data).toMatchObject({ a: { id: caseId }, me: { username: 'lcso.investigator' } });
    expect(statements(three)).toBe(4);
  });

  it('sends its statements one after another on its one connection, never one while another is in flight', async () => {
    // The console's home screen: three root fields, each a read of its own, resolved side by side on
    // the request's one connection. node-postgres queues a query sent to a busy client, with a
    // deprecation warning (printed once a process), and pg 9 drops that queue.
    const token = await p.as('lcso.investigator');
    const [me] = await t.ownerQuery<{ id: string }>(`SELECT id FROM users WHERE username = 'lcso.investigator'`);
    const r = await t.gql<{ leads: { edges: unknown[] }; cases: { edges: unknown[] }; deconflictionNotices: { edges: unknown[] } }>(
      `query($me: ID!) {
        leads(first: 10, filter: { assignedToId: $me, status: [NEW, TRIAGED] }) { edges { node { id status } } }
        cases(first: 10, filter: { assigneeId: $me }) { edges { node { id title leadAgency { name } } } }
        deconflictionNotices(first: 5) { edges { node { id otherAgency { name } } } }
        statutes { code }
      }`,
      { me: me.id },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.cases.edges.length).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 200));
    expect(t.output()).not.toMatch(/already executing a query/);
  });

  it('refuses a session ended since the token was issued, and binds nothing for it', async () => {
    const token = await t.login('cpd.investigator');
    expect((await t.gql(ME, {}, token)).data).toEqual({ me: { username: 'cpd.investigator' } });
    await t.ownerQuery(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = (SELECT id FROM users WHERE username = 'cpd.investigator') AND revoked_at IS NULL`,
    );
    const r = await t.gql(ME, {}, token);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.data ?? null).toBeNull();
  });

  it('commits the audit event of a confidential read with the answer that shows it', async () => {
    const purpose = `read-request commit ${Date.now()}`;
    const r = await t.gql<{ victim: { identity: { denial: string | null; identity: { legalName: string } | null } } }>(
      IDENTITY,
      { v: victim.id, p: purpose },
      await p.as(victim.advocate),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.victim.identity.denial).toBeNull();
    expect(r.data?.victim.identity.identity?.legalName).toEqual(expect.any(String));
    const events = await t.ownerQuery(`SELECT outcome FROM audit_events WHERE action = 'victim.identity.read' AND purpose = $1`, [purpose]);
    expect(events).toEqual([{ outcome: 'SUCCESS' }]);
  });

  describe('when a statement of the request fails', () => {
    // The database refuses one of the request's reads (the app role loses a grant): the transaction
    // is aborted, so the request can keep none of it.
    beforeAll(() => t.ownerQuery(`REVOKE SELECT ON statutes FROM tf_app`));
    afterAll(() => t.ownerQuery(`GRANT SELECT ON statutes TO tf_app`));

    it('sends no data, not even the fields that were read, and keeps no audit event of the read it withheld', async () => {
      const purpose = `read-request rollback ${Date.now()}`;
      const r = await t.gql(IDENTITY, { v: victim.id, p: purpose }, await p.as(victim.advocate));
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(r)).not.toMatch(/legalName|V-\d{4}-\d{4}/);
      const events = await t.ownerQuery(`SELECT outcome FROM audit_events WHERE action = 'victim.identity.read' AND purpose = $1`, [
        purpose,
      ]);
      expect(events).toEqual([]);
    });

    it('still records the refusal it made, once', async () => {
      const denied = () =>
        t.ownerQuery(
          `SELECT 1 FROM audit_events WHERE action = 'operation.auditEvents' AND outcome = 'DENIED' AND actor_username = 'safeharbor.advocate'`,
        );
      const before = (await denied()).length;
      // An advocate may not read the audit trail: the guard refuses it and records the refusal, side
      // by side with the failing read of statutes, in either order. Recorded before the failure and
      // rolled back with it, or refused its statement after it, the refusal is written again after
      // the rollback.
      const r = await t.gql(REFUSED, {}, await p.as('safeharbor.advocate'));
      expect(r.data ?? null).toBeNull();
      expect(codes(r)).toContain('FORBIDDEN');
      expect((await denied()).length).toBe(before + 1);
    });
  });

  it('leaves the connections clean after such a rollback: the next requests read as usual', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await t.gql(DETAIL, { id: caseId }, await p.as('lcso.investigator'));
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ case: { id: caseId, title: expect.any(String) } });
    }
  });
});
