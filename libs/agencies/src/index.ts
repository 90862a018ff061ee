export * from './agency.enums';
export * from './agencies.module';
export * from './agencies.service';
export * from './graphql/agency.graphql-types';
