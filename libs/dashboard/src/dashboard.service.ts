import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AccessPolicy } from '@app/access';
import { APP_CONFIG, AppConfig, checkDay, Db, Errors, RequestContext } from '@app/core';
import { suppress } from './suppression';
import { Dashboard, DashboardArgs, DashboardIndicator, DashboardScope } from './graphql/dashboard.graphql-types';

/** The indicators, in the order shown, and what each counts. */
export const INDICATORS: Record<string, string> = {
  leadsBySourceAndMonth: 'Leads received in the period, by source and month.',
  leadConversion: 'Leads received in the period that became cases.',
  openCasesByStatus: 'Open cases now, by status.',
  openCasesByType: 'Open cases now, by type of trafficking.',
  openCasesByVenue: 'Open cases now, by venue (Polaris typology).',
  openCasesByCounty: 'Open cases now, by county (a case in two counties counts in each).',
  victimsIdentifiedByMonth: 'Victims identified in the period, by month, minor or adult, and type.',
  servicesByCategoryAndStatus: 'Services of the victims kept, by category and status.',
  referralsAnswerPending: 'Referrals waiting for an answer now, and those past their deadline.',
  referralsAnswered: 'Referrals sent in the period and answered.',
  deadlines: 'Legal deadlines overdue, and due within 30 days.',
  chargesByDisposition: 'Charges recorded by the agency, by disposition.',
  caseloadPerInvestigator: "Open cases per investigator (your agency's view only).",
};

/**
 * Supervisor dashboards. The counts come through one narrow definer function (counts only) over
 * totals kept as records are written (migration 1763840000000); the
 * task-force view hides small counts and what would give them back (suppress()). Each read is audited.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly policy: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(args: DashboardArgs): Promise<Dashboard> {
    checkDay(args.from, 'from');
    checkDay(args.to, 'to');
    if (args.from > args.to) throw Errors.badInput('The period runs from a day on or before its last day (to).', { field: 'from' });
    this.policy.assertDashboardScope(this.ctx.principal, args.scope === DashboardScope.AGENCY);
    const wide = args.scope === DashboardScope.TASK_FORCE;
    const threshold = this.config.dashboardSuppressionThreshold;
    return this.db.tx(async (em) => {
      const rows: { indicator: string; k1: string; k2: string | null; n: string }[] = await em.query(
        `SELECT indicator, k1, k2, n FROM app_dashboard_counts($1, $2, $3)`, [wide, args.from, args.to],
      );
      const byIndicator = new Map<string, { key: string; key2: string | null; count: number }[]>(Object.keys(INDICATORS).map((k) => [k, []]));
      let median: number | null = null;
      for (const r of rows) {
        if (r.indicator === 'referralMinutesToAnswer') median = Number(r.n);
        else byIndicator.get(r.indicator)?.push({ key: r.k1, key2: r.k2, count: Number(r.n) });
      }
      const indicators: DashboardIndicator[] = [];
      for (const [name, raw] of byIndicator) {
        if (wide && name === 'caseloadPerInvestigator') continue;
        raw.sort((a, b) => `${a.key}|${a.key2 ?? ''}`.localeCompare(`${b.key}|${b.key2 ?? ''}`));
        const shown = wide ? suppress(raw, threshold) : { total: raw.reduce((s, c) => s + c.count, 0), totalSuppressed: false, cells: raw.map((c) => ({ ...c, suppressed: false })) };
        indicators.push({ name, description: INDICATORS[name], ...shown });
      }
      // A median of a few answers describes those few: shown only when the answers are not a small count.
      const answered = byIndicator.get('referralsAnswered')?.[0]?.count ?? 0;
      if (wide && answered < threshold) median = null;
      await this.audit.record({ action: 'dashboard.read', recordType: 'dashboard', changes: { scope: args.scope, from: args.from, to: args.to } });
      return { scope: args.scope, from: args.from, to: args.to, suppressionThreshold: threshold, indicators, referralMedianMinutesToAnswer: median };
    });
  }
}
