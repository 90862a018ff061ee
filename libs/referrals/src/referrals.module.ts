import { Module, OnModuleInit } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { CasesModule } from '@app/cases';
import { JobRunner } from '@app/core';
import { VictimHooks, VictimsModule } from '@app/victims';
import { ReferralsService } from './referrals.service';
import { ReferralsResolver } from './graphql/referrals.resolver';
import { REFERRAL_EXPIRY_JOB } from './referral-expiry.job';
import './referrals.enums';

/** Referrals between agencies: case hand-offs, victim-service referrals, the mandatory child-welfare referral. */
@Module({
  imports: [AgenciesModule, CasesModule, VictimsModule],
  providers: [ReferralsService, ReferralsResolver],
  exports: [ReferralsService],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly hooks: VictimHooks,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    // A minor identified as a victim of sex trafficking is reported to child welfare, in the same transaction.
    this.hooks.onFactsChanged((victimId) => this.referrals.ensureMandatory(victimId));
    this.jobs.register(REFERRAL_EXPIRY_JOB);
  }
}
