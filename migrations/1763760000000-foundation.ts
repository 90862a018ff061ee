import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: database roles, principal helpers for row-level security, task forces,
 * agencies, users, sessions and the append-only, hash-chained audit trail.
 *
 * Roles: the app connects as `tf_app` (LOGIN, no BYPASSRLS, owns nothing). Tables are owned
 * by the migrating user, who is made a member of `tf_maintenance`; every RLS-protected table
 * has one explicit policy for `tf_maintenance` (migrations, seeding, SECURITY DEFINER
 * functions) and the scoped policies everyone else gets. RLS is FORCEd, so even the owner
 * goes through a policy. With no principal set, the helpers return NULL and policies match
 * nothing: the database fails closed.
 */
export class Foundation1763760000000 implements MigrationInterface {
  name = 'Foundation1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tf_app') THEN
    CREATE ROLE tf_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tf_maintenance') THEN
    CREATE ROLE tf_maintenance NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'tf_maintenance', 'MEMBER') THEN
    EXECUTE format('GRANT tf_maintenance TO %I', current_user);
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO tf_app;

-- The principal of the current transaction, set by the app with set_config(..., true).
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.agency_id', true), '')::uuid $$;
CREATE FUNCTION app_task_force_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.task_force_id', true), '')::uuid $$;
CREATE FUNCTION app_has_role(role_name text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(role_name = ANY (string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')), false) $$;

CREATE TABLE task_forces (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  region      text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_force_id  uuid NOT NULL REFERENCES task_forces(id),
  name           text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  short_code     text NOT NULL CHECK (short_code ~ '^[A-Z][A-Z0-9]{1,9}$'),
  level          text NOT NULL CHECK (level IN ('MUNICIPAL','COUNTY','STATE','FEDERAL','TRIBAL')),
  kind           text NOT NULL CHECK (kind IN ('LAW_ENFORCEMENT','PROSECUTION','VICTIM_SERVICES','CHILD_WELFARE','OTHER')),
  ori            text CHECK (ori ~ '^[A-Z]{2}[A-Z0-9]{7}$'),
  contact_name   text,
  contact_phone  text,
  contact_email  text,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CONSTRAINT agencies_le_needs_ori CHECK (kind <> 'LAW_ENFORCEMENT' OR ori IS NOT NULL),
  CONSTRAINT agencies_name_key UNIQUE (task_force_id, name),
  CONSTRAINT agencies_short_code_key UNIQUE (task_force_id, short_code)
);
CREATE UNIQUE INDEX agencies_ori_key ON agencies (ori) WHERE ori IS NOT NULL;

CREATE TABLE users (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  username            text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
  display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email               text,
  title               text,
  roles               text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
                        'INVESTIGATOR','VICTIM_ADVOCATE','PROSECUTOR','SUPERVISOR','AGENCY_ADMIN',
                        'AUDITOR','TASK_FORCE_COORDINATOR','TASK_FORCE_ADMIN']::text[]),
  password_hash       text NOT NULL,
  active              boolean NOT NULL DEFAULT true,
  failed_login_count  integer NOT NULL DEFAULT 0,
  locked_at           timestamptz,
  mfa_enabled         boolean NOT NULL DEFAULT false,
  mfa_secret          text,
  mfa_pending_secret  text,
  mfa_last_step       bigint,            -- last TOTP time step accepted: a code is good once
  last_login_at       timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CONSTRAINT users_username_key UNIQUE (username)
);
CREATE INDEX users_agency_idx ON users (agency_id, username);

CREATE TABLE sessions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES users(id),
  agency_id          uuid NOT NULL REFERENCES agencies(id),
  refresh_generation integer NOT NULL DEFAULT 0,
  refresh_hash       bytea NOT NULL,
  mfa_satisfied      boolean NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  revoked_at         timestamptz,
  revoked_reason     text,
  client_address     text,
  user_agent         text
);
CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Row-level security ---------------------------------------------------------------
ALTER TABLE task_forces ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_forces FORCE ROW LEVEL SECURITY;
CREATE POLICY task_forces_maintenance ON task_forces TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY task_forces_member ON task_forces FOR SELECT USING (id = (SELECT app_task_force_id()));

ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY agencies_maintenance ON agencies TO tf_maintenance USING (true) WITH CHECK (true);
-- Every agency of the task force is visible by name and contact (sharing, referrals, deconfliction).
CREATE POLICY agencies_member_read ON agencies FOR SELECT USING (task_force_id = (SELECT app_task_force_id()));
CREATE POLICY agencies_tf_admin_insert ON agencies FOR INSERT
  WITH CHECK (task_force_id = (SELECT app_task_force_id()) AND (SELECT app_has_role('TASK_FORCE_ADMIN')));
