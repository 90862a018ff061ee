import { col, command, query, Row, SqlWhere, timeKeySql, unionOfWays, versionedUpdate } from '@app/core';
import { VICTIM_VISIBILITY } from '@app/access';
import type { ConsentState } from '@app/access';
import type { TraffickingType } from '@app/cases';
import type { AgeBand, Gender, RiskFactor, SafetyFlag } from './victims.enums';
import { IDENTITY_FIELDS } from './victims.enums';
import type { IdentityField } from './victims.enums';

/** Victims' SQL (victims.service.ts): the pseudonymous profile, its sealed identity, its case links. */

const COLUMNS = `SELECT v.id, v.agency_id, v.code, v.age_band, v.minor_at_exploitation, v.gender, v.trafficking_type, v.risk_factors,
  v.safety_flags, v.created_at, ${timeKeySql('v.created_at')} AS created_key, v.version, to_char(v.crime_date, 'YYYY-MM-DD') AS crime_date,
  to_char(v.identified_on, 'YYYY-MM-DD') AS identified_on, v.advocate_id, adv.display_name AS advocate_name`;
const WITH_ADVOCATE = 'LEFT JOIN users adv ON adv.id = v.advocate_id';
const SELECT = `${COLUMNS} FROM victims v ${WITH_ADVOCATE}`;

const VICTIM = {
  id: col.uuid,
  agency_id: col.uuid,
  code: col.text,
  age_band: col.text.as<AgeBand>(),
  minor_at_exploitation: col.bool,
  gender: col.text.as<Gender>(),
  trafficking_type: col.text.as<TraffickingType>(),
  risk_factors: col.textArray.as<RiskFactor[]>(),
  safety_flags: col.textArray.as<SafetyFlag[]>(),
  created_at: col.timestamptz,
  /** created_at to the microsecond, for list cursors. */
  created_key: col.text,
  version: col.int,
  crime_date: col.text.null,
  identified_on: col.text,
  advocate_id: col.uuid.null,
  advocate_name: col.text.null,
};

/** Who can see a victim at all: the access policy's rule (libs/access/src/visibility.sql.ts); RLS says the same. */
const { custodial: CUSTODIAL, reachable: REACHABLE, visible: VISIBLE } = VICTIM_VISIBILITY;
const NEWEST_FIRST = 'v.created_at DESC, v.id DESC';

/** The state of a consent today, by the database clock. */
export const CONSENT_STATE_SQL = `CASE WHEN k.revoked_at IS NOT NULL THEN 'REVOKED' WHEN current_date >= k.expires_on THEN 'EXPIRED'
  WHEN current_date < k.signed_on THEN 'PENDING' ELSE 'LIVE' END`;

export const victimById = query(`${SELECT} WHERE v.id = $1 AND ${VISIBLE}`, VICTIM);
export type VictimRow = Row<typeof victimById>;

/** The victims of the caller's agency with this name-and-birth-date index (the search, and the duplicates at registration). */
export const victimsByIdentityIndex = query(
  `${SELECT} WHERE v.agency_id = app_agency_id() AND v.identity_index = $1 ORDER BY v.created_at`,
  VICTIM,
);

/** The cases each victim is linked to; cases the reader cannot see drop out of the join (RLS on cases). */
export const casesOfVictims = query(
  `SELECT vc.victim_id, c.id AS case_id, c.number, c.title FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
   WHERE vc.victim_id = ANY($1) ORDER BY c.opened_at`,
  { victim_id: col.uuid, case_id: col.uuid, number: col.text, title: col.text },
);

/**
 * A page of victims, newest first: the agency's own by its index, the others it reaches from their
 * set (see unionOfWays), or one of the two when `custodial` says so.
 */
