import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cases shared with the principal's agency, found once per transaction, when the principal is
 * bound (issue 17: row-level security on the case list; docs/adr/0026).
 *
 * app_shared_case_ids() aggregated the agency's live shares (case_participants) on every call, and a
 * statement that lists shared cases called it twice: once for the query's own filter, once for the
 * `cases_read` policy (and once more inside app_reachable_victim_ids(), for a victim list). Measured
 * on the 10,000-case bench dataset, one connection, the case list's SQL as the app role took 1.14 ms
 * against the owner's 0.89 ms; with the set read from the binding, 0.89 ms: the policy's own cost
 * was that second aggregate.
 *
 * Now principal_bind() stores the set on the binding row, and app_shared_case_ids() reads it there,
 * as app_agency_id() reads the agency. Within the transaction it stays true: any statement that
 * changes case_participants recomputes the binding's set (a statement trigger). A share another
 * transaction commits while this one runs is seen from the next transaction on (before, from the
 * next statement): a read request is one transaction of a few milliseconds (docs/adr/0025).
 */
export class SharedCasesOnBinding1763990000000 implements MigrationInterface {
  name = 'SharedCasesOnBinding1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE principal_bindings ADD COLUMN shared_case_ids uuid[] NOT NULL DEFAULT '{}';

-- Internal (owner only): the cases an agency's live shares reach.
CREATE FUNCTION principal_shared_case_ids(p_agency uuid) RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(p.case_id), '{}') FROM case_participants p
  WHERE p.agency_id = p_agency AND p.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION principal_shared_case_ids(uuid) FROM PUBLIC;

CREATE OR REPLACE FUNCTION principal_bind(p_user uuid, p_agency uuid, p_task_force uuid, p_roles text[], p_session uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO principal_bindings (backend_pid, xact, user_id, agency_id, task_force_id, roles, session_id, shared_case_ids)
  VALUES (pg_backend_pid(), pg_current_xact_id(), p_user, p_agency, p_task_force, coalesce(p_roles, '{}'), p_session,
          principal_shared_case_ids(p_agency))
  ON CONFLICT (backend_pid) DO UPDATE SET xact = EXCLUDED.xact, user_id = EXCLUDED.user_id, agency_id = EXCLUDED.agency_id,
    task_force_id = EXCLUDED.task_force_id, roles = EXCLUDED.roles, session_id = EXCLUDED.session_id,
    shared_case_ids = EXCLUDED.shared_case_ids
$$;

-- The cases shared with the caller's agency (live shares), as found when this transaction bound its principal.
CREATE OR REPLACE FUNCTION app_shared_case_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT coalesce((SELECT b.shared_case_ids FROM public.principal_bindings b
    WHERE b.backend_pid = pg_catalog.pg_backend_pid() AND b.xact = pg_catalog.pg_current_xact_id_if_assigned()), '{}'::pg_catalog.uuid[]) $$;

-- A statement that changes shares keeps this transaction's binding true.
CREATE FUNCTION principal_bindings_refresh_shared() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE principal_bindings b SET shared_case_ids = principal_shared_case_ids(b.agency_id)
  WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned();
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION principal_bindings_refresh_shared() FROM PUBLIC;
CREATE TRIGGER case_participants_binding AFTER INSERT OR UPDATE OR DELETE ON case_participants
  FOR EACH STATEMENT EXECUTE FUNCTION principal_bindings_refresh_shared();

-- The policy tests membership in a hash of the set, built once per statement: \`id = ANY (array)\`
-- compared each row with the array's elements one by one (480 shared cases on the 100,000-case
-- dataset: 3.4 ms for the case list as the app role against the owner's 2.0 ms; hashed, 1.9 ms).
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
DROP TRIGGER case_participants_binding ON case_participants;
DROP FUNCTION principal_bindings_refresh_shared();
CREATE OR REPLACE FUNCTION app_shared_case_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(p.case_id), '{}') FROM case_participants p
  WHERE p.agency_id = app_agency_id() AND p.revoked_at IS NULL
$$;
CREATE OR REPLACE FUNCTION principal_bind(p_user uuid, p_agency uuid, p_task_force uuid, p_roles text[], p_session uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO principal_bindings (backend_pid, xact, user_id, agency_id, task_force_id, roles, session_id)
  VALUES (pg_backend_pid(), pg_current_xact_id(), p_user, p_agency, p_task_force, coalesce(p_roles, '{}'), p_session)
  ON CONFLICT (backend_pid) DO UPDATE SET xact = EXCLUDED.xact, user_id = EXCLUDED.user_id, agency_id = EXCLUDED.agency_id,
    task_force_id = EXCLUDED.task_force_id, roles = EXCLUDED.roles, session_id = EXCLUDED.session_id
$$;
DROP FUNCTION principal_shared_case_ids(uuid);
ALTER TABLE principal_bindings DROP COLUMN shared_case_ids;
`);
  }
}
