import { ScheduledJob } from '@app/core';

/** Every five minutes: pending referrals past their deadline become EXPIRED and the sender is told (app_expire_referrals). */
export const REFERRAL_EXPIRY_JOB: ScheduledJob = {
  name: 'referrals-expire',
  cron: '*/5 * * * *',
  async run(db) {
    const {
      rows: [r],
    } = await db.executeSql('SELECT app_expire_referrals() AS expired', []);
    return { expired: Number(r.expired) };
  },
};
