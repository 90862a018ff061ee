import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials are written only through definer functions that check the live session of the user
 * they change (docs/adr/0017). The app role keeps UPDATE on the users columns an admin manages
 * (roles, active, the lock) and on a session's revocation, under the (now unforgeable) principal's
 * policies; it loses INSERT on sessions (only auth_sign_in creates one) and UPDATE of the password
 * hash, the MFA secrets and step, and every other session column.
 * - auth_change_password(current, new): the bound user's own password; the database compares the
 *   presented hash of the current password, stores the new hash, and revokes the user's other sessions.
 * - auth_mfa_begin(sealed) / auth_mfa_confirm(step): the bound user's own enrolment; confirming marks
 *   the bound session MFA-satisfied.
 * - auth_mfa_verify(step): after a federated sign-in without the provider's MFA, the bound user's own
 *   authenticator code (checked by the app) marks the bound session MFA-satisfied; each step once.
 * - auth_reset_mfa(user): an AGENCY_ADMIN of the user's agency, bound to a live session.
 * Federated sign-in's session is created by auth_start_federated_session (1763910000000); back-channel
 * logout ends sessions through auth_oidc_end_sessions (1763900000000), both definers.
 */
export class CredentialWrites1763910010000 implements MigrationInterface {
  name = 'CredentialWrites1763910010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
REVOKE INSERT, UPDATE ON sessions FROM tf_app;
GRANT UPDATE (revoked_at, revoked_reason) ON sessions TO tf_app;
REVOKE UPDATE ON users FROM tf_app;
GRANT UPDATE (display_name, email, title, roles, active, locked_at, failed_login_count, updated_at, version) ON users TO tf_app;

CREATE FUNCTION auth_change_password(p_current_hash text, p_new_hash text) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me uuid := app_user_id();
  n integer;
BEGIN
  IF me IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'changing a password needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_new_hash IS NULL OR p_new_hash !~ '^\\$argon2(id|i|d)\\$' THEN
    RAISE EXCEPTION 'the new password hash is not an argon2 hash' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE users SET password_hash = p_new_hash, password_changed_at = now(), updated_at = now(), version = version + 1
  WHERE id = me AND password_hash = p_current_hash;
  IF NOT FOUND THEN RETURN -1; END IF;
  UPDATE sessions SET revoked_at = now(), revoked_reason = 'password changed'
  WHERE user_id = me AND revoked_at IS NULL AND id <> app_session_id();
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

CREATE FUNCTION auth_mfa_begin(p_sealed text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL THEN
    RAISE EXCEPTION 'MFA enrolment needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_pending_secret = p_sealed, updated_at = now() WHERE id = app_user_id() AND NOT mfa_enabled;
  RETURN FOUND;
END $$;

CREATE FUNCTION auth_mfa_confirm(p_step bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL THEN
    RAISE EXCEPTION 'MFA enrolment needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL, mfa_enabled = true, mfa_last_step = p_step,
         updated_at = now(), version = version + 1
  WHERE id = app_user_id() AND NOT mfa_enabled AND mfa_pending_secret IS NOT NULL AND p_step > coalesce(mfa_last_step, -1);
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE sessions SET mfa_satisfied = true WHERE id = app_session_id();
  RETURN true;
END $$;

-- The local second factor after a federated sign-in the provider did not vouch MFA for (verifyMfa):
-- the bound user's own enrolled authenticator, a time step later than the last used, and only the
-- bound session marked MFA-satisfied. The code itself is checked by the app (the seal key is not here).
CREATE FUNCTION auth_mfa_verify(p_step bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'verifying MFA needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_last_step = p_step
  WHERE id = app_user_id() AND mfa_enabled AND mfa_secret IS NOT NULL AND p_step IS NOT NULL AND p_step > coalesce(mfa_last_step, -1);
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE sessions SET mfa_satisfied = true WHERE id = app_session_id() AND user_id = app_user_id();
  RETURN true;
END $$;

CREATE FUNCTION auth_reset_mfa(p_user uuid) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR NOT app_has_role('AGENCY_ADMIN') THEN
    RAISE EXCEPTION 'resetting MFA needs a signed-in agency admin' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_enabled = false, mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_step = NULL, updated_at = now(),
         version = version + 1
  WHERE id = p_user AND agency_id = app_agency_id();
  RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION auth_change_password(text, text), auth_mfa_begin(text), auth_mfa_confirm(bigint), auth_mfa_verify(bigint),
  auth_reset_mfa(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_change_password(text, text), auth_mfa_begin(text), auth_mfa_confirm(bigint), auth_mfa_verify(bigint),
  auth_reset_mfa(uuid) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION auth_reset_mfa(uuid);
DROP FUNCTION auth_mfa_verify(bigint);
DROP FUNCTION auth_mfa_confirm(bigint);
DROP FUNCTION auth_mfa_begin(text);
DROP FUNCTION auth_change_password(text, text);
REVOKE UPDATE (display_name, email, title, roles, active, locked_at, failed_login_count, updated_at, version) ON users FROM tf_app;
GRANT UPDATE ON users TO tf_app;
REVOKE UPDATE (revoked_at, revoked_reason) ON sessions FROM tf_app;
GRANT INSERT, UPDATE ON sessions TO tf_app;
`);
  }
}
