export * from './dashboard.module';
export * from './suppression';
