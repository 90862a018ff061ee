import { Module, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '@app/core';
import { DashboardService } from './dashboard.service';
import { DashboardResolver } from './graphql/dashboard.resolver';
import { DASHBOARD_COMPACT_JOB } from './dashboard-compact.job';

/** Supervisor dashboards: counts through one narrow definer function over pre-aggregated totals, small counts suppressed task-force wide. */
@Module({
  providers: [DashboardService, DashboardResolver],
})
export class DashboardModule implements OnModuleInit {
  constructor(private readonly jobs: JobRunner) {}

  onModuleInit(): void {
    this.jobs.register(DASHBOARD_COMPACT_JOB);
  }
}
