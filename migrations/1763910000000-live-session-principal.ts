import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The principal is bound to a live session inside PostgreSQL (docs/adr/0017).
 *
 * Before: the app set `app.user_id`, `app.agency_id`, `app.task_force_id` and `app.roles` with
 * set_config, and every policy believed them, so whoever held the app role's connection could act
 * as anyone. Now:
 * - `principal_bindings` (UNLOGGED, one row per backend) holds the principal of the transaction
 *   that wrote it: keyed by pg_backend_pid() and valid only while pg_current_xact_id() is the xact
 *   that wrote it. The app role may read its own backend's row and write none: only the SECURITY
 *   DEFINER functions below write it, after checking a live session.
 * - app_user_id(), app_agency_id(), app_task_force_id(), app_has_role() read from there (and from
 *   nowhere else), so a principal forged with set_config is simply not seen: 0 rows.
 * - auth_bind_session(session, secret): the session must exist, not be revoked, expired or idle
 *   past the limit in `app_settings`, its user enabled and unlocked, its agency active, and the
 *   secret must hash to the one stored for it (the secret travels only inside the user's access
 *   token; the database stores its SHA-256). Only then is the principal bound.
 * - Sign-in and refresh, which run before a session principal exists, are one definer function each
 *   (auth_sign_in, auth_refresh_session): they check the credential outcome in the database and bind
 *   the new session's principal in the same transaction. Federated sign-in (the provider's ID token
 *   verified by the app, the account resolved by auth_oidc_resolve_user) starts its session through
 *   auth_start_federated_session, with the same standing checks and the identity bound to the account.
 * - `app_settings` (written only by the owner, at start from the operator's configuration) holds
 *   the idle limit, the lockout threshold, whether MFA is required and the token lifetimes: a caller
 *   cannot pass a longer idle limit.
 */
export class LiveSessionPrincipal1763910000000 implements MigrationInterface {
  name = 'LiveSessionPrincipal1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE app_settings (
  singleton              boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  idle_timeout_seconds   integer NOT NULL DEFAULT 1800 CHECK (idle_timeout_seconds > 0),
  max_failed_logins      integer NOT NULL DEFAULT 5 CHECK (max_failed_logins > 0),
  mfa_required           boolean NOT NULL DEFAULT false,
  refresh_ttl_seconds    integer NOT NULL DEFAULT 43200 CHECK (refresh_ttl_seconds > 0),
  access_ttl_seconds     integer NOT NULL DEFAULT 900 CHECK (access_ttl_seconds > 0),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
INSERT INTO app_settings DEFAULT VALUES;
ALTER TABLE app_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY app_settings_maintenance ON app_settings TO tf_maintenance USING (true) WITH CHECK (true);
-- No grant to tf_app: it neither reads nor writes the settings; the definer functions read them.

ALTER TABLE sessions ADD COLUMN access_secret_hash bytea,
  ADD COLUMN previous_access_secret_hash bytea,
  ADD COLUMN previous_access_secret_until timestamptz;

CREATE UNLOGGED TABLE principal_bindings (
  backend_pid    integer PRIMARY KEY,
  xact           xid8 NOT NULL,
  user_id        uuid,
  agency_id      uuid,
  task_force_id  uuid,
  roles          text[] NOT NULL DEFAULT '{}',
  session_id     uuid
);
ALTER TABLE principal_bindings ENABLE ROW LEVEL SECURITY;
ALTER TABLE principal_bindings FORCE ROW LEVEL SECURITY;
CREATE POLICY principal_bindings_maintenance ON principal_bindings TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY principal_bindings_own_backend ON principal_bindings FOR SELECT USING (backend_pid = pg_backend_pid());
GRANT SELECT ON principal_bindings TO tf_app;

-- The principal of the current transaction: the binding of this backend, if it was written by this
-- very transaction. PARALLEL RESTRICTED: a parallel worker has another pid.
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.user_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.agency_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_task_force_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.task_force_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;
CREATE OR REPLACE FUNCTION app_has_role(role_name text) RETURNS boolean LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT coalesce((SELECT role_name = ANY (b.roles) FROM principal_bindings b
                      WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned()), false) $$;
CREATE FUNCTION app_session_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL RESTRICTED AS
  $$ SELECT b.session_id FROM principal_bindings b WHERE b.backend_pid = pg_backend_pid() AND b.xact = pg_current_xact_id_if_assigned() $$;

-- Internal: write this transaction's binding (owner only; never granted to the app role).
CREATE FUNCTION principal_bind(p_user uuid, p_agency uuid, p_task_force uuid, p_roles text[], p_session uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO principal_bindings (backend_pid, xact, user_id, agency_id, task_force_id, roles, session_id)
  VALUES (pg_backend_pid(), pg_current_xact_id(), p_user, p_agency, p_task_force, coalesce(p_roles, '{}'), p_session)
  ON CONFLICT (backend_pid) DO UPDATE SET xact = EXCLUDED.xact, user_id = EXCLUDED.user_id, agency_id = EXCLUDED.agency_id,
    task_force_id = EXCLUDED.task_force_id, roles = EXCLUDED.roles, session_id = EXCLUDED.session_id
$$;
-- The owner's own jobs and seeds act for an agency without a session through it (never the app role).
REVOKE ALL ON FUNCTION principal_bind(uuid, uuid, uuid, text[], uuid) FROM PUBLIC;

-- A session that may act now: not revoked, not expired, not idle past the database's limit, its
-- user enabled and unlocked, its agency active.
CREATE FUNCTION auth_live_session(p_session uuid)
RETURNS TABLE (session_id uuid, user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text,
               mfa_satisfied boolean, mfa_enabled boolean, last_seen_at timestamptz, access_secret_hash bytea,
               previous_access_secret_hash bytea, previous_access_secret_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.id, s.user_id, u.agency_id, a.task_force_id, u.roles, u.username, u.display_name, s.mfa_satisfied, u.mfa_enabled,
         s.last_seen_at, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
  WHERE s.id = p_session AND s.revoked_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - make_interval(secs => (SELECT st.idle_timeout_seconds FROM app_settings st))
    AND u.active AND u.locked_at IS NULL AND a.active
$$;
REVOKE ALL ON FUNCTION auth_live_session(uuid) FROM PUBLIC;

CREATE FUNCTION auth_secret_matches(p_secret bytea, p_hash bytea, p_previous bytea, p_previous_until timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_secret IS NOT NULL AND length(p_secret) >= 16
     AND (sha256(p_secret) = p_hash OR (sha256(p_secret) = p_previous AND p_previous_until > now()))
$$;

-- Every transaction of a signed-in request: binds the session's principal, or (false) binds nothing.
CREATE FUNCTION auth_bind_session(p_session uuid, p_secret bytea) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  l record;
BEGIN
  SELECT * INTO l FROM auth_live_session(p_session) s
  WHERE auth_secret_matches(p_secret, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until);
  IF l.session_id IS NULL THEN
    DELETE FROM principal_bindings WHERE backend_pid = pg_backend_pid();
    RETURN false;
  END IF;
  PERFORM principal_bind(l.user_id, l.agency_id, l.task_force_id, l.roles, l.session_id);
  RETURN true;
END $$;

-- The per-request check of the access token (before any transaction): the same liveness and secret
-- as auth_bind_session; returns the principal for the code's own checks and marks the session seen.
DROP FUNCTION auth_touch_session(uuid, integer);
CREATE FUNCTION auth_touch_session(p_session uuid, p_secret bytea)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text,
               display_name text, mfa_satisfied boolean, mfa_enabled boolean, idle_timeout_seconds integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH live AS (
    SELECT * FROM auth_live_session(p_session) s
    WHERE auth_secret_matches(p_secret, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until)
  ), touched AS (
    UPDATE sessions SET last_seen_at = now()
    WHERE id = p_session AND id IN (SELECT session_id FROM live WHERE last_seen_at < now() - interval '15 seconds')
  )
  SELECT user_id, agency_id, task_force_id, roles, username, display_name, mfa_satisfied, mfa_enabled,
         (SELECT st.idle_timeout_seconds FROM app_settings st) FROM live
$$;

-- Sign-in, step 1 (no principal yet): what the app needs to check the password and the code. The
-- password hash is returned WITHOUT its digest (algorithm, parameters and salt only): the app
-- recomputes the hash of the typed password and presents it to auth_sign_in, which compares it.
DROP FUNCTION auth_principal_for_username(text);
CREATE FUNCTION auth_sign_in_candidate(p_username text)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid, username text, display_name text, roles text[],
               password_params text, password_digest_length integer, mfa_enabled boolean, mfa_secret text, mfa_last_step bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.agency_id, a.task_force_id, u.username, u.display_name, u.roles,
         regexp_replace(u.password_hash, '\\$[^$]*$', ''), (length(substring(u.password_hash FROM '[^$]*$')) * 3 / 4)::integer, u.mfa_enabled, u.mfa_secret, u.mfa_last_step
  FROM users u JOIN agencies a ON a.id = u.agency_id
  WHERE u.username = lower(p_username)
$$;

-- Sign-in, step 2: the database compares the presented password hash with the stored one, applies
-- the lockout threshold from app_settings, and only for an enabled, unlocked user of an active agency
-- with the right password (and, when MFA is on, a code the app verified whose time step is later
-- than the last one used) creates the session and binds its principal for this transaction.
-- p_mfa: 'NONE' (no code typed), 'WRONG' (typed, did not verify) or 'OK' (verified, step p_mfa_step).
CREATE FUNCTION auth_sign_in(p_user uuid, p_password_hash text, p_mfa text, p_mfa_step bigint, p_session uuid,
                             p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text)
RETURNS TABLE (outcome text, failures integer, locked boolean, mfa_satisfied boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  u record;
  st app_settings;
  password_ok boolean;
  mfa_ok boolean;
  n integer;
  lock boolean;
BEGIN
  SELECT * INTO st FROM app_settings;
  SELECT us.*, a.task_force_id, a.active AS agency_active INTO u
  FROM users us JOIN agencies a ON a.id = us.agency_id WHERE us.id = p_user FOR UPDATE OF us;
  IF u.id IS NULL THEN RETURN QUERY SELECT 'UNKNOWN'::text, 0, false, false; RETURN; END IF;
  IF NOT u.active THEN RETURN QUERY SELECT 'DISABLED'::text, u.failed_login_count, false, false; RETURN; END IF;
  IF u.locked_at IS NOT NULL THEN RETURN QUERY SELECT 'LOCKED'::text, u.failed_login_count, true, false; RETURN; END IF;
  IF NOT u.agency_active THEN RETURN QUERY SELECT 'AGENCY_INACTIVE'::text, u.failed_login_count, false, false; RETURN; END IF;
  password_ok := p_password_hash IS NOT NULL AND p_password_hash = u.password_hash;
  IF password_ok AND u.mfa_enabled AND p_mfa = 'NONE' THEN
    RETURN QUERY SELECT 'MFA_CODE_REQUIRED'::text, u.failed_login_count, false, false; RETURN;
  END IF;
  mfa_ok := NOT u.mfa_enabled OR (p_mfa = 'OK' AND p_mfa_step IS NOT NULL AND p_mfa_step > coalesce(u.mfa_last_step, -1));
  IF NOT password_ok OR NOT mfa_ok THEN
    n := u.failed_login_count + 1;
    lock := n >= st.max_failed_logins;
    UPDATE users SET failed_login_count = n, locked_at = CASE WHEN lock THEN now() ELSE locked_at END WHERE id = u.id;
    RETURN QUERY SELECT CASE WHEN password_ok THEN 'WRONG_MFA' ELSE 'WRONG_PASSWORD' END, n, lock, false;
    RETURN;
  END IF;
  IF p_access_secret_hash IS NULL OR length(p_access_secret_hash) <> 32 THEN
    RAISE EXCEPTION 'auth_sign_in needs the SHA-256 of the session secret' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE users SET failed_login_count = 0, last_login_at = now(),
         mfa_last_step = CASE WHEN u.mfa_enabled THEN p_mfa_step ELSE mfa_last_step END WHERE id = u.id;
  INSERT INTO sessions (id, user_id, agency_id, refresh_hash, mfa_satisfied, expires_at, client_address, user_agent, access_secret_hash)
  VALUES (p_session, u.id, u.agency_id, p_refresh_hash, u.mfa_enabled OR NOT st.mfa_required,
          now() + make_interval(secs => st.refresh_ttl_seconds), p_client, p_user_agent, p_access_secret_hash);
  PERFORM principal_bind(u.id, u.agency_id, u.task_force_id, u.roles, p_session);
  RETURN QUERY SELECT 'SIGNED_IN'::text, 0, false, u.mfa_enabled OR NOT st.mfa_required;
END $$;

-- Refresh (no principal yet): the database checks the refresh token's hash and generation; a spent
-- token the app says it issued revokes the session; a good one rotates the refresh hash and the
-- access secret (the previous one stays good for one access-token lifetime, for requests in flight)
-- and binds the principal.
DROP FUNCTION auth_principal_for_session(uuid);
CREATE FUNCTION auth_refresh_session(p_session uuid, p_generation integer, p_presented_hash bytea, p_was_issued boolean,
                                     p_next_refresh_hash bytea, p_access_secret_hash bytea)
RETURNS TABLE (outcome text, user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text,
               mfa_satisfied boolean, mfa_enabled boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s record;
  st app_settings;
  why text;
BEGIN
  SELECT * INTO st FROM app_settings;
  SELECT se.*, u.username, u.display_name, u.roles, u.active, u.locked_at, u.mfa_enabled, a.task_force_id, a.active AS agency_active,
         (se.expires_at <= now() OR se.last_seen_at <= now() - make_interval(secs => st.idle_timeout_seconds)) AS stale
  INTO s FROM sessions se JOIN users u ON u.id = se.user_id JOIN agencies a ON a.id = u.agency_id
  WHERE se.id = p_session FOR UPDATE OF se;
  IF s.id IS NULL THEN RETURN; END IF;
  why := CASE WHEN s.revoked_at IS NOT NULL THEN 'REVOKED' WHEN s.stale THEN 'EXPIRED'
              WHEN NOT s.active OR s.locked_at IS NOT NULL OR NOT s.agency_active THEN 'CANNOT_SIGN_IN' END;
  IF why IS NULL AND p_generation < s.refresh_generation AND p_was_issued THEN
    UPDATE sessions SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = s.id;
    why := 'REUSED';
  END IF;
  IF why IS NULL AND (p_generation <> s.refresh_generation OR p_presented_hash IS NULL OR p_presented_hash <> s.refresh_hash) THEN
    why := 'INVALID';
  END IF;
  IF why IS NULL AND (p_access_secret_hash IS NULL OR length(p_access_secret_hash) <> 32) THEN
    RAISE EXCEPTION 'auth_refresh_session needs the SHA-256 of the new session secret' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF why IS NULL THEN
    UPDATE sessions SET refresh_generation = refresh_generation + 1, refresh_hash = p_next_refresh_hash, last_seen_at = now(),
           previous_access_secret_hash = access_secret_hash,
           previous_access_secret_until = now() + make_interval(secs => st.access_ttl_seconds),
           access_secret_hash = p_access_secret_hash
    WHERE id = s.id;
    PERFORM principal_bind(s.user_id, s.agency_id, s.task_force_id, s.roles, s.id);
    why := 'OK';
  END IF;
  RETURN QUERY SELECT why, s.user_id, s.agency_id, s.task_force_id, s.roles, s.username, s.display_name, s.mfa_satisfied, s.mfa_enabled;
END $$;

-- Federated sign-in (ADR 0018), once openid-client has verified the provider's ID token and
-- auth_oidc_resolve_user has found or bound the account: the same standing checks as auth_sign_in
-- (enabled, unlocked, agency active), and the identity must be one bound to this account, in its own
-- agency, from that agency's enabled provider. Only then is the session created (with its secret's
-- hash and the provider session it came from, for back-channel logout) and its principal bound.
-- The database cannot verify the ID token itself: see docs/adr/0017 (residual risk).
CREATE FUNCTION auth_start_federated_session(p_user uuid, p_issuer text, p_subject text, p_idp_sid text, p_mfa_asserted boolean,
                                             p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea,
                                             p_client text, p_user_agent text)
RETURNS TABLE (outcome text, mfa_satisfied boolean, mfa_enabled boolean, username text, display_name text, roles text[],
               agency_id uuid, task_force_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  u record;
  st app_settings;
  mfa boolean;
  why text;
BEGIN
  SELECT * INTO st FROM app_settings;
  SELECT us.id, us.agency_id, us.username, us.display_name, us.roles, us.active, us.locked_at, us.mfa_enabled, a.task_force_id,
         a.active AS agency_active
  INTO u FROM users us JOIN agencies a ON a.id = us.agency_id WHERE us.id = p_user FOR UPDATE OF us;
  IF u.id IS NULL THEN
    RETURN QUERY SELECT 'UNKNOWN'::text, false, false, NULL::text, NULL::text, NULL::text[], NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  why := CASE
    WHEN NOT EXISTS (SELECT 1 FROM user_identities i JOIN agency_identity_providers p ON p.agency_id = i.agency_id AND p.issuer = i.issuer
                     WHERE i.user_id = u.id AND i.agency_id = u.agency_id AND i.issuer = p_issuer AND i.subject = p_subject AND p.enabled)
      THEN 'NO_IDENTITY'
    WHEN NOT u.active THEN 'DISABLED'
    WHEN u.locked_at IS NOT NULL THEN 'LOCKED'
    WHEN NOT u.agency_active THEN 'AGENCY_INACTIVE' END;
  IF why IS NOT NULL THEN
    RETURN QUERY SELECT why, false, u.mfa_enabled, u.username, u.display_name, u.roles, u.agency_id, u.task_force_id;
    RETURN;
  END IF;
  IF p_access_secret_hash IS NULL OR length(p_access_secret_hash) <> 32 THEN
    RAISE EXCEPTION 'auth_start_federated_session needs the SHA-256 of the session secret' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  mfa := coalesce(p_mfa_asserted, false) OR (NOT u.mfa_enabled AND NOT st.mfa_required);
  UPDATE users SET last_login_at = now() WHERE id = u.id;
  INSERT INTO sessions (id, user_id, agency_id, refresh_hash, mfa_satisfied, expires_at, client_address, user_agent, access_secret_hash,
                        idp_issuer, idp_subject, idp_sid)
  VALUES (p_session, u.id, u.agency_id, p_refresh_hash, mfa, now() + make_interval(secs => st.refresh_ttl_seconds), p_client, p_user_agent,
          p_access_secret_hash, p_issuer, p_subject, p_idp_sid);
  PERFORM principal_bind(u.id, u.agency_id, u.task_force_id, u.roles, p_session);
  RETURN QUERY SELECT 'SIGNED_IN'::text, mfa, u.mfa_enabled, u.username, u.display_name, u.roles, u.agency_id, u.task_force_id;
END $$;

-- What the sign-in and refresh paths may write to the audit trail before a session principal exists:
-- a failure or denial of an auth action naming the user and their own agency, and a lockout of a user
-- who really is locked. (A compromised app connection can therefore write false failed sign-ins in
-- someone's name; it cannot write a success, nor any other action: docs/adr/0017.)
CREATE FUNCTION auth_pre_session_event_ok(p_user uuid, p_agency uuid, p_action text, p_outcome text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((
    SELECT u.agency_id IS NOT DISTINCT FROM p_agency
       AND ((p_action IN ('auth.login', 'auth.sso_login', 'auth.refresh', 'auth.refresh_reuse') AND p_outcome IN ('FAILED', 'DENIED'))
            OR (p_action = 'auth.lockout' AND u.locked_at IS NOT NULL))
    FROM users u WHERE u.id = p_user), false)
$$;

DROP POLICY audit_events_append ON audit_events;
CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (
  CASE WHEN (SELECT app_user_id()) IS NULL
       THEN (actor_user_id IS NULL AND agency_id IS NULL) OR auth_pre_session_event_ok(actor_user_id, agency_id, action, outcome)
       ELSE actor_user_id = (SELECT app_user_id()) AND agency_id = (SELECT app_agency_id()) END);

REVOKE ALL ON FUNCTION auth_live_session(uuid), auth_bind_session(uuid, bytea), auth_touch_session(uuid, bytea),
  auth_sign_in_candidate(text), auth_sign_in(uuid, text, text, bigint, uuid, bytea, bytea, text, text),
  auth_refresh_session(uuid, integer, bytea, boolean, bytea, bytea), auth_pre_session_event_ok(uuid, uuid, text, text),
  auth_start_federated_session(uuid, text, text, text, boolean, uuid, bytea, bytea, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_bind_session(uuid, bytea), auth_touch_session(uuid, bytea), auth_sign_in_candidate(text),
  auth_sign_in(uuid, text, text, bigint, uuid, bytea, bytea, text, text), auth_refresh_session(uuid, integer, bytea, boolean, bytea, bytea),
  auth_pre_session_event_ok(uuid, uuid, text, text),
  auth_start_federated_session(uuid, text, text, text, boolean, uuid, bytea, bytea, text, text) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY audit_events_append ON audit_events;
CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (
  CASE WHEN (SELECT app_user_id()) IS NULL THEN actor_user_id IS NULL AND agency_id IS NULL
       ELSE actor_user_id = (SELECT app_user_id()) AND agency_id = (SELECT app_agency_id()) END);
DROP FUNCTION auth_pre_session_event_ok(uuid, uuid, text, text);
DROP FUNCTION auth_start_federated_session(uuid, text, text, text, boolean, uuid, bytea, bytea, text, text);
DROP FUNCTION auth_refresh_session(uuid, integer, bytea, boolean, bytea, bytea);
DROP FUNCTION auth_sign_in(uuid, text, text, bigint, uuid, bytea, bytea, text, text);
DROP FUNCTION auth_sign_in_candidate(text);
DROP FUNCTION auth_touch_session(uuid, bytea);
DROP FUNCTION auth_bind_session(uuid, bytea);
DROP FUNCTION auth_secret_matches(bytea, bytea, bytea, timestamptz);
DROP FUNCTION auth_live_session(uuid);
DROP FUNCTION principal_bind(uuid, uuid, uuid, text[], uuid);
DROP FUNCTION app_session_id();
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.agency_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_task_force_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.task_force_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_has_role(role_name text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(role_name = ANY (string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')), false) $$;
DROP TABLE principal_bindings;
ALTER TABLE sessions DROP COLUMN access_secret_hash, DROP COLUMN previous_access_secret_hash, DROP COLUMN previous_access_secret_until;
DROP TABLE app_settings;
CREATE FUNCTION auth_principal_for_username(p_username text)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.agency_id, a.task_force_id FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = lower(p_username)
$$;
CREATE FUNCTION auth_principal_for_session(p_session uuid)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.user_id, s.agency_id, a.task_force_id FROM sessions s JOIN agencies a ON a.id = s.agency_id WHERE s.id = p_session
$$;
CREATE FUNCTION auth_touch_session(p_session uuid, p_idle_seconds integer)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text,
               display_name text, mfa_satisfied boolean, mfa_enabled boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH live AS (
    SELECT s.id, s.user_id, u.agency_id, a.task_force_id, u.roles, u.username, u.display_name, s.mfa_satisfied, u.mfa_enabled, s.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
    WHERE s.id = p_session AND s.revoked_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(secs => p_idle_seconds) AND u.active AND u.locked_at IS NULL AND a.active
  ), touched AS (
    UPDATE sessions SET last_seen_at = now()
    WHERE id = p_session AND id IN (SELECT id FROM live WHERE last_seen_at < now() - interval '15 seconds')
  )
  SELECT user_id, agency_id, task_force_id, roles, username, display_name, mfa_satisfied, mfa_enabled FROM live
$$;
REVOKE ALL ON FUNCTION auth_principal_for_username(text), auth_principal_for_session(uuid), auth_touch_session(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_principal_for_username(text), auth_principal_for_session(uuid), auth_touch_session(uuid, integer) TO tf_app;
`);
  }
}
