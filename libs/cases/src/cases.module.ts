import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { IdentifiersService } from './identifiers.service';
import { LeadsService } from './leads.service';
import { CasesService } from './cases.service';
import { CaseWorkService } from './case-work.service';
import { DeconflictionService } from './deconfliction.service';
import { LeadsResolver } from './graphql/leads.resolver';
import { CasesResolver } from './graphql/cases.resolver';
import './cases.enums';

/** Investigations: leads, cases, subjects, charges, notes, tasks, sharing, identifiers and deconfliction. */
@Module({
  imports: [AgenciesModule],
  providers: [IdentifiersService, LeadsService, CasesService, CaseWorkService, DeconflictionService, LeadsResolver, CasesResolver],
  exports: [IdentifiersService, LeadsService, CasesService],
})
export class CasesModule {}
