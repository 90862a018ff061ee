export * from './victims.module';
export * from './victims.enums';
export * from './identity-vault.service';
export * from './data-key-rotation';
export * from './deadlines/deadline-rules';
