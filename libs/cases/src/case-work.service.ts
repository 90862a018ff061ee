import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, checkDay } from '@app/core';
import { CasesService } from './cases.service';
import { IdentifiersService } from './identifiers.service';
import { ChargeDisposition, SubjectRole, SubjectStatus, StatuteJurisdiction } from './cases.enums';
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

interface SubjectRow {
  id: string;
  case_id: string;
  agency_id: string;
  role: SubjectRole;
  display_name: string;
  description: string | null;
  status: SubjectStatus;
  version: number;
}
interface StatuteRow {
  code: string;
  jurisdiction: StatuteJurisdiction;
  citation: string;
  title: string;
  nibrs: string | null;
}
interface ChargeRow {
  id: string;
  case_id: string;
  subject_id: string;
  agency_id: string;
  counts: number;
  filed_on: string | null;
  disposition: ChargeDisposition;
  disposition_on: string | null;
  sentence: string | null;
  version: number;
  statute: StatuteRow;
}
interface NoteRow {
  id: string;
  case_id: string;
  agency_id: string;
  body: string;
  author_name: string | null;
  created_at: Date;
}
interface TaskRow {
  id: string;
  case_id: string;
  agency_id: string;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  due_on: string | null;
  done_at: Date | null;
  version: number;
}

const SUBJECT_SELECT = `SELECT id, case_id, agency_id, role, display_name, description, status, version FROM subjects`;
const CHARGE_SELECT = `SELECT ch.id, ch.case_id, ch.subject_id, ch.agency_id, ch.counts, to_char(ch.filed_on, 'YYYY-MM-DD') AS filed_on, ch.disposition,
  to_char(ch.disposition_on, 'YYYY-MM-DD') AS disposition_on, ch.sentence, ch.version,
  json_build_object('code', st.code, 'jurisdiction', st.jurisdiction, 'citation', st.citation, 'title', st.title, 'nibrs', st.nibrs) AS statute
  FROM charges ch JOIN statutes st ON st.code = ch.statute_code`;
const TASK_SELECT = `SELECT t.id, t.case_id, t.agency_id, t.title, t.assignee_id, u.display_name AS assignee_name, to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
  t.done_at, t.version FROM case_tasks t LEFT JOIN users u ON u.id = t.assignee_id`;

