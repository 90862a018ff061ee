import { codes, personas, startTestApp, TestApp } from './support/test-app';

/**
 * Dashboards: exact counts of one's own agency for supervisors; task-force counts with small cells
 * suppressed (and what would give them back); only through the narrow counting function; audited.
 */
const DASHBOARD = `query($s: DashboardScope!, $f: String!, $t: String!) { dashboard(scope: $s, from: $f, to: $t) {
  scope suppressionThreshold referralMedianMinutesToAnswer indicators { name total totalSuppressed cells { key key2 count suppressed } } } }`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PERIOD = { f: '2025-01-01', t: '2026-12-31' };

describe('dashboards', () => {
  let t: TestApp;
  const { gql, ok } = personas(() => t);
  const indicator = (d: any, name: string) => d.indicators.find((i: any) => i.name === name);

  beforeAll(async () => {
    t = await startTestApp();
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
});
