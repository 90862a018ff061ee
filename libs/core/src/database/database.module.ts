import type { EventEmitter } from 'node:events';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntitySchema } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { StatementCounter } from './sql-stats';
import { noteConnectionLost } from '../errors/database-unavailable';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function | EntitySchema;

const DB_OPTIONS = Symbol('DB_OPTIONS');

interface DatabaseModuleOptions {
  url: string;
  entities: EntityClass[];
  config: AppConfig;
}

/** The app role's connection pool. Migrations never run here (the app role owns nothing). */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DB_OPTIONS, useValue: options },
        {
          provide: DataSource,
          inject: [DB_OPTIONS],
          useFactory: async (o: DatabaseModuleOptions) => {
            const ds = new DataSource({
              type: 'postgres',
              url: o.url,
              entities: o.entities,
              synchronize: false,
              migrationsRun: false,
              logging: false,
              ...(o.config.sqlStats ? { logger: new StatementCounter() } : {}),
              poolSize: o.config.dbPoolSize,
              extra: { application_name: 'taskforce-api' },
            });
            await ds.initialize();
            // Remember when a pooled connection fails (isDatabaseUnavailable: TypeORM then releases
            // the query runner of the transaction on it, and its next statement names no cause).
            const pool = (ds.driver as unknown as { master?: EventEmitter }).master;
            // On every checkout, not only on 'connect': the clients TypeORM opened inside initialize()
            // were connected before this listener existed, and a failure on one of them went unnoted.
            const watched = new WeakSet<EventEmitter>();
            const watch = (client: EventEmitter) => {
              if (watched.has(client)) return;
              watched.add(client);
              client.on('error', () => noteConnectionLost());
            };
            pool?.on('connect', watch);
            pool?.on('acquire', watch);
            pool?.on('error', () => noteConnectionLost());
            return ds;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
