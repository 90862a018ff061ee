export * from './referrals.module';
