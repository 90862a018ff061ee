import { jobRows, must, ScheduledJob } from '@app/core';
import { expireReferrals } from './referrals.sql';

/** Every five minutes: pending referrals past their deadline become EXPIRED and the sender is told (app_expire_referrals). */
export const REFERRAL_EXPIRY_JOB: ScheduledJob = {
  name: 'referrals-expire',
  cron: '*/5 * * * *',
  async run(db) {
    const [r] = await jobRows(db, expireReferrals);
    return { expired: must(r, 'the expiry result').expired };
  },
};
