import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeTimeIdCursor, Errors, RequestContext, toBatchConnection } from '@app/core';
import { agencyShortCode } from './cases.sql';
import {
  closeLead,
  insertLead,
  leadAssignable,
  leadExists,
  leadForUpdate,
  leadPage,
  LeadRow,
  leadsByIds,
  markLeadPromoted,
  nextCounter,
  triageLead,
} from './leads.sql';
import { AuditService, diffFields } from '@app/audit';
import { IdentifiersService } from './identifiers.service';
import { LEAD_TRANSITIONS, LeadClosure, LeadStatus, TraffickingType, Venue } from './cases.enums';
import { CloseLeadInput, CreateLeadInput, CreateLeadPayload, Lead, LeadFilter, TriageLeadInput } from './graphql/lead.graphql-types';

/** Next number of a gap-free per-agency, per-year sequence (the row stays locked until commit). */
export async function nextNumber(db: Db, agencyId: string, kind: string, year: number): Promise<number> {
  return (await db.row(nextCounter, [agencyId, kind, year])).last_value;
}

/** Leads: tips and hotline signals, triaged into cases or closed. Own agency only. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly identifiers: IdentifiersService,
  ) {}

  private async load(ids: string[]): Promise<Lead[]> {
    const rows = await this.db.many(leadsByIds, [ids]);
    return this.toLeads(rows);
  }

  private async toLeads(rows: LeadRow[]): Promise<Lead[]> {
    const ids = await this.identifiers.forOwners(
      'LEAD',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      source: r.source,
      receivedAt: r.received_at,
      narrative: r.narrative,
      state: r.state,
      county: r.county,
      city: r.city,
      suspectedType: r.suspected_type,
      venue: r.venue,
      indicators: r.indicators,
      status: r.status,
      priority: r.priority,
      assignedToId: r.assigned_to,
      assignedToName: r.assigned_to_name,
      duplicateOfId: r.duplicate_of,
      closedReason: r.closed_reason,
      caseId: r.case_id,
      identifiers: ids.get(r.id) ?? [],
      createdAt: r.created_at,
      version: r.version,
    }));
  }

  async get(id: string): Promise<Lead> {
    return this.db.tx(async () => {
      const lead = (await this.load([id])).at(0);
      if (!lead) throw Errors.notFound('lead', id);
      return lead;
    });
  }

  async list(filter: LeadFilter | null = {}, first: number, after?: string): Promise<Connection<Lead>> {
    filter ??= {}; // a client's `filter: null` is no filter
    const cursor = decodeTimeIdCursor(after);
    const { stmt, params } = leadPage(this.ctx.principal.agencyId, filter, cursor, first);
    return this.db.tx(async () => {
      const rows = await this.db.many(stmt, params);
      const leads = await this.toLeads(rows);
      return toBatchConnection(rows, leads, first, (r) => [r.received_key, r.id]);
    });
  }

  async create(input: CreateLeadInput): Promise<CreateLeadPayload> {
    const p = this.ctx.principal;
    this.identifiers.validate(input.identifiers);
    if (input.receivedAt.getTime() > Date.now() + 5 * 60_000)
      throw Errors.badInput('receivedAt cannot be in the future.', { field: 'receivedAt' });
    return this.db.tx(async () => {
      const year = input.receivedAt.getUTCFullYear();
      const { short_code } = await this.db.row(agencyShortCode, [p.agencyId]);
      const n = await nextNumber(this.db, p.agencyId, 'LEAD', year);
      const reference = `${short_code}-L-${year}-${String(n).padStart(4, '0')}`;
      const { id } = await this.db.row(insertLead, [
        p.agencyId,
        reference,
        input.source,
        input.receivedAt,
        input.narrative,
        input.state,
        input.county ?? null,
        input.city ?? null,
        input.suspectedType,
        input.venue ?? null,
        [...new Set(input.indicators)],
        p.userId,
      ]);
      const deconfliction = await this.identifiers.record('LEAD', id, input.identifiers);
      await this.audit.record({
        action: 'lead.create',
        recordType: 'lead',
        recordId: id,
        changes: {
          ...diffFields(null, {
            reference,
            source: input.source,
            suspectedType: input.suspectedType,
            county: input.county ?? null,
            indicators: input.indicators,
          }),
          narrative: '[confidential]',
          identifiers: { count: input.identifiers.length, kinds: [...new Set(input.identifiers.map((i) => i.kind))] },
        },
      });
      const [lead] = await this.load([id]);
      return { lead, deconfliction };
    });
  }

  /** Loads a lead of the caller's agency for update and checks the transition. */
  private async lockForTransition(id: string, version: number, to: LeadStatus, action: string): Promise<LeadRow> {
    const row = await this.db.one(leadForUpdate, [id]);
    if (!row) throw Errors.notFound('lead', id, action);
    if (!LEAD_TRANSITIONS[row.status].includes(to)) {
      const allowed = LEAD_TRANSITIONS[row.status];
      throw Errors.badInput(
        `A ${row.status} lead cannot become ${to}. ${allowed.length ? `Allowed next: ${allowed.join(', ')}.` : 'It is closed.'}`,
        { currentStatus: row.status, allowed },
      );
    }
    this.db.checkVersion('lead', row, version);
    return row;
  }

  async triage(input: TriageLeadInput): Promise<Lead> {
    return this.db.tx(async () => {
      const before = await this.lockForTransition(input.id, input.version, LeadStatus.TRIAGED, 'lead.triage');
      if (input.assignedToId) {
        const u = await this.db.one(leadAssignable, [input.assignedToId, this.ctx.principal.agencyId]);
        if (!u)
          throw Errors.badInput('A lead can be assigned only to an active investigator or supervisor of your agency.', {
            field: 'assignedToId',
          });
      }
      const assignedTo = input.assignedToId ?? before.assigned_to;
      await this.db.update(triageLead, input.id, input.version, { status: LeadStatus.TRIAGED, priority: input.priority, assignedTo });
      await this.audit.record({
        action: 'lead.triage',
        recordType: 'lead',
        recordId: input.id,
        changes: diffFields(
          { status: before.status, priority: before.priority, assignedTo: before.assigned_to },
          { status: LeadStatus.TRIAGED, priority: input.priority, assignedTo },
        ),
      });
      const [lead] = await this.load([input.id]);
      return lead;
    });
  }

  /**
   * Marks a lead PROMOTED inside the caller's transaction (the case is opened by CasesService in the
   * same transaction) and returns what the case inherits from it.
   */
  async markPromoted(
    id: string,
    version: number,
  ): Promise<{ id: string; reference: string; suspectedType: TraffickingType; venue: Venue | null; state: string; county: string | null }> {
    const before = await this.lockForTransition(id, version, LeadStatus.PROMOTED, 'lead.promote');
    await this.db.run(markLeadPromoted, [id]);
    await this.audit.record({
      action: 'lead.promote',
      recordType: 'lead',
      recordId: id,
      changes: diffFields({ status: before.status }, { status: LeadStatus.PROMOTED }),
    });
    return {
      id,
      reference: before.reference,
      suspectedType: before.suspected_type,
      venue: before.venue,
      state: before.state,
      county: before.county,
    };
  }

  async close(input: CloseLeadInput): Promise<Lead> {
    const to = input.as === LeadClosure.DUPLICATE ? LeadStatus.DUPLICATE : LeadStatus.UNFOUNDED;
    return this.db.tx(async () => {
      const before = await this.lockForTransition(input.id, input.version, to, 'lead.close');
      if (to === LeadStatus.DUPLICATE) {
        if (!input.duplicateOfId)
          throw Errors.badInput('Closing as DUPLICATE needs duplicateOfId: the lead it duplicates.', { field: 'duplicateOfId' });
        if (input.duplicateOfId === input.id) throw Errors.badInput('A lead cannot duplicate itself.', { field: 'duplicateOfId' });
        const target = await this.db.one(leadExists, [input.duplicateOfId]);
        if (!target) throw Errors.notFound('lead', input.duplicateOfId, 'lead.close');
      } else if (input.duplicateOfId) {
        throw Errors.badInput('duplicateOfId applies only when closing as DUPLICATE.', { field: 'duplicateOfId' });
      }
      await this.db.run(closeLead, [input.id, to, input.reason, input.duplicateOfId ?? null]);
      await this.audit.record({
        action: 'lead.close',
        recordType: 'lead',
        recordId: input.id,
        changes: {
          ...diffFields({ status: before.status, duplicateOf: null }, { status: to, duplicateOf: input.duplicateOfId ?? null }),
          reason: '[confidential]',
        },
      });
      const [lead] = await this.load([input.id]);
      return lead;
    });
  }
}
