export * from './cases.module';
export * from './identifiers/identifier-kind';
export * from './identifiers/normalize';
export * from './cases.enums';
export * from './cases.service';
