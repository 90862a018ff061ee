import { codes, personas, runCli, startTestApp, TestApp } from './support/test-app';
import { DASHBOARD, dashboardCells, dashboardFromRecords } from './support/dashboard';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * `npm run seed:scale -- --cases N`: volume for benchmarks, written as the app would have written it.
 * Counts in proportion, identities sealed (the app opens them, the database holds no plaintext), the
 * audit chain intact, the dashboard still equal to the records, row-level security untouched.
 */
const TABLES = [
  'cases',
  'leads',
  'case_participants',
  'subjects',
  'charges',
  'victims',
  'victim_identities',
  'victim_cases',
  'services',
  'referrals',
  'referral_events',
  'audit_events',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

const IDENTITY = graphql(`
  query SeedScaleVictim($id: ID!, $p: String!) {
    victim(id: $id) {
      code
      custodial
      cases {
        caseNumber
      }
      identity(purpose: $p) {
        denial
        released
        identity {
          legalName
          aliases
          birthDate
          phone
          email
          address
          immigrationStatus
          languages
          healthNotes
        }
      }
    }
  }
`);
const CASES = graphql(`
  query SeedScaleCases($first: Int!, $f: CaseFilter) {
    cases(first: $first, filter: $f) {
      edges {
        node {
          id
          number
          leadAgency {
            shortCode
          }
        }
      }
    }
  }
`);
const CASE = graphql(`
  query SeedScaleCase($id: ID!) {
    case(id: $id) {
      id
      number
    }
  }
`);

/** The persona of an agency's advocate, by short code (demo usernames). */
const ADVOCATE: Record<string, string> = {
  LCSO: 'lcso.advocate',
  HPSH: 'safeharbor.advocate',
  DFS: 'dfs.advocate',
  DVS: 'dvs.advocate',
  FBI: 'fbi.advocate',
  USAO: 'usao.advocate',
};

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('seed:scale', () => {
  let t: TestApp;
  let before: Counts;
  let after: Counts;
  let demoVictims: string[];
  let output: string;
  const { gql, ok } = personas(() => t);

  async function counts(): Promise<Counts> {
    const [row] = await t.ownerQuery<Counts>(`SELECT ${TABLES.map((x) => `(SELECT count(*) FROM ${x})::int AS ${x}`).join(', ')}`);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    before = await counts();
    demoVictims = (await t.ownerQuery<{ id: string }>(`SELECT id FROM victims`)).map((r) => r.id);
    const run = await runCli('seed-scale', t, {}, ['--cases', '300']);
    output = run.output;
    if (run.code !== 0) throw new Error(`seed-scale exited with ${run.code}:\n${run.output}`);
    after = await counts();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('adds the cases asked for and, in proportion, leads, shares, subjects, charges, victims, services, referrals and audit events', () => {
    const added = Object.fromEntries(TABLES.map((x) => [x, after[x] - before[x]])) as Counts;
    expect(added.cases).toBe(300);
    expect(added.leads).toBeGreaterThanOrEqual(400); // 270 that stay leads, about 180 promoted into the cases
    expect(added.leads).toBeLessThanOrEqual(500);
    expect(added.case_participants).toBeGreaterThanOrEqual(15);
    expect(added.case_participants).toBeLessThanOrEqual(120);
    expect(added.subjects).toBeGreaterThanOrEqual(270);
    expect(added.subjects).toBeLessThanOrEqual(480);
    expect(added.charges).toBeGreaterThanOrEqual(25);
    expect(added.charges).toBeLessThanOrEqual(200);
    expect(added.victims).toBeGreaterThanOrEqual(60);
    expect(added.victims).toBeLessThanOrEqual(220);
    expect(added.victim_identities).toBe(added.victims);
    expect(added.victim_cases).toBe(added.victims);
    expect(added.services / added.victims).toBeGreaterThan(1.5);
    expect(added.services / added.victims).toBeLessThan(2.5);
    expect(added.referrals).toBeGreaterThanOrEqual(8);
    expect(added.referrals).toBeLessThanOrEqual(90);
    expect(added.referral_events).toBeGreaterThanOrEqual(added.referrals);
    expect(added.audit_events).toBeGreaterThanOrEqual(200);
    expect(added.audit_events).toBeLessThanOrEqual(420);
    expect(output).toMatch(/Scale seed done in [\d.]+ s: \+300 cases/);
  });

  it('keeps numbers unique and continues the counters after them, so the app numbers the next record without a collision', async () => {
    const [dup] =
      await t.ownerQuery(`SELECT (SELECT count(*) FROM (SELECT agency_id, number FROM cases GROUP BY 1, 2 HAVING count(*) > 1) x)::int AS cases,
      (SELECT count(*) FROM (SELECT agency_id, reference FROM leads GROUP BY 1, 2 HAVING count(*) > 1) x)::int AS leads`);
    expect(dup).toEqual({ cases: 0, leads: 0 });
    const behind = await t.ownerQuery(`
      SELECT a.short_code, k.kind, k.year FROM agency_counters k JOIN agencies a ON a.id = k.agency_id
      WHERE k.last_value < (SELECT count(*) FROM cases c WHERE k.kind = 'CASE' AND c.agency_id = k.agency_id AND c.number LIKE a.short_code || '-' || k.year || '-%')
         OR k.last_value < (SELECT count(*) FROM leads l WHERE k.kind = 'LEAD' AND l.agency_id = k.agency_id AND l.reference LIKE a.short_code || '-L-' || k.year || '-%')`);
    expect(behind).toEqual([]);
    const [v] = await t.ownerQuery<{
      counter: number;
      codes: number;
    }>(`SELECT (SELECT max(last_value) FROM task_force_counters WHERE kind = 'VICTIM' AND year = extract(year FROM now()))::int AS counter,
      (SELECT count(*) FROM victims WHERE code LIKE 'V-' || extract(year FROM now()) || '-%')::int AS codes`);
    expect(v.counter).toBeGreaterThanOrEqual(v.codes);
    // The app's next case and victim take the next numbers.
    const opened = await ok(
      graphql(`
        mutation SeedScaleOpenCase($i: OpenCaseInput!) {
          openCase(input: $i) {
            case {
              number
            }
          }
        }
      `),
      { i: { title: 'After the scale seed', traffickingType: 'LABOR', counties: ['Laramie'], identifiers: [] } },
      'lcso.investigator',
    );
    const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM cases WHERE number = $1`, [opened.openCase.case.number]);
    expect(n).toBe(1);
  });

  it("seals every identity under its agency's data key: the advocates of that agency read them back, and no name is in the database in plaintext", async () => {
    const victims = await t.ownerQuery<{ id: string; code: string; short_code: string }>(
      `
      SELECT DISTINCT ON (a.short_code) v.id, v.code, a.short_code FROM victims v JOIN agencies a ON a.id = v.agency_id
      WHERE NOT (v.id = ANY ($1::uuid[])) AND a.short_code = ANY ($2) ORDER BY a.short_code, v.code`,
      [demoVictims, Object.keys(ADVOCATE)],
    );
    expect(victims.length).toBeGreaterThanOrEqual(2);
    const secrets: string[] = [];
    for (const v of victims) {
      const d = (await ok(IDENTITY, { id: v.id, p: 'Checking the benchmark data' }, ADVOCATE[v.short_code])).victim;
      expect(d).toMatchObject({
        code: v.code,
        custodial: true,
        identity: { released: expect.arrayContaining(['legalName']), denial: null },
      });
      expect(d.cases).toHaveLength(1);
      const identity = d.identity.identity;
      expect(identity!.legalName).toMatch(/^\p{L}+ \p{L}+/u);
      secrets.push(identity!.legalName!);
      if (identity!.email) secrets.push(identity!.email);
    }
    const [{ plain }] = await t.ownerQuery(`SELECT count(*)::int AS plain FROM victim_identities WHERE legal_name NOT LIKE 'v1:%'`);
    expect(plain).toBe(0);
    const tables = await t.ownerQuery<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    let dump = '';
    for (const { tablename } of tables) dump += JSON.stringify(await t.ownerQuery(`SELECT * FROM ${tablename}`));
    for (const secret of secrets) expect(dump).not.toContain(secret);
  });

  it('appends its audit events to the hash chain, which still verifies, and names no one in them', async () => {
    const [chain] = await t.ownerQuery(`SELECT checked::int, first_broken_seq, reason FROM audit_verify_chain()`);
    const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events`);
    expect(chain).toEqual({ checked: n, first_broken_seq: null, reason: null });
    expect(n).toBeGreaterThan(after.audit_events - 1);
    const events = await t.ownerQuery(`SELECT action, count(*)::int AS n FROM audit_events WHERE request_id = 'seed:scale' GROUP BY 1`);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.open', 'lead.create']));
    const [{ leaks }] = await t.ownerQuery(`SELECT count(*)::int AS leaks FROM audit_events e JOIN victims v ON e.record_id = v.id::text
      WHERE e.action = 'victim.register' AND NOT (e.changes -> 'identity' ->> 'values') = '[confidential]'`);
    expect(leaks).toBe(0);
    const verify = await runCli('audit-verify', t);
    expect(verify.code).toBe(0);
    expect(verify.output).toMatch(/intact/);
  });

  it('the dashboard of one agency still equals its records', async () => {
    const from = day(-4 * 366);
    const to = day(0);
    const expected = await dashboardFromRecords(t, 'LCSO', from, to);
    expect(Object.keys(expected.openCasesByStatus).length).toBeGreaterThan(2);
    const d = (await ok(DASHBOARD, { s: 'AGENCY', f: from, t: to }, 'lcso.supervisor')).dashboard;
    expect(dashboardCells(d, Object.keys(expected))).toEqual(expected);
  });

  it("row-level security still holds: an investigator sees its own agency's cases and those shared with it, never another's unshared case", async () => {
    const [cpd] = await t.ownerQuery(`SELECT id FROM agencies WHERE short_code = 'CPD'`);
    const [{ n: reachable }] = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM cases c WHERE c.agency_id = $1
      OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL)`,
      [cpd.id],
    );
    const [{ n: visible }] = await t.appRoleQuery(`SELECT count(*)::int AS n FROM cases`, [], 'cpd.investigator');
    expect(visible).toBe(reachable);
    expect(visible).toBeLessThan(after.cases);
    const shared = (await ok(CASES, { first: 100, f: { leading: false } }, 'cpd.investigator')).cases.edges.map((e) => e.node);
    for (const k of shared) {
      const [{ n }] = await t.ownerQuery(
        `SELECT count(*)::int AS n FROM case_participants WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL`,
        [k.id, cpd.id],
      );
      expect(n).toBe(1);
    }
    const others = await t.ownerQuery(
      `SELECT c.id FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE a.short_code IN ('LCSO', 'DCI', 'WRPD')
      AND NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL) ORDER BY c.opened_at DESC LIMIT 3`,
      [cpd.id],
    );
    expect(others).toHaveLength(3);
    for (const k of others) expect(codes(await gql(CASE, { id: k.id }, 'cpd.investigator'))).toEqual(['NOT_FOUND']);
  });

  it('refuses a bad argument with a clear message and writes nothing', async () => {
    const cases = (await counts()).cases;
    for (const args of [['--cases', 'abc'], ['--cases', '0'], [], ['--cases', '10', '--colour', 'red']]) {
      const run = await runCli('seed-scale', t, {}, args);
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/seed:scale failed: .*(--cases|unknown option)/);
    }
    const bad = await runCli('seed-scale', t, {}, ['--cases', 'abc']);
    expect(bad.output).toContain('--cases must be a whole number of at least 1 (e.g. --cases 100000), got "abc"');
    expect((await counts()).cases).toBe(cases);
  });
});
