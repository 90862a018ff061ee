import { Module, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '@app/core';
import { AgenciesModule } from '@app/agencies';
import { CasesModule } from '@app/cases';
import { IdentityVault } from './identity-vault.service';
import { VictimsService } from './victims.service';
import { ConsentsService } from './consents.service';
import { VictimServicesService } from './victim-services.service';
import { VictimServiceResolver, VictimsResolver } from './graphql/victims.resolver';
import { DeadlinesService } from './deadlines/deadlines.service';
import { LegalMattersService } from './deadlines/legal-matters.service';
import { DeadlinesResolver } from './graphql/deadlines.resolver';
import { DEADLINE_SWEEP_JOB } from './deadlines/deadline-sweep.job';
import { VictimHooks } from './victim-hooks';
import './victims.enums';

/** Victims: the pseudonymous profile, the encrypted identity, case links, consents and services. */
@Module({
  imports: [AgenciesModule, CasesModule],
  providers: [
    VictimHooks,
    IdentityVault,
    VictimsService,
    ConsentsService,
    VictimServicesService,
    DeadlinesService,
    LegalMattersService,
    VictimsResolver,
    VictimServiceResolver,
    DeadlinesResolver,
  ],
  exports: [VictimHooks, IdentityVault, VictimsService, ConsentsService, VictimServicesService, DeadlinesService],
})
export class VictimsModule implements OnModuleInit {
  constructor(private readonly jobs: JobRunner) {}

  onModuleInit(): void {
    this.jobs.register(DEADLINE_SWEEP_JOB);
  }
}
