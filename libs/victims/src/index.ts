export * from './victims.module';
