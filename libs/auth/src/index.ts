export * from './auth.module';
export * from './auth.service';
export * from './password.service';
export * from './users.service';
export * from './graphql/auth.graphql-types';
export * from './graphql/user.graphql-types';
