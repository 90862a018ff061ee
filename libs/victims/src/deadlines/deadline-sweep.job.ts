import { ScheduledJob } from '@app/core';

/**
 * Every morning: deadlines whose day passed become OVERDUE (court dates: held), services that meet
 * them are taken into account, and reminders are left for the assignees (app_sweep_deadlines).
 */
export const DEADLINE_SWEEP_JOB: ScheduledJob = {
  name: 'deadlines-sweep',
  cron: '15 5 * * *',
  async run(db) {
    const {
      rows: [r],
    } = await db.executeSql('SELECT changed, reminded FROM app_sweep_deadlines()', []);
    return { changed: Number(r.changed), reminded: Number(r.reminded) };
  },
};
