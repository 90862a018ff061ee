import { codes, personas, startTestApp, TestApp } from './support/test-app';
import fc from 'fast-check';
import { Dashboard, DASHBOARD, dashboardCells, dashboardFromRecords } from './support/dashboard';
import { attack } from './support/disclosure-attacker';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * Dashboards: exact counts of one's own agency for supervisors; task-force counts with small cells
 * suppressed (and what would give them back); only through the narrow counting function; audited.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PERIOD = { f: '2025-01-01', t: '2026-12-31' };

/** Every period the task-force view answers, from a month on up to the last month that has ended. */
function closedPeriods(since: string): { f: string; t: string }[] {
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)); // last day of the previous month
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const out: { f: string; t: string }[] = [];
  for (let d = new Date(`${since}-01T00:00:00Z`); d <= last; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const end = (months: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 0));
    out.push({ f: day(d), t: day(end(1)) });
    if (d.getUTCMonth() % 3 === 0 && end(3) <= last) out.push({ f: day(d), t: day(end(3)) });
    if (d.getUTCMonth() === 9 && end(12) <= last) out.push({ f: day(d), t: day(end(12)) });
  }
  return out;
}

describe('dashboards', () => {
  let t: TestApp;
  const { gql, ok, forget } = personas(() => t);
  const indicator = (d: Dashboard, name: string) => d.indicators.find((i) => i.name === name);

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
    expect(indicator(d, 'openCasesByStatus')!.total).toBe(open);
    const [{ n: leads }] = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM leads WHERE agency_id = $1 AND received_at >= '2025-01-01' AND received_at < '2027-01-01'`,
      [lcso.id],
    );
    expect(indicator(d, 'leadsBySourceAndMonth')!.total).toBe(leads);
    expect(indicator(d, 'leadConversion')!.cells.find((c) => c.key === 'PROMOTED')!.count).toBeGreaterThanOrEqual(1);
    const caseload = indicator(d, 'caseloadPerInvestigator')!.cells.map((c) => c.key);
    expect(caseload).toEqual(expect.arrayContaining(['Det. Marcus Reyes', 'Det. Hannah Blake']));
    expect(d.indicators.flatMap((i) => i.cells).every((c) => !c.suppressed)).toBe(true);
    expect(indicator(d, 'deadlines')!.total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(d)).not.toMatch(UUID);
    const [event] = await t.ownerQuery(`SELECT changes FROM audit_events WHERE action = 'dashboard.read' ORDER BY seq DESC LIMIT 1`);
    expect(event.changes).toEqual({ scope: 'AGENCY', from: '2025-01-01', to: '2026-12-31' });
  });

  it('the task-force view: every count from 0 to 4 hidden over the whole of each list, totals only where safe, no caseload, no names', async () => {
    const periods = closedPeriods('2026-07');
    for (const u of ['dci.coordinator', 'lcso.supervisor']) {
      for (const p of periods) {
        const d = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...p }, u)).dashboard;
        expect(d.suppressionThreshold).toBe(5);
        expect(d.stocksAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(indicator(d, 'caseloadPerInvestigator')).toBeUndefined();
        for (const i of d.indicators) {
          for (const c of i.cells) {
            if (c.suppressed) expect(c.count).toBeNull();
            else expect(c.count).toBeGreaterThanOrEqual(5);
          }
          if (i.total !== null) expect(i.total === 0 || i.total >= 5).toBe(true);
        }
        // Every source, every month, zeros included: a hidden cell says 0 to 4, never "at least 1".
        const months = new Set(indicator(d, 'leadsBySourceAndMonth')!.cells.map((c) => c.key2));
        expect(indicator(d, 'leadsBySourceAndMonth')!.cells).toHaveLength(10 * months.size);
        expect(indicator(d, 'openCasesByVenue')!.cells.length).toBeGreaterThanOrEqual(26);
        expect(JSON.stringify(d)).not.toMatch(UUID);
        expect(JSON.stringify(d)).not.toMatch(/Marcus Reyes|Marín|Li Wen/);
      }
    }
    // The demo is a rural task force: nearly everything is small, and hidden.
    const oct = (await ok(DASHBOARD, { s: 'TASK_FORCE', f: '2026-10-01', t: '2026-10-31' }, 'dci.coordinator')).dashboard;
    expect(oct.indicators.flatMap((i) => i.cells).filter((c) => c.suppressed).length).toBeGreaterThan(50);
  });

  it('an attacker who subtracts: across every period the API answers, no hidden count of the demo is narrowed below the whole of 0..4', async () => {
    const views = [];
    for (const p of closedPeriods('2025-10')) views.push((await ok(DASHBOARD, { s: 'TASK_FORCE', ...p }, 'dci.coordinator')).dashboard);
    const { hidden, inconsistent } = attack(views, 5);
    expect(inconsistent).toEqual([]);
    expect(hidden.size).toBeGreaterThan(100);
    const narrowed = [...hidden].filter(([, r]) => !(r.lo === 0 && r.hi === 0) && (r.lo > 0 || r.hi < 4));
    expect(narrowed).toEqual([]);
    // The demo's small counts are really there (the attack is not vacuous): October's leads are hidden, not absent.
    const [{ n }] = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM leads WHERE received_at >= '2026-10-01' AND received_at < '2026-11-01'`,
    );
    expect(n).toBeGreaterThan(0);
    expect([...hidden.keys()].filter((k) => k.startsWith('leadsBySourceAndMonth|') && k.endsWith('|2026-10'))).toHaveLength(10);
  });

  it('an attacker who subtracts, on random task forces: leads and conversions over three fiscal years, every view, nothing narrowed', async () => {
    const CREATE = graphql(`
      mutation DashboardCreateLead($i: CreateLeadInput!) {
        createLead(input: $i) {
          lead {
            id
          }
        }
      }
    `);
    const sources = ['HOTLINE', 'COMMUNITY_TIP', 'PATROL', 'ONLINE', 'SCHOOL'];
    const samples = fc.sample(
      fc.array(
        fc.record({
          month: fc.integer({ min: 0, max: 11 }),
          source: fc.constantFrom(...sources),
          promoted: fc.boolean(),
          burst: fc.integer({ min: 1, max: 7 }),
        }),
        { minLength: 5, maxLength: 14 },
      ),
      { numRuns: 3, seed: 42 },
    );
    for (const [i, sample] of samples.entries()) {
      const fy = 2021 + i; // months of federal fiscal year fy: October fy-1 to September fy
      for (const r of sample) {
        const y = r.month < 3 ? fy - 1 : fy;
        const m = ((r.month + 9) % 12) + 1;
        for (let j = 0; j < r.burst; j++) {
          const id = (
            await ok(
              CREATE,
              {
                i: {
                  source: r.source,
                  receivedAt: `${y}-${String(m).padStart(2, '0')}-1${j}T12:00:00Z`,
                  suspectedType: 'LABOR',
                  county: 'Laramie',
                  indicators: [],
                  narrative: 'A worker describes a crew housed in a trailer and paid nothing for months.',
                  identifiers: [],
                },
              },
              'lcso.investigator',
            )
          ).createLead.lead.id;
          if (r.promoted && j % 2 === 0) await t.ownerQuery(`UPDATE leads SET status = 'PROMOTED' WHERE id = $1`, [id]);
        }
      }
      const views = [];
      for (const p of closedPeriods(`${fy - 1}-10`).filter((x) => x.t <= `${fy}-09-30`))
        views.push((await ok(DASHBOARD, { s: 'TASK_FORCE', ...p }, 'dci.coordinator')).dashboard);
      expect(views).toHaveLength(12 + 4 + 1);
      const { hidden, inconsistent } = attack(views, 5);
      expect(inconsistent).toEqual([]);
      const narrowed = [...hidden].filter(([, r]) => !(r.lo === 0 && r.hi === 0) && (r.lo > 0 || r.hi < 4));
      expect(narrowed).toEqual([]);
      // Something is published: the fiscal year's leads, or a quarter's.
      expect(views.some((v) => indicator(v, 'leadsBySourceAndMonth')!.total !== null)).toBe(true);
    }
  });

  it('task-force months are frozen when read: a lead entered late changes the agency view, never a task-force period already published', async () => {
    const oct = { f: '2026-10-01', t: '2026-10-31' };
    const before = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...oct }, 'dci.coordinator')).dashboard;
    const agencyBefore = (await ok(DASHBOARD, { s: 'AGENCY', ...oct }, 'lcso.supervisor')).dashboard;
    const CREATE = graphql(`
      mutation DashboardCreateLead2($i: CreateLeadInput!) {
        createLead(input: $i) {
          lead {
            id
          }
        }
      }
    `);
    for (let i = 0; i < 6; i++) {
      await ok(
        CREATE,
        {
          i: {
            source: 'HOTLINE',
            receivedAt: '2026-10-20T12:00:00Z',
            suspectedType: 'SEX',
            county: 'Laramie',
            indicators: [],
            narrative: 'A caller reports a teenager advertised online by an older man.',
            identifiers: [],
          },
        },
        'lcso.investigator',
      );
    }
    const after = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...oct }, 'dci.coordinator')).dashboard;
    expect(after.indicators).toEqual(before.indicators);
    const agencyAfter = (await ok(DASHBOARD, { s: 'AGENCY', ...oct }, 'lcso.supervisor')).dashboard;
    expect(indicator(agencyAfter, 'leadsBySourceAndMonth')!.total).toBe(indicator(agencyBefore, 'leadsBySourceAndMonth')!.total! + 6);
  });

  it('who may see which: coordinators only the task force; investigators, advocates, admins and auditors nothing; bad periods are refused', async () => {
    const Q3 = { f: '2026-07-01', t: '2026-09-30' };
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', ...PERIOD }, 'dci.coordinator'))).toEqual(['FORBIDDEN']);
    for (const u of ['lcso.investigator', 'lcso.advocate', 'lcso.admin', 'lcso.auditor', 'usao.prosecutor']) {
      expect(codes(await gql(DASHBOARD, { s: 'TASK_FORCE', ...Q3 }, u))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', f: '2026-12-31', t: '2026-01-01' }, 'lcso.supervisor'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(DASHBOARD, { s: 'AGENCY', f: 'last year', t: '2026-01-01' }, 'lcso.supervisor'))).toEqual(['BAD_USER_INPUT']);
  });

  it('the task-force view answers closed months, quarters and federal fiscal years only, since days chosen freely could be subtracted', async () => {
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const thisMonthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const refused = [
      { f: '2026-10-01', t: '2026-10-30' }, // ends before the month does
      { f: '2026-10-02', t: '2026-10-31' }, // starts after it
      { f: '2025-01-01', t: '2025-12-31' }, // a calendar year overlaps two fiscal years
      { f: '2026-08-01', t: '2026-10-31' }, // three months, not a quarter
      { f: '2026-07-01', t: '2026-08-31' }, // two months
      { f: thisMonth, t: thisMonthEnd }, // not ended
      PERIOD,
    ];
    for (const p of refused) {
      const r = await gql(DASHBOARD, { s: 'TASK_FORCE', ...p }, 'dci.coordinator');
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/calendar month, a calendar quarter or a federal fiscal year .* that has ended/);
    }
    for (const p of [
      { f: '2026-07-01', t: '2026-09-30' },
      { f: '2025-10-01', t: '2026-09-30' },
      { f: '2026-11-01', t: '2026-11-30' },
    ]) {
      expect((await gql(DASHBOARD, { s: 'TASK_FORCE', ...p }, 'dci.coordinator')).errors).toBeUndefined();
    }
    // The agency view keeps any days.
    expect((await gql(DASHBOARD, { s: 'AGENCY', f: '2026-10-03', t: '2026-10-20' }, 'lcso.supervisor')).errors).toBeUndefined();
  });

  it('the narrow path: task-force counts only by closed period through one definer function that refuses other roles, no principal and open periods; the raw function is closed to the app', async () => {
    const sup = 'lcso.supervisor';
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_counts(true, '2025-01-01', '2026-12-31')`, [], sup)).rejects.toThrow(
      /closed period/,
    );
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_counts_raw(true, '2025-01-01', '2026-12-31')`, [], sup)).rejects.toThrow(
      /permission denied/,
    );
    const own = await t.appRoleQuery(`SELECT * FROM app_dashboard_counts(false, '2025-01-01', '2026-12-31')`, [], sup);
    expect(own.length).toBeGreaterThan(5);
    const rows = await t.appRoleQuery(`SELECT * FROM app_dashboard_task_force('2026-07-01', '2026-09-30')`, [], sup);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['frozen_on', 'grain', 'indicator', 'k1', 'k2', 'month', 'n']);
      expect(JSON.stringify(r)).not.toMatch(UUID);
    }
    await expect(
      t.appRoleQuery(`SELECT * FROM app_dashboard_task_force('2026-07-01', '2026-09-30')`, [], 'lcso.investigator'),
    ).rejects.toThrow(/not allowed/);
    await expect(
      t.appRoleQuery(`SELECT * FROM app_dashboard_counts(false, '2025-01-01', '2026-12-31')`, [], 'dci.coordinator'),
    ).rejects.toThrow(/not allowed/);
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_task_force('2026-07-01', '2026-09-30')`)).rejects.toThrow(/principal/);
    await expect(t.appRoleQuery(`SELECT * FROM app_dashboard_task_force('2026-07-02', '2026-09-30')`, [], sup)).rejects.toThrow(
      /whole months that have ended/,
    );
    await expect(
      t.appRoleQuery(
        `SELECT * FROM app_dashboard_task_force(date_trunc('month', now())::date, (date_trunc('month', now()) + interval '1 month - 1 day')::date)`,
        [],
        sup,
      ),
    ).rejects.toThrow(/whole months that have ended/);
    for (const table of ['dashboard_tf_counts', 'dashboard_tf_frozen']) {
      await expect(t.appRoleQuery(`SELECT * FROM ${table}`, [], sup)).rejects.toThrow(/permission denied/);
    }
    // Row-level security is untouched: the same supervisor reads only the cases LCSO is on.
    const visible = await t.appRoleQuery<{ n: number }>(`SELECT count(*)::int AS n FROM cases`, [], sup);
    const [{ n: all }] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
    expect(visible[0].n).toBeLessThan(all);
  });

  describe('pre-aggregated counts', () => {
    const CREATE_LEAD = graphql(`
      mutation DashboardCreateLead3($i: CreateLeadInput!) {
        createLead(input: $i) {
          lead {
            id
            status
          }
        }
      }
    `);
    const lead = (receivedAt: string) => ({
      source: 'COMMUNITY_TIP',
      receivedAt,
      suspectedType: 'SEX',
      county: 'Laramie',
      city: 'Cheyenne',
      venue: 'HOTELS_HOSPITALITY',
      indicators: [],
      narrative: 'A neighbor reports young women brought to a motel room nightly by one driver.',
      identifiers: [],
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
      for (const [f, to] of [
        ['2025-01-01', '2026-12-31'],
        ['2025-03-17', '2026-10-09'],
        ['2026-10-03', '2026-10-20'],
      ])
        await expectMatches(f, to);
      const [{ moved }] = await t.ownerQuery(`SELECT app_dashboard_compact() AS moved`);
      expect(moved).toBeGreaterThan(0);
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBe(0);
      const grains = (await t.ownerQuery(`SELECT DISTINCT grain FROM dashboard_totals ORDER BY 1`)).map((r) => r.grain);
      expect(grains).toEqual(['D', 'M', 'S', 'U']);
      for (const [f, to] of [
        ['2025-01-01', '2026-12-31'],
        ['2025-03-17', '2026-10-09'],
        ['2026-10-03', '2026-10-20'],
      ])
        await expectMatches(f, to);
    });

    it('count a write at once (before the job compacts it), and an update moves a count rather than adding one', async () => {
      const before = await expectMatches('2026-10-01', '2026-10-31');
      const tips = (d: Dashboard) =>
        indicator(d, 'leadsBySourceAndMonth')!.cells.find((c) => c.key === 'COMMUNITY_TIP' && c.key2 === '2026-10')?.count ?? 0;
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
      expect(indicator(closed, 'openCasesByStatus')!.total).toBe(indicator(after, 'openCasesByStatus')!.total! - 1);
      expect(created.status).toBe('NEW');
    });

    it('are no table the app can read; the dashboard-compact job folds new counts in every minute and at start', async () => {
      for (const table of ['dashboard_totals', 'dashboard_deltas']) {
        await expect(t.appRoleQuery(`SELECT * FROM ${table}`, [], 'lcso.supervisor')).rejects.toThrow(/permission denied/);
      }
      await expect(t.appRoleQuery(`SELECT app_dashboard_compact()`, [], 'lcso.supervisor')).rejects.toThrow(/permission denied/);
      await ok(CREATE_LEAD, { i: lead('2026-09-30T23:00:00Z') }, 'lcso.investigator');
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBeGreaterThan(0);
      const Q3 = { f: '2026-07-01', t: '2026-09-30' };
      const before = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...Q3 }, 'dci.coordinator')).dashboard;
      const dbName = t.dbName;
      await t.close();
      t = await startTestApp({ JOBS: 'true' }, { reuseDatabase: dbName });
      forget();
      const [schedule] = await t.ownerQuery(`SELECT name, cron FROM pgboss.schedule WHERE name = 'dashboard-compact'`);
      expect(schedule).toEqual({ name: 'dashboard-compact', cron: '* * * * *' });
      let job: { output: { moved: number } } | undefined;
      for (let i = 0; i < 60 && !job; i++) {
        [job] = await t.ownerQuery<{ output: { moved: number } }>(
          `SELECT output FROM pgboss.job WHERE name = 'dashboard-compact' AND state = 'completed' LIMIT 1`,
        );
        if (!job) await new Promise((r) => setTimeout(r, 250));
      }
      expect(job!.output.moved).toBeGreaterThan(0);
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM dashboard_deltas`))[0].n).toBe(0);
      const after = (await ok(DASHBOARD, { s: 'TASK_FORCE', ...Q3 }, 'dci.coordinator')).dashboard;
      expect(after.indicators).toEqual(before.indicators);
    });
  });
});
