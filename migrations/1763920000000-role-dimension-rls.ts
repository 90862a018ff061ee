import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role dimension in row-level security (docs/adr/0020).
 *
 * Until now the policies kept each agency to its own rows (and to what is shared with it), but
 * inside an agency any role read what the access policy in code keeps from it: an advocate the
 * agency's leads and deconfliction notices, an admin or an auditor its consents and victim-case
 * links, an investigator the sealed identities of victims on no case they are assigned to, and
 * everyone the colleagues' sessions and the agency's wrapped data keys. These RESTRICTIVE policies
 * add the role condition the code applies (libs/access ROLE_PERMISSIONS, AccessPolicy) on top of
 * the permissive ones, so a query that forgets the check still gets no row.
 *
 * - Only for the app role (TO tf_app): the owner's SECURITY DEFINER functions, the seeds and the
 *   maintenance jobs (tf_maintenance) are not the caller whose role is in question.
 * - They read the principal only through app_user_id(), app_agency_id(), app_has_role() and
 *   app_case_worker() (itself app_has_role()), never the settings directly: where the principal
 *   comes from is those functions' business (docs/adr/0017).
 * - "Case workers" are the roles with CASE_READ / VICTIM_READ / REFERRAL_READ: investigators,
 *   advocates, prosecutors and supervisors. Admins, auditors and the task-force roles hold none.
 */
export class RoleDimensionRls1763920000000 implements MigrationInterface {
  name = 'RoleDimensionRls1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- LEAD_READ / LEAD_WRITE: investigators and supervisors only.
CREATE POLICY leads_role ON leads AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR')))
  WITH CHECK ((SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR')));

-- DECONFLICTION: investigators and supervisors (deconflict_identifier, a definer, writes the notices).
CREATE POLICY deconfliction_notices_role ON deconfliction_notices AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR')))
  WITH CHECK ((SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR')));

-- Identifiers: a lead's are lead content (investigators, supervisors); a case's are case content
-- (the case workers the case is visible to, by the permissive policies).
CREATE POLICY identifiers_role ON identifiers AS RESTRICTIVE FOR ALL TO tf_app
  USING (CASE WHEN case_id IS NULL THEN (SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR'))
              ELSE (SELECT app_case_worker()) END)
  WITH CHECK (CASE WHEN case_id IS NULL THEN (SELECT app_has_role('INVESTIGATOR')) OR (SELECT app_has_role('SUPERVISOR'))
                   ELSE (SELECT app_case_worker()) END);

-- The per-agency and per-task-force numbering of leads, cases and victims: only those who create them.
CREATE POLICY agency_counters_role ON agency_counters AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_case_worker())) WITH CHECK ((SELECT app_case_worker()));
CREATE POLICY task_force_counters_role ON task_force_counters AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_case_worker())) WITH CHECK ((SELECT app_case_worker()));

-- Consents and victim-case links are victim records (VICTIM_READ): never an admin's, an auditor's or
-- a task-force role's.
CREATE POLICY consents_role ON consents AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_case_worker())) WITH CHECK ((SELECT app_case_worker()));
CREATE POLICY victim_cases_role ON victim_cases AS RESTRICTIVE FOR ALL TO tf_app
  USING ((SELECT app_case_worker())) WITH CHECK ((SELECT app_case_worker()));

-- The sealed identity, in the custodial agency: its advocates and supervisors, and investigators
-- assigned to a case of that agency the victim is linked to (AccessPolicy.identityRelease). Another
-- agency's reach (a live consent, a mandatory referral) is the permissive policy's and unchanged.
CREATE POLICY victim_identities_role ON victim_identities AS RESTRICTIVE FOR SELECT TO tf_app
  USING (agency_id <> (SELECT app_agency_id())
         OR (SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR'))
         OR ((SELECT app_has_role('INVESTIGATOR')) AND EXISTS (
               SELECT 1 FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
               WHERE vc.victim_id = victim_identities.victim_id AND c.agency_id = victim_identities.agency_id
                 AND (SELECT app_user_id()) = ANY (c.assignee_ids))));

-- The civil-action window of a minor is a deadline only the identity's keepers see (deadlines.service).
CREATE POLICY deadlines_role ON deadlines AS RESTRICTIVE FOR SELECT TO tf_app
  USING (rule <> 'CIVIL_ACTION_WINDOW' OR (SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR')));

-- Sessions: one's own; an agency admin's own agency (disabling a user, resetting MFA revoke them);
-- the task-force admin's task force (deactivating an agency), as the permissive policies already say.
CREATE POLICY sessions_role ON sessions AS RESTRICTIVE FOR ALL TO tf_app
  USING (user_id = (SELECT app_user_id())
         OR (agency_id = (SELECT app_agency_id()) AND (SELECT app_has_role('AGENCY_ADMIN')))
         OR (SELECT app_has_role('TASK_FORCE_ADMIN')))
  WITH CHECK (user_id = (SELECT app_user_id())
         OR (agency_id = (SELECT app_agency_id()) AND (SELECT app_has_role('AGENCY_ADMIN')))
         OR (SELECT app_has_role('TASK_FORCE_ADMIN')));

-- The key ring: the system keys stay readable (blind indexes, MFA sealing; loaded at boot). An
-- agency's wrapped data key only by those who seal or open that agency's identities: its own case
-- workers (VICTIM_WRITE, identity reads), and another agency's reader of an identity of that agency
-- (a live consent or mandatory referral: the victim_identities policies decide which, in this query).
CREATE POLICY key_ring_role ON key_ring AS RESTRICTIVE FOR ALL TO tf_app
  USING (owner LIKE 'system:%'
         OR (owner = 'agency:' || (SELECT app_agency_id()) AND (SELECT app_case_worker()))
         OR (owner LIKE 'agency:%' AND owner <> 'agency:' || (SELECT app_agency_id()) AND (SELECT app_case_worker())
             AND EXISTS (SELECT 1 FROM victim_identities vi WHERE 'agency:' || vi.agency_id = key_ring.owner)))
  WITH CHECK (owner = 'agency:' || (SELECT app_agency_id()) AND (SELECT app_case_worker()));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY key_ring_role ON key_ring;
DROP POLICY sessions_role ON sessions;
DROP POLICY deadlines_role ON deadlines;
DROP POLICY victim_identities_role ON victim_identities;
DROP POLICY victim_cases_role ON victim_cases;
DROP POLICY consents_role ON consents;
DROP POLICY task_force_counters_role ON task_force_counters;
DROP POLICY agency_counters_role ON agency_counters;
DROP POLICY identifiers_role ON identifiers;
DROP POLICY deconfliction_notices_role ON deconfliction_notices;
DROP POLICY leads_role ON leads;
`);
  }
}
