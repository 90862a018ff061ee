import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cases_read` tests a case against the agency's live shares through a hash, built once per
 * statement (issue 17: row-level security on the case list; docs/adr/0026).
 *
 * The policy said `id = ANY ((SELECT app_shared_case_ids())::uuid[])`, and PostgreSQL hashes `= ANY`
 * only for a constant array, never for a parameter: every row the list's "shared with me" branch read
 * was compared with the shares one by one. On the 100,000-case bench dataset (480 cases shared with
 * LCSO) the case list's SQL took 3.4 ms as the app role against the owner's 2.0 ms; as
 * `id IN (SELECT unnest(...))`, a hashed sub-plan, 1.9 ms. Same rows: the set is the same function's.
 */
export class CasesReadHashedShares1763990000000 implements MigrationInterface {
  name = 'CasesReadHashedShares1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER POLICY cases_read ON cases
  USING ((SELECT app_case_worker())
         AND (agency_id = (SELECT app_agency_id()) OR id IN (SELECT unnest(app_shared_case_ids()))));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER POLICY cases_read ON cases
  USING ((SELECT app_case_worker())
         AND (agency_id = (SELECT app_agency_id()) OR id = ANY ((SELECT app_shared_case_ids())::uuid[])));
`);
  }
}
