import type { TestApp } from './test-app';

/**
 * The sharing rules of DOMAIN.md restated as plain SQL the owner runs for one agency ($1), to hold
 * the row-level security policies to: whatever way a policy is written for speed, each agency's
 * case worker must see exactly these rows.
 */
const ON_MY_CASE = (caseId: string) => `EXISTS (SELECT 1 FROM cases c WHERE c.id = ${caseId} AND (c.agency_id = $1
  OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL)))`;

/** Each way another agency's victim is reached, by name, so a suite can show which ways its data exercised. */
const VICTIM_WAYS: Record<string, string> = {
  linkedToMyCase: `EXISTS (SELECT 1 FROM victim_cases vc WHERE vc.victim_id = v.id AND ${ON_MY_CASE('vc.case_id')})`,
  servedByMe: `EXISTS (SELECT 1 FROM services s WHERE s.victim_id = v.id AND s.provider_agency_id = $1)`,
  liveConsent: `EXISTS (SELECT 1 FROM consents k WHERE k.victim_id = v.id AND k.recipient_agency_id = $1 AND k.revoked_at IS NULL
    AND k.scopes && ARRAY['IDENTITY','CONTACT','SERVICES'] AND current_date >= k.signed_on AND current_date < k.expires_on)`,
  mandatoryReferral: `EXISTS (SELECT 1 FROM referrals r WHERE r.victim_id = v.id AND r.to_agency_id = $1 AND r.kind = 'MANDATORY_CHILD_WELFARE'
    AND r.status IN ('PENDING','ACCEPTED','COMPLETED'))`,
};

/** Rows hanging off a case: readable exactly when the case is (identifiers: also the agency's own, case or not). */
const CASE_CHILDREN: [table: string, scope?: string, own?: boolean][] = [
  ['subjects'],
  ['charges'],
  ['case_notes'],
  ['case_tasks'],
  ['case_participants'],
  ['identifiers', 'x.case_id IS NOT NULL', true],
];

const sorted = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

/**
 * For every agency's case worker: the victims, victim-case links and case children the app role
 * reads under RLS are the rule's. Returns, per way of reaching another agency's victim, how many
 * (agency, victim) pairs the data holds, for the suite to assert it exercised them.
 */
export async function expectVisibilityMatchesRules(t: TestApp): Promise<Record<string, number>> {
  // Each agency's advocate, signed in for real (the database binds the principal to a live session):
  // an agency without one gets one for this check, with the demo password.
  await t.ownerQuery(
    `INSERT INTO users (agency_id, username, display_name, roles, password_hash)
     SELECT a.id, 'vis.advocate.' || lower(a.short_code), 'Visibility check advocate', ARRAY['VICTIM_ADVOCATE'],
            (SELECT password_hash FROM users WHERE username = 'lcso.investigator')
     FROM agencies a WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.agency_id = a.id AND u.roles = ARRAY['VICTIM_ADVOCATE'] AND u.active)
     ON CONFLICT (username) DO NOTHING`,
  );
  const agencies: { id: string; task_force_id: string; user_id: string }[] = await t.ownerQuery(
    `SELECT a.id, a.task_force_id, (SELECT u.id FROM users u WHERE u.agency_id = a.id AND u.roles = ARRAY['VICTIM_ADVOCATE'] AND u.active
       ORDER BY u.username LIMIT 1) AS user_id FROM agencies a`,
  );
  const reached: Record<string, number> = Object.fromEntries(Object.keys(VICTIM_WAYS).map((k) => [k, 0]));
  for (const a of agencies) {
    const as = { userId: a.user_id, agencyId: a.id, taskForceId: a.task_force_id, roles: ['VICTIM_ADVOCATE'] };
    const ways = Object.values(VICTIM_WAYS).join(' OR ');
    const victims = await t.ownerQuery<{ id: string }>(`SELECT v.id FROM victims v WHERE v.agency_id = $1 OR ${ways}`, [a.id]);
    expect({ agency: a.id, victims: sorted(await t.appRoleQuery<{ id: string }>(`SELECT id FROM victims`, [], as)) }).toEqual({
      agency: a.id,
      victims: sorted(victims),
    });
    for (const [way, sql] of Object.entries(VICTIM_WAYS)) {
      reached[way] += (
        await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM victims v WHERE v.agency_id <> $1 AND ${sql}`, [a.id])
      )[0].n;
    }
    const links = await t.ownerQuery<{ id: string }>(
      `SELECT victim_id || '/' || case_id AS id FROM victim_cases vc WHERE vc.agency_id = $1 OR ${ON_MY_CASE('vc.case_id')}`,
      [a.id],
    );
    expect(sorted(await t.appRoleQuery<{ id: string }>(`SELECT victim_id || '/' || case_id AS id FROM victim_cases`, [], as))).toEqual(
      sorted(links),
    );
    for (const [table, scope = 'true', own] of CASE_CHILDREN) {
      const rule = await t.ownerQuery<{ id: string }>(
        `SELECT id FROM ${table} x WHERE ${scope} AND (${own ? 'x.agency_id = $1 OR ' : ''}${ON_MY_CASE('x.case_id')})`,
        [a.id],
      );
      const seen = await t.appRoleQuery<{ id: string }>(`SELECT id FROM ${table} x WHERE ${scope}`, [], as);
      expect({ table, agency: a.id, rows: sorted(seen) }).toEqual({ table, agency: a.id, rows: sorted(rule) });
    }
  }
  return reached;
}
