import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AccessPolicy } from '@app/access';
import { APP_CONFIG, AppConfig, checkDay, CLOSED_PERIOD_RULE, closedPeriod, Db, Errors, RequestContext, today } from '@app/core';
import { medianMinutes, taskForceView } from './task-force-view';
import { agencyCounts, taskForceCounts } from './dashboard.sql';
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
    const threshold = this.config.dashboardSuppressionThreshold;
    return args.scope === DashboardScope.TASK_FORCE ? this.taskForce(args, threshold) : this.agency(args, threshold);
  }

  /** One's own agency, exact, for any period of days. */
  private agency(args: DashboardArgs, threshold: number): Promise<Dashboard> {
    return this.db.tx(async () => {
      const rows = await this.db.many(agencyCounts, [args.from, args.to]);
      const byIndicator = new Map<string, { key: string; key2: string | null; count: number }[]>(
        Object.keys(INDICATORS).map((k) => [k, []]),
      );
      let median: number | null = null;
      for (const r of rows) {
        if (r.indicator === 'referralMinutesToAnswer') median = Number(r.n);
        else byIndicator.get(r.indicator)?.push({ key: r.k1, key2: r.k2, count: Number(r.n) });
      }
      const indicators: DashboardIndicator[] = [];
      for (const [name, raw] of byIndicator) {
        raw.sort((a, b) => `${a.key}|${a.key2 ?? ''}`.localeCompare(`${b.key}|${b.key2 ?? ''}`));
        const total = raw.reduce((s, c) => s + c.count, 0);
        indicators.push({
          name,
          description: INDICATORS[name],
          total,
          totalSuppressed: false,
          cells: raw.map((c) => ({ ...c, suppressed: false, withheld: false })),
        });
      }
      await this.audited(args);
      return {
        scope: args.scope,
        from: args.from,
        to: args.to,
        suppressionThreshold: threshold,
        indicators,
        referralMedianMinutesToAnswer: median,
        stocksAsOf: null,
      };
    });
  }

  /**
   * The task force, by closed period only, from counts frozen when the period's months ended;
   * every number passes the small-count rule (ADR 0009).
   */
  private taskForce(args: DashboardArgs, threshold: number): Promise<Dashboard> {
    const period = closedPeriod(args.from, args.to, today());
    if (!period) throw Errors.badInput(CLOSED_PERIOD_RULE, { field: 'from' });
    return this.db.tx(async () => {
      const rows = await this.db.many(taskForceCounts, [args.from, args.to]);
      const stocksAsOf = rows.find((r) => r.grain === 'S' && r.indicator === 'frozen')?.frozen_on ?? null;
      const view = taskForceView(rows, period, threshold, (name) => INDICATORS[name]);
      const indicators = Object.keys(INDICATORS).flatMap((name) => view.indicators.get(name) ?? []);
      // A median of a few answers describes those few: shown only when the number answered is published.
      const median = view.answered !== null && view.answered >= threshold ? medianMinutes(rows) : null;
      await this.audited(args);
      return {
        scope: args.scope,
        from: args.from,
        to: args.to,
        suppressionThreshold: threshold,
        indicators,
        referralMedianMinutesToAnswer: median,
        stocksAsOf,
      };
    });
  }

  private audited(args: DashboardArgs): Promise<void> {
    return this.audit.record({
      action: 'dashboard.read',
      recordType: 'dashboard',
      changes: { scope: args.scope, from: args.from, to: args.to },
    });
  }
}
