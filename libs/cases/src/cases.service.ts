import { Injectable } from '@nestjs/common';
import { AccessPolicy, CASE_VISIBILITY, CaseStanding } from '@app/access';
import { AgenciesService, AgencyRow, agencyRowSql, toAgency } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import {
  AppError,
  Connection,
  Db,
  decodeTimeIdCursor,
  Errors,
  RequestContext,
  SqlWhere,
  timeKeySql,
  toBatchConnection,
  unionOfWays,
} from '@app/core';
import { IdentifiersService } from './identifiers.service';
import { LeadsService, nextNumber } from './leads.service';
import {
  CASE_TRANSITIONS,
  CaseAccessLevel,
  CaseClosure,
  CaseStatus,
  MeansOfControl,
  ShareAccess,
  TraffickingType,
  Venue,
} from './cases.enums';
import {
  Case,
  CaseFieldsInput,
  CaseFilter,
  CloseCaseInput,
  OpenCaseInput,
  OpenCasePayload,
  PromoteLeadInput,
  RevokeCaseShareInput,
  SetCaseStatusInput,
  ShareCaseInput,
  UpdateCaseInput,
} from './graphql/case.graphql-types';

interface CaseRow {
  id: string;
  agency_id: string;
  number: string;
  title: string;
  summary: string | null;
  trafficking_type: TraffickingType;
  venue: Venue | null;
  means_of_control: MeansOfControl[];
  control_detail: string | null;
  state: string;
  counties: string[];
  assignee_ids: string[];
  status: CaseStatus;
  closure: CaseClosure | null;
  closed_reason: string | null;
  closed_at: Date | null;
  lead_id: string | null;
  opened_at: Date;
  updated_at: Date;
  version: number;
  my_access: CaseAccessLevel;
  subject_count: number;
  open_task_count: number;
  participant_count: number;
  victim_count: number;
  /** The lead agency, and the assignees whose names the caller may read (their own agency's), in the same statement. */
  lead_agency: AgencyRow;
  assignee_names: { id: string; name: string }[];
  /** opened_at to the microsecond, for list cursors (a JS Date keeps only milliseconds). */
  opened_at_key: string;
}

/** Every case column plus the caller's standing and the counts a list shows: one statement per page. */
const COLUMNS = `SELECT c.id, c.agency_id, c.number, c.title, c.summary, c.trafficking_type, c.venue, c.means_of_control, c.control_detail,
  c.state, c.counties, c.assignee_ids, c.status, c.closure, c.closed_reason, c.closed_at, c.lead_id, c.opened_at, c.updated_at, c.version,
  ${timeKeySql('c.opened_at')} AS opened_at_key,
  CASE WHEN c.agency_id = app_agency_id() THEN 'LEAD' ELSE case_access(c.id) END AS my_access,
  (SELECT count(*)::int FROM subjects s WHERE s.case_id = c.id) AS subject_count,
  (SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id AND t.done_at IS NULL) AS open_task_count,
  (SELECT count(*)::int FROM case_participants p WHERE p.case_id = c.id AND p.revoked_at IS NULL) AS participant_count,
  (SELECT count(*)::int FROM victim_cases vc WHERE vc.case_id = c.id) AS victim_count,
  ${agencyRowSql('c.agency_id')} AS lead_agency,
  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.display_name)), '[]') FROM users u WHERE u.id = ANY (c.assignee_ids)) AS assignee_names`;
const SELECT = `${COLUMNS} FROM cases c`;

/** Who can reach a case: the access policy's rule (libs/access/src/visibility.sql.ts); RLS says the same. */
const { leading: LEADING, shared: SHARED, visible: VISIBLE } = CASE_VISIBILITY;
const NEWEST_FIRST = 'c.opened_at DESC, c.id DESC';

const CONFLICT = 'This case was changed by someone else since you read it. Reload and try again.';

/**
 * A closed case is read-only: no change to it or to anything on it (notes, tasks, subjects, charges,
 * shares, victim links, referrals), by anyone. Reopening is not part of the API.
 */
