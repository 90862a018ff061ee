import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { RequestLoaders } from '@app/core';
import { CasesService } from '../cases.service';
import { CaseWorkService } from '../case-work.service';
import { IdentifiersService } from '../identifiers.service';
import {
  AddCaseNoteInput,
  AddCaseTaskInput,
  AddChargeInput,
  AddSubjectInput,
  AddSubjectPayload,
  Case,
  CaseConnection,
  CaseIdentifier,
  CaseNote,
  CaseParticipant,
  CasesArgs,
  CaseTask,
  Charge,
  CloseCaseInput,
  OpenCaseInput,
  OpenCasePayload,
  PromoteLeadInput,
  RevokeCaseShareInput,
  SetCaseStatusInput,
  ShareCaseInput,
  Statute,
  Subject,
  UpdateCaseInput,
  UpdateCaseTaskInput,
  UpdateChargeInput,
  UpdateSubjectInput,
} from './case.graphql-types';

/**
 * Cases and the work on them. Every operation declares its permission; the services check the
 * caller's standing on the case (lead agency, CONTRIBUTE or READ participant) and RLS backs it up.
 * A case's collections resolve through per-request batch loaders: a list never costs a query per case.
 */
@Resolver(() => Case)
export class CasesResolver {
  constructor(
    private readonly service: CasesService,
    private readonly work: CaseWorkService,
    private readonly identifierStore: IdentifiersService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => CaseConnection, { description: 'Cases your agency leads or that are shared with it, newest first.' })
  @Allow(Permission.CASE_READ)
  cases(@Args() args: CasesArgs): Promise<CaseConnection> {
    return this.service.list(args.filter, args.first, args.after);
  }

