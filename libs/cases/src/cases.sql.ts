import { col, command, query, Row, SqlWhere, timeKeySql, unionOfWays, versionedUpdate } from '@app/core';
import { agencyRowSql } from '@app/agencies';
import type { AgencyRow } from '@app/agencies';
import { TraffickingType } from './cases.enums';
import type { CaseAccessLevel, CaseClosure, CaseStatus, MeansOfControl, ShareAccess, Venue } from './cases.enums';
import { CASE_VISIBILITY } from '@app/access';
import type { CaseStanding } from '@app/access';
import { chargesWhereCase, participantsWhereCase, subjectsWhereCase } from './case-work.sql';
import type { ChargeRow, ParticipantRow, SubjectRow } from './case-work.sql';

/** Cases' SQL (cases.service.ts). */

/**
 * Every case column plus the caller's standing and the counts a list shows (kept on the case row by
 * triggers, migration 1763950000000): one statement per page.
 */
const COLUMNS = `SELECT c.id, c.agency_id, c.number, c.title, c.summary, c.trafficking_type, c.venue, c.means_of_control, c.control_detail,
  c.state, c.counties, c.assignee_ids, c.status, c.closure, c.closed_reason, c.closed_at, c.lead_id, c.opened_at, c.updated_at, c.version,
  ${timeKeySql('c.opened_at')} AS opened_at_key,
  CASE WHEN c.agency_id = (SELECT app_agency_id()) THEN 'LEAD' ELSE case_access(c.id) END AS my_access,
  c.subject_count, c.open_task_count, c.participant_count, c.victim_count,
  ${agencyRowSql('c.agency_id')} AS lead_agency,
  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.display_name)), '[]') FROM users u WHERE u.id = ANY (c.assignee_ids)) AS assignee_names`;
const SELECT = `${COLUMNS} FROM cases c`;

const CASE = {
  id: col.uuid,
  agency_id: col.uuid,
  number: col.text,
  title: col.text,
  summary: col.text.null,
  trafficking_type: col.text.as<TraffickingType>(),
  venue: col.text.as<Venue>().null,
  means_of_control: col.textArray.as<MeansOfControl[]>(),
  control_detail: col.text.null,
  state: col.text,
  counties: col.textArray,
  assignee_ids: col.uuidArray,
  status: col.text.as<CaseStatus>(),
  closure: col.text.as<CaseClosure>().null,
  closed_reason: col.text.null,
  closed_at: col.timestamptz.null,
  lead_id: col.uuid.null,
  opened_at: col.timestamptz,
  updated_at: col.timestamptz,
  version: col.int,
  /** opened_at to the microsecond, for list cursors (a JS Date keeps only milliseconds). */
  opened_at_key: col.text,
  my_access: col.text.as<CaseAccessLevel>(),
  subject_count: col.int,
  open_task_count: col.int,
  participant_count: col.int,
  victim_count: col.int,
  /** The lead agency, and the assignees whose names the caller may read (their own agency's), in the same statement. */
  lead_agency: col.json.as<AgencyRow>(),
  assignee_names: col.json.as<{ id: string; name: string }[]>(),
};

/** Who can reach a case: the access policy's rule (libs/access/src/visibility.sql.ts); RLS says the same. */
const { leading: LEADING, shared: SHARED, visible: VISIBLE } = CASE_VISIBILITY;
const NEWEST_FIRST = 'c.opened_at DESC, c.id DESC';

export const caseById = query(`${SELECT} WHERE c.id = $1 AND ${VISIBLE}`, CASE, { prepared: true });
export type CaseRow = Row<typeof caseById>;

/** An item of a case's collection inside the case's own statement: its row as its batch statement gives it, and its agency. */
export interface WithAgency<R> {
  row: R;
  agency: AgencyRow;
}
/** A timestamp inside JSON arrives as its ISO text. */
type AsJson<R> = { [K in keyof R]: R[K] extends Date ? string : R[K] };
/** One of a case's collections as a JSON array column, in the order its batch statement gives (same SQL, same RLS). */
const collection = (select: string): string =>
  `(SELECT coalesce(json_agg(json_build_object('row', row_to_json(x), 'agency', ${agencyRowSql('x.agency_id')})), '[]') FROM (${select}) x)`;

/**
 * A case as its detail screen reads it, in one statement: the case's columns and counts plus its
 * live participants, subjects and charges (each with its agency), so that `case(id)` costs one
 * read instead of the case and a batch per collection.
 */
