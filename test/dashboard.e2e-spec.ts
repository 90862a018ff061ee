import { codes, personas, startTestApp, TestApp } from './support/test-app';
import { DASHBOARD, dashboardCells, dashboardFromRecords } from './support/dashboard';

/**
 * Dashboards: exact counts of one's own agency for supervisors; task-force counts with small cells
 * suppressed (and what would give them back); only through the narrow counting function; audited.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PERIOD = { f: '2025-01-01', t: '2026-12-31' };

describe('dashboards', () => {
  let t: TestApp;
  const { gql, ok, forget } = personas(() => t);
  const indicator = (d: any, name: string) => d.indicators.find((i: any) => i.name === name);

  beforeAll(async () => {
    t = await startTestApp({}, { keepDatabase: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a supervisor's agency view: exact counts that match the records, the caseload of its own investigators, no ids", async () => {
    const d = (await ok(DASHBOARD, { s: 'AGENCY', ...PERIOD }, 'lcso.supervisor')).dashboard;
    const [lcso] = await t.ownerQuery(`SELECT id FROM agencies WHERE short_code = 'LCSO'`);
    const [{ n: open }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND status <> 'CLOSED'`, [lcso.id]);
    expect(indicator(d, 'openCasesByStatus').total).toBe(open);
    const [{ n: leads }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM leads WHERE agency_id = $1 AND received_at >= '2025-01-01' AND received_at < '2027-01-01'`, [lcso.id]);
    expect(indicator(d, 'leadsBySourceAndMonth').total).toBe(leads);
    expect(indicator(d, 'leadConversion').cells.find((c: any) => c.key === 'PROMOTED').count).toBeGreaterThanOrEqual(1);
    const caseload = indicator(d, 'caseloadPerInvestigator').cells.map((c: any) => c.key);
    expect(caseload).toEqual(expect.arrayContaining(['Det. Marcus Reyes', 'Det. Hannah Blake']));
    expect(d.indicators.flatMap((i: any) => i.cells).every((c: any) => !c.suppressed)).toBe(true);
    expect(indicator(d, 'deadlines').total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(d)).not.toMatch(UUID);
    const [event] = await t.ownerQuery(`SELECT changes FROM audit_events WHERE action = 'dashboard.read' ORDER BY seq DESC LIMIT 1`);
    expect(event.changes).toEqual({ scope: 'AGENCY', from: '2025-01-01', to: '2026-12-31' });
  });

  it('the task-force view: every count from 1 to 4 hidden, never a lone hidden cell under a shown total, no caseload, no names', async () => {
    for (const u of ['dci.coordinator', 'lcso.supervisor']) {
      const d = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...PERIOD }, u)).dashboard;
      expect(d.suppressionThreshold).toBe(5);
      expect(indicator(d, 'caseloadPerInvestigator')).toBeUndefined();
      const [{ n: open }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM cases WHERE status <> 'CLOSED'`);
      const byStatus = indicator(d, 'openCasesByStatus');
      expect(byStatus.total).toBe(open >= 5 ? open : null);
      for (const i of d.indicators) {
        for (const c of i.cells) {
          if (c.suppressed) expect(c.count).toBeNull();
          else expect(c.count === 0 || c.count >= 5).toBe(true);
        }
        if (i.total !== null) expect(i.cells.filter((c: any) => c.suppressed).length).not.toBe(1);
        if (i.total !== null) expect(i.total === 0 || i.total >= 5).toBe(true);
      }
      // The demo is a rural task force: most cells are small, and hidden.
      expect(d.indicators.flatMap((i: any) => i.cells).filter((c: any) => c.suppressed).length).toBeGreaterThan(5);
      expect(JSON.stringify(d)).not.toMatch(UUID);
      expect(JSON.stringify(d)).not.toMatch(/Marcus Reyes|Marín|Li Wen/);
    }
  });

  it('who may see which: coordinators only the task force; investigators, advocates, admins and auditors nothing; bad periods are refused', async () => {
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', ...PERIOD }, 'dci.coordinator'))).toEqual(['FORBIDDEN']);
    for (const u of ['lcso.investigator', 'lcso.advocate', 'lcso.admin', 'lcso.auditor', 'usao.prosecutor']) {
      expect(codes(await gql(DASHBOARD, { s: 'TASK_FORCE', ...PERIOD }, u))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', f: '2026-12-31', t: '2026-01-01' }, 'lcso.supervisor'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', f: 'last year', t: '2026-01-01' }, 'lcso.supervisor'))).toEqual(['BAD_USER_INPUT']);
  });

  it('the narrow path: the counting function returns counts and labels only, refuses other roles, and a supervisor\'s SQL still sees no other agency\'s rows', async () => {
    const sup = 'lcso.supervisor';
    const rows = await t.appRoleQuery(`SELECT * FROM app_dashboard_counts(true, '2025-01-01', '2026-12-31')`, [], sup);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['indicator', 'k1', 'k2', 'n']);
      expect(JSON.stringify(r)).not.toMatch(UUID);
    }
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_counts(true, '2025-01-01', '2026-12-31')`, [], 'lcso.investigator')).rejects.toThrow(/not allowed/);
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_counts(false, '2025-01-01', '2026-12-31')`, [], 'dci.coordinator')).rejects.toThrow(/not allowed/);
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_counts(true, '2025-01-01', '2026-12-31')`)).rejects.toThrow(/principal/);
    // Row-level security is untouched: the same supervisor reads only the cases LCSO is on.
    const visible = await t.appRoleQuery(`SELECT count(*)::int AS n FROM cases`, [], sup);
    const [{ n: all }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM cases`);
    expect(visible[0].n).toBeLessThan(all);
  });

  describe('pre-aggregated counts', () => {
    const CREATE_LEAD = `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id status } } }`;
    const lead = (receivedAt: string) => ({
      source: 'COMMUNITY_TIP', receivedAt, suspectedType: 'SEX', county: 'Laramie', city: 'Cheyenne', venue: 'HOTELS_HOSPITALITY',
      indicators: [], narrative: 'A neighbor reports young women brought to a motel room nightly by one driver.', identifiers: [],
    });
    async function expectMatches(from: string, to: string) {
      const expected = await dashboardFromRecords(t, 'LCSO', from, to);
      const d = (await ok(DASHBOARD, { s: 'AGENCY', f: from, t: to }, 'lcso.supervisor')).dashboard;
      expect(dashboardCells(d, Object.keys(expected))).toEqual(expected);
      return d;
    }

    it('match the records, before and after compaction, for whole months and for periods that start and end mid-month', async () => {
      const [{ n: pending }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`);
      expect(pending).toBeGreaterThan(0); // the demo seed's writes, not yet compacted
      for (const [f, to] of [['2025-01-01', '2026-12-31'], ['2025-03-17', '2026-10-09'], ['2026-10-03', '2026-10-20']]) await expectMatches(f, to);
      const [{ moved }] = await t.ownerQuery(`SELECT app_dashboard_compact() AS moved`);
      expect(moved).toBeGreaterThan(0);
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBe(0);
      const grains = (await t.ownerQuery(`SELECT DISTINCT grain FROM dashboard_totals ORDER BY 1`)).map((r: any) => r.grain);
      expect(grains).toEqual(['D', 'M', 'S', 'U']);
      for (const [f, to] of [['2025-01-01', '2026-12-31'], ['2025-03-17', '2026-10-09'], ['2026-10-03', '2026-10-20']]) await expectMatches(f, to);
    });

    it('count a write at once (before the job compacts it), and an update moves a count rather than adding one', async () => {
      const before = await expectMatches('2026-10-01', '2026-10-31');
      const tips = (d: any) => indicator(d, 'leadsBySourceAndMonth').cells.find((c: any) => c.key === 'COMMUNITY_TIP' && c.key2 === '2026-10')?.count ?? 0;
      const created = (await ok(CREATE_LEAD, { i: lead('2026-10-15T04:00:00Z') }, 'lcso.investigator')).createLead.lead;
      const after = await expectMatches('2026-10-01', '2026-10-31');
      expect(tips(after)).toBe(tips(before) + 1);
      const deltas = await t.ownerQuery(`SELECT indicator, k1, day::text AS day, n FROM dashboard_deltas ORDER BY indicator`);
      expect(deltas).toEqual([
        { indicator: 'leadConversion', k1: 'NOT_PROMOTED', day: '2026-10-15', n: 1 },
        { indicator: 'leadsBySourceAndMonth', k1: 'COMMUNITY_TIP', day: '2026-10-15', n: 1 },
      ]);
      // A case closed: its open counts go down, nothing else moves.
      const [open] = await t.ownerQuery(`SELECT c.id, c.status FROM cases c JOIN agencies a ON a.id = c.agency_id
        WHERE a.short_code = 'LCSO' AND c.status <> 'CLOSED' ORDER BY c.number LIMIT 1`);
      await t.ownerQuery(`UPDATE cases SET updated_at = now() WHERE id = $1`, [open.id]);
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBe(2); // nothing counted moved
      await t.ownerQuery(`UPDATE cases SET status = 'CLOSED', closure = 'RESOLVED' WHERE id = $1`, [open.id]);
      const closed = await expectMatches('2026-10-01', '2026-10-31');
      expect(indicator(closed, 'openCasesByStatus').total).toBe(indicator(after, 'openCasesByStatus').total - 1);
      expect(created.status).toBe('NEW');
    });

    it('are no table the app can read; the dashboard-compact job folds new counts in every minute and at start', async () => {
      for (const table of ['dashboard_totals', 'dashboard_deltas']) {
        await expect(t.appRoleQuery(`SELECT * FROM ${table}`, [], 'lcso.supervisor')).rejects.toThrow(/permission denied/);
      }
      await expect(t.appRoleQuery(`SELECT app_dashboard_compact()`, [], 'lcso.supervisor')).rejects.toThrow(/permission denied/);
      await ok(CREATE_LEAD, { i: lead('2026-09-30T23:00:00Z') }, 'lcso.investigator');
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBeGreaterThan(0);
      const before = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...PERIOD }, 'dci.coordinator')).dashboard;
      const dbName = t.dbName;
      await t.close();
      t = await startTestApp({ JOBS: 'true' }, { reuseDatabase: dbName });
      forget();
      const [schedule] = await t.ownerQuery(`SELECT name, cron FROM pgboss.schedule WHERE name = 'dashboard-compact'`);
      expect(schedule).toEqual({ name: 'dashboard-compact', cron: '* * * * *' });
      let job: any;
      for (let i = 0; i < 60 && !job; i++) {
        [job] = await t.ownerQuery(`SELECT output FROM pgboss.job WHERE name = 'dashboard-compact' AND state = 'completed' LIMIT 1`);
        if (!job) await new Promise((r) => setTimeout(r, 250));
      }
      expect(job.output.moved).toBeGreaterThan(0);
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBe(0);
      const after = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...PERIOD }, 'dci.coordinator')).dashboard;
      expect(after.indicators).toEqual(before.indicators);
    });
  });
});
