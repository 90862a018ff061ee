import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through each agency's own OpenID Connect provider (ADR 0018).
 *
 * - `agency_identity_providers`: one provider per agency, set by the task-force admin. The client
 *   secret is sealed by the key ring (the database never holds it in the clear).
 * - `user_identities`: a provider identity (issuer + subject) is bound to exactly one account, of
 *   the provider's agency only.
 * - `oidc_login_flows`: the server side of a sign-in in flight (PKCE verifier, state, nonce), taken
 *   once: a replayed callback finds it spent.
 * - `sessions.idp_issuer` / `idp_sid`: which provider session a session came from, for back-channel
 *   logout.
 * Sign-in happens before there is a principal, so the app reaches these through definer functions
 * that answer only what sign-in needs.
 */
export class AgencyIdentityProviders1763900000000 implements MigrationInterface {
  name = 'AgencyIdentityProviders1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE agency_identity_providers (
  agency_id             uuid PRIMARY KEY REFERENCES agencies(id),
  task_force_id         uuid NOT NULL REFERENCES task_forces(id),
  issuer                text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 500),
  client_id             text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
  client_secret_sealed  text NOT NULL,
  allowed_email_domains text[] NOT NULL DEFAULT '{}',
  create_users          boolean NOT NULL DEFAULT false,
  role_source           text NOT NULL DEFAULT 'LOCAL' CHECK (role_source IN ('LOCAL', 'CLAIM')),
  role_claim            text,
  default_roles         text[] NOT NULL DEFAULT '{}',
  mfa_acr_values        text[] NOT NULL DEFAULT '{}',
  mfa_amr_values        text[] NOT NULL DEFAULT '{}',
  enabled               boolean NOT NULL DEFAULT true,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  CONSTRAINT agency_idp_claim_named CHECK (role_source <> 'CLAIM' OR role_claim IS NOT NULL),
  CONSTRAINT agency_idp_default_roles CHECK (default_roles <@ ARRAY[
    'INVESTIGATOR','VICTIM_ADVOCATE','PROSECUTOR','SUPERVISOR','AGENCY_ADMIN','AUDITOR','TASK_FORCE_COORDINATOR']::text[])
);
ALTER TABLE agency_identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_identity_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_idp_maintenance ON agency_identity_providers TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY agency_idp_read ON agency_identity_providers FOR SELECT
  USING (task_force_id = (SELECT app_task_force_id())
         AND ((SELECT app_has_role('TASK_FORCE_ADMIN')) OR (agency_id = (SELECT app_agency_id()) AND (SELECT app_has_role('AGENCY_ADMIN')))));
CREATE POLICY agency_idp_tf_admin_write ON agency_identity_providers FOR ALL
  USING (task_force_id = (SELECT app_task_force_id()) AND (SELECT app_has_role('TASK_FORCE_ADMIN')))
  WITH CHECK (task_force_id = (SELECT app_task_force_id()) AND (SELECT app_has_role('TASK_FORCE_ADMIN'))
              AND EXISTS (SELECT 1 FROM agencies a WHERE a.id = agency_id AND a.task_force_id = (SELECT app_task_force_id())));
GRANT SELECT, INSERT, UPDATE, DELETE ON agency_identity_providers TO tf_app;

CREATE TABLE user_identities (
  user_id     uuid NOT NULL REFERENCES users(id),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  issuer      text NOT NULL,
  subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  CONSTRAINT user_identities_one_per_issuer UNIQUE (user_id, issuer)
);
ALTER TABLE user_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY user_identities_maintenance ON user_identities TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY user_identities_read ON user_identities FOR SELECT
  USING (agency_id = (SELECT app_agency_id()) AND (user_id = (SELECT app_user_id()) OR (SELECT app_has_role('AGENCY_ADMIN'))));
GRANT SELECT ON user_identities TO tf_app;

CREATE TABLE oidc_login_flows (
  id          text PRIMARY KEY CHECK (length(id) BETWEEN 20 AND 100),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  taken_at    timestamptz
);
ALTER TABLE oidc_login_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE oidc_login_flows FORCE ROW LEVEL SECURITY;
CREATE POLICY oidc_login_flows_maintenance ON oidc_login_flows TO tf_maintenance USING (true) WITH CHECK (true);

ALTER TABLE sessions ADD COLUMN idp_issuer text, ADD COLUMN idp_subject text, ADD COLUMN idp_sid text;
CREATE INDEX sessions_idp_idx ON sessions (idp_issuer, idp_subject) WHERE revoked_at IS NULL AND idp_issuer IS NOT NULL;