  /**
   * One case, read with its participants, subjects and charges in one statement: the request's
   * loaders are primed with them, so those fields cost nothing more (a list still batches).
   */
  @Query(() => Case)
  @Allow(Permission.CASE_READ)
  async case(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<Case> {
    const { found, collections } = await this.service.detail(id);
    const { participants, subjects, charges } = this.work.collectionsOf(collections);
    this.participantsLoader().prime(id, participants);
    this.subjectsLoader().prime(id, subjects);
    this.chargesLoader().prime(id, charges);
    return found;
  }

  @Query(() => [Statute], { description: 'The statute catalogue charges are recorded against.' })
  @Allow(Permission.CASE_READ)
  statutes(): Promise<Statute[]> {
    return this.work.statutes();
  }

  @Mutation(() => OpenCasePayload, { description: 'Open a case directly; its identifiers are deconflicted at once.' })
  @Allow(Permission.CASE_WRITE)
  openCase(@Args('input') input: OpenCaseInput): Promise<OpenCasePayload> {
    return this.service.open(input);
  }

  @Mutation(() => Case, { description: 'Promote a lead (NEW or TRIAGED) to a case; the case keeps the lead and its identifiers.' })
  @Allow(Permission.CASE_WRITE)
  promoteLead(@Args('input') input: PromoteLeadInput): Promise<Case> {
    return this.service.promote(input);
  }

  @Mutation(() => Case, { description: 'Edit a case your agency leads (the version you read must be current).' })
  @Allow(Permission.CASE_WRITE)
  updateCase(@Args('input') input: UpdateCaseInput): Promise<Case> {
    return this.service.update(input);
  }

  @Mutation(() => Case, { description: 'Move a case along: OPEN, ACTIVE, REFERRED_FOR_PROSECUTION, CHARGED, ADJUDICATED.' })
  @Allow(Permission.CASE_WRITE)
  setCaseStatus(@Args('input') input: SetCaseStatusInput): Promise<Case> {
    return this.service.setStatus(input);
  }

  @Mutation(() => Case, {
    description: 'Close a case (a supervisor of the lead agency): RESOLVED after adjudication, or UNFOUNDED / INSUFFICIENT_EVIDENCE.',
  })
  @Allow(Permission.CASE_CLOSE)
  closeCase(@Args('input') input: CloseCaseInput): Promise<Case> {
    return this.service.close(input);
  }

  @Mutation(() => Case, { description: 'Share a case your agency leads with another agency, at READ or CONTRIBUTE (or change the level).' })
  @Allow(Permission.CASE_WRITE)
  shareCase(@Args('input') input: ShareCaseInput): Promise<Case> {
    return this.service.share(input);
  }

  @Mutation(() => Case, { description: "Revoke another agency's access to a case your agency leads." })
  @Allow(Permission.CASE_WRITE)
  revokeCaseShare(@Args('input') input: RevokeCaseShareInput): Promise<Case> {
    return this.service.revokeShare(input);
  }

  @Mutation(() => AddSubjectPayload, {
    description: 'Add a subject (lead agency or CONTRIBUTE); its identifiers are deconflicted at once.',
  })
  @Allow(Permission.CASE_WRITE)
  addSubject(@Args('input') input: AddSubjectInput): Promise<AddSubjectPayload> {
    return this.work.addSubject(input);
  }

  @Mutation(() => Subject)
  @Allow(Permission.CASE_WRITE)
  updateSubject(@Args('input') input: UpdateSubjectInput): Promise<Subject> {
    return this.work.updateSubject(input);
  }

  @Mutation(() => Charge, { description: 'Charge a subject under a statute of the catalogue.' })
  @Allow(Permission.CHARGE_WRITE)
  addCharge(@Args('input') input: AddChargeInput): Promise<Charge> {
    return this.work.addCharge(input);
  }

  @Mutation(() => Charge, { description: 'Record a filing date, disposition or sentence.' })
  @Allow(Permission.CHARGE_WRITE)
  updateCharge(@Args('input') input: UpdateChargeInput): Promise<Charge> {
    return this.work.updateCharge(input);
  }

  @Mutation(() => CaseNote, { description: 'Add a note (lead agency or CONTRIBUTE). Notes cannot be edited or deleted.' })
  @Allow(Permission.CASE_NOTE)
  addCaseNote(@Args('input') input: AddCaseNoteInput): Promise<CaseNote> {
    return this.work.addNote(input);
  }

  @Mutation(() => CaseTask)
  @Allow(Permission.CASE_WRITE)
  addCaseTask(@Args('input') input: AddCaseTaskInput): Promise<CaseTask> {
    return this.work.addTask(input);
  }

  @Mutation(() => CaseTask, { description: 'Change or complete a task your agency created.' })
  @Allow(Permission.CASE_WRITE)
  updateCaseTask(@Args('input') input: UpdateCaseTaskInput): Promise<CaseTask> {
    return this.work.updateTask(input);
  }

  // A case's collections: batched per request ------------------------------------------

  @ResolveField(() => [CaseParticipant], { description: 'Agencies the case is shared with (live shares).' })
  @Allow(Permission.CASE_READ)
  participants(@Parent() c: Case): Promise<CaseParticipant[]> {
    return this.participantsLoader().load(c.id);
  }

  @ResolveField(() => [Subject])
  @Allow(Permission.CASE_READ)
  subjects(@Parent() c: Case): Promise<Subject[]> {
    return this.subjectsLoader().load(c.id);
  }

  @ResolveField(() => [Charge])
  @Allow(Permission.CASE_READ)
  charges(@Parent() c: Case): Promise<Charge[]> {
    return this.chargesLoader().load(c.id);
  }

  @ResolveField(() => [CaseNote], { description: 'Newest first.' })
  @Allow(Permission.CASE_READ)
  notes(@Parent() c: Case): Promise<CaseNote[]> {
    return this.loaders.get('case.notes', (ids) => this.work.notesOf(ids)).load(c.id);
  }

  @ResolveField(() => [CaseTask], { description: 'Open tasks first, by due date.' })
  @Allow(Permission.CASE_READ)
  tasks(@Parent() c: Case): Promise<CaseTask[]> {
    return this.loaders.get('case.tasks', (ids) => this.work.tasksOf(ids)).load(c.id);
  }

  @ResolveField(() => [CaseIdentifier], { description: 'Identifiers on the case, its subjects, and the lead it came from.' })
  @Allow(Permission.CASE_READ)
  identifiers(@Parent() c: Case): Promise<CaseIdentifier[]> {
    return this.loaders.get('case.identifiers', (ids) => this.identifierStore.forCases(ids)).load(c.id);
  }

  private participantsLoader() {
    return this.loaders.get('case.participants', (ids) => this.work.participantsOf(ids));
  }

  private subjectsLoader() {
    return this.loaders.get('case.subjects', (ids) => this.work.subjectsOf(ids));
  }

  private chargesLoader() {
    return this.loaders.get('case.charges', (ids) => this.work.chargesOf(ids));
  }
}
