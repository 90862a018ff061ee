import { jobRows, must, ScheduledJob } from '@app/core';
import { compactDashboard } from './dashboard.sql';

/** Every minute: the counts written since (dashboard_deltas) join the dashboard totals (app_dashboard_compact). */
export const DASHBOARD_COMPACT_JOB: ScheduledJob = {
  name: 'dashboard-compact',
  cron: '* * * * *',
  async run(db) {
    const [r] = await jobRows(db, compactDashboard);
    return { moved: must(r, 'the compaction result').moved };
  },
};
