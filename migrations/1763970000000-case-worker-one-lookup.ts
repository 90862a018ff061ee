import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * app_case_worker() as one lookup of the bound principal's roles (issue 17: row-level security on
 * the case list).
 *
 * It was four app_has_role() calls, each its own lookup of this backend's principal_bindings row:
 * `EXPLAIN ANALYZE` of the case list as the app role put 0.12 ms on each evaluation, twice per list
 * (once per index scan the list merges), on a query the owner answers in ~1.4 ms. The answer is the
 * same: whether the principal bound for this transaction holds any of the four roles. Like
 * app_has_role(), it reads only the binding written by this very transaction (no binding: false).
 */
export class CaseWorkerOneLookup1763970000000 implements MigrationInterface {
  name = 'CaseWorkerOneLookup1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION app_case_worker() RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT coalesce((SELECT b.roles && ARRAY['INVESTIGATOR', 'SUPERVISOR', 'PROSECUTOR', 'VICTIM_ADVOCATE']::text[]
                   FROM principal_bindings b
                   WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned()), false)
$$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION app_case_worker() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT app_has_role('INVESTIGATOR') OR app_has_role('SUPERVISOR') OR app_has_role('PROSECUTOR') OR app_has_role('VICTIM_ADVOCATE')
$$;
`);
  }
}