CREATE POLICY agencies_admin_update ON agencies FOR UPDATE
  USING (task_force_id = (SELECT app_task_force_id())
         AND ((SELECT app_has_role('TASK_FORCE_ADMIN')) OR (id = (SELECT app_agency_id()) AND (SELECT app_has_role('AGENCY_ADMIN')))))
  WITH CHECK (task_force_id = (SELECT app_task_force_id()));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_maintenance ON users TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY users_own_agency_read ON users FOR SELECT USING (agency_id = (SELECT app_agency_id()));
-- Writes: a user's own row (sign-in bookkeeping, password, MFA), or the agency admin.
CREATE POLICY users_self_or_admin_update ON users FOR UPDATE
  USING (agency_id = (SELECT app_agency_id()) AND (id = (SELECT app_user_id()) OR (SELECT app_has_role('AGENCY_ADMIN'))))
  WITH CHECK (agency_id = (SELECT app_agency_id()));
CREATE POLICY users_admin_insert ON users FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_has_role('AGENCY_ADMIN')));
-- The task-force admin creates the first admin of a member agency: insert only, never read.
CREATE POLICY users_tf_admin_insert ON users FOR INSERT
  WITH CHECK ((SELECT app_has_role('TASK_FORCE_ADMIN'))
         AND agency_id IN (SELECT id FROM agencies WHERE task_force_id = (SELECT app_task_force_id())));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_maintenance ON sessions TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY sessions_own_agency ON sessions USING (agency_id = (SELECT app_agency_id())) WITH CHECK (agency_id = (SELECT app_agency_id()));
-- Deactivating a member agency ends its users' sessions (UPDATE ... WHERE needs SELECT too).
CREATE POLICY sessions_tf_admin_read ON sessions FOR SELECT
  USING ((SELECT app_has_role('TASK_FORCE_ADMIN'))
         AND agency_id IN (SELECT id FROM agencies WHERE task_force_id = (SELECT app_task_force_id())));
CREATE POLICY sessions_tf_admin_revoke ON sessions FOR UPDATE
  USING ((SELECT app_has_role('TASK_FORCE_ADMIN'))
         AND agency_id IN (SELECT id FROM agencies WHERE task_force_id = (SELECT app_task_force_id())))
  WITH CHECK ((SELECT app_has_role('TASK_FORCE_ADMIN'))
         AND agency_id IN (SELECT id FROM agencies WHERE task_force_id = (SELECT app_task_force_id())));

-- A session's identity never changes, a revocation is final, and MFA is only ever satisfied.
CREATE FUNCTION sessions_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id <> OLD.user_id OR NEW.agency_id <> OLD.agency_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a session''s owner cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'a revoked session stays revoked' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.mfa_satisfied AND NOT NEW.mfa_satisfied THEN
    RAISE EXCEPTION 'mfa_satisfied only goes from false to true' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sessions_guard_update BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION sessions_guard_update();

GRANT SELECT ON task_forces TO tf_app;
GRANT SELECT, INSERT, UPDATE ON agencies, users, sessions TO tf_app;

