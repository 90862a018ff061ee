import { jobRows, must, ScheduledJob } from '@app/core';
import { sweepDeadlines } from './deadlines.sql';

/**
 * Every morning: deadlines whose day passed become OVERDUE (court dates: held), services that meet
 * them are taken into account, and reminders are left for the assignees (app_sweep_deadlines).
 */
export const DEADLINE_SWEEP_JOB: ScheduledJob = {
  name: 'deadlines-sweep',
  cron: '15 5 * * *',
  async run(db) {
    const [r] = await jobRows(db, sweepDeadlines);
    const { changed, reminded } = must(r, 'the sweep result');
    return { changed, reminded };
  },
};
