import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeTimeIdCursor, Errors, RequestContext, SqlWhere, timeKeySql, toBatchConnection } from '@app/core';
import { AuditService, diffFields } from '@app/audit';
import { IdentifiersService } from './identifiers.service';
import { Indicator, LEAD_TRANSITIONS, LeadClosure, LeadPriority, LeadSource, LeadStatus, TraffickingType, Venue } from './cases.enums';
import { CloseLeadInput, CreateLeadInput, CreateLeadPayload, Lead, LeadFilter, TriageLeadInput } from './graphql/lead.graphql-types';

interface LeadRow {
  id: string;
  reference: string;
  source: LeadSource;
  received_at: Date;
  narrative: string;
  state: string;
  county: string | null;
  city: string | null;
  suspected_type: TraffickingType;
  venue: Venue | null;
  indicators: Indicator[];
  status: LeadStatus;
  priority: LeadPriority;
  assigned_to: string | null;
  assigned_to_name: string | null;
  duplicate_of: string | null;
  closed_reason: string | null;
  created_at: Date;
  version: number;
  case_id: string | null;
  received_key: string;
}

const SELECT = `SELECT l.id, l.reference, l.source, l.received_at, l.narrative, l.state, l.county, l.city, l.suspected_type, l.venue,
  l.indicators, l.status, l.priority, l.assigned_to, u.display_name AS assigned_to_name, l.duplicate_of, l.closed_reason,
  l.created_at, l.version, c.id AS case_id, ${timeKeySql('l.received_at')} AS received_key FROM leads l LEFT JOIN users u ON u.id = l.assigned_to LEFT JOIN cases c ON c.lead_id = l.id`;

/** Next number of a gap-free per-agency, per-year sequence (the row stays locked until commit). */
export async function nextNumber(db: Db, agencyId: string, kind: string, year: number): Promise<number> {
  const {
    rows: [r],
  } = await db.exec<{ last_value: number }>(
    `INSERT INTO agency_counters (agency_id, kind, year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (agency_id, kind, year) DO UPDATE SET last_value = agency_counters.last_value + 1 RETURNING last_value`,
    [agencyId, kind, year],
  );
  return r.last_value;
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
    const rows: LeadRow[] = await this.db.em.query(`${SELECT} WHERE l.id = ANY($1)`, [ids]);
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
      const [lead] = await this.load([id]);
      if (!lead) throw Errors.notFound('lead', id);
      return lead;
    });
  }

  async list(filter: LeadFilter | null = {}, first: number, after?: string): Promise<Connection<Lead>> {
    filter ??= {}; // a client's `filter: null` is no filter
    const cursor = decodeTimeIdCursor(after);
    const w = new SqlWhere().add('l.agency_id = ?', this.ctx.principal.agencyId);
    if (filter.status?.length) w.add('l.status = ANY(?)', filter.status);
    if (filter.source) w.add('l.source = ?', filter.source);
    if (filter.county) w.add('lower(l.county) = lower(?)', filter.county);
    if (filter.suspectedType) w.add('l.suspected_type = ?', filter.suspectedType);
    if (filter.receivedFrom) w.add('l.received_at >= ?', filter.receivedFrom);
    if (filter.receivedTo) w.add('l.received_at < ?', filter.receivedTo);
    if (filter.assignedToId) w.add('l.assigned_to = ?', filter.assignedToId);
    if (cursor) w.add('(l.received_at, l.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const limit = w.param(first + 1);
    return this.db.tx(async () => {
      const rows = await this.db.prepared<LeadRow>(
        `${SELECT} ${w.toSql()} ORDER BY l.received_at DESC, l.id DESC LIMIT ${limit}`,
        w.params,
      );
      const leads = await this.toLeads(rows);
      return toBatchConnection(rows, leads, first, (r) => [r.received_key, r.id]);
    });
  }

  async create(input: CreateLeadInput): Promise<CreateLeadPayload> {
    const p = this.ctx.principal;
    this.identifiers.validate(input.identifiers);
    if (input.receivedAt.getTime() > Date.now() + 5 * 60_000)
      throw Errors.badInput('receivedAt cannot be in the future.', { field: 'receivedAt' });
    return this.db.tx(async (em) => {
      const year = input.receivedAt.getUTCFullYear();
      const [{ short_code }] = await em.query(`SELECT short_code FROM agencies WHERE id = $1`, [p.agencyId]);
      const n = await nextNumber(this.db, p.agencyId, 'LEAD', year);
      const reference = `${short_code}-L-${year}-${String(n).padStart(4, '0')}`;
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO leads (agency_id, reference, source, received_at, narrative, state, county, city, suspected_type, venue, indicators, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
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
        ],
      );
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
    const [row]: LeadRow[] = await this.db.em.query(`${SELECT} WHERE l.id = $1 FOR UPDATE OF l`, [id]);
    if (!row) throw Errors.notFound('lead', id, action);
    if (!LEAD_TRANSITIONS[row.status].includes(to)) {
      const allowed = LEAD_TRANSITIONS[row.status];
      throw Errors.badInput(
        `A ${row.status} lead cannot become ${to}. ${allowed.length ? `Allowed next: ${allowed.join(', ')}.` : 'It is closed.'}`,
        { currentStatus: row.status, allowed },
      );
    }
    if (row.version !== version)
      throw Errors.conflict('This lead was changed by someone else since you read it. Reload and try again.', {
        currentVersion: row.version,
      });
    return row;
  }

  async triage(input: TriageLeadInput): Promise<Lead> {
    return this.db.tx(async (em) => {
      const before = await this.lockForTransition(input.id, input.version, LeadStatus.TRIAGED, 'lead.triage');
      if (input.assignedToId) {
        const [u] = await em.query(
          `SELECT 1 FROM users WHERE id = $1 AND agency_id = $2 AND active AND roles && ARRAY['INVESTIGATOR','SUPERVISOR']`,
          [input.assignedToId, this.ctx.principal.agencyId],
        );
        if (!u)
          throw Errors.badInput('A lead can be assigned only to an active investigator or supervisor of your agency.', {
            field: 'assignedToId',
          });
      }
      const assignedTo = input.assignedToId ?? before.assigned_to;
      const { rowCount } = await this.db.exec(
        `UPDATE leads SET status = 'TRIAGED', priority = $3, assigned_to = $4, updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2`,
        [input.id, input.version, input.priority, assignedTo],
      );
      if (rowCount !== 1) throw Errors.conflict('This lead was changed by someone else since you read it. Reload and try again.');
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
    await this.db.exec(`UPDATE leads SET status = 'PROMOTED', updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
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
    return this.db.tx(async (em) => {
      const before = await this.lockForTransition(input.id, input.version, to, 'lead.close');
      if (to === LeadStatus.DUPLICATE) {
        if (!input.duplicateOfId)
          throw Errors.badInput('Closing as DUPLICATE needs duplicateOfId: the lead it duplicates.', { field: 'duplicateOfId' });
        if (input.duplicateOfId === input.id) throw Errors.badInput('A lead cannot duplicate itself.', { field: 'duplicateOfId' });
        const [target] = await em.query(`SELECT 1 FROM leads WHERE id = $1`, [input.duplicateOfId]);
        if (!target) throw Errors.notFound('lead', input.duplicateOfId, 'lead.close');
      } else if (input.duplicateOfId) {
        throw Errors.badInput('duplicateOfId applies only when closing as DUPLICATE.', { field: 'duplicateOfId' });
      }
      await this.db.exec(
        `UPDATE leads SET status = $2, closed_reason = $3, duplicate_of = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
        [input.id, to, input.reason, input.duplicateOfId ?? null],
      );
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
