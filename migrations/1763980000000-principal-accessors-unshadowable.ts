import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The principal accessors cannot be fooled by a temporary table (docs/adr/0017, the trust issue).
 *
 * app_user_id(), app_agency_id(), app_task_force_id(), app_has_role(), app_session_id() and
 * app_case_worker() run with the caller's rights and read `principal_bindings` by an unqualified
 * name. PostgreSQL searches the session's temporary schema before any other for a table name, and
 * PUBLIC may create temporary tables by default: whoever held the app role's connection could
 * `CREATE TEMP TABLE principal_bindings (...)`, insert a row naming any agency and every role for
 * its own backend and transaction, and read that agency's cases without a session (2,747 of them on
 * the 10,000-case bench dataset, seen when this was found). Two defences, either enough:
 *
 * - every name the accessors read is schema-qualified (`public.principal_bindings`, pg_catalog's
 *   functions, types and operators: `OPERATOR(pg_catalog.=)`), so no search_path and no temporary or
 *   other object changes what they read (a `SET search_path` on the functions would do the same at
 *   a cost on every call);
 * - PUBLIC loses the right to create temporary tables in the database (nothing of the app role uses
 *   one; the owner's seeds and tools still may). A database's own privileges are not carried by a
 *   template or a dump, so that is not done here but on every start, beside the session limits
 *   (prepare-database.ts: restrictDatabasePrivileges).
 */
export class PrincipalAccessorsUnshadowable1763980000000 implements MigrationInterface {
  name = 'PrincipalAccessorsUnshadowable1763980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT b.user_id FROM public.principal_bindings b
  WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT b.agency_id FROM public.principal_bindings b
  WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_task_force_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT b.task_force_id FROM public.principal_bindings b
  WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_session_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT b.session_id FROM public.principal_bindings b
  WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_has_role(role_name text) RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT coalesce((SELECT role_name OPERATOR(pg_catalog.=) ANY (b.roles) FROM public.principal_bindings b
    WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned()), false) $$;
CREATE OR REPLACE FUNCTION app_case_worker() RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT coalesce((SELECT b.roles OPERATOR(pg_catalog.&&) ARRAY['INVESTIGATOR', 'SUPERVISOR', 'PROSECUTOR', 'VICTIM_ADVOCATE']::pg_catalog.text[]
    FROM public.principal_bindings b
    WHERE b.backend_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid() AND b.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id_if_assigned()), false) $$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.user_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.agency_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_task_force_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.task_force_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_session_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.session_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_has_role(role_name text) RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT coalesce((SELECT role_name = ANY (b.roles) FROM principal_bindings b
                      WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned()), false) $$;
CREATE OR REPLACE FUNCTION app_case_worker() RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
  SELECT coalesce((SELECT b.roles && ARRAY['INVESTIGATOR', 'SUPERVISOR', 'PROSECUTOR', 'VICTIM_ADVOCATE']::text[]
                   FROM principal_bindings b
                   WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned()), false)
$$;
`);
  }
}
