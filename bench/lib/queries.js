'use strict';
/** What the benchmarks send: the GraphQL operations, and the raw SQL that returns the same data. */

const INVESTIGATOR = 'lcso.investigator';
const SUPERVISOR = 'lcso.supervisor';
const ADVOCATE = 'lcso.advocate';

/** The case list screen: 50 newest cases with lead agency, assignees and victim count. */
const CASE_LIST = `{ cases(first: 50) { edges { node { id number title status traffickingType openedAt
  leadAgency { name } assignees { id displayName } victimCount } } pageInfo { hasNextPage endCursor } } }`;

/**
 * The same page in one statement, as the owner (no RLS): the newest cases the agency leads and the
 * newest shared with it, each from its own index, merged (as the API does; an OR would sort them all).
 */
const RAW_CASE_LIST = `SELECT c.id, c.number, c.title, c.status, c.trafficking_type, c.opened_at, a.name AS lead_agency,
  (SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name)) FROM users u WHERE u.id = ANY (c.assignee_ids)) AS assignees,
  c.victim_count
  FROM ((SELECT * FROM cases WHERE agency_id = $1 ORDER BY opened_at DESC, id DESC LIMIT 51)
    UNION ALL (SELECT c.* FROM cases c JOIN case_participants p ON p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL
      WHERE c.agency_id <> $1 ORDER BY c.opened_at DESC, c.id DESC LIMIT 51)) c
  JOIN agencies a ON a.id = c.agency_id
  ORDER BY c.opened_at DESC, c.id DESC LIMIT 51`;

/** One case as its detail screen shows it. */
const CASE_DETAIL = `query($id: ID!) { case(id: $id) { id number title summary status traffickingType venue counties openedAt updatedAt version
  myAccess leadAgency { name } assignees { id displayName } victimCount participants { agency { name } access }
  subjects { id displayName role status } charges { id statute { code } disposition counts } } }`;

const RAW_CASE_DETAIL = `SELECT c.id, c.number, c.title, c.summary, c.status, c.trafficking_type, c.venue, c.counties, c.opened_at, c.updated_at, c.version,
  a.name AS lead_agency,
  (SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name)) FROM users u WHERE u.id = ANY (c.assignee_ids)) AS assignees,
  c.victim_count,
  (SELECT json_agg(json_build_object('agency', pa.name, 'access', p.access)) FROM case_participants p JOIN agencies pa ON pa.id = p.agency_id
    WHERE p.case_id = c.id AND p.revoked_at IS NULL) AS participants,
  (SELECT json_agg(json_build_object('id', s.id, 'displayName', s.display_name, 'role', s.role, 'status', s.status) ORDER BY s.created_at)
    FROM subjects s WHERE s.case_id = c.id) AS subjects,
  (SELECT json_agg(json_build_object('id', ch.id, 'statute', ch.statute_code, 'disposition', ch.disposition, 'counts', ch.counts) ORDER BY ch.created_at)
    FROM charges ch WHERE ch.case_id = c.id) AS charges
  FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1`;

/**
 * The same two questions asked of the peer (PostGraphile v4's generated schema over the same
 * tables, as tf_app under RLS): the newest 50 visible cases with lead agency and victim count (the
 * case row's `victim_count`, which PostGraphile exposes as `victimCount`, as the API and raw SQL read it), and
 * one case with its participants (not revoked), subjects and charges. PostGraphile cannot follow
 * `assignee_ids` (a uuid[] without a foreign key), so the peer answers the lists without the
 * assignees the API's carry: if anything, that favours the peer.
 */
const PEER_CASE_LIST = `{ allCases(first: 50, orderBy: [OPENED_AT_DESC, ID_DESC]) { edges { node { id number title status traffickingType openedAt
  agencyByAgencyId { name } victimCount } } pageInfo { hasNextPage endCursor } } }`;