export function victimPage(custodial: boolean | undefined, cursor: [string, string] | undefined, first: number) {
  const w = new SqlWhere();
  if (cursor) w.add('(v.created_at, v.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
  const limit = w.param(first + 1);
  const ways = custodial === true ? [CUSTODIAL] : custodial === false ? [REACHABLE] : [CUSTODIAL, REACHABLE];
  const page = unionOfWays('victims', 'v', ways, w, NEWEST_FIRST, limit);
  return {
    stmt: query(`${COLUMNS} FROM (${page}) v ${WITH_ADVOCATE} ORDER BY ${NEWEST_FIRST} LIMIT ${limit}`, VICTIM, { prepared: true }),
    params: w.params,
  };
}
/** Page statements of each kind, with and without a cursor, for the schema check. */
export const victimPageExamples = [
  victimPage(undefined, undefined, 10).stmt,
  victimPage(true, ['x', 'x'], 10).stmt,
  victimPage(false, ['x', 'x'], 10).stmt,
];

/** An active victim advocate or supervisor of the agency. */
export const advocateOfAgency = query(
  `SELECT 1 AS ok FROM users WHERE id = $1 AND agency_id = $2 AND active AND roles && ARRAY['VICTIM_ADVOCATE','SUPERVISOR']`,
  { ok: col.int },
);

/** Next number of the task force's per-year victim codes (the row stays locked until commit). */
export const nextVictimNumber = query(
  `INSERT INTO task_force_counters (task_force_id, kind, year, last_value) VALUES ($1, 'VICTIM', $2, 1)
   ON CONFLICT (task_force_id, kind, year) DO UPDATE SET last_value = task_force_counters.last_value + 1 RETURNING last_value`,
  { last_value: col.int },
);

export const insertVictim = query(
  `INSERT INTO victims (task_force_id, agency_id, code, age_band, minor_at_exploitation, gender, trafficking_type, risk_factors, safety_flags,
     identity_index, created_by, crime_date, identified_on, advocate_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
  { id: col.uuid },
);

/** The sealed identity of a new victim, with the given fields only: $1 victim, $2 agency, $3 key version, then one value per field. */
export function insertIdentity(fields: readonly IdentityField[]) {
  return command(
    `INSERT INTO victim_identities (victim_id, agency_id, key_version, ${fields.map((f) => IDENTITY_FIELDS[f].column).join(', ')})
     VALUES ($1, $2, $3, ${fields.map((_, i) => `$${i + 4}`).join(', ')})`,
  );
}
export const insertIdentityExamples = [insertIdentity(['legalName']), insertIdentity(Object.keys(IDENTITY_FIELDS) as IdentityField[])];

export const linkVictimToCase = command(`INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by) VALUES ($1, $2, $3, $4)`);
export const linkVictimToCaseOnce = command(
  `INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
);

/** The profile fields an update may change, and their columns. */
export const updateVictim = versionedUpdate(
  'victims',
  'victim',
  {
    ageBand: 'age_band',
    minorAtExploitation: 'minor_at_exploitation',
    gender: 'gender',
    traffickingType: 'trafficking_type',
    riskFactors: 'risk_factors',
    safetyFlags: 'safety_flags',
    crimeDate: 'crime_date',
    identifiedOn: 'identified_on',
    advocateId: 'advocate_id',
  },
  { always: ['updated_at = now()'] },
);

export const custodianOfVictim = query(`SELECT v.agency_id FROM victims v WHERE v.id = $1 AND ${VISIBLE}`, { agency_id: col.uuid });

/** Every identity column, sealed (`v1:...`), in IDENTITY_FIELDS' order. */
const IDENTITY_COLUMNS = Object.values(IDENTITY_FIELDS).map((f) => f.column);
const IDENTITY = {
  victim_id: col.uuid,
  key_version: col.int,
  version: col.int,
  legal_name: col.text,
  aliases: col.text.null,
  birth_date: col.text.null,
  languages: col.text.null,
  immigration_status: col.text.null,
  phone: col.text.null,
  email: col.text.null,
  address: col.text.null,
  health_notes: col.text.null,
};
const IDENTITY_SELECT = `SELECT victim_id, key_version, version, ${IDENTITY_COLUMNS.join(', ')} FROM victim_identities`;
export const identityOf = query(`${IDENTITY_SELECT} WHERE victim_id = $1`, IDENTITY);
export const identityForUpdate = query(`${IDENTITY_SELECT} WHERE victim_id = $1 FOR UPDATE`, IDENTITY);
export type IdentityRow = Row<typeof identityOf>;
/** Every identity an agency keeps, locked (the data key rotation, as the owner). */
export const identitiesOfAgencyForUpdate = query(`${IDENTITY_SELECT} WHERE agency_id = $1 FOR UPDATE`, IDENTITY);

/**
 * Every identity value sealed again under key version $3 (values $4 on, in IDENTITY_FIELDS'
 * order), version-checked: $1 victim, $2 the version read. No row back: someone else changed it.
 */
export const resealIdentity = query(
  `UPDATE victim_identities SET key_version = $3, ${IDENTITY_COLUMNS.map((c, i) => `${c} = $${i + 4}`).join(', ')},
     updated_at = now(), version = version + 1 WHERE victim_id = $1 AND version = $2 RETURNING version`,
  { version: col.int },
);

export const setIdentityIndex = command(`UPDATE victims SET identity_index = $2, updated_at = now() WHERE id = $1`);

/** What an identity read is decided on: the custodial agency, an assigned investigator on its case, a mandatory referral to the caller. */
export const identityReadFacts = query(
  `SELECT v.agency_id, EXISTS (SELECT 1 FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
     WHERE vc.victim_id = v.id AND c.agency_id = v.agency_id AND $2::uuid = ANY (c.assignee_ids)) AS assigned,
     app_mandatory_referral_to_me(v.id) AS mandatory
   FROM victims v WHERE v.id = $1 AND ${VISIBLE}`,
  { agency_id: col.uuid, assigned: col.bool, mandatory: col.bool },
);

/** The consents of a victim naming an agency, with their state today (identity release, victim referrals). */
export const consentsNaming = query(
  `SELECT k.scopes, ${CONSENT_STATE_SQL} AS state FROM consents k WHERE k.victim_id = $1 AND k.recipient_agency_id = $2`,
  { scopes: col.textArray, state: col.text.as<ConsentState>() },
);
