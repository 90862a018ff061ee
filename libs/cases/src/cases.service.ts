import { Injectable } from '@nestjs/common';
import { AccessPolicy, CaseStanding } from '@app/access';
import { AgenciesService, toAgency } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { AppError, Connection, Db, decodeTimeIdCursor, Errors, must, RequestContext, toBatchConnection } from '@app/core';
import {
  agencyShortCode,
  assignableUsers,
  caseById,
  caseDetailById,
  CaseDetailRow,
  caseForUpdate,
  casePage,
  CaseRow,
  caseStanding,
  caseStandingAndStatus,
  changeShareAccess,
  insertCase,
  insertShare,
  liveShareForUpdate,
  moveLeadIdentifiersToCase,
  revokeShare,
  updateCase,
} from './cases.sql';
import { IdentifiersService } from './identifiers.service';
import { LeadsService, nextNumber } from './leads.service';
import { CASE_TRANSITIONS, CaseAccessLevel, CaseClosure, CaseStatus, TraffickingType, Venue } from './cases.enums';
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
    const rows = await this.db.many(caseById, [id]);
    return this.toCases(rows)[0];
  }

  /** A case the transaction has just opened or changed. */
  private async reload(id: string): Promise<Case> {
    return must(await this.load(id), 'the case just written');
  }

  /** A case with its participants, subjects and charges, in one statement (the detail screen: `case(id)`). */
  async detail(id: string): Promise<{ found: Case; collections: CaseDetailRow }> {
    return this.db.tx(async () => {
      const row = await this.db.one(caseDetailById, [id]);
      if (!row) throw Errors.notFound('case', id);
      return { found: this.toCases([row])[0], collections: row };
    });
  }

  async list(filter: CaseFilter | null = {}, first: number, after?: string): Promise<Connection<Case>> {
    filter ??= {}; // a client's `filter: null` is no filter
    const cursor = decodeTimeIdCursor(after);
    const { stmt, params } = casePage(filter, cursor, first);
    return this.db.tx(async () => {
      const rows = await this.db.many(stmt, params);
      const cases = this.toCases(rows);
      return toBatchConnection(rows, cases, first, (r) => [r.opened_at_key, r.id]);
    });
  }

  /** The caller's agency's standing on a case (null: no access, or no case-working role). */
  async standing(caseId: string): Promise<CaseStanding | null> {
    const r = await this.db.one(caseStanding, [caseId]);
    return r?.a ?? null;
  }

  /**
   * The one check every write to a case goes through (its own fields, subjects, charges, notes,
   * tasks, shares, victim links, referrals): the caller's standing against what the action needs,
   * then the rule that a closed case is read-only. Returns the standing.
   */
  async require(caseId: string, need: CaseStanding, action: string): Promise<CaseStanding> {
    const r = await this.db.one(caseStandingAndStatus, [caseId]);
    const standing = r?.standing ?? null;
    this.policy.assertCaseStanding(standing, need, caseId, action);
    if (r?.status === CaseStatus.CLOSED) throw caseClosed();
    return standing;
  }

  // Opening -----------------------------------------------------------------------------

  private async validateAssignees(ids: string[] | null | undefined): Promise<void> {
    if (!ids?.length) return;
    const rows = await this.db.many(assignableUsers, [ids, this.ctx.principal.agencyId]);
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
    const { short_code } = await this.db.row(agencyShortCode, [p.agencyId]);
    const n = await nextNumber(this.db, p.agencyId, 'CASE', year);
    const number = `${short_code}-${year}-${String(n).padStart(4, '0')}`;
    const { id } = await this.db.row(insertCase, [
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
    ]);
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
      const { id } = await this.insert(
        {
          title: input.title,
          summary: input.summary,
          traffickingType: input.traffickingType,
          venue: input.venue ?? null,
          meansOfControl: input.meansOfControl,
          controlDetail: input.controlDetail,
          state: input.state,
          counties: input.counties ?? [],
          assigneeIds: input.assigneeIds,
        },
        null,
      );
      const deconfliction = await this.identifiers.record('CASE', id, input.identifiers, id);
      return { case: await this.reload(id), deconfliction };
    });
  }

  /** Promotes a lead of the caller's agency to a case: the case keeps the lead and its identifiers. */
  async promote(input: PromoteLeadInput): Promise<Case> {
    this.validateFields(input);
    return this.db.tx(async () => {
      const lead = await this.leads.markPromoted(input.leadId, input.leadVersion);
      const { id } = await this.insert(
        {
          title: input.title,
          summary: input.summary,
          meansOfControl: input.meansOfControl,
          controlDetail: input.controlDetail,
          assigneeIds: input.assigneeIds,
          traffickingType: input.traffickingType ?? lead.suspectedType,
          venue: input.venue ?? lead.venue,
          state: lead.state,
          counties: input.counties ?? (lead.county ? [lead.county] : []),
        },
        lead.id,
      );
      await this.db.run(moveLeadIdentifiersToCase, [id, lead.id]);
      return await this.reload(id);
    });
  }

  // Changing ----------------------------------------------------------------------------

  /** Locks a case the caller's agency leads (always checked here: LEAD standing, not closed) and checks the version it read. */
  private async lockLeading(id: string, version: number, action: string): Promise<CaseRow> {
    await this.require(id, 'LEAD', action);
    const row = await this.db.one(caseForUpdate, [id]);
    if (!row) throw Errors.notFound('case', id, action);
    this.db.checkVersion('case', row, version);
    return row;
  }

  async update(input: UpdateCaseInput): Promise<Case> {
    this.validateFields(input);
    // The fields a client may change, and the row value each is compared with (the columns are updateCase's).
    const columns: [keyof CaseFieldsInput, keyof CaseRow][] = [
      ['title', 'title'],
      ['summary', 'summary'],
      ['traffickingType', 'trafficking_type'],
      ['venue', 'venue'],
      ['meansOfControl', 'means_of_control'],
      ['controlDetail', 'control_detail'],
      ['counties', 'counties'],
      ['assigneeIds', 'assignee_ids'],
    ];
    const given = columns.filter(([k]) => input[k] !== undefined);
    if (!given.length) throw Errors.badInput('Nothing to change: give at least one field.');
    // Only summary, venue and controlDetail can be cleared with null (an empty list clears a list).
    const nulled = (['title', 'traffickingType', 'meansOfControl', 'counties', 'assigneeIds'] as const).filter((k) => input[k] === null);
    if (nulled.length) throw Errors.badInput(`${nulled.join(', ')} cannot be null.`, { field: nulled[0] });
    return this.db.tx(async () => {
      const before = await this.lockLeading(input.id, input.version, 'case.update');
      await this.validateAssignees(input.assigneeIds);
      await this.db.update(updateCase, input.id, input.version, Object.fromEntries(given.map(([k]) => [k, input[k]])));
      await this.audit.record({
        action: 'case.update',
        recordType: 'case',
        recordId: input.id,
        changes: diffFields(
          Object.fromEntries(given.map(([k, r]) => [k, before[r]])),
          Object.fromEntries(given.map(([k]) => [k, input[k]])),
          ['summary', 'controlDetail'],
        ),
      });
      return await this.reload(input.id);
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
      await this.db.update(updateCase, input.id, input.version, { status: input.status });
      await this.audit.record({
        action: 'case.status',
        recordType: 'case',
        recordId: input.id,
        changes: diffFields({ status: before.status }, { status: input.status }),
      });
      return await this.reload(input.id);
    });
  }

  async close(input: CloseCaseInput): Promise<Case> {
    return this.db.tx(async () => {
      const before = await this.lockLeading(input.id, input.version, 'case.close');
      this.policy.assertCanCloseCase(this.ctx.principal, before.my_access, input.id, 'case.close');
      if (input.as === CaseClosure.RESOLVED && before.status !== CaseStatus.ADJUDICATED) {
        throw Errors.badInput(
          `Only an ADJUDICATED case can be closed as RESOLVED; this one is ${before.status}. A case can be closed as UNFOUNDED or INSUFFICIENT_EVIDENCE at any point.`,
          { currentStatus: before.status, allowed: [CaseClosure.UNFOUNDED, CaseClosure.INSUFFICIENT_EVIDENCE] },
        );
      }
      await this.db.update(updateCase, input.id, input.version, {
        status: CaseStatus.CLOSED,
        closure: input.as,
        closedReason: input.reason,
        closedBy: this.ctx.principal.userId,
      });
      await this.audit.record({
        action: 'case.close',
        recordType: 'case',
        recordId: input.id,
        changes: {
          ...diffFields({ status: before.status, closure: null }, { status: CaseStatus.CLOSED, closure: input.as }),
          reason: '[confidential]',
        },
      });
      return await this.reload(input.id);
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
      const live = await this.db.one(liveShareForUpdate, [input.caseId, input.agencyId]);
      if (live?.access === input.access)
        throw Errors.badInput(`The case is already shared with ${target.name} at ${input.access}.`, { field: 'access' });
      if (live) {
        await this.db.run(changeShareAccess, [live.id, input.access]);
      } else {
        await this.db.run(insertShare, [input.caseId, input.agencyId, input.access, p.userId]);
      }
      await this.db.update(updateCase, input.caseId, input.version, {});
      await this.audit.record({
        action: 'case.share',
        recordType: 'case',
        recordId: input.caseId,
        subjectAgencyId: input.agencyId,
        changes: { agencyId: input.agencyId, access: live ? { from: live.access, to: input.access } : { to: input.access } },
      });
      return await this.reload(input.caseId);
    });
  }

  async revokeShare(input: RevokeCaseShareInput): Promise<Case> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      await this.lockLeading(input.caseId, input.version, 'case.revoke_share');
      const revoked = await this.db.run(revokeShare, [input.caseId, input.agencyId, p.userId]);
      if (revoked !== 1) throw Errors.badInput('The case is not shared with that agency.', { field: 'agencyId' });
      await this.db.update(updateCase, input.caseId, input.version, {});
      await this.audit.record({
        action: 'case.revoke_share',
        recordType: 'case',
        recordId: input.caseId,
        subjectAgencyId: input.agencyId,
        changes: { agencyId: input.agencyId },
      });
      return await this.reload(input.caseId);
    });
  }
}
