import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { IdentifiersService } from './identifiers.service';
import { LeadsService } from './leads.service';
import { DeconflictionService } from './deconfliction.service';
import { LeadsResolver } from './graphql/leads.resolver';
import './cases.enums';

/** Investigations: leads, identifiers and deconfliction (cases, subjects and charges to follow). */
@Module({
  imports: [AgenciesModule],
  providers: [IdentifiersService, LeadsService, DeconflictionService, LeadsResolver],
  exports: [IdentifiersService, LeadsService],
})
export class CasesModule {}
