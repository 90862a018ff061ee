import { ScheduledJob } from '@app/core';

/** Every minute: the counts written since (dashboard_deltas) join the dashboard totals (app_dashboard_compact). */
export const DASHBOARD_COMPACT_JOB: ScheduledJob = {
  name: 'dashboard-compact',
  cron: '* * * * *',
  async run(db) {
    const {
      rows: [r],
    } = await db.executeSql('SELECT app_dashboard_compact() AS moved', []);
    return { moved: Number(r.moved) };
  },
};
