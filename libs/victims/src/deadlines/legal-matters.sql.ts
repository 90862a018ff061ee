import { col, query, Row, versionedUpdate } from '@app/core';
import type { LegalMatterKind, LegalMatterOutcome } from './deadline-rules';

/** Legal matters' SQL (legal-matters.service.ts, and the facts deadlines.service.ts computes from). */

/** The fields a matter takes, and their columns. */
export const LEGAL_MATTER_COLUMNS = {
  caseId: 'case_id',
  certifyingAgency: 'certifying_agency',
  description: 'description',
  requestedOn: 'requested_on',
  decidedOn: 'decided_on',
  outcome: 'outcome',
  grantedOn: 'granted_on',
  lengthMonths: 'length_months',
  renewalRequestedOn: 'renewal_requested_on',
  eventOn: 'event_on',
} as const;
export type LegalMatterField = keyof typeof LEGAL_MATTER_COLUMNS;

const SELECT = `SELECT m.id, m.victim_id AS "victimId", m.kind, m.case_id AS "caseId", m.certifying_agency AS "certifyingAgency", m.description,
  to_char(m.requested_on, 'YYYY-MM-DD') AS "requestedOn", to_char(m.decided_on, 'YYYY-MM-DD') AS "decidedOn", m.outcome,
  to_char(m.granted_on, 'YYYY-MM-DD') AS "grantedOn", m.length_months AS "lengthMonths", to_char(m.renewal_requested_on, 'YYYY-MM-DD') AS "renewalRequestedOn",
  to_char(m.event_on, 'YYYY-MM-DD') AS "eventOn", m.version FROM legal_matters m`;

/** A matter as the API returns it (LegalMatter). */
const MATTER = {
  id: col.uuid,
  victimId: col.uuid,
  kind: col.text.as<LegalMatterKind>(),
  caseId: col.uuid.null,
  certifyingAgency: col.text.null,
  description: col.text.null,
  requestedOn: col.text.null,
  decidedOn: col.text.null,
  outcome: col.text.as<LegalMatterOutcome>().null,
  grantedOn: col.text.null,
  lengthMonths: col.int.null,
  renewalRequestedOn: col.text.null,
  eventOn: col.text.null,
  version: col.int,
};

export const legalMatterById = query(`${SELECT} WHERE m.id = $1`, MATTER);
export type LegalMatterRow = Row<typeof legalMatterById>;
export const legalMattersOfVictims = query(`${SELECT} WHERE m.victim_id = ANY($1) ORDER BY m.created_at, m.id`, MATTER);
export const ownLegalMatterForUpdate = query(`${SELECT} WHERE m.id = $1 AND m.agency_id = app_agency_id() FOR UPDATE OF m`, MATTER);

/** Whether the caller can see a case (its access level, or NULL). */
export const caseAccess = query(`SELECT case_access($1) AS a`, { a: col.text.null });

/** A new matter with the given fields: $1 victim, $2 agency, $3 kind, $4 author, then one value per field. */
export function insertLegalMatter(fields: readonly LegalMatterField[]) {
  return query(
    `INSERT INTO legal_matters (victim_id, agency_id, kind, created_by${fields.map((f) => `, ${LEGAL_MATTER_COLUMNS[f]}`).join('')})
     VALUES ($1, $2, $3, $4${fields.map((_, i) => `, $${i + 5}`).join('')}) RETURNING id`,
    { id: col.uuid },
  );
}
export const insertLegalMatterExamples = [
  insertLegalMatter([]),
  insertLegalMatter(Object.keys(LEGAL_MATTER_COLUMNS) as LegalMatterField[]),
];

export const updateLegalMatter = versionedUpdate('legal_matters', 'legal matter', LEGAL_MATTER_COLUMNS, { always: ['updated_at = now()'] });

/** The facts of a victim's matters deadlines are computed from (LegalMatterFacts). */
export const legalMatterFactsOfVictim = query(
  `SELECT id, kind, description, certifying_agency AS "certifyingAgency", to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn",
     to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", to_char(granted_on, 'YYYY-MM-DD') AS "grantedOn", length_months AS "lengthMonths",
     to_char(renewal_requested_on, 'YYYY-MM-DD') AS "renewalRequestedOn", to_char(event_on, 'YYYY-MM-DD') AS "eventOn"
   FROM legal_matters WHERE victim_id = $1 ORDER BY created_at`,
  {
    id: col.uuid,
    kind: col.text.as<LegalMatterKind>(),
    description: col.text.null,
    certifyingAgency: col.text.null,
    requestedOn: col.text.null,
    decidedOn: col.text.null,
    grantedOn: col.text.null,
    lengthMonths: col.int.null,
    renewalRequestedOn: col.text.null,
    eventOn: col.text.null,
  },
);
