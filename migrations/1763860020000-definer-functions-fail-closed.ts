import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every SECURITY DEFINER function fails closed without a principal (app.user_id / app.agency_id
 * unset or empty) when the app role calls it: it returns nothing (no row, NULL, false, 0, an empty
 * set) or raises insufficient_privilege. test/rls.e2e-spec.ts calls each one as the app role with
 * no principal, and fails when a definer function appears that it does not know.
 *
 * Fixed here (they answered without a principal):
 * - service_provider(service): returned any service's provider agency. Now only to a principal
 *   whose agency is a side of the service (custodial or provider), which is all the notes policy
 *   asks it.
 * - app_notify_referral(referral, event): with no principal it skipped its "only a side of the
 *   referral" check, so the app role could write notifications for any referral. It is now the
 *   owner's (the expiry job and the demo seed call it without a principal); the app notifies through
 *   app_notify_my_referral, which needs a principal whose agency is a side of the referral.
 * - audit_verify_chain(): any caller of the app role learned the size of the trail and its first
 *   broken link. Now it is the owner's (`npm run audit:verify`, the tests); the API's verification
 *   goes through app_audit_verify_chain(), which needs a principal with the AUDITOR role.
 *
 * Already closed, unchanged: deconflict_identifier and deconfliction_check (the caller's agency),
 * case_access (agency and a case-working role), app_shared_case_ids, app_consent_live,
 * app_victim_on_my_case, app_victim_served_by_me, app_referral_party, app_mandatory_referral_to_me,
 * app_reachable_victim_ids, app_refresh_my_deadlines (all keyed by app_agency_id(), NULL matches
 * nothing), app_accept_case_referral and app_accept_victim_referral (raise unless the referral was
 * accepted by the caller's agency), app_referral_case_closed (a side of the referral), app_dashboard_counts
 * (raises without a task force).
 * Not callable by the app role at all (owner only: the scheduled jobs on the owner's connection, the
 * seeds, the CLI): app_sweep_deadlines, app_refresh_deadlines, app_expire_referrals,
 * app_dashboard_compact, app_notify_referral, audit_verify_chain. Trigger functions cannot be
 * called, only fired: audit_events_chain (which must chain the principal-less events too: failed
 * sign-ins of unknown accounts), app_audit_denied_subject, app_dash_track, app_victim_case_agency.
 *
 * Legitimately called without a principal, and kept so: the sign-in path, which runs before there is
 * one and returns ids only: auth_principal_for_username (login), auth_principal_for_session
 * (refresh), auth_touch_session (the per-request session check, which yields the principal).
 */
export class DefinerFunctionsFailClosed1763860020000 implements MigrationInterface {
  name = 'DefinerFunctionsFailClosed1763860020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION service_provider(p_service uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT provider_agency_id FROM services
  WHERE id = p_service AND app_agency_id() IS NOT NULL AND app_agency_id() IN (agency_id, provider_agency_id)
$$;

REVOKE EXECUTE ON FUNCTION app_notify_referral(uuid, text) FROM tf_app;
CREATE FUNCTION app_notify_my_referral(p_referral uuid, p_event text) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN app_user_id() IS NOT NULL AND app_referral_party(p_referral) THEN app_notify_referral(p_referral, p_event) ELSE 0 END
$$;
REVOKE ALL ON FUNCTION app_notify_my_referral(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_notify_my_referral(uuid, text) TO tf_app;

REVOKE EXECUTE ON FUNCTION audit_verify_chain() FROM tf_app;
CREATE FUNCTION app_audit_verify_chain()
RETURNS TABLE (checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR app_agency_id() IS NULL OR NOT app_has_role('AUDITOR') THEN
    RAISE EXCEPTION 'verifying the audit trail needs a signed-in auditor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM audit_verify_chain();
END $$;
REVOKE ALL ON FUNCTION app_audit_verify_chain() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_audit_verify_chain() TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION app_audit_verify_chain();
GRANT EXECUTE ON FUNCTION audit_verify_chain() TO tf_app;
DROP FUNCTION app_notify_my_referral(uuid, text);
GRANT EXECUTE ON FUNCTION app_notify_referral(uuid, text) TO tf_app;
CREATE OR REPLACE FUNCTION service_provider(p_service uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT provider_agency_id FROM services WHERE id = p_service
$$;
`);
  }
}
