import { randomUUID } from 'node:crypto';
import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppErrorFilter } from './errors/app-error.filter';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule, EntityClass } from './database/database.module';
import { Db } from './database/db.service';
import { RequestContext } from './context/request-context.service';
import { graphqlOptions } from './graphql/graphql-options';
import { HealthController } from './health/health.controller';
import { RequestThrottlerGuard } from './security/throttler.guard';
import { RequestStore } from './context/request-context';
import { RequestLoaders } from './graphql/request-loaders';
import { SQL_STATS_KEY, SqlStatementCount } from './database/sql-stats';
import { REQUEST_TX_KEY, RequestTransactionSlot } from './database/request-transaction';
import { REDACT_PATHS } from './logging/redact';
import { SYSTEM_KEYS_TOKEN, SystemKeys } from './crypto/key-ring';
import { JOBS_DATABASE_URL, JobRunner } from './jobs/job-runner';
import { headerText } from './security/safe-text';

/**
 * The request's one id, for its log line, its context and its audit rows: the one Fastify gave it
 * (create-app; Fastify's middleware layer copies it onto the raw request), else the caller's printable,
 * bounded X-Request-Id, else a new one.
 */
const requestId = (req: IncomingMessage & { id?: unknown }): string =>
  typeof req.id === 'string' ? req.id : (headerText(req.headers['x-request-id'], 100) ?? randomUUID());
import { EMBEDDED_DATABASE, EmbeddedServer } from './database/embedded-postgres';
import { PrimaryThrottlerStorage, SINGLE_PROCESS, WORKER_ROLE, WorkerRole } from './cluster/worker-link';
import { WindowThrottlerStorage } from './security/window-throttler-storage';

export interface CoreModuleOptions {
  config: AppConfig;
  /** The system keys, unwrapped from the key ring at boot (loadSystemKeys). */
  systemKeys: SystemKeys;
  appDatabaseUrl: string;
  entities: EntityClass[];
  /** Where pg-boss keeps its schema (the owner connection); no jobs run without it. */
  jobsDatabaseUrl?: string;
  /** The embedded PostgreSQL this process supervises, when there is one (/health reports its state). */
  embedded?: EmbeddedServer;
  /** A worker of a WORKERS > 1 server (ADR 0022); a single process by default. */
  workerRole?: WorkerRole;
}

/**
 * Configuration, the app-role database pool, the request context (nestjs-cls) with its
 * transaction, GraphQL with its limits, rate limiting, structured logs with redaction, health.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { config } = options;
    const role = options.workerRole ?? SINGLE_PROCESS;
    const database = DatabaseModule.forRoot({ url: options.appDatabaseUrl, entities: options.entities, config });
    return {
      module: CoreModule,
      imports: [
        database,
        LoggerModule.forRoot({
          // Every path (Fastify's wildcard; the default route does not match under it).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACT_PATHS, censor: '[redacted]' },
            // The request's id from Fastify (create-app: the caller's X-Request-Id or a new one).
            genReqId: (req) => requestId(req),
            autoLogging: config.env !== 'test',
            // The path only: a query string can carry GraphQL variables (passwords, tokens, names) on a GET.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
            },
          },
        }),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            // Both written to audit rows and logs: printable, bounded (headerText).
            idGenerator: (req: IncomingMessage) => requestId(req),
            setup: (cls, req: IncomingMessage & { ip?: string }, res: ServerResponse) => {
              const store = cls as unknown as { set<K extends keyof RequestStore>(k: K, v: RequestStore[K]): void };
              store.set('requestId', cls.getId());
              store.set('clientAddress', req.ip ?? req.socket.remoteAddress);
              (cls as unknown as { set(k: string, v: SqlStatementCount): void }).set(SQL_STATS_KEY, { n: 0 });
              store.set('userAgent', headerText(req.headers['user-agent'], 300));
              // A read request's one transaction (docs/adr/0025) ends before its answer is sent; should
              // the answer never be sent, it ends when the response closes.
              const slot: RequestTransactionSlot = {};
              (cls as unknown as { set(k: string, v: RequestTransactionSlot): void }).set(REQUEST_TX_KEY, slot);
              res.once('close', () => void slot.tx?.close());
            },
          },
          plugins: [
            new ClsPluginTransactional({
              imports: [database],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
            }),
          ],
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: config.requestRateLimit.windowSeconds * 1000, limit: config.requestRateLimit.limit }],
          // Every worker counts in the primary's one store, so a limit holds across workers (ADR 0022).
          storage: role.cluster ? new PrimaryThrottlerStorage() : new WindowThrottlerStorage(),
        }),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SYSTEM_KEYS_TOKEN, useValue: options.systemKeys },
        { provide: JOBS_DATABASE_URL, useValue: options.jobsDatabaseUrl },
        { provide: EMBEDDED_DATABASE, useValue: options.embedded ?? null },
        { provide: WORKER_ROLE, useValue: role },
        JobRunner,
        Db,
        RequestContext,
        RequestLoaders,
        { provide: APP_GUARD, useClass: RequestThrottlerGuard },
        { provide: APP_FILTER, useClass: AppErrorFilter },
      ],
      exports: [APP_CONFIG, SYSTEM_KEYS_TOKEN, JOBS_DATABASE_URL, WORKER_ROLE, JobRunner, Db, RequestContext, RequestLoaders, database],
    };
  }
}
