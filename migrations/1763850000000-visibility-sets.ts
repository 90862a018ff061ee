import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables hanging off a case whose rows anyone on the case reads (policy `<table>_read`). */
const CASE_CHILDREN = ['subjects', 'charges', 'case_notes', 'case_tasks', 'case_participants'];

/** The read policies of a case's children, as `rule`. */
const caseChildPolicies = (rule: string): string =>
  CASE_CHILDREN.map((t) => `DROP POLICY ${t}_read ON ${t};\nCREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${rule});`).join('\n');

/**
 * Row-level security that costs once per statement instead of once per row.
 *
 * The benchmarks (docs/performance.md) found the victim list at 1.9 s on 100k cases (21-24 s
 * under load): the victims policy called five SECURITY DEFINER functions for every row of every
 * other agency, each a query of its own with a search_path switch. And every row of a case's
 * subjects, charges, notes, tasks, participants and victim links called `case_access()`.
 *
 * - `app_reachable_victim_ids()`: the other agencies' victims the caller's agency reaches (on a
 *   case it leads or shares, served by it, under a live consent naming it, or by a live mandatory
 *   referral to it), as one set, planned as a hashed subplan: one build per statement, a hash
 *   probe per row, and never built when the row is the caller's agency's own.
 * - Cross-agency victim links and services are found by partial indexes: on the links whose
 *   victim belongs to another agency than the case's lead (`victim_cases.case_agency_id`, the
 *   lead agency, set by trigger; a case's lead agency never changes), and on the services an
 *   agency provides to another agency's victims.
 * - Case children are readable when their case is (`EXISTS` on cases, whose own policy is the
 *   lead agency or a live share): the same rule as `case_access(case) IS NOT NULL`, planned as
 *   an index probe instead of a function call.
 *
 * Who sees what does not change; the suites that prove denials run unchanged.
 */
export class VisibilitySets1763850000000 implements MigrationInterface {
  name = 'VisibilitySets1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE victim_cases ADD COLUMN case_agency_id uuid REFERENCES agencies(id);
UPDATE victim_cases vc SET case_agency_id = c.agency_id FROM cases c WHERE c.id = vc.case_id;
ALTER TABLE victim_cases ALTER COLUMN case_agency_id SET NOT NULL;
CREATE INDEX victim_cases_cross_agency_idx ON victim_cases (case_agency_id, victim_id) WHERE agency_id <> case_agency_id;
-- The services an agency provides to other agencies' victims.
CREATE INDEX services_cross_provider_idx ON services (provider_agency_id, victim_id) WHERE provider_agency_id <> agency_id;

-- The lead agency of the linked case, whoever inserts the link (the case may be only shared with them).
CREATE FUNCTION app_victim_case_agency() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT c.agency_id INTO NEW.case_agency_id FROM cases c WHERE c.id = NEW.case_id;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION app_victim_case_agency() FROM PUBLIC;
CREATE TRIGGER victim_cases_case_agency BEFORE INSERT OR UPDATE OF case_id ON victim_cases
  FOR EACH ROW EXECUTE FUNCTION app_victim_case_agency();

-- Other agencies' victims the caller's agency reaches. Each branch reads an index keyed by the
-- caller's agency, so the set is as large as the agency's cross-agency work, not the table.
CREATE FUNCTION app_reachable_victim_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 200 AS $$
  SELECT vc.victim_id FROM victim_cases vc
   WHERE vc.case_agency_id = app_agency_id() AND vc.agency_id <> vc.case_agency_id
  UNION
  SELECT vc.victim_id FROM victim_cases vc
   WHERE vc.case_id = ANY (app_shared_case_ids()) AND vc.agency_id <> app_agency_id()
  UNION
  SELECT s.victim_id FROM services s WHERE s.provider_agency_id = app_agency_id() AND s.provider_agency_id <> s.agency_id
  UNION
  SELECT k.victim_id FROM consents k
   WHERE k.recipient_agency_id = app_agency_id() AND k.revoked_at IS NULL AND k.scopes && ARRAY['IDENTITY','CONTACT','SERVICES']
     AND current_date >= k.signed_on AND current_date < k.expires_on
  UNION
  SELECT r.victim_id FROM referrals r
   WHERE r.to_agency_id = app_agency_id() AND r.kind = 'MANDATORY_CHILD_WELFARE' AND r.status IN ('PENDING','ACCEPTED','COMPLETED')
$$;
REVOKE ALL ON FUNCTION app_reachable_victim_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_reachable_victim_ids() TO tf_app;

DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR id IN (SELECT app_reachable_victim_ids())));

DROP POLICY victim_cases_read ON victim_cases;
CREATE POLICY victim_cases_read ON victim_cases FOR SELECT
  USING (agency_id = (SELECT app_agency_id()) OR EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));

${caseChildPolicies('EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)')}
DROP POLICY identifiers_case_read ON identifiers;
CREATE POLICY identifiers_case_read ON identifiers FOR SELECT USING (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
${caseChildPolicies('case_access(case_id) IS NOT NULL')}
DROP POLICY identifiers_case_read ON identifiers;
CREATE POLICY identifiers_case_read ON identifiers FOR SELECT USING (case_id IS NOT NULL AND case_access(case_id) IS NOT NULL);
DROP POLICY victim_cases_read ON victim_cases;
CREATE POLICY victim_cases_read ON victim_cases FOR SELECT USING (agency_id = (SELECT app_agency_id()) OR case_access(case_id) IS NOT NULL);
DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id) OR app_victim_served_by_me(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')
         OR app_mandatory_referral_to_me(id)));
DROP FUNCTION app_reachable_victim_ids();
DROP TRIGGER victim_cases_case_agency ON victim_cases;
DROP FUNCTION app_victim_case_agency();
DROP INDEX services_cross_provider_idx;
ALTER TABLE victim_cases DROP COLUMN case_agency_id;
`);
  }
}
