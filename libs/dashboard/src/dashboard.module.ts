import { Module } from '@nestjs/common';
import { DashboardService } from './dashboard.service';
import { DashboardResolver } from './graphql/dashboard.resolver';

/** Supervisor dashboards: counts through one narrow definer function, small counts suppressed task-force wide. */
@Module({
  providers: [DashboardService, DashboardResolver],
})
export class DashboardModule {}
