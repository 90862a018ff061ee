import { col, command, query, Row, SqlWhere, timeKeySql, versionedUpdate } from '@app/core';
import { LeadStatus } from './cases.enums';
import type { Indicator, LeadPriority, LeadSource, TraffickingType, Venue } from './cases.enums';

/** Leads' SQL (leads.service.ts), and the per-agency numbering of leads and cases. */

const SELECT = `SELECT l.id, l.reference, l.source, l.received_at, l.narrative, l.state, l.county, l.city, l.suspected_type, l.venue,
  l.indicators, l.status, l.priority, l.assigned_to, u.display_name AS assigned_to_name, l.duplicate_of, l.closed_reason,
  l.created_at, l.version, c.id AS case_id, ${timeKeySql('l.received_at')} AS received_key FROM leads l LEFT JOIN users u ON u.id = l.assigned_to LEFT JOIN cases c ON c.lead_id = l.id`;

const LEAD = {
  id: col.uuid,
  reference: col.text,
  source: col.text.as<LeadSource>(),
  received_at: col.timestamptz,
  narrative: col.text,
  state: col.text,
  county: col.text.null,
  city: col.text.null,
  suspected_type: col.text.as<TraffickingType>(),
  venue: col.text.as<Venue>().null,
  indicators: col.textArray.as<Indicator[]>(),
  status: col.text.as<LeadStatus>(),
  priority: col.text.as<LeadPriority>(),
  assigned_to: col.uuid.null,
  assigned_to_name: col.text.null,
  duplicate_of: col.uuid.null,
  closed_reason: col.text.null,
  created_at: col.timestamptz,
  version: col.int,
  case_id: col.uuid.null,
  received_key: col.text,
};

/** Next number of a gap-free per-agency, per-year sequence (the row stays locked until commit). */
export const nextCounter = query(
  `INSERT INTO agency_counters (agency_id, kind, year, last_value) VALUES ($1, $2, $3, 1)
   ON CONFLICT (agency_id, kind, year) DO UPDATE SET last_value = agency_counters.last_value + 1 RETURNING last_value`,
  { last_value: col.int },
);

export const leadsByIds = query(`${SELECT} WHERE l.id = ANY($1)`, LEAD);
export type LeadRow = Row<typeof leadsByIds>;
export const leadForUpdate = query(`${SELECT} WHERE l.id = $1 FOR UPDATE OF l`, LEAD);

/** What a lead list is filtered by (LeadFilter, with the decoded cursor). */
export interface LeadPageFilter {
  status?: LeadStatus[] | null;
  source?: LeadSource | null;
  county?: string | null;
  suspectedType?: TraffickingType | null;
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
  assignedToId?: string | null;
}

/** A page of the agency's leads, newest first. */
export function leadPage(agencyId: string, filter: LeadPageFilter, cursor: [string, string] | undefined, first: number) {
  const w = new SqlWhere().add('l.agency_id = ?', agencyId);
  if (filter.status?.length) w.add('l.status = ANY(?)', filter.status);
  if (filter.source) w.add('l.source = ?', filter.source);
  if (filter.county) w.add('lower(l.county) = lower(?)', filter.county);
  if (filter.suspectedType) w.add('l.suspected_type = ?', filter.suspectedType);
  if (filter.receivedFrom) w.add('l.received_at >= ?', filter.receivedFrom);
  if (filter.receivedTo) w.add('l.received_at < ?', filter.receivedTo);
  if (filter.assignedToId) w.add('l.assigned_to = ?', filter.assignedToId);
  if (cursor) w.add('(l.received_at, l.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
  const limit = w.param(first + 1);
  return {
    stmt: query(`${SELECT} ${w.toSql()} ORDER BY l.received_at DESC, l.id DESC LIMIT ${limit}`, LEAD, { prepared: true }),
    params: w.params,
  };
}
/** Page statements with no filter and with every filter, for the schema check. */
export const leadPageExamples = [
  leadPage('x', {}, undefined, 10).stmt,
  leadPage(
    'x',
    { status: [LeadStatus.NEW], source: null, county: 'x', receivedFrom: new Date(0), receivedTo: new Date(0), assignedToId: 'x' },
    ['x', 'x'],
    10,
  ).stmt,
];

export const insertLead = query(
  `INSERT INTO leads (agency_id, reference, source, received_at, narrative, state, county, city, suspected_type, venue, indicators, created_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
  { id: col.uuid },
);

export const leadAssignable = query(
  `SELECT 1 AS ok FROM users WHERE id = $1 AND agency_id = $2 AND active AND roles && ARRAY['INVESTIGATOR','SUPERVISOR']`,
  { ok: col.int },
);

export const triageLead = versionedUpdate(
  'leads',
  'lead',
  { status: 'status', priority: 'priority', assignedTo: 'assigned_to' },
  { always: ['updated_at = now()'] },
);

export const markLeadPromoted = command(`UPDATE leads SET status = 'PROMOTED', updated_at = now(), version = version + 1 WHERE id = $1`);

export const leadExists = query(`SELECT 1 AS ok FROM leads WHERE id = $1`, { ok: col.int });

export const closeLead = command(
  `UPDATE leads SET status = $2, closed_reason = $3, duplicate_of = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
);
