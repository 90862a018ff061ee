import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { Agency, AgenciesService, toAgency } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, checkDay, must } from '@app/core';
import { CasesService } from './cases.service';
import { IdentifiersService } from './identifiers.service';
import { ChargeDisposition } from './cases.enums';
import {
  allStatutes,
  caseLeadAgency,
  chargeById,
  chargeCase,
  chargeForUpdate,
  chargesOfCases,
  ChargeRow,
  ParticipantRow,
  insertCharge,
  insertNote,
  insertSubject,
  insertTask,
  notesOfCases,
  participantsOfCases,
  statuteExists,
  subjectById,
  subjectCase,
  subjectForUpdate,
  SubjectRow,
  subjectsOfCases,
  taskAssignable,
  taskById,
  taskCase,
  taskForUpdate,
  TaskRow,
  tasksOfCases,
  updateCharge,
  updateSubject,
  updateTask,
} from './case-work.sql';
import {
  AddCaseNoteInput,
  AddCaseTaskInput,
  AddChargeInput,
  AddSubjectInput,
  AddSubjectPayload,
  CaseNote,
  CaseParticipant,
  CaseTask,
  Charge,
  Statute,
  Subject,
  UpdateCaseTaskInput,
  UpdateChargeInput,
  UpdateSubjectInput,
} from './graphql/case.graphql-types';
import type { CaseDetailRow } from './cases.sql';

/**
 * The work on a case: subjects with their identifiers, charges against them, notes and tasks.
 * Reading needs any standing on the case; writing needs LEAD or CONTRIBUTE (CasesService.require).
 * Everything written here is written in the writer's agency's name and audited for both sides.
 */
