import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A read request's session check and its principal in one statement (issue 17, "fewer statements
 * per request"; docs/adr/0025).
 *
 * A GraphQL query request checked its access token with auth_touch_session (a statement of its own,
 * on a pooled connection of its own, before any transaction) and then, in each transaction, bound
 * the principal with auth_bind_session: two statements and two pool checkouts asking the database
 * the same question. A query request now opens one transaction and asks once:
 * auth_open_request(session, secret, user) applies exactly the checks of both (auth_live_session: the
 * session not revoked, expired or idle past the database's limit, its user enabled and unlocked, its
 * agency active; auth_secret_matches: the secret hashes to the stored one), marks the session seen
 * as auth_touch_session does, binds the principal for this transaction as auth_bind_session does,
 * and returns the principal for the code's own checks (the session must be the token's user's). No live session: nothing bound (any binding of
 * this backend is removed) and no row. Mutations keep the check and the per-service transactions.
 */
export class RequestPrincipal1763960000000 implements MigrationInterface {
  name = 'RequestPrincipal1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION auth_open_request(p_session uuid, p_secret bytea, p_user uuid)
RETURNS TABLE (user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text,
               display_name text, mfa_satisfied boolean, mfa_enabled boolean, idle_timeout_seconds integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  l record;
BEGIN
  SELECT * INTO l FROM auth_live_session(p_session) s
  WHERE auth_secret_matches(p_secret, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until);
  IF l.session_id IS NULL OR l.user_id IS DISTINCT FROM p_user THEN
    DELETE FROM principal_bindings WHERE backend_pid = pg_backend_pid();
    RETURN;
  END IF;
  IF l.last_seen_at < now() - interval '15 seconds' THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = l.session_id;
  END IF;
  PERFORM principal_bind(l.user_id, l.agency_id, l.task_force_id, l.roles, l.session_id);
  RETURN QUERY SELECT l.user_id, l.agency_id, l.task_force_id, l.roles, l.username, l.display_name, l.mfa_satisfied,
                      l.mfa_enabled, (SELECT st.idle_timeout_seconds FROM app_settings st);
END $$;
REVOKE ALL ON FUNCTION auth_open_request(uuid, bytea, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_open_request(uuid, bytea, uuid) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION auth_open_request(uuid, bytea, uuid)`);
  }
}
