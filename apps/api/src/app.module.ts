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
import { ApiReports } from './reports/api-reports';
import { DenyByDefaultCanaryModule } from './testing/deny-by-default-canary.module';

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
        ...(process.env.TF_TEST_CANARY === '1' && config.env !== 'production' ? [DenyByDefaultCanaryModule] : []),
      ],
      providers: [ApiReports],
    };
  }
}