const STALE = (what: string) => `This ${what} was changed by someone else since you read it. Reload and try again.`;

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
    table: 'subjects' | 'charges' | 'case_tasks',
    id: string,
    recordType: string,
    action: string,
  ): Promise<{ caseId: string; leadAgencyId: string }> {
    const {
      rows: [r],
    } = await this.db.exec<{ case_id: string; agency_id: string }>(
      `SELECT x.case_id, c.agency_id FROM ${table} x JOIN cases c ON c.id = x.case_id WHERE x.id = $1`,
      [id],
    );
    if (!r) throw Errors.notFound(recordType, id, action);
    return { caseId: r.case_id, leadAgencyId: r.agency_id };
  }

  private async leadAgencyOf(caseId: string): Promise<string> {
    const {
      rows: [r],
    } = await this.db.exec<{ agency_id: string }>(`SELECT agency_id FROM cases WHERE id = $1`, [caseId]);
    return r.agency_id;
  }

  // Statutes ----------------------------------------------------------------------------

  async statutes(): Promise<Statute[]> {
    return this.db.tx((em) => em.query(`SELECT code, jurisdiction, citation, title, nibrs FROM statutes ORDER BY sort_order`));
  }

  // Subjects ----------------------------------------------------------------------------

  private async toSubjects(rows: SubjectRow[]): Promise<Subject[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      role: r.role,
      displayName: r.display_name,
      description: r.description,
      status: r.status,
      addedBy: agencies.get(r.agency_id)!,
      version: r.version,
    }));
  }

  async subjectsOf(caseIds: readonly string[]): Promise<Map<string, Subject[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.prepared<SubjectRow>(`${SUBJECT_SELECT} WHERE case_id = ANY($1) ORDER BY created_at, id`, [caseIds]);
      return groupBy(caseIds, await this.toSubjects(rows), (s) => s.caseId);
    });
  }

  async addSubject(input: AddSubjectInput): Promise<AddSubjectPayload> {
    this.identifiers.validate(input.identifiers);
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'CONTRIBUTE', 'subject.add');
      const p = this.ctx.principal;
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO subjects (case_id, agency_id, role, display_name, description, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.caseId, p.agencyId, input.role, input.displayName.trim(), input.description ?? null, input.status, p.userId],
      );
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
      const [subject] = await this.toSubjects(await this.db.em.query(`${SUBJECT_SELECT} WHERE id = $1`, [id]));
      return { subject, deconfliction };
    });
  }

  async updateSubject(input: UpdateSubjectInput): Promise<Subject> {
    const fields: [keyof UpdateSubjectInput, string, keyof SubjectRow][] = [
      ['role', 'role', 'role'],
      ['displayName', 'display_name', 'display_name'],
      ['description', 'description', 'description'],
      ['status', 'status', 'status'],
    ];
    const given = fields.filter(([k]) => input[k] !== undefined);
    if (!given.length) throw Errors.badInput('Nothing to change: give at least one field.');
    const nulled = (['role', 'displayName', 'status'] as const).filter((k) => input[k] === null);
    if (nulled.length) throw Errors.badInput(`${nulled.join(', ')} cannot be null.`, { field: nulled[0] });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('subjects', input.id, 'subject', 'subject.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'subject.update');
      const [before]: SubjectRow[] = await this.db.em.query(`${SUBJECT_SELECT} WHERE id = $1 FOR UPDATE`, [input.id]);
      if (before.version !== input.version) throw Errors.conflict(STALE('subject'), { currentVersion: before.version });
      const { rowCount } = await this.db.exec(
        `UPDATE subjects SET ${given.map(([, col], i) => `${col} = $${i + 3}`).join(', ')}, updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2`,
        [input.id, input.version, ...given.map(([k]) => input[k])],
      );
      if (rowCount !== 1) throw Errors.conflict(STALE('subject'));
      await this.audit.record({
        action: 'subject.update',
        recordType: 'subject',
        recordId: input.id,
        subjectAgencyId: leadAgencyId,
        changes: diffFields(
          Object.fromEntries(given.map(([k, , r]) => [k, before[r]])),
          Object.fromEntries(given.map(([k]) => [k, input[k]])),
          ['displayName', 'description'],
        ),
      });
      const [subject] = await this.toSubjects(await this.db.em.query(`${SUBJECT_SELECT} WHERE id = $1`, [input.id]));
      return subject;
    });
  }

  // Charges -----------------------------------------------------------------------------

  private async toCharges(rows: ChargeRow[]): Promise<Charge[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((r) => ({
      id: r.id,
      subjectId: r.subject_id,
      statute: r.statute as Statute,
      counts: r.counts,
      filedOn: r.filed_on,
      disposition: r.disposition,
      dispositionOn: r.disposition_on,
      sentence: r.sentence,
      recordedBy: agencies.get(r.agency_id)!,
      version: r.version,
      caseId: r.case_id,
    }));
  }

  async chargesOf(caseIds: readonly string[]): Promise<Map<string, Charge[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.prepared<ChargeRow>(`${CHARGE_SELECT} WHERE ch.case_id = ANY($1) ORDER BY ch.created_at, ch.id`, [
        caseIds,
      ]);
      return groupBy(caseIds, await this.toCharges(rows), (c) => c.caseId);
    });
  }

  async addCharge(input: AddChargeInput): Promise<Charge> {
    checkDay(input.filedOn, 'filedOn', { notFuture: true });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('subjects', input.subjectId, 'subject', 'charge.add');
      await this.cases.require(caseId, 'CONTRIBUTE', 'charge.add');
      const {
        rows: [statute],
      } = await this.db.exec(`SELECT code FROM statutes WHERE code = $1`, [input.statuteCode]);
      if (!statute)
        throw Errors.badInput(`"${input.statuteCode.slice(0, 40)}" is not in the statute catalogue. Query statutes for the codes.`, {
          field: 'statuteCode',
        });
      const p = this.ctx.principal;
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO charges (case_id, subject_id, agency_id, statute_code, counts, filed_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [caseId, input.subjectId, p.agencyId, input.statuteCode, input.counts, input.filedOn ?? null, p.userId],
      );
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
      const [charge] = await this.toCharges(await this.db.em.query(`${CHARGE_SELECT} WHERE ch.id = $1`, [id]));
      return charge;
    });
  }

  async updateCharge(input: UpdateChargeInput): Promise<Charge> {
    checkDay(input.filedOn, 'filedOn', { notFuture: true });
    checkDay(input.dispositionOn, 'dispositionOn', { notFuture: true });
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('charges', input.id, 'charge', 'charge.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'charge.update');
      const [before]: ChargeRow[] = await this.db.em.query(`${CHARGE_SELECT} WHERE ch.id = $1 FOR UPDATE OF ch`, [input.id]);
      if (before.version !== input.version) throw Errors.conflict(STALE('charge'), { currentVersion: before.version });
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
      const { rowCount } = await this.db.exec(
        `UPDATE charges SET filed_on = $3, disposition = $4, disposition_on = $5, sentence = $6, updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2`,
        [input.id, input.version, after.filedOn, after.disposition, after.dispositionOn, after.sentence],
      );
      if (rowCount !== 1) throw Errors.conflict(STALE('charge'));
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
      const [charge] = await this.toCharges(await this.db.em.query(`${CHARGE_SELECT} WHERE ch.id = $1`, [input.id]));
      return charge;
    });
  }

  // Notes -------------------------------------------------------------------------------

  async notesOf(caseIds: readonly string[]): Promise<Map<string, CaseNote[]>> {
    return this.db.tx(async (em) => {
      const rows: NoteRow[] = await em.query(
        `SELECT n.id, n.case_id, n.agency_id, n.body, u.display_name AS author_name, n.created_at
         FROM case_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.case_id = ANY($1) ORDER BY n.created_at DESC, n.id DESC`,
        [caseIds],
      );
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
      return groupBy(
        caseIds,
        rows,
        (r) => r.case_id,
        (r) => ({
          id: r.id,
          body: r.body,
          agency: agencies.get(r.agency_id)!,
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
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO case_notes (case_id, agency_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.caseId, p.agencyId, p.userId, input.body],
      );
      await this.audit.record({
        action: 'case_note.add',
        recordType: 'case_note',
        recordId: id,
        subjectAgencyId: await this.leadAgencyOf(input.caseId),
        changes: { caseId: { to: input.caseId }, body: '[confidential]' },
      });
      const notes = await this.notesOf([input.caseId]);
      return notes.get(input.caseId)!.find((n) => n.id === id)!;
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
      agency: agencies.get(r.agency_id)!,
      version: r.version,
      caseId: r.case_id,
    }));
  }

  async tasksOf(caseIds: readonly string[]): Promise<Map<string, CaseTask[]>> {
    return this.db.tx(async (em) => {
      const rows: TaskRow[] = await em.query(
        `${TASK_SELECT} WHERE t.case_id = ANY($1) ORDER BY t.done_at NULLS FIRST, t.due_on NULLS LAST, t.created_at`,
        [caseIds],
      );
      return groupBy(caseIds, await this.toTasks(rows), (t) => t.caseId);
    });
  }

  /** A task's assignee is a user of the caller's own agency (each agency tasks its own people). */
  private async validateAssignee(id: string | undefined): Promise<void> {
    if (!id) return;
    const {
      rows: [u],
    } = await this.db.exec(`SELECT 1 FROM users WHERE id = $1 AND agency_id = $2 AND active`, [id, this.ctx.principal.agencyId]);
    if (!u) throw Errors.badInput('A task can be assigned only to an active user of your own agency.', { field: 'assigneeId' });
  }

  async addTask(input: AddCaseTaskInput): Promise<CaseTask> {
    checkDay(input.dueOn, 'dueOn');
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'CONTRIBUTE', 'case_task.add');
      await this.validateAssignee(input.assigneeId);
      const p = this.ctx.principal;
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO case_tasks (case_id, agency_id, title, assignee_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [input.caseId, p.agencyId, input.title, input.assigneeId ?? null, input.dueOn ?? null, p.userId],
      );
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
      const [task] = await this.toTasks(await this.db.em.query(`${TASK_SELECT} WHERE t.id = $1`, [id]));
      return task;
    });
  }

  async updateTask(input: UpdateCaseTaskInput): Promise<CaseTask> {
    checkDay(input.dueOn, 'dueOn');
    if (input.title === undefined && input.assigneeId === undefined && input.dueOn === undefined && input.done === undefined) {
      throw Errors.badInput('Nothing to change: give at least one field.');
    }
    return this.db.tx(async () => {
      const { caseId, leadAgencyId } = await this.caseOf('case_tasks', input.id, 'task', 'case_task.update');
      await this.cases.require(caseId, 'CONTRIBUTE', 'case_task.update');
      const [before]: TaskRow[] = await this.db.em.query(`${TASK_SELECT} WHERE t.id = $1 FOR UPDATE OF t`, [input.id]);
      this.policy.assertTaskOfOwnAgency(this.ctx.principal, before.agency_id, input.id);
      if (before.version !== input.version) throw Errors.conflict(STALE('task'), { currentVersion: before.version });
      await this.validateAssignee(input.assigneeId);
      const done = input.done ?? before.done_at !== null;
      // null unassigns; leaving the field out keeps the assignee.
      const assignee = input.assigneeId === null ? null : (input.assigneeId ?? before.assignee_id);
      const { rowCount } = await this.db.exec(
        `UPDATE case_tasks SET title = $3, assignee_id = $4, due_on = $5,
           done_at = CASE WHEN $6::boolean THEN coalesce(done_at, now()) END, done_by = CASE WHEN $6::boolean THEN coalesce(done_by, $7) END,
           updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2`,
        [input.id, input.version, input.title ?? before.title, assignee, input.dueOn ?? before.due_on, done, this.ctx.principal.userId],
      );
      if (rowCount !== 1) throw Errors.conflict(STALE('task'));
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
      const [task] = await this.toTasks(await this.db.em.query(`${TASK_SELECT} WHERE t.id = $1`, [input.id]));
      return task;
    });
  }

  // Participants ------------------------------------------------------------------------

  async participantsOf(caseIds: readonly string[]): Promise<Map<string, CaseParticipant[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.prepared<{ case_id: string; agency_id: string; access: CaseParticipant['access']; granted_at: Date }>(
        `SELECT case_id, agency_id, access, granted_at FROM case_participants WHERE case_id = ANY($1) AND revoked_at IS NULL ORDER BY granted_at`,
        [caseIds],
      );
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
      return groupBy(
        caseIds,
        rows,
        (r) => r.case_id,
        (r) => ({ agency: agencies.get(r.agency_id)!, access: r.access, grantedAt: r.granted_at }),
      );
    });
  }
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