-- The sign-in page: which agencies offer their own provider (code and name only).
CREATE FUNCTION auth_oidc_sign_in_options()
RETURNS TABLE (agency_code text, agency_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.short_code, a.name FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id
  WHERE p.enabled AND a.active ORDER BY a.name
$$;

-- Starting or finishing a sign-in: one agency's provider settings (the secret stays sealed).
CREATE FUNCTION auth_oidc_provider(p_agency_code text)
RETURNS TABLE (agency_id uuid, task_force_id uuid, agency_name text, issuer text, client_id text, client_secret_sealed text,
               allowed_email_domains text[], create_users boolean, role_source text, role_claim text, default_roles text[],
               mfa_acr_values text[], mfa_amr_values text[], updated_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.task_force_id, a.name, p.issuer, p.client_id, p.client_secret_sealed, p.allowed_email_domains, p.create_users,
         p.role_source, p.role_claim, p.default_roles, p.mfa_acr_values, p.mfa_amr_values, p.updated_at
  FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id
  WHERE p.enabled AND a.active AND a.short_code = upper(p_agency_code)
    AND (SELECT count(*) FROM agencies a2 WHERE a2.short_code = upper(p_agency_code)) = 1
$$;

CREATE FUNCTION auth_oidc_flow_begin(p_id text, p_agency uuid, p_data jsonb)
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM oidc_login_flows WHERE created_at < now() - interval '1 day';
  INSERT INTO oidc_login_flows (id, agency_id, data)
  SELECT p_id, p_agency, p_data WHERE EXISTS (SELECT 1 FROM agency_identity_providers p WHERE p.agency_id = p_agency AND p.enabled);
$$;

-- A flow is taken once, within ten minutes; the answer says why not otherwise.
CREATE FUNCTION auth_oidc_flow_take(p_id text, p_agency uuid)
RETURNS TABLE (status text, data jsonb)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE f oidc_login_flows;
BEGIN
  SELECT * INTO f FROM oidc_login_flows WHERE id = p_id AND agency_id = p_agency FOR UPDATE;
  IF NOT FOUND THEN RETURN QUERY SELECT 'UNKNOWN'::text, NULL::jsonb; RETURN; END IF;
  IF f.taken_at IS NOT NULL THEN RETURN QUERY SELECT 'REPLAYED'::text, NULL::jsonb; RETURN; END IF;
  UPDATE oidc_login_flows SET taken_at = now(), data = '{}' WHERE id = p_id;
  IF f.created_at < now() - interval '10 minutes' THEN RETURN QUERY SELECT 'EXPIRED'::text, NULL::jsonb; RETURN; END IF;
  RETURN QUERY SELECT 'OK'::text, f.data;
END $$;

-- The account a verified provider identity signs in to, in the provider's agency only: the bound
-- identity; else (first sign-in) the agency's account with that verified e-mail, bound now; else a
-- new account when the agency allows it. Roles from a claim are applied on every sign-in.
CREATE FUNCTION auth_oidc_resolve_user(p_agency uuid, p_issuer text, p_subject text, p_email text, p_email_verified boolean,
                                       p_username text, p_display_name text, p_claim_roles text[])
RETURNS TABLE (outcome text, user_id uuid, agency_id uuid, task_force_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  p agency_identity_providers;
  uid uuid;
  tf uuid;
BEGIN
  SELECT * INTO p FROM agency_identity_providers WHERE agency_identity_providers.agency_id = p_agency AND enabled;
  IF NOT FOUND OR p.issuer <> p_issuer THEN RETURN QUERY SELECT 'NO_PROVIDER'::text, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
  SELECT a.task_force_id INTO tf FROM agencies a WHERE a.id = p_agency;
  SELECT i.user_id INTO uid FROM user_identities i WHERE i.issuer = p_issuer AND i.subject = p_subject;
  IF uid IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = uid AND u.agency_id = p_agency) THEN
      RETURN QUERY SELECT 'OTHER_AGENCY'::text, NULL::uuid, NULL::uuid, NULL::uuid; RETURN;
    END IF;
    UPDATE user_identities SET last_used_at = now() WHERE issuer = p_issuer AND subject = p_subject;
  ELSE
    IF p_email IS NOT NULL AND p_email_verified THEN
      SELECT u.id INTO uid FROM users u
      WHERE u.agency_id = p_agency AND lower(u.email) = lower(p_email)
        AND NOT EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id AND i.issuer = p_issuer);
    END IF;
    IF uid IS NULL THEN
      IF NOT p.create_users THEN RETURN QUERY SELECT 'NO_ACCOUNT'::text, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
      IF (CASE WHEN p.role_source = 'CLAIM' THEN cardinality(coalesce(p_claim_roles, '{}')) ELSE cardinality(p.default_roles) END) = 0 THEN
        RETURN QUERY SELECT 'NO_ROLE'::text, NULL::uuid, NULL::uuid, NULL::uuid; RETURN;
      END IF;
      IF EXISTS (SELECT 1 FROM users u WHERE u.username = p_username) THEN
        p_username := left(p_username, 56) || '-' || left(md5(p_issuer || ' ' || p_subject), 7);
      END IF;
      INSERT INTO users (agency_id, username, display_name, email, roles, password_hash)
      VALUES (p_agency, p_username, p_display_name, p_email,
              CASE WHEN p.role_source = 'CLAIM' THEN p_claim_roles ELSE p.default_roles END, '!federated')
      RETURNING id INTO uid;
    END IF;
    INSERT INTO user_identities (user_id, agency_id, issuer, subject) VALUES (uid, p_agency, p_issuer, p_subject);
  END IF;
  IF p.role_source = 'CLAIM' THEN
    IF cardinality(coalesce(p_claim_roles, '{}')) = 0 THEN
      RETURN QUERY SELECT 'NO_ROLE'::text, NULL::uuid, NULL::uuid, NULL::uuid; RETURN;
    END IF;
    UPDATE users SET roles = p_claim_roles, updated_at = now(), version = version + 1
    WHERE id = uid AND roles IS DISTINCT FROM p_claim_roles AND NOT ('TASK_FORCE_ADMIN' = ANY (roles));
  END IF;
  RETURN QUERY SELECT 'OK'::text, uid, p_agency, tf;
END $$;

-- Back-channel logout: the provider says this identity (or this provider session) has ended.
CREATE FUNCTION auth_oidc_end_sessions(p_agency uuid, p_issuer text, p_subject text, p_sid text)
RETURNS TABLE (user_id uuid, sessions_ended integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE uid uuid; n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM agency_identity_providers p WHERE p.agency_id = p_agency AND p.issuer = p_issuer) THEN RETURN; END IF;
  IF p_subject IS NOT NULL THEN
    SELECT i.user_id INTO uid FROM user_identities i WHERE i.issuer = p_issuer AND i.subject = p_subject AND i.agency_id = p_agency;
  ELSE
    SELECT s.user_id INTO uid FROM sessions s WHERE s.idp_issuer = p_issuer AND s.idp_sid = p_sid AND s.agency_id = p_agency LIMIT 1;
  END IF;
  IF uid IS NULL THEN RETURN; END IF;
  UPDATE sessions s SET revoked_at = now(), revoked_reason = 'ended by the identity provider'
  WHERE s.user_id = uid AND s.revoked_at IS NULL AND s.idp_issuer = p_issuer AND (p_sid IS NULL OR s.idp_sid = p_sid);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN QUERY SELECT uid, n;
END $$;

REVOKE ALL ON FUNCTION auth_oidc_sign_in_options(), auth_oidc_provider(text), auth_oidc_flow_begin(text, uuid, jsonb),
  auth_oidc_flow_take(text, uuid), auth_oidc_resolve_user(uuid, text, text, text, boolean, text, text, text[]),
  auth_oidc_end_sessions(uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_oidc_sign_in_options(), auth_oidc_provider(text), auth_oidc_flow_begin(text, uuid, jsonb),
  auth_oidc_flow_take(text, uuid), auth_oidc_resolve_user(uuid, text, text, text, boolean, text, text, text[]),
  auth_oidc_end_sessions(uuid, text, text, text) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS auth_oidc_end_sessions(uuid, text, text, text);
DROP FUNCTION IF EXISTS auth_oidc_resolve_user(uuid, text, text, text, boolean, text, text, text[]);
DROP FUNCTION IF EXISTS auth_oidc_flow_take(text, uuid);
DROP FUNCTION IF EXISTS auth_oidc_flow_begin(text, uuid, jsonb);
DROP FUNCTION IF EXISTS auth_oidc_provider(text);
DROP FUNCTION IF EXISTS auth_oidc_sign_in_options();
DROP INDEX IF EXISTS sessions_idp_idx;
ALTER TABLE sessions DROP COLUMN IF EXISTS idp_sid, DROP COLUMN IF EXISTS idp_subject, DROP COLUMN IF EXISTS idp_issuer;
DROP TABLE IF EXISTS oidc_login_flows;
DROP TABLE IF EXISTS user_identities;
DROP TABLE IF EXISTS agency_identity_providers;
`);
  }
}