const PEER_CASE_DETAIL = `query($id: UUID!) { caseById(id: $id) { id number title summary status traffickingType venue counties openedAt updatedAt version
  agencyByAgencyId { name } victimCount
  caseParticipantsByCaseId(condition: { revokedAt: null }) { nodes { agencyByAgencyId { name } access } }
  subjectsByCaseId(orderBy: CREATED_AT_ASC) { nodes { id displayName role status } }
  chargesByCaseId(orderBy: CREATED_AT_ASC) { nodes { id statuteCode disposition counts } } } }`;

const DASHBOARD = `query($s: DashboardScope!, $f: String!, $t: String!) { dashboard(scope: $s, from: $f, to: $t) {
  scope referralMedianMinutesToAnswer indicators { name total totalSuppressed cells { key key2 count suppressed } } } }`;

/** The last federal fiscal year that has ended (the task-force view answers closed periods only). */
function dashboardPeriod() {
  const now = new Date();
  const fy = now.getUTCMonth() >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { s: 'TASK_FORCE', f: `${fy - 1}-10-01`, t: `${fy}-09-30` };
}

const ADD_NOTE = `mutation($i: AddCaseNoteInput!) { addCaseNote(input: $i) { id } }`;

/**
 * List queries as the app sends them (its own visibility conditions, which name the principal; the
 * page size a parameter, as SqlWhere makes it), run once as the app role under row-level security
 * and once as the table owner. With the limit written into the statement instead, the planner costs
 * the case list under RLS differently: at 10k cases it chose a bitmap scan of every case of the
 * agency and a sort (20 ms, against 1 ms with the parameter and 0.5 ms as the owner), a plan the
 * app never runs.
 */
/** The limit each list sends: a page of 50 and one more, to tell whether there is a next page (as the app asks). */
const RLS_LIMIT = 51;
const RLS_LISTS = [
  {
    name: 'case list (50)',
    as: 'investigator',
    sql: `SELECT c.id, c.number, c.title, c.status, c.opened_at, c.assignee_ids,
      c.subject_count, c.victim_count
      FROM ((SELECT c.* FROM cases c WHERE c.agency_id = (SELECT app_agency_id()) ORDER BY c.opened_at DESC, c.id DESC LIMIT $1)
        UNION ALL (SELECT c.* FROM cases c WHERE c.id = ANY ((SELECT app_shared_case_ids())::uuid[]) AND c.agency_id <> (SELECT app_agency_id())
          ORDER BY c.opened_at DESC, c.id DESC LIMIT $1)) c
      ORDER BY c.opened_at DESC, c.id DESC LIMIT $1`,
  },
  {
    name: 'lead list (50)',
    as: 'investigator',
    sql: `SELECT l.id, l.reference, l.source, l.received_at, l.status, l.county, u.display_name, c.id AS case_id
      FROM leads l LEFT JOIN users u ON u.id = l.assigned_to LEFT JOIN cases c ON c.lead_id = l.id
      WHERE l.agency_id = app_agency_id() ORDER BY l.received_at DESC, l.id DESC LIMIT $1`,
  },
  {
    name: 'victim list (50)',
    as: 'advocate',
    sql: `SELECT v.id, v.code, v.age_band, v.trafficking_type, v.created_at, adv.display_name AS advocate_name
      FROM ((SELECT v.* FROM victims v WHERE v.agency_id = (SELECT app_agency_id()) ORDER BY v.created_at DESC, v.id DESC LIMIT $1)
        UNION ALL (SELECT v.* FROM victims v WHERE v.id IN (SELECT app_reachable_victim_ids()) AND v.agency_id <> (SELECT app_agency_id())
          ORDER BY v.created_at DESC, v.id DESC LIMIT $1)) v
      LEFT JOIN users adv ON adv.id = v.advocate_id
      ORDER BY v.created_at DESC, v.id DESC LIMIT $1`,
  },
];

module.exports = {
  INVESTIGATOR,
  SUPERVISOR,
  ADVOCATE,
  CASE_LIST,
  RAW_CASE_LIST,
  CASE_DETAIL,
  RAW_CASE_DETAIL,
  PEER_CASE_LIST,
  PEER_CASE_DETAIL,
  DASHBOARD,
  dashboardPeriod,
  ADD_NOTE,
  RLS_LIMIT,
  RLS_LISTS,
};