-- Narrow, pre-principal paths for authentication (SECURITY DEFINER, ids only) -----------
-- Login: who is this username? Returns only the ids needed to set the principal; the rest of
-- the login runs under row-level security as that user's agency.
CREATE FUNCTION auth_principal_for_username(p_username text)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.agency_id, a.task_force_id FROM users u JOIN agencies a ON a.id = u.agency_id
  WHERE u.username = lower(p_username)
$$;

-- Refresh: whose session is this?
CREATE FUNCTION auth_principal_for_session(p_session uuid)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.user_id, s.agency_id, a.task_force_id FROM sessions s JOIN agencies a ON a.id = s.agency_id
  WHERE s.id = p_session
$$;

-- Every authenticated request: is the session live (not revoked, not expired, not idle), is the
-- user active and unlocked? Returns the current principal (roles are read fresh, so a role change
-- or a disable takes effect on the next request) and marks the session seen (at most every 15 s).
CREATE FUNCTION auth_touch_session(p_session uuid, p_idle_seconds integer)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text,
               display_name text, mfa_satisfied boolean, mfa_enabled boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH live AS (
    SELECT s.id, s.user_id, u.agency_id, a.task_force_id, u.roles, u.username, u.display_name,
           s.mfa_satisfied, u.mfa_enabled, s.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
    WHERE s.id = p_session AND s.revoked_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(secs => p_idle_seconds)
      AND u.active AND u.locked_at IS NULL AND a.active
  ), touched AS (
    UPDATE sessions SET last_seen_at = now()
    WHERE id = p_session AND id IN (SELECT id FROM live WHERE last_seen_at < now() - interval '15 seconds')
  )
  SELECT user_id, agency_id, task_force_id, roles, username, display_name, mfa_satisfied, mfa_enabled FROM live
$$;

REVOKE ALL ON FUNCTION auth_principal_for_username(text), auth_principal_for_session(uuid), auth_touch_session(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_principal_for_username(text), auth_principal_for_session(uuid), auth_touch_session(uuid, integer) TO tf_app;

-- Audit trail ----------------------------------------------------------------------------
CREATE TABLE audit_events (
  seq                bigint PRIMARY KEY,
  id                 uuid NOT NULL UNIQUE,
  occurred_at        timestamptz NOT NULL,
  task_force_id      uuid,
  agency_id          uuid,
  subject_agency_id  uuid,
  actor_user_id      uuid,
  actor_username     text,
  actor_roles        text[] NOT NULL DEFAULT '{}',
  action             text NOT NULL,
  record_type        text,
  record_id          text,
  outcome            text NOT NULL CHECK (outcome IN ('SUCCESS','DENIED','FAILED')),
  changes            jsonb,
  purpose            text,
  request_id         text,
  client_address     text,
  prev_hash          bytea NOT NULL,
  hash               bytea NOT NULL
);
CREATE INDEX audit_events_agency_idx ON audit_events (agency_id, seq DESC);
CREATE INDEX audit_events_subject_agency_idx ON audit_events (subject_agency_id, seq DESC) WHERE subject_agency_id IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, seq DESC);
CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id, seq DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq DESC);

-- The head of the chain: one row, locked by each insert until its transaction ends, so the
-- sequence has no gaps and each link names the one before it even under concurrent writers.
CREATE TABLE audit_chain_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq   bigint NOT NULL,
  last_hash  bytea NOT NULL
);
INSERT INTO audit_chain_head VALUES (true, 0, decode(repeat('00', 32), 'hex'));

-- SHA-256 over the previous hash and a canonical form of the row (a JSON array, unambiguous).
CREATE FUNCTION audit_event_digest(e audit_events) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(e.prev_hash || convert_to(jsonb_build_array(
    e.seq, e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint, e.task_force_id, e.agency_id,
    e.subject_agency_id, e.actor_user_id, e.actor_username, e.actor_roles, e.action, e.record_type,
    e.record_id, e.outcome, e.changes, e.purpose, e.request_id, e.client_address)::text, 'UTF8'))
$$;

