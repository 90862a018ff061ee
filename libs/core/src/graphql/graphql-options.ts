import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { AppConfig } from '../config/app-config';
import { formatGraphQLError } from '../errors/format-error';
import { sqlStatsPlugin } from '../database/sql-stats';
import { requestTransactionPlugin } from '../database/request-transaction';
import { inputBoundaryPlugin } from './input-boundary.plugin';
import { CompiledExecution } from './compiled-execution';

/**
 * Apollo at /graphql: depth, cost and alias limits (graphql-armor), no batching, CSRF prevention,
 * no field suggestions, introspection and the sandbox only outside production (a production server
 * serves no landing page: Apollo's loads its script from a CDN), one gate for every argument's
 * text (inputBoundaryPlugin), one error format.
 */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, flattenFragments: true },
    costLimit: { maxCost: config.graphql.maxCost },
    // Every alias counts, `__typename` too (armor allows that one by default: 300 of them ran).
    maxAliases: { n: config.graphql.maxAliases, allowList: [] },
    maxDirectives: { n: 20 },
    // Token limit in graphql-js's own parser (parseOptions below): armor's plugin throws from a
    // plugin hook, which Apollo answers with HTTP 500 for every syntax error.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const execution = new CompiledExecution();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    // Field resolvers (@ResolveField) go through the global guards too, so each declares its own
    // permission like an operation (AuthGuard; the throttler counts operations only). Only guards:
    // filters and interceptors stay at the operation.
    fieldResolverEnhancers: ['guards'],
    parseOptions: { maxLexicalTokens: 2000 },
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginUsageReportingDisabled(),
      // No per-field cache hints: every answer is `Cache-Control: no-store` (create-app.ts), and the
      // default cache-control plugin's willResolveField wrapped every field's resolver (issue 17).
      ApolloServerPluginCacheControlDisabled(),
      inputBoundaryPlugin(),
      requestTransactionPlugin(),
      ...(config.sqlStats ? [sqlStatsPlugin()] : []),
      config.graphql.introspection && config.env !== 'production'
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ],
    transformSchema: execution.captureSchema,
    // ApolloDriverConfig leaves Apollo's `gateway` out of its type; Nest passes it through to Apollo.
    ...({ gateway: execution.gateway() } as Partial<ApolloDriverConfig>),
    formatError: formatGraphQLError,
    // Apollo's Fastify integration calls it with Fastify's request and reply.
    context: (req: unknown, res: unknown) => ({ req, res }),
  };
}
