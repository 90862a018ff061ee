import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { AgenciesResolver, MeAgencyResolver } from './graphql/agencies.resolver';

@Module({ providers: [AgenciesService, AgenciesResolver, MeAgencyResolver], exports: [AgenciesService] })
export class AgenciesModule {}
