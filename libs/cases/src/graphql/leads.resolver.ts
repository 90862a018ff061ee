import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { PageArgs } from '@app/core';
import { LeadsService } from '../leads.service';
import { IdentifiersService } from '../identifiers.service';
import { DeconflictionService } from '../deconfliction.service';
import {
  CloseLeadInput,
  CreateLeadInput,
  CreateLeadPayload,
  DeconflictionMatch,
  DeconflictionNoticeConnection,
  IdentifierInput,
  Lead,
  LeadConnection,
  LeadsArgs,
  TriageLeadInput,
} from './lead.graphql-types';

@Resolver(() => Lead)
export class LeadsResolver {
  constructor(
    private readonly service: LeadsService,
    private readonly identifiers: IdentifiersService,
    private readonly notices: DeconflictionService,
  ) {}

  @Query(() => LeadConnection, { description: "Your agency's leads, newest first." })
  @Allow(Permission.LEAD_READ)
  leads(@Args() args: LeadsArgs): Promise<LeadConnection> {
    return this.service.list(args.filter, args.first, args.after);
  }

  @Query(() => Lead)
  @Allow(Permission.LEAD_READ)
  lead(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<Lead> {
    return this.service.get(id);
  }

  @Mutation(() => CreateLeadPayload, { description: 'Log a lead; its identifiers are deconflicted at once.' })
  @Allow(Permission.LEAD_WRITE)
  createLead(@Args('input') input: CreateLeadInput): Promise<CreateLeadPayload> {
    return this.service.create(input);
  }

  @Mutation(() => Lead, { description: 'Prioritise and assign a lead (NEW or TRIAGED).' })
  @Allow(Permission.LEAD_WRITE)
  triageLead(@Args('input') input: TriageLeadInput): Promise<Lead> {
    return this.service.triage(input);
  }

  @Mutation(() => Lead, { description: 'Close a lead as UNFOUNDED or DUPLICATE (of another lead), with a reason.' })
  @Allow(Permission.LEAD_WRITE)
  closeLead(@Args('input') input: CloseLeadInput): Promise<Lead> {
    return this.service.close(input);
  }

  @Query(() => [DeconflictionMatch], { description: 'Before acting: does another agency work this identifier? Names agencies only.' })
  @Allow(Permission.DECONFLICTION)
  checkIdentifier(@Args('input') input: IdentifierInput): Promise<DeconflictionMatch[]> {
    return this.identifiers.check(input);
  }

  @Query(() => DeconflictionNoticeConnection, { description: "Your agency's deconfliction notices, newest first." })
  @Allow(Permission.DECONFLICTION)
  deconflictionNotices(@Args() args: PageArgs): Promise<DeconflictionNoticeConnection> {
    return this.notices.list(args.first, args.after);
  }
}
