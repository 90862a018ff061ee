import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { DashboardService } from '../dashboard.service';
import { Dashboard, DashboardArgs } from './dashboard.graphql-types';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => Dashboard, { description: 'Counts for supervisors (your agency, exact) and the task force (small counts suppressed).' })
  @Allow(Permission.DASHBOARD_READ)
  dashboard(@Args() args: DashboardArgs): Promise<Dashboard> {
    return this.dashboards.get(args);
  }
}
