export * from './roles';
export * from './permissions';
export * from './allow.decorator';
export * from './access-policy.service';
export * from './access.module';
export * from './victim-referral-consent';
export * from './visibility.sql';
