import type { ApolloServerPlugin } from '@apollo/server';
import { ClsServiceManager } from 'nestjs-cls';
import type { Logger } from 'typeorm';

const KEY = 'sqlStatements';

/**
 * A mutable counter placed in the request's store when the request starts: nested contexts (each
 * transaction runs in one) get a shallow copy of the store, so they share this object.
 */
export interface SqlStatementCount {
  n: number;
}
export const SQL_STATS_KEY = 'sqlStats';

/**
 * Diagnostics for N+1 hunting (SQL_STATS=1, never in production): TypeORM reports every statement
 * it sends to this logger, which counts them in the request context; the Apollo plugin below puts
 * the count in the response's `extensions.sqlStatements`. Statements include BEGIN/COMMIT and the
 * principal's binding (auth_bind_session), so compare counts, not absolute numbers.
 */
export class StatementCounter implements Logger {
  logQuery(): void {
    const cls = ClsServiceManager.getClsService();
    const count = cls.isActive() ? cls.get<SqlStatementCount | undefined>(SQL_STATS_KEY) : undefined;
    if (count) count.n++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function sqlStatsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const cls = ClsServiceManager.getClsService();
          if (response.body.kind === 'single' && cls.isActive()) {
            const count = cls.get<SqlStatementCount | undefined>(SQL_STATS_KEY);
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [KEY]: count?.n ?? 0 };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