export const caseDetailById = query(
  `${COLUMNS},
  ${collection(participantsWhereCase('= c.id'))} AS participants,
  ${collection(subjectsWhereCase('= c.id'))} AS subjects,
  ${collection(chargesWhereCase('= c.id'))} AS charges
  FROM cases c WHERE c.id = $1 AND ${VISIBLE}`,
  {
    ...CASE,
    participants: col.json.as<WithAgency<AsJson<ParticipantRow>>[]>(),
    subjects: col.json.as<WithAgency<SubjectRow>[]>(),
    charges: col.json.as<WithAgency<ChargeRow>[]>(),
  },
  { prepared: true },
);
export type CaseDetailRow = Row<typeof caseDetailById>;

/** What a case list is filtered by (CaseFilter, with the decoded cursor). */
export interface CasePageFilter {
  status?: CaseStatus[] | null;
  traffickingType?: TraffickingType | null;
  county?: string | null;
  assigneeId?: string | null;
  leading?: boolean | null;
}

/**
 * A page of cases, newest first: the cases the agency leads and those shared with it, each from its
 * own index (see unionOfWays), or one of the two when `leading` says so.
 */
export function casePage(filter: CasePageFilter, cursor: [string, string] | undefined, first: number) {
  const w = new SqlWhere();
  if (filter.status?.length) w.add('c.status = ANY(?)', filter.status);
  if (filter.traffickingType) w.add('c.trafficking_type = ?', filter.traffickingType);
  if (filter.county) w.add('lower(?) = ANY (SELECT lower(x) FROM unnest(c.counties) x)', filter.county);
  if (filter.assigneeId) w.add('c.assignee_ids @> ARRAY[?::uuid]', filter.assigneeId);
  if (cursor) w.add('(c.opened_at, c.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
  const limit = w.param(first + 1);
  const ways = filter.leading === true ? [LEADING] : filter.leading === false ? [SHARED] : [LEADING, SHARED];
  const page = unionOfWays('cases', 'c', ways, w, NEWEST_FIRST, limit);
  return { stmt: query(`${COLUMNS} FROM (${page}) c ORDER BY ${NEWEST_FIRST} LIMIT ${limit}`, CASE, { prepared: true }), params: w.params };
}
/** Page statements with no filter and with every filter, for the schema check. */
export const casePageExamples = [
  casePage({}, undefined, 10).stmt,
  casePage(
    { status: [], traffickingType: TraffickingType.LABOR, county: 'x', assigneeId: 'x', leading: false },
    ['2020-01-01', '00000000-0000-0000-0000-000000000000'],
    10,
  ).stmt,
];

export const caseForUpdate = query(`${SELECT} WHERE c.id = $1 FOR UPDATE OF c`, CASE);

export const caseStanding = query(`SELECT case_access($1) AS a`, { a: col.text.as<CaseStanding>().null });

export const caseStandingAndStatus = query(`SELECT case_access($1) AS standing, (SELECT c.status FROM cases c WHERE c.id = $1) AS status`, {
  standing: col.text.as<CaseStanding>().null,
  status: col.text.as<CaseStatus>().null,
});

export const assignableUsers = query(
  `SELECT id FROM users WHERE id = ANY($1) AND agency_id = $2 AND active AND roles && ARRAY['INVESTIGATOR','SUPERVISOR','PROSECUTOR']`,
  { id: col.uuid },
);

export const agencyShortCode = query(`SELECT short_code FROM agencies WHERE id = $1`, { short_code: col.text });

export const insertCase = query(
  `INSERT INTO cases (agency_id, number, title, summary, trafficking_type, venue, means_of_control, control_detail, state, counties,
     assignee_ids, lead_id, opened_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
  { id: col.uuid },
);

export const moveLeadIdentifiersToCase = command(`UPDATE identifiers SET case_id = $1 WHERE owner_type = 'LEAD' AND owner_id = $2`);

/** A case's own fields, its status and its closing; every change (a share too) bumps its version. */
export const updateCase = versionedUpdate(
  'cases',
  'case',
  {
    title: 'title',
    summary: 'summary',
    traffickingType: 'trafficking_type',
    venue: 'venue',
    meansOfControl: 'means_of_control',
    controlDetail: 'control_detail',
    counties: 'counties',
    assigneeIds: 'assignee_ids',
    status: 'status',
    closure: 'closure',
    closedReason: 'closed_reason',
    closedBy: 'closed_at = now(), closed_by = ?',
  },
  { always: ['updated_at = now()'] },
);

export const liveShareForUpdate = query(
  `SELECT id, access FROM case_participants WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL FOR UPDATE`,
  { id: col.uuid, access: col.text.as<ShareAccess>() },
);

export const changeShareAccess = command(`UPDATE case_participants SET access = $2 WHERE id = $1`);

export const insertShare = command(`INSERT INTO case_participants (case_id, agency_id, access, granted_by) VALUES ($1, $2, $3, $4)`);

export const revokeShare = command(
  `UPDATE case_participants SET revoked_at = now(), revoked_by = $3 WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL`,
);