export function caseClosed(): AppError {
  return Errors.badInput('This case is closed and read-only: nothing on it can be added, changed or shared.', {
    currentStatus: CaseStatus.CLOSED,
  });
}

/** Cases: opened by an agency (the lead agency), worked by it and the agencies it shares them with. */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly identifiers: IdentifiersService,
    private readonly leads: LeadsService,
  ) {}

  // Reading -----------------------------------------------------------------------------

  private toCases(rows: CaseRow[]): Case[] {
    return rows.map((r) => {
      // Users are readable within their own agency only (RLS): other agencies see ids, not names.
      const names = new Map(r.assignee_names.map((u) => [u.id, u.name]));
      return {
        id: r.id,
        agencyId: r.agency_id,
        number: r.number,
        title: r.title,
        summary: r.summary,
        traffickingType: r.trafficking_type,
        venue: r.venue,
        meansOfControl: r.means_of_control,
        controlDetail: r.control_detail,
        state: r.state,
        counties: r.counties,
        status: r.status,
        closure: r.closure,
        closedReason: r.closed_reason,
        closedAt: r.closed_at,
        leadAgency: toAgency(r.lead_agency),
        myAccess: r.my_access,
        assignees: r.assignee_ids.map((id) => ({ id, displayName: names.get(id) ?? null })),
        leadId: r.my_access === CaseAccessLevel.LEAD ? r.lead_id : null,
        subjectCount: r.subject_count,
        openTaskCount: r.open_task_count,
        participantCount: r.participant_count,
        victimCount: r.victim_count,
        openedAt: r.opened_at,
        updatedAt: r.updated_at,
        version: r.version,
      };
    });
  }

  private async load(id: string): Promise<Case | undefined> {
    const rows = await this.db.prepared<CaseRow>(`${SELECT} WHERE c.id = $1 AND ${VISIBLE}`, [id]);
    return this.toCases(rows)[0];
  }

  async get(id: string): Promise<Case> {
    return this.db.tx(async () => {
      const found = await this.load(id);
      if (!found) throw Errors.notFound('case', id);
      return found;
    });
  }

  async list(filter: CaseFilter | null = {}, first: number, after?: string): Promise<Connection<Case>> {
    filter ??= {}; // a client's `filter: null` is no filter
    const cursor = decodeTimeIdCursor(after);
    const w = new SqlWhere();
    if (filter.status?.length) w.add('c.status = ANY(?)', filter.status);
    if (filter.traffickingType) w.add('c.trafficking_type = ?', filter.traffickingType);
    if (filter.county) w.add('lower(?) = ANY (SELECT lower(x) FROM unnest(c.counties) x)', filter.county);
    if (filter.assigneeId) w.add('c.assignee_ids @> ARRAY[?::uuid]', filter.assigneeId);
    if (cursor) w.add('(c.opened_at, c.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const limit = w.param(first + 1);
    // The cases the agency leads and those shared with it, each from its own index (see unionOfWays).
    const ways = filter.leading === true ? [LEADING] : filter.leading === false ? [SHARED] : [LEADING, SHARED];
    const page = unionOfWays('cases', 'c', ways, w, NEWEST_FIRST, limit);
    return this.db.tx(async () => {
      const rows = await this.db.prepared<CaseRow>(`${COLUMNS} FROM (${page}) c ORDER BY ${NEWEST_FIRST} LIMIT ${limit}`, w.params);
      const cases = this.toCases(rows);
      return toBatchConnection(rows, cases, first, (r) => [r.opened_at_key, r.id]);
    });
  }

  /** The caller's agency's standing on a case (null: no access, or no case-working role). */
  async standing(caseId: string): Promise<CaseStanding | null> {
    const {
      rows: [r],
    } = await this.db.exec<{ a: CaseStanding | null }>(`SELECT case_access($1) AS a`, [caseId]);
    return r?.a ?? null;
  }

  /**
   * The one check every write to a case goes through (its own fields, subjects, charges, notes,
   * tasks, shares, victim links, referrals): the caller's standing against what the action needs,
   * then the rule that a closed case is read-only. Returns the standing.
   */
  async require(caseId: string, need: CaseStanding, action: string): Promise<CaseStanding> {
    const {
      rows: [r],
    } = await this.db.exec<{ standing: CaseStanding | null; status: CaseStatus | null }>(
      `SELECT case_access($1) AS standing, (SELECT c.status FROM cases c WHERE c.id = $1) AS status`,
      [caseId],
    );
    const standing = r?.standing ?? null;
    this.policy.assertCaseStanding(standing, need, caseId, action);
    if (r.status === CaseStatus.CLOSED) throw caseClosed();
    return standing;
  }

  // Opening -----------------------------------------------------------------------------

  private async validateAssignees(ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const { rows } = await this.db.exec<{ id: string }>(
      `SELECT id FROM users WHERE id = ANY($1) AND agency_id = $2 AND active AND roles && ARRAY['INVESTIGATOR','SUPERVISOR','PROSECUTOR']`,
      [ids, this.ctx.principal.agencyId],
    );
    if (rows.length !== ids.length) {
      throw Errors.badInput('Assignees must be active investigators, supervisors or prosecutors of your agency.', { field: 'assigneeIds' });
    }
  }

  /** Counties are kept trimmed and once each. */
  private validateFields(input: CaseFieldsInput): void {
    if (input.counties) input.counties = [...new Set(input.counties.map((c) => c.trim()))];
  }

  private async insert(
    fields: { title: string; traffickingType: TraffickingType; venue: Venue | null; state: string; counties: string[] } & Omit<
      CaseFieldsInput,
      'venue'
    >,
    leadId: string | null,
  ): Promise<{ id: string; number: string }> {
    const p = this.ctx.principal;
    await this.validateAssignees(fields.assigneeIds);
    const year = new Date().getUTCFullYear();
    const {
      rows: [{ short_code }],
    } = await this.db.exec<{ short_code: string }>(`SELECT short_code FROM agencies WHERE id = $1`, [p.agencyId]);
    const n = await nextNumber(this.db, p.agencyId, 'CASE', year);
    const number = `${short_code}-${year}-${String(n).padStart(4, '0')}`;
    const {
      rows: [{ id }],
    } = await this.db.exec<{ id: string }>(
      `INSERT INTO cases (agency_id, number, title, summary, trafficking_type, venue, means_of_control, control_detail, state, counties,
         assignee_ids, lead_id, opened_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        p.agencyId,
        number,
        fields.title,
        fields.summary ?? null,
        fields.traffickingType,
        fields.venue,
        fields.meansOfControl ?? [],
        fields.controlDetail ?? null,
        fields.state,
        fields.counties,
        fields.assigneeIds ?? [],
        leadId,
        p.userId,
      ],
    );
    await this.audit.record({
      action: 'case.open',
      recordType: 'case',
      recordId: id,
      changes: {
        ...diffFields(null, {
          number,
          title: fields.title,
          traffickingType: fields.traffickingType,
          venue: fields.venue,
          counties: fields.counties,
          meansOfControl: fields.meansOfControl ?? [],
          assigneeIds: fields.assigneeIds ?? [],
          leadId,
        }),
        ...(fields.summary ? { summary: '[confidential]' } : {}),
      },
    });
    return { id, number };
  }

  async open(input: OpenCaseInput): Promise<OpenCasePayload> {
    this.validateFields(input);
    this.identifiers.validate(input.identifiers);
    return this.db.tx(async () => {
      const { id } = await this.insert({ ...input, venue: input.venue ?? null, counties: input.counties ?? [] }, null);
      const deconfliction = await this.identifiers.record('CASE', id, input.identifiers, id);
      return { case: (await this.load(id))!, deconfliction };
    });
  }

  /** Promotes a lead of the caller's agency to a case: the case keeps the lead and its identifiers. */
  async promote(input: PromoteLeadInput): Promise<Case> {
    this.validateFields(input);
    return this.db.tx(async () => {
      const lead = await this.leads.markPromoted(input.leadId, input.leadVersion);
      const { id } = await this.insert(
        {
          ...input,
          traffickingType: input.traffickingType ?? lead.suspectedType,
          venue: input.venue ?? lead.venue,
          state: lead.state,
          counties: input.counties ?? (lead.county ? [lead.county] : []),
        },
        lead.id,
      );
      await this.db.exec(`UPDATE identifiers SET case_id = $1 WHERE owner_type = 'LEAD' AND owner_id = $2`, [id, lead.id]);
      return (await this.load(id))!;
    });
  }

  // Changing ----------------------------------------------------------------------------

  /** Locks a case the caller's agency leads (always checked here: LEAD standing, not closed) and checks the version it read. */
  private async lockLeading(id: string, version: number, action: string): Promise<CaseRow> {
    await this.require(id, 'LEAD', action);
    const [row]: CaseRow[] = await this.db.em.query(`${SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
    if (!row) throw Errors.notFound('case', id, action);
    if (row.version !== version) throw Errors.conflict(CONFLICT, { currentVersion: row.version });
    return row;
  }

  /** UPDATE ... WHERE version = read version; zero rows means someone else got there first. */
  private async bump(id: string, version: number, set: string, params: unknown[]): Promise<void> {
    const { rowCount } = await this.db.exec(
      `UPDATE cases SET ${set}${set ? ', ' : ''}updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2`,
      [id, version, ...params],
    );
    if (rowCount !== 1) throw Errors.conflict(CONFLICT);
  }

  async update(input: UpdateCaseInput): Promise<Case> {
    this.validateFields(input);
    const columns: [keyof CaseFieldsInput, string, keyof CaseRow][] = [
      ['title', 'title', 'title'],
      ['summary', 'summary', 'summary'],
      ['traffickingType', 'trafficking_type', 'trafficking_type'],
      ['venue', 'venue', 'venue'],
      ['meansOfControl', 'means_of_control', 'means_of_control'],
      ['controlDetail', 'control_detail', 'control_detail'],
      ['counties', 'counties', 'counties'],
      ['assigneeIds', 'assignee_ids', 'assignee_ids'],
    ];
    const given = columns.filter(([k]) => input[k] !== undefined);
    if (!given.length) throw Errors.badInput('Nothing to change: give at least one field.');
    // Only summary, venue and controlDetail can be cleared with null (an empty list clears a list).
    const nulled = (['title', 'traffickingType', 'meansOfControl', 'counties', 'assigneeIds'] as const).filter((k) => input[k] === null);
    if (nulled.length) throw Errors.badInput(`${nulled.join(', ')} cannot be null.`, { field: nulled[0] });
    return this.db.tx(async () => {
      const before = await this.lockLeading(input.id, input.version, 'case.update');
      await this.validateAssignees(input.assigneeIds);
      const sets = given.map(([, col], i) => `${col} = $${i + 3}`).join(', ');
      await this.bump(
        input.id,
        input.version,
        sets,
        given.map(([k]) => input[k]),
      );
      await this.audit.record({
        action: 'case.update',
        recordType: 'case',
        recordId: input.id,
        changes: diffFields(
          Object.fromEntries(given.map(([k, , r]) => [k, before[r]])),
          Object.fromEntries(given.map(([k]) => [k, input[k]])),
          ['summary', 'controlDetail'],
        ),
      });
      return (await this.load(input.id))!;
    });
  }

  async setStatus(input: SetCaseStatusInput): Promise<Case> {
    return this.db.tx(async () => {
      const before = await this.lockLeading(input.id, input.version, 'case.status');
      if (input.status === CaseStatus.CLOSED) {
        throw Errors.badInput('A case is closed with closeCase (by a supervisor of the lead agency), not with setCaseStatus.', {
          field: 'status',
        });
      }
      const allowed = CASE_TRANSITIONS[before.status];
      if (!allowed.includes(input.status)) {
        const next =
          before.status === CaseStatus.ADJUDICATED
            ? 'Next: close it with closeCase as RESOLVED.'
            : allowed.length
              ? `Allowed next: ${allowed.join(', ')}.`
              : 'It is closed.';
        throw Errors.badInput(`A ${before.status} case cannot become ${input.status}. ${next}`, { currentStatus: before.status, allowed });
      }
      await this.bump(input.id, input.version, 'status = $3', [input.status]);
      await this.audit.record({
        action: 'case.status',
        recordType: 'case',
        recordId: input.id,
        changes: diffFields({ status: before.status }, { status: input.status }),
      });
      return (await this.load(input.id))!;
    });
  }

  async close(input: CloseCaseInput): Promise<Case> {
    return this.db.tx(async () => {
      const before = await this.lockLeading(input.id, input.version, 'case.close');
      this.policy.assertCanCloseCase(this.ctx.principal, before.my_access as CaseStanding, input.id, 'case.close');
      if (input.as === CaseClosure.RESOLVED && before.status !== CaseStatus.ADJUDICATED) {
        throw Errors.badInput(
          `Only an ADJUDICATED case can be closed as RESOLVED; this one is ${before.status}. A case can be closed as UNFOUNDED or INSUFFICIENT_EVIDENCE at any point.`,
          { currentStatus: before.status, allowed: [CaseClosure.UNFOUNDED, CaseClosure.INSUFFICIENT_EVIDENCE] },
        );
      }
      await this.bump(input.id, input.version, `status = 'CLOSED', closure = $3, closed_reason = $4, closed_at = now(), closed_by = $5`, [
        input.as,
        input.reason,
        this.ctx.principal.userId,
      ]);
      await this.audit.record({
        action: 'case.close',
        recordType: 'case',
        recordId: input.id,
        changes: {
          ...diffFields({ status: before.status, closure: null }, { status: CaseStatus.CLOSED, closure: input.as }),
          reason: '[confidential]',
        },
      });
      return (await this.load(input.id))!;
    });
  }

  // Sharing -----------------------------------------------------------------------------

  async share(input: ShareCaseInput): Promise<Case> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      await this.lockLeading(input.caseId, input.version, 'case.share');
      if (input.agencyId === p.agencyId) throw Errors.badInput('Your agency leads this case already.', { field: 'agencyId' });
      const target = (await this.agencies.byIds([input.agencyId])).get(input.agencyId);
      if (!target) throw Errors.notFound('agency', input.agencyId, 'case.share');
      if (!target.active) throw Errors.badInput(`${target.name} is not active in the task force.`, { field: 'agencyId' });
      const {
        rows: [live],
      } = await this.db.exec<{ id: string; access: ShareAccess }>(
        `SELECT id, access FROM case_participants WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL FOR UPDATE`,
        [input.caseId, input.agencyId],
      );
      if (live?.access === input.access)
        throw Errors.badInput(`The case is already shared with ${target.name} at ${input.access}.`, { field: 'access' });
      if (live) {
        await this.db.exec(`UPDATE case_participants SET access = $2 WHERE id = $1`, [live.id, input.access]);
      } else {
        await this.db.exec(`INSERT INTO case_participants (case_id, agency_id, access, granted_by) VALUES ($1, $2, $3, $4)`, [
          input.caseId,
          input.agencyId,
          input.access,
          p.userId,
        ]);
      }
      await this.bump(input.caseId, input.version, '', []);
      await this.audit.record({
        action: 'case.share',
        recordType: 'case',
        recordId: input.caseId,
        subjectAgencyId: input.agencyId,
        changes: { agencyId: input.agencyId, access: live ? { from: live.access, to: input.access } : { to: input.access } },
      });
      return (await this.load(input.caseId))!;
    });
  }

  async revokeShare(input: RevokeCaseShareInput): Promise<Case> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      await this.lockLeading(input.caseId, input.version, 'case.revoke_share');
      const { rowCount } = await this.db.exec(
        `UPDATE case_participants SET revoked_at = now(), revoked_by = $3 WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL`,
        [input.caseId, input.agencyId, p.userId],
      );
      if (rowCount !== 1) throw Errors.badInput('The case is not shared with that agency.', { field: 'agencyId' });
      await this.bump(input.caseId, input.version, '', []);
      await this.audit.record({
        action: 'case.revoke_share',
        recordType: 'case',
        recordId: input.caseId,
        subjectAgencyId: input.agencyId,
        changes: { agencyId: input.agencyId },
      });
      return (await this.load(input.caseId))!;
    });
  }
}
