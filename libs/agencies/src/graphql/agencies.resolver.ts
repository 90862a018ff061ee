import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import { Allow, Permission } from '@app/access';
import { Me } from '@app/auth';
import { AgenciesService } from '../agencies.service';
import { Agency, CreateAgencyInput, CreateAgencyPayload, TaskForce, UpdateAgencyInput } from './agency.graphql-types';

@Resolver(() => Agency)
export class AgenciesResolver {
  constructor(private readonly service: AgenciesService) {}

  @Query(() => [Agency], { description: 'The agencies of your task force.' })
  @Allow(Permission.AGENCY_READ)
  agencies(): Promise<Agency[]> {
    return this.service.list();
  }

  @Query(() => Agency)
  @Allow(Permission.AGENCY_READ)
  agency(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<Agency> {
    return this.service.get(id);
  }

  @Query(() => TaskForce)
  @Allow(Permission.AGENCY_READ)
  taskForce(): Promise<TaskForce> {
    return this.service.taskForce();
  }

  @Mutation(() => CreateAgencyPayload, { description: 'Add an agency to the task force with its first AGENCY_ADMIN.' })
  @Allow(Permission.AGENCY_CREATE)
  createAgency(@Args('input') input: CreateAgencyInput): Promise<CreateAgencyPayload> {
    return this.service.create(input);
  }

  @Mutation(() => Agency)
  @Allow(Permission.AGENCY_UPDATE)
  updateAgency(@Args('input') input: UpdateAgencyInput): Promise<Agency> {
    return this.service.update(input);
  }
}

/** Adds the agency to `me` (auth knows nothing of agencies). */
@Resolver(() => Me)
export class MeAgencyResolver {
  constructor(private readonly agencies: AgenciesService) {}

  @ResolveField(() => Agency)
  @Allow(Permission.SELF)
  agency(@Parent() me: Me): Promise<Agency> {
    return this.agencies.get(me.agencyId);
  }
}
