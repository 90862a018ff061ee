import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { RequestLoaders } from '@app/core';
import { VictimsService } from '../victims.service';
import { ConsentsService } from '../consents.service';
import { VictimServicesService } from '../victim-services.service';
import { ServiceStatus } from '../victims.enums';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { LegalMattersService } from '../deadlines/legal-matters.service';
import { Deadline, LegalMatter } from './deadline.graphql-types';
import {
  UpdateVictimIdentityInput,
  UpdateVictimInput,
  AddServiceInput,
  AddServiceNoteInput,
  Consent,
  FindVictimInput,
  ServiceNote,
  UpdateServiceInput,
  VictimService,
  IdentityAccess,
  LinkVictimInput,
  RecordConsentInput,
  RegisterVictimInput,
  RegisterVictimPayload,
  RevokeConsentInput,
  Victim,
  VictimConnection,
  VictimsArgs,
} from './victim.graphql-types';

/**
 * Victims and consents. The profile is pseudonymous; the identity is a field that takes a purpose
 * and answers with the identity or the reason it is withheld (never an error), audited either way.
 */
@Resolver(() => Victim)
export class VictimsResolver {
  constructor(
    private readonly service: VictimsService,
    private readonly consents: ConsentsService,
    private readonly serviceWork: VictimServicesService,
    private readonly deadlineWork: DeadlinesService,
    private readonly matters: LegalMattersService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Mutation(() => Victim, {
    description: 'Change the profile and the facts deadlines hang on (crime date, identification, advocate); deadlines follow.',
  })
  @Allow(Permission.VICTIM_WRITE)
  updateVictim(@Args('input') input: UpdateVictimInput): Promise<Victim> {
    return this.service.update(input);
  }

  @Mutation(() => IdentityAccess, {
    description: 'Correct the confidential identity (custodial advocates and supervisors; audited with the reason, never the values).',
  })
  @Allow(Permission.VICTIM_WRITE)
  updateVictimIdentity(@Args('input') input: UpdateVictimIdentityInput): Promise<IdentityAccess> {
    return this.service.updateIdentity(input);
  }

  @ResolveField(() => [Deadline], { description: 'Legal deadlines (custodial agency only; empty for anyone else).' })
  @Allow(Permission.VICTIM_READ)
  deadlines(@Parent() v: Victim): Promise<Deadline[]> {
    return this.loaders.get('victim.deadlines', (ids) => this.deadlineWork.ofVictims(ids)).load(v.id);
  }

  @ResolveField(() => [LegalMatter], { description: 'Continued Presence, visa declaration requests, court dates (custodial agency only).' })
  @Allow(Permission.VICTIM_READ)
  legalMatters(@Parent() v: Victim): Promise<LegalMatter[]> {
    return this.loaders.get('victim.legalMatters', (ids) => this.matters.ofVictims(ids)).load(v.id);
  }

  @Query(() => [VictimService], { description: 'Services your agency is asked to provide.' })
  @Allow(Permission.VICTIM_READ)
  providedServices(@Args('status', { type: () => [ServiceStatus], nullable: true }) status?: ServiceStatus[]): Promise<VictimService[]> {
    return this.serviceWork.provided(status);
  }

  @Mutation(() => VictimService, { description: 'Record a need or service for a victim your agency keeps, and who provides it.' })
  @Allow(Permission.VICTIM_WRITE)
  addService(@Args('input') input: AddServiceInput): Promise<VictimService> {
    return this.serviceWork.add(input);
  }

  @Mutation(() => VictimService, { description: 'Move a service along (custodial agency or provider).' })
  @Allow(Permission.VICTIM_WRITE)
  updateService(@Args('input') input: UpdateServiceInput): Promise<VictimService> {
    return this.serviceWork.update(input);
  }

  @Mutation(() => ServiceNote, { description: "A provider's note on a service: only the provider sees it." })
  @Allow(Permission.VICTIM_WRITE)
  addServiceNote(@Args('input') input: AddServiceNoteInput): Promise<ServiceNote> {
    return this.serviceWork.addNote(input);
  }

  @Query(() => VictimConnection, { description: 'Victims your agency keeps, and those on cases it is on or under consent to it.' })
  @Allow(Permission.VICTIM_READ)
  victims(@Args() args: VictimsArgs): Promise<VictimConnection> {
    return this.service.list(args.custodial, args.first, args.after);
  }

  @Query(() => Victim)
  @Allow(Permission.VICTIM_READ)
  victim(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<Victim> {
    return this.service.get(id);
  }

  @Query(() => [Victim], { description: "Exact match on name and date of birth among your agency's victims (blind index)." })
  @Allow(Permission.VICTIM_WRITE)
  findVictims(@Args('input') input: FindVictimInput): Promise<Victim[]> {
    return this.service.find(input);
  }

  @Query(() => [Consent], { description: "Your agency's live consents that end within the given days (reminders)." })
  @Allow(Permission.CONSENT_MANAGE)
  expiringConsents(@Args('withinDays', { type: () => Int, defaultValue: 14 }) withinDays: number): Promise<Consent[]> {
    return this.consents.expiring(withinDays);
  }

  @Mutation(() => RegisterVictimPayload, { description: 'Register a victim: the identity is encrypted; a likely duplicate is reported.' })
  @Allow(Permission.VICTIM_WRITE)
  registerVictim(@Args('input') input: RegisterVictimInput): Promise<RegisterVictimPayload> {
    return this.service.register(input);
  }

  @Mutation(() => Victim, { description: 'Link a victim your agency keeps to a case you can see.' })
  @Allow(Permission.VICTIM_WRITE)
  linkVictimToCase(@Args('input') input: LinkVictimInput): Promise<Victim> {
    return this.service.link(input);
  }

  @Mutation(() => Consent, { description: 'Record a signed release of information to another agency.' })
  @Allow(Permission.CONSENT_MANAGE)
  recordConsent(@Args('input') input: RecordConsentInput): Promise<Consent> {
    return this.consents.record(input);
  }

  @Mutation(() => Consent, { description: 'Revoke a consent: the recipient loses access on its next request.' })
  @Allow(Permission.CONSENT_MANAGE)
  revokeConsent(@Args('input') input: RevokeConsentInput): Promise<Consent> {
    return this.consents.revoke(input);
  }

  @ResolveField(() => IdentityAccess, { description: 'The confidential identity, for a stated purpose (audited).' })
  @Allow(Permission.VICTIM_READ)
  identity(@Parent() v: Victim, @Args('purpose') purpose: string): Promise<IdentityAccess> {
    return this.service.identity(v.id, purpose);
  }

  @ResolveField(() => [Consent], { description: 'All consents (custodial agency), or those naming your agency.' })
  @Allow(Permission.VICTIM_READ)
  consentsGiven(@Parent() v: Victim): Promise<Consent[]> {
    return this.loaders.get('victim.consents', (ids) => this.consents.ofVictims(ids)).load(v.id);
  }

  @ResolveField(() => [VictimService], { description: 'Needs and services you can see (custodial, provider, or SERVICES consent).' })
  @Allow(Permission.VICTIM_READ)
  services(@Parent() v: Victim): Promise<VictimService[]> {
    return this.loaders.get('victim.services', (ids) => this.serviceWork.ofVictims(ids)).load(v.id);
  }
}

@Resolver(() => VictimService)
export class VictimServiceResolver {
  constructor(
    private readonly services: VictimServicesService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [ServiceNote], { description: "The provider's own notes (empty for anyone else)." })
  @Allow(Permission.VICTIM_READ)
  notes(@Parent() s: VictimService): Promise<ServiceNote[]> {
    return this.loaders.get('service.notes', (ids) => this.services.notesOf(ids)).load(s.id);
  }
}