@Injectable()
export class CaseWorkService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly cases: CasesService,
    private readonly identifiers: IdentifiersService,
  ) {}

  /** The case an item belongs to, or NOT_FOUND if the caller cannot see it. */
  private async caseOf(
    item: 'subject' | 'charge' | 'task',
    id: string,
    recordType: string,
    action: string,
  ): Promise<{ caseId: string; leadAgencyId: string }> {
    const r = await this.db.one({ subject: subjectCase, charge: chargeCase, task: taskCase }[item], [id]);
    if (!r) throw Errors.notFound(recordType, id, action);
    return { caseId: r.case_id, leadAgencyId: r.agency_id };
  }

  private async leadAgencyOf(caseId: string): Promise<string> {
    return (await this.db.row(caseLeadAgency, [caseId])).agency_id;
  }

  // Statutes ----------------------------------------------------------------------------

  async statutes(): Promise<Statute[]> {
    return this.db.tx(() => this.db.many(allStatutes));
  }

  // Subjects ----------------------------------------------------------------------------

  private async toSubjects(rows: SubjectRow[]): Promise<Subject[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((r) => toSubject(r, must(agencies.get(r.agency_id), 'the agency of a subject')));
  }

  async subjectsOf(caseIds: readonly string[]): Promise<Map<string, Subject[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(subjectsOfCases, [caseIds]);
      return groupBy(caseIds, await this.toSubjects(rows), (s) => s.caseId);
    });
  }

  async addSubject(input: AddSubjectInput): Promise<AddSubjectPayload> {
    this.identifiers.validate(input.identifiers);
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'CONTRIBUTE', 'subject.add');
      const p = this.ctx.principal;
      const { id } = await this.db.row(insertSubject, [
        input.caseId,
        p.agencyId,
        input.role,
        input.displayName.trim(),
        input.description ?? null,
        input.status,
        p.userId,
      ]);
      const deconfliction = await this.identifiers.record('SUBJECT', id, input.identifiers, input.caseId);
      await this.audit.record({
        action: 'subject.add',
        recordType: 'subject',
        recordId: id,
        subjectAgencyId: await this.leadAgencyOf(input.caseId),
        changes: {
          ...diffFields(null, { caseId: input.caseId, role: input.role, status: input.status }),
          displayName: '[confidential]',
          identifiers: { count: input.identifiers.length, kinds: [...new Set(input.identifiers.map((i) => i.kind))] },
        },
      });
      return { subject: await this.subject(id), deconfliction };
    });
  }

  async updateSubject(input: UpdateSubjectInput): Promise<Subject> {
    // The fields a client may change, and the row value each is compared with (the columns are updateSubject's).
    const fields: [keyof UpdateSubjectInput & ('role' | 'displayName' | 'description' | 'status'), keyof SubjectRow][] = [
      ['role', 'role'],
      ['displayName', 'display_name'],
      ['description', 'description'],
      ['status', 'status'],
    ];
    const given = fields.filter(([k]) => input[k] !== undefined);
    if (!given.length) throw Errors.badInput('Nothing to change: give at least one field.');
    const nulled = (['role', 'displayName', 'status'] as const).filter((k) => input[k] === null);
    if (nulled.length) throw Errors.badInput(`${nulled.join(', ')} cannot be null.`, { field: nulled[0] });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('subject', input.id, 'subject', 'subject.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'subject.update');
      const before = await this.db.row(subjectForUpdate, [input.id]);
      this.db.checkVersion('subject', before, input.version);
      await this.db.update(updateSubject, input.id, input.version, Object.fromEntries(given.map(([k]) => [k, input[k]])));
      await this.audit.record({
        action: 'subject.update',
        recordType: 'subject',
        recordId: input.id,
        subjectAgencyId: leadAgencyId,
        changes: diffFields(
          Object.fromEntries(given.map(([k, r]) => [k, before[r]])),
          Object.fromEntries(given.map(([k]) => [k, input[k]])),
          ['displayName', 'description'],
        ),
      });
      return this.subject(input.id);
    });
  }

  private async subject(id: string): Promise<Subject> {
    const [subject] = await this.toSubjects([await this.db.row(subjectById, [id])]);
    return subject;
  }

  // Charges -----------------------------------------------------------------------------

  private async toCharges(rows: ChargeRow[]): Promise<Charge[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((r) => toCharge(r, must(agencies.get(r.agency_id), 'the agency of a charge')));
  }

  async chargesOf(caseIds: readonly string[]): Promise<Map<string, Charge[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(chargesOfCases, [caseIds]);
      return groupBy(caseIds, await this.toCharges(rows), (c) => c.caseId);
    });
  }

  async addCharge(input: AddChargeInput): Promise<Charge> {
    checkDay(input.filedOn, 'filedOn', { notFuture: true });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('subject', input.subjectId, 'subject', 'charge.add');
      await this.cases.require(caseId, 'CONTRIBUTE', 'charge.add');
      const statute = await this.db.one(statuteExists, [input.statuteCode]);
      if (!statute)
        throw Errors.badInput(`"${input.statuteCode.slice(0, 40)}" is not in the statute catalogue. Query statutes for the codes.`, {
          field: 'statuteCode',
        });
      const p = this.ctx.principal;
      const { id } = await this.db.row(insertCharge, [
        caseId,
        input.subjectId,
        p.agencyId,
        input.statuteCode,
        input.counts,
        input.filedOn ?? null,
        p.userId,
      ]);
      await this.audit.record({
        action: 'charge.add',
        recordType: 'charge',
        recordId: id,
        subjectAgencyId: leadAgencyId,
        changes: diffFields(null, {
          caseId,
          subjectId: input.subjectId,
          statuteCode: input.statuteCode,
          counts: input.counts,
          filedOn: input.filedOn ?? null,
        }),
      });
      return this.charge(id);
    });
  }

  private async charge(id: string): Promise<Charge> {
    const [charge] = await this.toCharges([await this.db.row(chargeById, [id])]);
    return charge;
  }

  async updateCharge(input: UpdateChargeInput): Promise<Charge> {
    checkDay(input.filedOn, 'filedOn', { notFuture: true });
    checkDay(input.dispositionOn, 'dispositionOn', { notFuture: true });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('charge', input.id, 'charge', 'charge.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'charge.update');
      const before = await this.db.row(chargeForUpdate, [input.id]);
      this.db.checkVersion('charge', before, input.version);
      const after = {
        filedOn: input.filedOn ?? before.filed_on,
        disposition: input.disposition ?? before.disposition,
        dispositionOn: input.dispositionOn ?? before.disposition_on,
        sentence: input.sentence ?? before.sentence,
      };
      if (after.disposition !== ChargeDisposition.PENDING && !after.dispositionOn) {
        throw Errors.badInput(`A ${after.disposition} disposition needs its date (dispositionOn).`, { field: 'dispositionOn' });
      }
      if (after.sentence && after.disposition !== ChargeDisposition.CONVICTED && after.disposition !== ChargeDisposition.PLEA) {
        throw Errors.badInput('A sentence can be recorded only for a CONVICTED or PLEA disposition.', { field: 'sentence' });
      }
      if (after.filedOn && after.dispositionOn && after.dispositionOn < after.filedOn) {
        throw Errors.badInput('dispositionOn cannot be before filedOn.', { field: 'dispositionOn' });
      }
      await this.db.update(updateCharge, input.id, input.version, after);
      await this.audit.record({
        action: 'charge.update',
        recordType: 'charge',
        recordId: input.id,
        subjectAgencyId: leadAgencyId,
        changes: diffFields(
          { filedOn: before.filed_on, disposition: before.disposition, dispositionOn: before.disposition_on, sentence: before.sentence },
          after,
        ),
      });
      return this.charge(input.id);
    });
  }

  // Notes -------------------------------------------------------------------------------

  async notesOf(caseIds: readonly string[]): Promise<Map<string, CaseNote[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(notesOfCases, [caseIds]);
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
      return groupBy(
        caseIds,
        rows,
        (r) => r.case_id,
        (r) => ({
          id: r.id,
          body: r.body,
          agency: must(agencies.get(r.agency_id), 'the agency of a note'),
          authorName: r.author_name,
          createdAt: r.created_at,
        }),
      );
    });
  }

  async addNote(input: AddCaseNoteInput): Promise<CaseNote> {
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'CONTRIBUTE', 'case_note.add');
      const p = this.ctx.principal;
      const { id } = await this.db.row(insertNote, [input.caseId, p.agencyId, p.userId, input.body]);
      await this.audit.record({
        action: 'case_note.add',
        recordType: 'case_note',
        recordId: id,
        subjectAgencyId: await this.leadAgencyOf(input.caseId),
        changes: { caseId: { to: input.caseId }, body: '[confidential]' },
      });
      const notes = await this.notesOf([input.caseId]);
      return must(
        notes.get(input.caseId)?.find((n) => n.id === id),
        'the note just added',
      );
    });
  }

  // Tasks -------------------------------------------------------------------------------

  private async toTasks(rows: TaskRow[]): Promise<CaseTask[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      dueOn: r.due_on,
      done: r.done_at !== null,
      doneAt: r.done_at,
      agency: must(agencies.get(r.agency_id), 'the agency of a task'),
      version: r.version,
      caseId: r.case_id,
    }));
  }

  async tasksOf(caseIds: readonly string[]): Promise<Map<string, CaseTask[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(tasksOfCases, [caseIds]);
      return groupBy(caseIds, await this.toTasks(rows), (t) => t.caseId);
    });
  }

  /** A task's assignee is a user of the caller's own agency (each agency tasks its own people). */
  private async validateAssignee(id: string | null | undefined): Promise<void> {
    if (!id) return;
    const u = await this.db.one(taskAssignable, [id, this.ctx.principal.agencyId]);
    if (!u) throw Errors.badInput('A task can be assigned only to an active user of your own agency.', { field: 'assigneeId' });
  }

  async addTask(input: AddCaseTaskInput): Promise<CaseTask> {
    checkDay(input.dueOn, 'dueOn');
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'CONTRIBUTE', 'case_task.add');
      await this.validateAssignee(input.assigneeId);
      const p = this.ctx.principal;
      const { id } = await this.db.row(insertTask, [
        input.caseId,
        p.agencyId,
        input.title,
        input.assigneeId ?? null,
        input.dueOn ?? null,
        p.userId,
      ]);
      await this.audit.record({
        action: 'case_task.add',
        recordType: 'case_task',
        recordId: id,
        subjectAgencyId: await this.leadAgencyOf(input.caseId),
        changes: diffFields(null, {
          caseId: input.caseId,
          title: input.title,
          assigneeId: input.assigneeId ?? null,
          dueOn: input.dueOn ?? null,
        }),
      });
      return this.task(id);
    });
  }

  private async task(id: string): Promise<CaseTask> {
    const [task] = await this.toTasks([await this.db.row(taskById, [id])]);
    return task;
  }

  async updateTask(input: UpdateCaseTaskInput): Promise<CaseTask> {
    checkDay(input.dueOn, 'dueOn');
    if (input.title === undefined && input.assigneeId === undefined && input.dueOn === undefined && input.done === undefined) {
      throw Errors.badInput('Nothing to change: give at least one field.');
    }
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('task', input.id, 'task', 'case_task.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'case_task.update');
      const before = await this.db.row(taskForUpdate, [input.id]);
      this.policy.assertTaskOfOwnAgency(this.ctx.principal, before.agency_id, input.id);
      this.db.checkVersion('task', before, input.version);
      await this.validateAssignee(input.assigneeId);
      const done = input.done ?? before.done_at !== null;
      // null unassigns; leaving the field out keeps the assignee.
      const assignee = input.assigneeId === null ? null : (input.assigneeId ?? before.assignee_id);
      await this.db.update(updateTask, input.id, input.version, {
        title: input.title ?? before.title,
        assigneeId: assignee,
        dueOn: input.dueOn ?? before.due_on,
        done,
        doneBy: done ? this.ctx.principal.userId : null,
      });
      await this.audit.record({
        action: 'case_task.update',
        recordType: 'case_task',
        recordId: input.id,
        subjectAgencyId: leadAgencyId,
        changes: diffFields(
          { title: before.title, assigneeId: before.assignee_id, dueOn: before.due_on, done: before.done_at !== null },
          { title: input.title ?? before.title, assigneeId: assignee, dueOn: input.dueOn ?? before.due_on, done },
        ),
      });
      return this.task(input.id);
    });
  }

  // Participants ------------------------------------------------------------------------

  async participantsOf(caseIds: readonly string[]): Promise<Map<string, CaseParticipant[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(participantsOfCases, [caseIds]);
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
      return groupBy(
        caseIds,
        rows,
        (r) => r.case_id,
        (r) => toParticipant(r, must(agencies.get(r.agency_id), 'the agency of a participant')),
      );
    });
  }

  /**
   * A case's participants, subjects and charges as its detail statement carried them
   * (CasesService.detail): the rows the batches above would read, each with its agency.
   */
  collectionsOf(d: Pick<CaseDetailRow, 'participants' | 'subjects' | 'charges'>): {
    participants: CaseParticipant[];
    subjects: Subject[];
    charges: Charge[];
  } {
    return {
      participants: d.participants.map(({ row, agency }) =>
        toParticipant({ ...row, granted_at: new Date(row.granted_at) }, toAgency(agency)),
      ),
      subjects: d.subjects.map(({ row, agency }) => toSubject(row, toAgency(agency))),
      charges: d.charges.map(({ row, agency }) => toCharge(row, toAgency(agency))),
    };
  }
}

function toSubject(r: SubjectRow, addedBy: Agency): Subject {
  return {
    id: r.id,
    caseId: r.case_id,
    role: r.role,
    displayName: r.display_name,
    description: r.description,
    status: r.status,
    addedBy,
    version: r.version,
  };
}

function toCharge(r: ChargeRow, recordedBy: Agency): Charge {
  return {
    id: r.id,
    subjectId: r.subject_id,
    statute: r.statute,
    counts: r.counts,
    filedOn: r.filed_on,
    disposition: r.disposition,
    dispositionOn: r.disposition_on,
    sentence: r.sentence,
    recordedBy,
    version: r.version,
    caseId: r.case_id,
  };
}

function toParticipant(r: ParticipantRow, agency: Agency): CaseParticipant {
  return { agency, access: r.access, grantedAt: r.granted_at };
}

/** Groups items by key, with an (empty) entry for every requested key. */
function groupBy<R, T = R>(
  keys: readonly string[],
  items: R[],
  key: (r: R) => string,
  map: (r: R) => T = (r) => r as unknown as T,
): Map<string, T[]> {
  const out = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) out.get(key(item))?.push(map(item));
  return out;
}