CREATE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE singleton RETURNING * INTO head;
  NEW.seq := head.last_seq;
  NEW.id := coalesce(NEW.id, gen_random_uuid());
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_event_digest(NEW);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_events_maintenance ON audit_events TO tf_maintenance USING (true) WITH CHECK (true);
-- Append as yourself: with a principal, the actor and agency must be the principal's; without one
-- (failed sign-ins of unknown accounts, rate limits), the event names no user and no agency.
-- The trigger fills the chain fields.
CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (
  CASE WHEN (SELECT app_user_id()) IS NULL THEN actor_user_id IS NULL AND agency_id IS NULL
       ELSE actor_user_id = (SELECT app_user_id()) AND agency_id = (SELECT app_agency_id()) END);
-- Auditors read the events of their own agency: done by it, or done to its records.
CREATE POLICY audit_events_auditor_read ON audit_events FOR SELECT
  USING ((SELECT app_has_role('AUDITOR'))
         AND (agency_id = (SELECT app_agency_id()) OR subject_agency_id = (SELECT app_agency_id())));
GRANT SELECT, INSERT ON audit_events TO tf_app;

-- Verification over the whole chain; returns counts and the first broken link only, no content.
CREATE FUNCTION audit_verify_chain()
RETURNS TABLE (checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  genesis constant bytea := decode(repeat('00', 32), 'hex');
  head audit_chain_head;
  n bigint;
  b record;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE singleton;
  SELECT count(*) INTO n FROM audit_events;
  SELECT c.seq, c.id, c.why INTO b FROM (
    SELECT e.seq, e.id,
      CASE
        WHEN e.seq <> coalesce(lag(e.seq) OVER w, 0) + 1 THEN 'missing event(s) before this one'
        WHEN e.prev_hash <> coalesce(lag(e.hash) OVER w, genesis) THEN 'previous-hash link does not match the event before'
        WHEN e.hash <> audit_event_digest(e) THEN 'content does not match its hash'
      END AS why
    FROM audit_events e WINDOW w AS (ORDER BY e.seq)
  ) c WHERE c.why IS NOT NULL ORDER BY c.seq LIMIT 1;
  IF b.seq IS NOT NULL THEN
    RETURN QUERY SELECT n, b.seq, b.id, b.why;
  ELSIF n > 0 AND NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = head.last_seq AND hash = head.last_hash) THEN
    RETURN QUERY SELECT n, head.last_seq, NULL::uuid, 'latest event(s) missing: the chain head is not in the table';
  ELSIF n = 0 AND head.last_seq <> 0 THEN
    RETURN QUERY SELECT n, 1::bigint, NULL::uuid, 'all events missing';
  ELSE
    RETURN QUERY SELECT n, NULL::bigint, NULL::uuid, NULL::text;
  END IF;
END $$;
REVOKE ALL ON FUNCTION audit_verify_chain() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_verify_chain() TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Reversible for development only: dropping the audit trail destroys evidence.
    await q.query(`
DROP FUNCTION IF EXISTS audit_verify_chain();
DROP TABLE IF EXISTS audit_events;
DROP FUNCTION IF EXISTS audit_events_chain();
DROP FUNCTION IF EXISTS audit_events_append_only();
DROP FUNCTION IF EXISTS audit_event_digest(audit_events);
DROP TABLE IF EXISTS audit_chain_head;
DROP FUNCTION IF EXISTS auth_touch_session(uuid, integer);
DROP TRIGGER IF EXISTS sessions_guard_update ON sessions;
DROP FUNCTION IF EXISTS sessions_guard_update();
DROP FUNCTION IF EXISTS auth_principal_for_session(uuid);
DROP FUNCTION IF EXISTS auth_principal_for_username(text);
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS users;
DROP TABLE IF EXISTS agencies;
DROP TABLE IF EXISTS task_forces;
DROP FUNCTION IF EXISTS app_has_role(text);
DROP FUNCTION IF EXISTS app_task_force_id();
DROP FUNCTION IF EXISTS app_agency_id();
DROP FUNCTION IF EXISTS app_user_id();
`);
  }
}
