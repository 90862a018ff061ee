/**
 * Who can see a record at all, as the SQL filters the services put in their queries: the access
 * policy's record-visibility rules in the one form a list can use (a filter over the whole set, in
 * the same statement). Row-level security says the same in the database (the `cases_read` and
 * `victims_read` policies) and stays the backstop: these filters let a list take its rows from an
 * index, one way at a time (`unionOfWays`), and let a single read answer NOT_FOUND without a second
 * query. They are written for the tables aliased `c` (cases) and `v` (victims).
 */

// Each principal accessor as a sub-select: evaluated once per statement (an init plan), not once per
// row a filter tests (issue 17: the case list's SQL took 0.89 ms as the owner with them per row, 0.66
// ms as sub-selects).
const MY_AGENCY = '(SELECT app_agency_id())';
const LEADING = `c.agency_id = ${MY_AGENCY}`;
const SHARED = `(c.id = ANY ((SELECT app_shared_case_ids())::uuid[]) AND c.agency_id <> ${MY_AGENCY})`;
const CUSTODIAL = `v.agency_id = ${MY_AGENCY}`;
const REACHABLE = `(v.id IN (SELECT app_reachable_victim_ids()) AND v.agency_id <> ${MY_AGENCY})`;

/** A case: the lead agency, or an agency it is shared with (live shares, one array per statement). */
export const CASE_VISIBILITY = {
  /** The cases the caller's agency leads. */
  leading: LEADING,
  /** The cases shared with the caller's agency (and not led by it). */
  shared: SHARED,
  /** Either. */
  visible: `(${LEADING} OR ${SHARED})`,
} as const;

/**
 * A victim: the custodial agency, or another agency the victim is reachable by (on a case it leads or
 * shares, served by it, under a live consent naming it, a live mandatory referral to it), as one set
 * built once per statement (app_reachable_victim_ids).
 */
export const VICTIM_VISIBILITY = {
  /** The victims the caller's agency keeps. */
  custodial: CUSTODIAL,
  /** The other agencies' victims the caller's agency reaches. */
  reachable: REACHABLE,
  /** Either. */
  visible: `(${CUSTODIAL} OR ${REACHABLE})`,
} as const;
