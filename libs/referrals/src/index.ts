export * from './referrals.module';
export * from './referrals.enums';
export * from './referrals.service';
export * from './referral-brief';
