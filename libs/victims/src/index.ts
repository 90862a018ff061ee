export * from './victims.module';
export * from './victims.enums';
export * from './identity-vault.service';
export * from './data-key-rotation';
export * from './deadlines/deadline-rules';
export * from './victim-hooks';
export * from './deadlines/deadlines.service';
export { CONSENT_STATE_SQL, consentsNaming } from './victims.sql';
