export * from './agency.enums';
export * from './agencies.module';
export * from './agencies.service';
export * from './graphql/agency.graphql-types';
export { agencyRowSql } from './agencies.sql';
export type { AgencyRow } from './agencies.sql';
