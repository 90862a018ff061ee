export * from './referrals.module';
export * from './referrals.enums';
export * from './referrals.service';
