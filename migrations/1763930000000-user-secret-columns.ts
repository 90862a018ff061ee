import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app role no longer reads anyone's credentials (issue 14, docs/adr/0020): SELECT on `users` is
 * granted column by column, without `password_hash`, `mfa_secret` and `mfa_pending_secret`.
 * - Sign-in reads the candidate's hash and sealed secret only through auth_sign_in_candidate (a definer).
 * - The bound user's own authenticator (confirming an enrolment, the local code after a federated
 *   sign-in) is read through auth_own_authenticator(), which answers only for app_user_id(), the
 *   principal of a live session, and locks that one row.
 * So a stolen app connection reads no colleague's password hash or sealed MFA secret, even inside
 * its own agency (the MFA secrets are also sealed with a key the database never holds).
 */
export class UserSecretColumns1763930000000 implements MigrationInterface {
  name = 'UserSecretColumns1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
REVOKE SELECT ON users FROM tf_app;
GRANT SELECT (id, agency_id, username, display_name, email, title, roles, active, failed_login_count, locked_at,
              mfa_enabled, mfa_last_step, last_login_at, password_changed_at, created_at, updated_at, version)
  ON users TO tf_app;

CREATE FUNCTION auth_own_authenticator()
  RETURNS TABLE (mfa_enabled boolean, mfa_secret text, mfa_pending_secret text, mfa_last_step bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'reading an authenticator needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT u.mfa_enabled, u.mfa_secret, u.mfa_pending_secret, u.mfa_last_step
    FROM users u WHERE u.id = app_user_id() FOR UPDATE;
END $$;
REVOKE ALL ON FUNCTION auth_own_authenticator() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_own_authenticator() TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION auth_own_authenticator();
REVOKE SELECT ON users FROM tf_app;
GRANT SELECT ON users TO tf_app;
`);
  }
}
