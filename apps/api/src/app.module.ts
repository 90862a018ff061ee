import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule, EmbeddedServer, SystemKeys, WorkerRole } from '@app/core';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { AgenciesModule } from '@app/agencies';
import { CasesModule } from '@app/cases';
import { VictimsModule } from '@app/victims';
import { ReferralsModule } from '@app/referrals';
import { DashboardModule } from '@app/dashboard';
import { DiscoveryModule } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiReports } from './reports/api-reports';
import { DenyByDefaultCanaryModule } from './testing/deny-by-default-canary.module';

/** The built web console (`npm run build:web` writes it to dist/web). */
export const WEB_ROOT = resolve(__dirname, '../../../web');

/** Wires the libs together. Configuration and the database connection come from the bootstrap. */
@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    appDatabaseUrl: string,
    systemKeys: SystemKeys,
    jobsDatabaseUrl?: string,
    embedded?: EmbeddedServer,
    workerRole?: WorkerRole,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, appDatabaseUrl, systemKeys, entities: [], jobsDatabaseUrl, embedded, workerRole }),
        AccessModule,
        AuditModule,
        AuthModule,
        AgenciesModule,
        CasesModule,
        VictimsModule,
        ReferralsModule,
        DashboardModule,
        DiscoveryModule,
        // The console, from the same origin: every path but the API's own is the single-page app.
        ...(existsSync(resolve(WEB_ROOT, 'index.html'))
          ? [
              ServeStaticModule.forRoot({
                rootPath: WEB_ROOT,
                exclude: ['/graphql{*path}', '/health{*path}', '/auth{*path}'],
                serveStaticOptions: { maxAge: 0 },
              }),
            ]
          : []),
        ...(process.env.TF_TEST_CANARY === '1' && config.env !== 'production' ? [DenyByDefaultCanaryModule] : []),
      ],
      providers: [ApiReports],
    };
  }
}
