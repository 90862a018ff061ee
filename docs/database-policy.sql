-- The database policy in force after every migration: row-level security, the policies, the
-- SECURITY DEFINER functions and what the app role (tf_app) is granted. Generated from the migrated
-- database by test/database-policy.e2e-spec.ts; do not edit. After a reviewed migration, run
-- `npm run api:snapshot` and commit this file with it.
-- Grants to PUBLIC are listed too: the app role holds them as well.

-- ===== The app role =====

-- ROLE tf_app: NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT -1
-- tf_app is a member of no role.

-- ===== The database and its schemas =====

GRANT CONNECT, TEMPORARY ON DATABASE (this database) TO PUBLIC;
GRANT USAGE ON SCHEMA public TO PUBLIC;
GRANT USAGE ON SCHEMA public TO tf_app;

-- ===== Tables, views and sequences =====

-- TABLE public.agencies
ALTER TABLE public.agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY agencies_admin_update ON public.agencies
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND (( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) OR ((id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role)))))
  WITH CHECK ((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)));
CREATE POLICY agencies_maintenance ON public.agencies
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY agencies_member_read ON public.agencies
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)));
CREATE POLICY agencies_tf_admin_insert ON public.agencies
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND ( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role)));
GRANT SELECT, INSERT, UPDATE ON TABLE public.agencies TO tf_app;

-- TABLE public.agency_counters
ALTER TABLE public.agency_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.agency_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_counters_maintenance ON public.agency_counters
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY agency_counters_own_agency ON public.agency_counters
  AS PERMISSIVE FOR ALL
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY agency_counters_role ON public.agency_counters
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (( SELECT app_case_worker() AS app_case_worker))
  WITH CHECK (( SELECT app_case_worker() AS app_case_worker));
GRANT SELECT, INSERT, UPDATE ON TABLE public.agency_counters TO tf_app;

-- TABLE public.agency_identity_providers
ALTER TABLE public.agency_identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.agency_identity_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_idp_maintenance ON public.agency_identity_providers
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY agency_idp_read ON public.agency_identity_providers
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND (( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) OR ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role)))));
CREATE POLICY agency_idp_tf_admin_write ON public.agency_identity_providers
  AS PERMISSIVE FOR ALL
  TO public
  USING (((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND ( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role)))
  WITH CHECK (((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND ( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) AND (EXISTS ( SELECT 1
   FROM agencies a
  WHERE ((a.id = agency_identity_providers.agency_id) AND (a.task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)))))));
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.agency_identity_providers TO tf_app;

-- TABLE public.app_settings
ALTER TABLE public.app_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.app_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY app_settings_maintenance ON public.app_settings
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.audit_chain_head
ALTER TABLE public.audit_chain_head DISABLE ROW LEVEL SECURITY;
ALTER TABLE public.audit_chain_head NO FORCE ROW LEVEL SECURITY;

-- TABLE public.audit_chain_strays
ALTER TABLE public.audit_chain_strays ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.audit_chain_strays FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_strays_maintenance ON public.audit_chain_strays
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.audit_events
ALTER TABLE public.audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_events_append ON public.audit_events
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (
CASE
    WHEN (( SELECT app_user_id() AS app_user_id) IS NULL) THEN (((actor_user_id IS NULL) AND (agency_id IS NULL)) OR auth_pre_session_event_ok(actor_user_id, agency_id, action, outcome))
    ELSE ((actor_user_id = ( SELECT app_user_id() AS app_user_id)) AND (agency_id = ( SELECT app_agency_id() AS app_agency_id)))
END);
CREATE POLICY audit_events_auditor_read ON public.audit_events
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_has_role('AUDITOR'::text) AS app_has_role) AND ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (subject_agency_id = ( SELECT app_agency_id() AS app_agency_id)))));
CREATE POLICY audit_events_maintenance ON public.audit_events
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
GRANT SELECT, INSERT ON TABLE public.audit_events TO tf_app;

-- TABLE public.audit_pending
ALTER TABLE public.audit_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.audit_pending FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_pending_append ON public.audit_pending
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (
CASE
    WHEN (( SELECT app_user_id() AS app_user_id) IS NULL) THEN (((actor_user_id IS NULL) AND (agency_id IS NULL)) OR auth_pre_session_event_ok(actor_user_id, agency_id, action, outcome))
    ELSE ((actor_user_id = ( SELECT app_user_id() AS app_user_id)) AND (agency_id = ( SELECT app_agency_id() AS app_agency_id)))
END);
CREATE POLICY audit_pending_maintenance ON public.audit_pending
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
GRANT INSERT ON TABLE public.audit_pending TO tf_app;

-- TABLE public.case_notes
ALTER TABLE public.case_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.case_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY case_notes_insert ON public.case_notes
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY case_notes_maintenance ON public.case_notes
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY case_notes_read ON public.case_notes
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = case_notes.case_id))));
GRANT SELECT, INSERT ON TABLE public.case_notes TO tf_app;

-- TABLE public.case_participants
ALTER TABLE public.case_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.case_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY case_participants_lead_insert ON public.case_participants
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK ((case_access(case_id) = 'LEAD'::text));
CREATE POLICY case_participants_lead_update ON public.case_participants
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((case_access(case_id) = 'LEAD'::text))
  WITH CHECK ((case_access(case_id) = 'LEAD'::text));
CREATE POLICY case_participants_maintenance ON public.case_participants
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY case_participants_read ON public.case_participants
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = case_participants.case_id))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.case_participants TO tf_app;

-- TABLE public.case_tasks
ALTER TABLE public.case_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.case_tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY case_tasks_insert ON public.case_tasks
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY case_tasks_maintenance ON public.case_tasks
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY case_tasks_read ON public.case_tasks
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = case_tasks.case_id))));
CREATE POLICY case_tasks_update ON public.case_tasks
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])))
  WITH CHECK ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])));
GRANT SELECT, INSERT, UPDATE ON TABLE public.case_tasks TO tf_app;

-- TABLE public.cases
ALTER TABLE public.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.cases FORCE ROW LEVEL SECURITY;
CREATE POLICY cases_lead_insert ON public.cases
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)));
CREATE POLICY cases_lead_update ON public.cases
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY cases_maintenance ON public.cases
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY cases_read ON public.cases
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (id IN ( SELECT unnest(app_shared_case_ids()) AS unnest)))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.cases TO tf_app;

-- TABLE public.charges
ALTER TABLE public.charges ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.charges FORCE ROW LEVEL SECURITY;
CREATE POLICY charges_insert ON public.charges
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY charges_maintenance ON public.charges
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY charges_read ON public.charges
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = charges.case_id))));
CREATE POLICY charges_update ON public.charges
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])))
  WITH CHECK ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])));
GRANT SELECT, INSERT, UPDATE ON TABLE public.charges TO tf_app;

-- TABLE public.consents
ALTER TABLE public.consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.consents FORCE ROW LEVEL SECURITY;
CREATE POLICY consents_custodial_insert ON public.consents
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role))));
CREATE POLICY consents_custodial_update ON public.consents
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role))))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY consents_maintenance ON public.consents
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY consents_read ON public.consents
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (recipient_agency_id = ( SELECT app_agency_id() AS app_agency_id))));
CREATE POLICY consents_role ON public.consents
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (( SELECT app_case_worker() AS app_case_worker))
  WITH CHECK (( SELECT app_case_worker() AS app_case_worker));
GRANT SELECT, INSERT, UPDATE ON TABLE public.consents TO tf_app;

-- TABLE public.dashboard_deltas
ALTER TABLE public.dashboard_deltas ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dashboard_deltas FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_deltas_maintenance ON public.dashboard_deltas
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.dashboard_tf_counts
ALTER TABLE public.dashboard_tf_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dashboard_tf_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_tf_counts_maintenance ON public.dashboard_tf_counts
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.dashboard_tf_frozen
ALTER TABLE public.dashboard_tf_frozen ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dashboard_tf_frozen FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_tf_frozen_maintenance ON public.dashboard_tf_frozen
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.dashboard_totals
ALTER TABLE public.dashboard_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dashboard_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_totals_maintenance ON public.dashboard_totals
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.deadlines
ALTER TABLE public.deadlines ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.deadlines FORCE ROW LEVEL SECURITY;
CREATE POLICY deadlines_custodial ON public.deadlines
  AS PERMISSIVE FOR ALL
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)))
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)));
CREATE POLICY deadlines_maintenance ON public.deadlines
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY deadlines_role ON public.deadlines
  AS RESTRICTIVE FOR SELECT
  TO tf_app
  USING (((rule <> 'CIVIL_ACTION_WINDOW'::text) OR ( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role)));
GRANT SELECT, INSERT, UPDATE ON TABLE public.deadlines TO tf_app;

-- TABLE public.deconfliction_notices
ALTER TABLE public.deconfliction_notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.deconfliction_notices FORCE ROW LEVEL SECURITY;
CREATE POLICY deconfliction_notices_maintenance ON public.deconfliction_notices
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY deconfliction_notices_own_agency ON public.deconfliction_notices
  AS PERMISSIVE FOR ALL
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY deconfliction_notices_role ON public.deconfliction_notices
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING ((( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role)))
  WITH CHECK ((( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role)));
GRANT SELECT, INSERT, UPDATE ON TABLE public.deconfliction_notices TO tf_app;

-- TABLE public.identifiers
ALTER TABLE public.identifiers ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.identifiers FORCE ROW LEVEL SECURITY;
CREATE POLICY identifiers_case_link_insert ON public.identifiers
  AS RESTRICTIVE FOR INSERT
  TO tf_app
  WITH CHECK (((case_id IS NULL) OR (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY identifiers_case_link_update ON public.identifiers
  AS RESTRICTIVE FOR UPDATE
  TO tf_app
  USING (true)
  WITH CHECK (((case_id IS NULL) OR (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY identifiers_case_read ON public.identifiers
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((case_id IS NOT NULL) AND (EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = identifiers.case_id)))));
CREATE POLICY identifiers_maintenance ON public.identifiers
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY identifiers_own_agency ON public.identifiers
  AS PERMISSIVE FOR ALL
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY identifiers_role ON public.identifiers
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (
CASE
    WHEN (case_id IS NULL) THEN (( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role))
    ELSE ( SELECT app_case_worker() AS app_case_worker)
END)
  WITH CHECK (
CASE
    WHEN (case_id IS NULL) THEN (( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role))
    ELSE ( SELECT app_case_worker() AS app_case_worker)
END);
GRANT SELECT, INSERT, UPDATE ON TABLE public.identifiers TO tf_app;

-- TABLE public.key_ring
ALTER TABLE public.key_ring ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.key_ring FORCE ROW LEVEL SECURITY;
CREATE POLICY key_ring_maintenance ON public.key_ring
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY key_ring_own_agency_insert ON public.key_ring
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK ((owner = ('agency:'::text || ( SELECT app_agency_id() AS app_agency_id))));
CREATE POLICY key_ring_read ON public.key_ring
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((owner ~~ 'system:%'::text) OR (( SELECT app_agency_id() AS app_agency_id) IS NOT NULL)));
CREATE POLICY key_ring_role ON public.key_ring
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (((owner ~~ 'system:%'::text) OR ((owner = ('agency:'::text || ( SELECT app_agency_id() AS app_agency_id))) AND ( SELECT app_case_worker() AS app_case_worker)) OR ((owner ~~ 'agency:%'::text) AND (owner <> ('agency:'::text || ( SELECT app_agency_id() AS app_agency_id))) AND ( SELECT app_case_worker() AS app_case_worker) AND (EXISTS ( SELECT 1
   FROM victim_identities vi
  WHERE (('agency:'::text || vi.agency_id) = key_ring.owner))))))
  WITH CHECK (((owner = ('agency:'::text || ( SELECT app_agency_id() AS app_agency_id))) AND ( SELECT app_case_worker() AS app_case_worker)));
GRANT SELECT, INSERT ON TABLE public.key_ring TO tf_app;

-- TABLE public.leads
ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.leads FORCE ROW LEVEL SECURITY;
CREATE POLICY leads_maintenance ON public.leads
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY leads_own_agency ON public.leads
  AS PERMISSIVE FOR ALL
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY leads_role ON public.leads
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING ((( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role)))
  WITH CHECK ((( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role)));
GRANT SELECT, INSERT, UPDATE ON TABLE public.leads TO tf_app;

-- TABLE public.legal_matters
ALTER TABLE public.legal_matters ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.legal_matters FORCE ROW LEVEL SECURITY;
CREATE POLICY legal_matters_custodial ON public.legal_matters
  AS PERMISSIVE FOR ALL
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)))
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)));
CREATE POLICY legal_matters_maintenance ON public.legal_matters
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON TABLE public.legal_matters TO tf_app;

-- TABLE public.notifications
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_maintenance ON public.notifications
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY notifications_own ON public.notifications
  AS PERMISSIVE FOR ALL
  TO public
  USING ((user_id = ( SELECT app_user_id() AS app_user_id)))
  WITH CHECK ((user_id = ( SELECT app_user_id() AS app_user_id)));
GRANT SELECT, UPDATE ON TABLE public.notifications TO tf_app;

-- TABLE public.oidc_login_flows
ALTER TABLE public.oidc_login_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.oidc_login_flows FORCE ROW LEVEL SECURITY;
CREATE POLICY oidc_login_flows_maintenance ON public.oidc_login_flows
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);

-- TABLE public.principal_bindings
ALTER TABLE public.principal_bindings ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.principal_bindings FORCE ROW LEVEL SECURITY;
CREATE POLICY principal_bindings_maintenance ON public.principal_bindings
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY principal_bindings_own_backend ON public.principal_bindings
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((backend_pid = pg_backend_pid()));
GRANT SELECT ON TABLE public.principal_bindings TO tf_app;

-- TABLE public.referral_events
ALTER TABLE public.referral_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.referral_events FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_events_maintenance ON public.referral_events
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY referral_events_parties ON public.referral_events
  AS PERMISSIVE FOR ALL
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND app_referral_party(referral_id)))
  WITH CHECK (((actor_agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (actor_user_id = ( SELECT app_user_id() AS app_user_id)) AND app_referral_party(referral_id)));
GRANT SELECT, INSERT ON TABLE public.referral_events TO tf_app;

-- TABLE public.referrals
ALTER TABLE public.referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY referrals_maintenance ON public.referrals
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY referrals_parties_read ON public.referrals
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((from_agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (to_agency_id = ( SELECT app_agency_id() AS app_agency_id)))));
CREATE POLICY referrals_parties_update ON public.referrals
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((from_agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (to_agency_id = ( SELECT app_agency_id() AS app_agency_id)))))
  WITH CHECK (((from_agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (to_agency_id = ( SELECT app_agency_id() AS app_agency_id))));
CREATE POLICY referrals_sender_insert ON public.referrals
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK ((( SELECT app_case_worker() AS app_case_worker) AND (from_agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (from_user_id = ( SELECT app_user_id() AS app_user_id)) AND (task_force_id = ( SELECT app_task_force_id() AS app_task_force_id))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.referrals TO tf_app;

-- TABLE public.reminders
ALTER TABLE public.reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY reminders_addressee ON public.reminders
  AS RESTRICTIVE FOR ALL
  TO public
  USING (((user_id IS NULL) OR (user_id = ( SELECT app_user_id() AS app_user_id))));
CREATE POLICY reminders_custodial ON public.reminders
  AS PERMISSIVE FOR ALL
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)))
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)));
CREATE POLICY reminders_maintenance ON public.reminders
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
GRANT SELECT, UPDATE ON TABLE public.reminders TO tf_app;

-- TABLE public.schema_migrations
ALTER TABLE public.schema_migrations DISABLE ROW LEVEL SECURITY;
ALTER TABLE public.schema_migrations NO FORCE ROW LEVEL SECURITY;

-- SEQUENCE public.schema_migrations_id_seq

-- TABLE public.service_notes
ALTER TABLE public.service_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.service_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY service_notes_maintenance ON public.service_notes
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY service_notes_provider_only ON public.service_notes
  AS PERMISSIVE FOR ALL
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND (agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (service_provider(service_id) = ( SELECT app_agency_id() AS app_agency_id))))
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (service_provider(service_id) = ( SELECT app_agency_id() AS app_agency_id))));
GRANT SELECT, INSERT ON TABLE public.service_notes TO tf_app;

-- TABLE public.services
ALTER TABLE public.services ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.services FORCE ROW LEVEL SECURITY;
CREATE POLICY services_custodial_insert ON public.services
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker) AND (EXISTS ( SELECT 1
   FROM victims v
  WHERE ((v.id = services.victim_id) AND (v.agency_id = ( SELECT app_agency_id() AS app_agency_id)))))));
CREATE POLICY services_custodial_or_provider_update ON public.services
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (provider_agency_id = ( SELECT app_agency_id() AS app_agency_id)))))
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (provider_agency_id = ( SELECT app_agency_id() AS app_agency_id))));
CREATE POLICY services_maintenance ON public.services
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY services_read ON public.services
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (provider_agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR app_consent_live(victim_id, 'SERVICES'::text))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.services TO tf_app;

-- TABLE public.sessions
ALTER TABLE public.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_maintenance ON public.sessions
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY sessions_own_agency ON public.sessions
  AS PERMISSIVE FOR ALL
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY sessions_role ON public.sessions
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (((user_id = ( SELECT app_user_id() AS app_user_id)) OR ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role)) OR ( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role)))
  WITH CHECK (((user_id = ( SELECT app_user_id() AS app_user_id)) OR ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role)) OR ( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role)));
CREATE POLICY sessions_tf_admin_read ON public.sessions
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) AND (agency_id IN ( SELECT agencies.id
   FROM agencies
  WHERE (agencies.task_force_id = ( SELECT app_task_force_id() AS app_task_force_id))))));
CREATE POLICY sessions_tf_admin_revoke ON public.sessions
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) AND (agency_id IN ( SELECT agencies.id
   FROM agencies
  WHERE (agencies.task_force_id = ( SELECT app_task_force_id() AS app_task_force_id))))))
  WITH CHECK ((( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) AND (agency_id IN ( SELECT agencies.id
   FROM agencies
  WHERE (agencies.task_force_id = ( SELECT app_task_force_id() AS app_task_force_id))))));
GRANT SELECT ON TABLE public.sessions TO tf_app;
GRANT UPDATE (revoked_at, revoked_reason) ON TABLE public.sessions TO tf_app;

-- TABLE public.statutes
ALTER TABLE public.statutes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.statutes FORCE ROW LEVEL SECURITY;
CREATE POLICY statutes_maintenance ON public.statutes
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY statutes_read ON public.statutes
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_agency_id() AS app_agency_id) IS NOT NULL));
GRANT SELECT ON TABLE public.statutes TO tf_app;

-- TABLE public.subjects
ALTER TABLE public.subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY subjects_insert ON public.subjects
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text]))));
CREATE POLICY subjects_maintenance ON public.subjects
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY subjects_read ON public.subjects
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = subjects.case_id))));
CREATE POLICY subjects_update ON public.subjects
  AS PERMISSIVE FOR UPDATE
  TO public
  USING ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])))
  WITH CHECK ((case_access(case_id) = ANY (ARRAY['LEAD'::text, 'CONTRIBUTE'::text])));
GRANT SELECT, INSERT, UPDATE ON TABLE public.subjects TO tf_app;

-- TABLE public.task_force_counters
ALTER TABLE public.task_force_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.task_force_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY task_force_counters_maintenance ON public.task_force_counters
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY task_force_counters_own ON public.task_force_counters
  AS PERMISSIVE FOR ALL
  TO public
  USING ((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)))
  WITH CHECK ((task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)));
CREATE POLICY task_force_counters_role ON public.task_force_counters
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (( SELECT app_case_worker() AS app_case_worker))
  WITH CHECK (( SELECT app_case_worker() AS app_case_worker));
GRANT SELECT, INSERT, UPDATE ON TABLE public.task_force_counters TO tf_app;

-- TABLE public.task_forces
ALTER TABLE public.task_forces ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.task_forces FORCE ROW LEVEL SECURITY;
CREATE POLICY task_forces_maintenance ON public.task_forces
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY task_forces_member ON public.task_forces
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((id = ( SELECT app_task_force_id() AS app_task_force_id)));
GRANT SELECT ON TABLE public.task_forces TO tf_app;

-- TABLE public.user_identities
ALTER TABLE public.user_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY user_identities_maintenance ON public.user_identities
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY user_identities_read ON public.user_identities
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ((user_id = ( SELECT app_user_id() AS app_user_id)) OR ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role))));
GRANT SELECT ON TABLE public.user_identities TO tf_app;

-- TABLE public.users
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_admin_insert ON public.users
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role)));
CREATE POLICY users_maintenance ON public.users
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY users_own_agency_read ON public.users
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY users_self_or_admin_update ON public.users
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ((id = ( SELECT app_user_id() AS app_user_id)) OR ( SELECT app_has_role('AGENCY_ADMIN'::text) AS app_has_role))))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY users_tf_admin_insert ON public.users
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK ((( SELECT app_has_role('TASK_FORCE_ADMIN'::text) AS app_has_role) AND (agency_id IN ( SELECT agencies.id
   FROM agencies
  WHERE (agencies.task_force_id = ( SELECT app_task_force_id() AS app_task_force_id))))));
GRANT INSERT ON TABLE public.users TO tf_app;
GRANT SELECT (active, agency_id, created_at, display_name, email, failed_login_count, id, last_login_at, locked_at, mfa_enabled, mfa_last_step, password_changed_at, roles, title, updated_at, username, version) ON TABLE public.users TO tf_app;
GRANT UPDATE (active, display_name, email, failed_login_count, locked_at, roles, title, updated_at, version) ON TABLE public.users TO tf_app;

-- TABLE public.victim_cases
ALTER TABLE public.victim_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.victim_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY victim_cases_insert ON public.victim_cases
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (case_access(case_id) IS NOT NULL) AND (EXISTS ( SELECT 1
   FROM victims v
  WHERE ((v.id = victim_cases.victim_id) AND (v.agency_id = ( SELECT app_agency_id() AS app_agency_id)))))));
CREATE POLICY victim_cases_maintenance ON public.victim_cases
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY victim_cases_read ON public.victim_cases
  AS PERMISSIVE FOR SELECT
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (EXISTS ( SELECT 1
   FROM cases c
  WHERE (c.id = victim_cases.case_id)))));
CREATE POLICY victim_cases_role ON public.victim_cases
  AS RESTRICTIVE FOR ALL
  TO tf_app
  USING (( SELECT app_case_worker() AS app_case_worker))
  WITH CHECK (( SELECT app_case_worker() AS app_case_worker));
GRANT SELECT, INSERT ON TABLE public.victim_cases TO tf_app;

-- TABLE public.victim_identities
ALTER TABLE public.victim_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.victim_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY victim_identities_custodial_insert ON public.victim_identities
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY victim_identities_custodial_update ON public.victim_identities
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role))))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY victim_identities_maintenance ON public.victim_identities
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY victim_identities_read ON public.victim_identities
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role) OR ( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role))) OR (( SELECT app_case_worker() AS app_case_worker) AND (app_consent_live(victim_id, 'IDENTITY'::text) OR app_consent_live(victim_id, 'CONTACT'::text) OR app_mandatory_referral_to_me(victim_id)))));
CREATE POLICY victim_identities_role ON public.victim_identities
  AS RESTRICTIVE FOR SELECT
  TO tf_app
  USING (((agency_id <> ( SELECT app_agency_id() AS app_agency_id)) OR ( SELECT app_has_role('VICTIM_ADVOCATE'::text) AS app_has_role) OR ( SELECT app_has_role('SUPERVISOR'::text) AS app_has_role) OR (( SELECT app_has_role('INVESTIGATOR'::text) AS app_has_role) AND (EXISTS ( SELECT 1
   FROM (victim_cases vc
     JOIN cases c ON ((c.id = vc.case_id)))
  WHERE ((vc.victim_id = victim_identities.victim_id) AND (c.agency_id = victim_identities.agency_id) AND (( SELECT app_user_id() AS app_user_id) = ANY (c.assignee_ids))))))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.victim_identities TO tf_app;

-- TABLE public.victims
ALTER TABLE public.victims ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.victims FORCE ROW LEVEL SECURITY;
CREATE POLICY victims_custodial_insert ON public.victims
  AS PERMISSIVE FOR INSERT
  TO public
  WITH CHECK (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND (task_force_id = ( SELECT app_task_force_id() AS app_task_force_id)) AND ( SELECT app_case_worker() AS app_case_worker)));
CREATE POLICY victims_custodial_update ON public.victims
  AS PERMISSIVE FOR UPDATE
  TO public
  USING (((agency_id = ( SELECT app_agency_id() AS app_agency_id)) AND ( SELECT app_case_worker() AS app_case_worker)))
  WITH CHECK ((agency_id = ( SELECT app_agency_id() AS app_agency_id)));
CREATE POLICY victims_maintenance ON public.victims
  AS PERMISSIVE FOR ALL
  TO tf_maintenance
  USING (true)
  WITH CHECK (true);
CREATE POLICY victims_read ON public.victims
  AS PERMISSIVE FOR SELECT
  TO public
  USING ((( SELECT app_case_worker() AS app_case_worker) AND ((agency_id = ( SELECT app_agency_id() AS app_agency_id)) OR (id IN ( SELECT app_reachable_victim_ids() AS app_reachable_victim_ids)))));
GRANT SELECT, INSERT, UPDATE ON TABLE public.victims TO tf_app;

-- ===== Functions the app role may execute (SECURITY DEFINER ones marked) =====

GRANT EXECUTE ON FUNCTION public.app_accept_case_referral(p_referral uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_accept_victim_referral(p_referral uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_agency_id() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_audit_checkpoint_mismatch(p_seq bigint[], p_hash bytea[]) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_audit_verify_chain() TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_case_worker() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_consent_live(p_victim uuid, p_scope text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_dash_facts_cases(r cases) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_charges(r charges) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_deadlines(r deadlines) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_leads(r leads) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_referrals(r referrals) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_services(r services) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_facts_victims(r victims) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_minutes_bucket(m numeric) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_dash_track() TO PUBLIC; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_dashboard_task_force(p_from date, p_to date) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_has_role(role_name text) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_mandatory_referral_to_me(p_victim uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_notify_my_referral(p_referral uuid, p_event text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_reachable_victim_ids() TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_referral_case_closed(p_referral uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_referral_party(p_referral uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_refresh_my_deadlines(p_victim uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_session_id() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_shared_case_ids() TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_task_force_id() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_user_id() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_victim_on_my_case(p_victim uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.app_victim_served_by_me(p_victim uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.audit_event_digest(e audit_events) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.audit_events_append_only() TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.audit_events_chain() TO PUBLIC; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_bind_session(p_session uuid, p_secret bytea) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_change_password(p_current_hash text, p_new_hash text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_mfa_begin(p_sealed text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_mfa_confirm(p_step bigint) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_mfa_verify(p_step bigint) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_end_sessions(p_agency uuid, p_issuer text, p_subject text, p_sid text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_flow_begin(p_id text, p_agency uuid, p_data jsonb) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_flow_take(p_id text, p_agency uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_provider(p_agency_code text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_resolve_user(p_agency uuid, p_issuer text, p_subject text, p_email text, p_email_verified boolean, p_username text, p_display_name text, p_claim_roles text[]) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_oidc_sign_in_options() TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_open_request(p_session uuid, p_secret bytea, p_user uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_own_authenticator() TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_pre_session_event_ok(p_user uuid, p_agency uuid, p_action text, p_outcome text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_refresh_session(p_session uuid, p_generation integer, p_presented_hash bytea, p_was_issued boolean, p_next_refresh_hash bytea, p_access_secret_hash bytea) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_reset_mfa(p_user uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_secret_matches(p_secret bytea, p_hash bytea, p_previous bytea, p_previous_until timestamp with time zone) TO PUBLIC;
GRANT EXECUTE ON FUNCTION public.auth_sign_in(p_user uuid, p_password_hash text, p_mfa text, p_mfa_step bigint, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_sign_in_candidate(p_username text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_start_federated_session(p_user uuid, p_issuer text, p_subject text, p_idp_sid text, p_mfa_asserted boolean, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.auth_touch_session(p_session uuid, p_secret bytea) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.case_access(p_case uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.deconflict_identifier(p_identifier uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.deconfliction_check(p_kind text, p_blind_index bytea) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.service_provider(p_service uuid) TO tf_app; -- SECURITY DEFINER
GRANT EXECUTE ON FUNCTION public.sessions_guard_update() TO PUBLIC;

-- ===== SECURITY DEFINER functions (55) =====

-- public.app_accept_case_referral(p_referral uuid)
CREATE OR REPLACE FUNCTION public.app_accept_case_referral(p_referral uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE r referrals;
BEGIN
  SELECT * INTO r FROM referrals WHERE id = p_referral AND kind = 'CASE' AND status = 'ACCEPTED' AND to_agency_id = app_agency_id();
  IF r.id IS NULL THEN RAISE EXCEPTION 'not an accepted case referral to this agency' USING ERRCODE = '42501'; END IF;
  UPDATE case_participants SET access = r.offered_access
    WHERE case_id = r.case_id AND agency_id = r.to_agency_id AND revoked_at IS NULL AND access = 'READ' AND r.offered_access = 'CONTRIBUTE';
  INSERT INTO case_participants (case_id, agency_id, access, granted_by)
    SELECT r.case_id, r.to_agency_id, r.offered_access, r.from_user_id
    WHERE NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = r.case_id AND p.agency_id = r.to_agency_id AND p.revoked_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id AND c.agency_id = r.to_agency_id);
END $function$;

-- public.app_accept_victim_referral(p_referral uuid)
CREATE OR REPLACE FUNCTION public.app_accept_victim_referral(p_referral uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE r referrals; sid uuid; custodial uuid;
BEGIN
  SELECT * INTO r FROM referrals WHERE id = p_referral AND kind <> 'CASE' AND status = 'ACCEPTED' AND to_agency_id = app_agency_id();
  IF r.id IS NULL THEN RAISE EXCEPTION 'not an accepted victim referral to this agency' USING ERRCODE = '42501'; END IF;
  SELECT agency_id INTO custodial FROM victims WHERE id = r.victim_id;
  INSERT INTO services (victim_id, agency_id, provider_agency_id, category, detail, status, requested_on, started_on, created_by)
    VALUES (r.victim_id, custodial, r.to_agency_id, coalesce(r.service_category, 'CHILD_WELFARE_REFERRAL'), left(r.reason, 500), 'IN_PROGRESS',
            r.created_at::date, current_date, app_user_id())
    RETURNING id INTO sid;
  UPDATE referrals SET service_id = sid WHERE id = r.id;
  RETURN sid;
END $function$;

-- public.app_audit_checkpoint_mismatch(p_seq bigint[], p_hash bytea[])
CREATE OR REPLACE FUNCTION public.app_audit_checkpoint_mismatch(p_seq bigint[], p_hash bytea[])
 RETURNS TABLE(checkpoint_seq bigint, found_hash bytea, top_seq bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL OR app_agency_id() IS NULL OR NOT app_has_role('AUDITOR') THEN
    RAISE EXCEPTION 'verifying the audit trail needs a signed-in auditor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM audit_checkpoint_mismatch(p_seq, p_hash);
END $function$;

-- public.app_audit_denied_subject()
CREATE OR REPLACE FUNCTION public.app_audit_denied_subject()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  rid uuid;
  actor uuid := NEW.agency_id;
  owner uuid;
BEGIN
  IF NEW.record_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NEW; END IF;
  rid := NEW.record_id::uuid;
  owner := CASE NEW.record_type
    WHEN 'case' THEN (SELECT c.agency_id FROM cases c WHERE c.id = rid)
    WHEN 'subject' THEN (SELECT CASE WHEN c.agency_id = actor THEN x.agency_id ELSE c.agency_id END FROM subjects x JOIN cases c ON c.id = x.case_id WHERE x.id = rid)
    WHEN 'charge' THEN (SELECT CASE WHEN c.agency_id = actor THEN x.agency_id ELSE c.agency_id END FROM charges x JOIN cases c ON c.id = x.case_id WHERE x.id = rid)
    WHEN 'case_note' THEN (SELECT CASE WHEN c.agency_id = actor THEN x.agency_id ELSE c.agency_id END FROM case_notes x JOIN cases c ON c.id = x.case_id WHERE x.id = rid)
    WHEN 'case_task' THEN (SELECT CASE WHEN c.agency_id = actor THEN x.agency_id ELSE c.agency_id END FROM case_tasks x JOIN cases c ON c.id = x.case_id WHERE x.id = rid)
    WHEN 'task' THEN (SELECT CASE WHEN c.agency_id = actor THEN x.agency_id ELSE c.agency_id END FROM case_tasks x JOIN cases c ON c.id = x.case_id WHERE x.id = rid)
    WHEN 'identifier' THEN (SELECT x.agency_id FROM identifiers x WHERE x.id = rid)
    WHEN 'lead' THEN (SELECT x.agency_id FROM leads x WHERE x.id = rid)
    WHEN 'victim' THEN (SELECT x.agency_id FROM victims x WHERE x.id = rid)
    WHEN 'consent' THEN (SELECT x.agency_id FROM consents x WHERE x.id = rid)
    WHEN 'service' THEN (SELECT CASE WHEN x.agency_id = actor THEN x.provider_agency_id ELSE x.agency_id END FROM services x WHERE x.id = rid)
    WHEN 'service_note' THEN (SELECT x.agency_id FROM service_notes x WHERE x.id = rid)
    WHEN 'legal_matter' THEN (SELECT x.agency_id FROM legal_matters x WHERE x.id = rid)
    WHEN 'deadline' THEN (SELECT x.agency_id FROM deadlines x WHERE x.id = rid)
    WHEN 'reminder' THEN (SELECT x.agency_id FROM reminders x WHERE x.id = rid)
    WHEN 'referral' THEN (SELECT CASE WHEN x.from_agency_id = actor THEN x.to_agency_id ELSE x.from_agency_id END FROM referrals x WHERE x.id = rid)
    WHEN 'user' THEN (SELECT x.agency_id FROM users x WHERE x.id = rid)
    WHEN 'session' THEN (SELECT x.agency_id FROM sessions x WHERE x.id = rid)
    WHEN 'agency' THEN (SELECT x.id FROM agencies x WHERE x.id = rid)
  END;
  IF owner IS DISTINCT FROM actor THEN NEW.subject_agency_id := owner; END IF;
  RETURN NEW;
END $function$;

-- public.app_audit_verify_chain()
CREATE OR REPLACE FUNCTION public.app_audit_verify_chain()
 RETURNS TABLE(checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL OR app_agency_id() IS NULL OR NOT app_has_role('AUDITOR') THEN
    RAISE EXCEPTION 'verifying the audit trail needs a signed-in auditor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM audit_verify_chain();
END $function$;

-- public.app_case_counts_track()
CREATE OR REPLACE FUNCTION public.app_case_counts_track()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE parts text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN parts := parts || format('SELECT case_id, 1 AS n FROM new_rows WHERE %s', TG_ARGV[1]); END IF;
  IF TG_OP <> 'INSERT' THEN parts := parts || format('SELECT case_id, -1 AS n FROM old_rows WHERE %s', TG_ARGV[1]); END IF;
  EXECUTE format('WITH d AS (SELECT case_id, sum(n)::int AS n FROM (%s) x GROUP BY case_id HAVING sum(n) <> 0),
                  l AS (SELECT c.id, d.n FROM cases c JOIN d ON d.case_id = c.id ORDER BY c.id FOR NO KEY UPDATE OF c)
                  UPDATE cases c SET %I = c.%I + l.n FROM l WHERE c.id = l.id',
                 array_to_string(parts, ' UNION ALL '), TG_ARGV[0], TG_ARGV[0]);
  RETURN NULL;
END $function$;

-- public.app_consent_live(p_victim uuid, p_scope text)
CREATE OR REPLACE FUNCTION public.app_consent_live(p_victim uuid, p_scope text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (
    SELECT 1 FROM consents k
    WHERE k.victim_id = p_victim AND k.recipient_agency_id = app_agency_id() AND k.revoked_at IS NULL
      AND p_scope = ANY (k.scopes) AND current_date >= k.signed_on AND current_date < k.expires_on)
$function$;

-- public.app_dash_track()
CREATE OR REPLACE FUNCTION public.app_dash_track()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE parts text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN parts := parts || format('SELECT f.*, 1 AS n FROM new_rows r, %I(r) f', TG_ARGV[0]); END IF;
  IF TG_OP <> 'INSERT' THEN parts := parts || format('SELECT f.*, -1 AS n FROM old_rows r, %I(r) f', TG_ARGV[0]); END IF;
  EXECUTE format('INSERT INTO dashboard_deltas (agency_id, indicator, k1, k2, day, n)
                  SELECT agency_id, indicator, k1, k2, day, sum(n) FROM (%s) d GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0',
                 array_to_string(parts, ' UNION ALL '));
  RETURN NULL;
END $function$;

-- public.app_dashboard_compact()
CREATE OR REPLACE FUNCTION public.app_dashboard_compact()
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE moved integer;
BEGIN
  -- One compaction at a time (a second caller has nothing to do until the first commits).
  IF NOT pg_try_advisory_xact_lock(hashtext('app_dashboard_compact')) THEN RETURN 0; END IF;
  WITH gone AS (DELETE FROM dashboard_deltas RETURNING agency_id, indicator, k1, k2, day, n),
  per AS (
    SELECT 'S' AS grain, '-infinity'::date AS bucket, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NULL
    UNION ALL
    SELECT 'U', day, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator = 'deadlinesOpen'
    UNION ALL
    SELECT 'D', day, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator <> 'deadlinesOpen'
    UNION ALL
    SELECT 'M', date_trunc('month', day)::date, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator <> 'deadlinesOpen'
  )
  INSERT INTO dashboard_totals AS t (grain, bucket, indicator, agency_id, k1, k2, n)
  SELECT grain, bucket, indicator, agency_id, k1, k2, sum(n) FROM per GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  ON CONFLICT (grain, bucket, indicator, agency_id, k1, k2) DO UPDATE SET n = t.n + excluded.n;
  GET DIAGNOSTICS moved = ROW_COUNT;
  DELETE FROM dashboard_totals WHERE n = 0;
  RETURN moved;
END $function$;

-- public.app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date)
CREATE OR REPLACE FUNCTION public.app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date)
 RETURNS TABLE(indicator text, k1 text, k2 text, n bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF p_task_force_wide THEN
    RAISE EXCEPTION 'task-force counts are read by closed period, through app_dashboard_task_force' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY SELECT * FROM app_dashboard_counts_raw(false, p_from, p_to);
END $function$;

-- public.app_dashboard_counts_raw(p_task_force_wide boolean, p_from date, p_to date)
CREATE OR REPLACE FUNCTION public.app_dashboard_counts_raw(p_task_force_wide boolean, p_from date, p_to date)
 RETURNS TABLE(indicator text, k1 text, k2 text, n bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  me_agency uuid := app_agency_id();
  me_tf uuid := app_task_force_id();
  scope uuid[];
  fm date;  -- first day of the first whole month in the period
  lm date;  -- the day after the last whole month
  overdue bigint;
BEGIN
  IF me_tf IS NULL THEN RAISE EXCEPTION 'dashboard needs a signed-in principal' USING ERRCODE = '42501'; END IF;
  IF NOT (app_has_role('SUPERVISOR') OR (p_task_force_wide AND app_has_role('TASK_FORCE_COORDINATOR'))) THEN
    RAISE EXCEPTION 'dashboard scope not allowed for this role' USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(a.id) INTO scope FROM agencies a WHERE a.task_force_id = me_tf AND (p_task_force_wide OR a.id = me_agency);
  fm := date_trunc('month', p_from)::date;
  IF fm < p_from THEN fm := (fm + interval '1 month')::date; END IF;
  lm := date_trunc('month', p_to + 1)::date;
  IF fm >= lm THEN fm := p_to + 1; lm := p_to + 1; END IF;
  SELECT count(*) INTO overdue FROM referrals r
   WHERE r.status = 'PENDING' AND r.respond_by < now() AND r.to_agency_id = ANY (scope);
  RETURN QUERY
  WITH dated AS (
    SELECT t.indicator, t.k1, t.k2, t.bucket AS month, t.n FROM dashboard_totals t
     WHERE t.grain = 'M' AND t.bucket >= fm AND t.bucket < lm AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT t.indicator, t.k1, t.k2, date_trunc('month', t.bucket)::date, t.n FROM dashboard_totals t
     WHERE t.grain = 'D' AND t.bucket >= p_from AND t.bucket < fm AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT t.indicator, t.k1, t.k2, date_trunc('month', t.bucket)::date, t.n FROM dashboard_totals t
     WHERE t.grain = 'D' AND t.bucket >= lm AND t.bucket <= p_to AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.indicator, d.k1, d.k2, date_trunc('month', d.day)::date, d.n::bigint FROM dashboard_deltas d
     WHERE d.day BETWEEN p_from AND p_to AND d.indicator <> 'deadlinesOpen' AND d.agency_id = ANY (scope)
  ), now_counts AS (
    SELECT t.indicator, t.k1, t.k2, t.n FROM dashboard_totals t WHERE t.grain = 'S' AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.indicator, d.k1, d.k2, d.n::bigint FROM dashboard_deltas d WHERE d.day IS NULL AND d.agency_id = ANY (scope)
  ), due AS (
    SELECT t.n FROM dashboard_totals t
     WHERE t.grain = 'U' AND t.bucket <= current_date + 30 AND t.indicator = 'deadlinesOpen' AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.n::bigint FROM dashboard_deltas d
     WHERE d.indicator = 'deadlinesOpen' AND d.day <= current_date + 30 AND d.agency_id = ANY (scope)
  ), hist AS (
    SELECT x.k1::integer AS upto, sum(x.n) AS n FROM dated x WHERE x.indicator = 'referralMinutes' GROUP BY 1 HAVING sum(x.n) > 0
  ), cum AS (
    SELECT h.upto, sum(h.n) OVER (ORDER BY h.upto) AS c, sum(h.n) OVER () AS total FROM hist h
  ), pending AS (
    SELECT coalesce(sum(x.n), 0) AS n FROM now_counts x WHERE x.indicator = 'referralsPending'
  )
    SELECT 'leadsBySourceAndMonth', x.k1, to_char(x.month, 'YYYY-MM'), sum(x.n)::bigint
      FROM dated x WHERE x.indicator = 'leadsBySourceAndMonth' GROUP BY x.k1, x.month HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'leadConversion', x.k1, NULL, sum(x.n)::bigint FROM dated x WHERE x.indicator = 'leadConversion' GROUP BY x.k1 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT x.indicator, x.k1, nullif(x.k2, ''), sum(x.n)::bigint FROM now_counts x
     WHERE x.indicator IN ('openCasesByStatus', 'openCasesByType', 'openCasesByVenue', 'openCasesByCounty', 'servicesByCategoryAndStatus', 'chargesByDisposition')
     GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'victimsIdentifiedByMonth', to_char(x.month, 'YYYY-MM'), x.k1, sum(x.n)::bigint
      FROM dated x WHERE x.indicator = 'victimsIdentifiedByMonth' GROUP BY x.month, x.k1 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'referralsAnswerPending', 'PENDING', NULL, (p.n - overdue)::bigint FROM pending p WHERE p.n - overdue > 0
    UNION ALL
    SELECT 'referralsAnswerPending', 'OVERDUE', NULL, overdue WHERE overdue > 0
    UNION ALL
    SELECT 'referralMinutesToAnswer', 'MEDIAN', NULL, min(c.upto)::bigint FROM cum c WHERE c.c * 2 >= c.total HAVING count(*) > 0
    UNION ALL
    SELECT 'referralsAnswered', 'ANSWERED', NULL, coalesce(sum(h.n), 0)::bigint FROM hist h
    UNION ALL
    SELECT 'deadlines', 'OVERDUE', NULL, sum(x.n)::bigint FROM now_counts x WHERE x.indicator = 'deadlinesOverdue' HAVING sum(x.n) > 0
    UNION ALL
    SELECT 'deadlines', 'DUE_WITHIN_30_DAYS', NULL, sum(u.n)::bigint FROM due u HAVING sum(u.n) > 0
    UNION ALL
    -- The caseload names one's own staff, in one's own agency's view only.
    SELECT 'caseloadPerInvestigator', u.display_name, NULL,
           coalesce((SELECT sum(x.n) FROM now_counts x WHERE x.indicator = 'caseload' AND x.k1 = u.id::text), 0)::bigint
      FROM users u
     WHERE NOT p_task_force_wide AND u.agency_id = me_agency AND u.active AND 'INVESTIGATOR' = ANY (u.roles);
END $function$;

-- public.app_dashboard_task_force(p_from date, p_to date)
CREATE OR REPLACE FUNCTION public.app_dashboard_task_force(p_from date, p_to date)
 RETURNS TABLE(grain text, month date, indicator text, k1 text, k2 text, n bigint, frozen_on date)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  me_tf uuid := app_task_force_id();
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  scope uuid[];
  m date;
BEGIN
  IF me_tf IS NULL OR app_user_id() IS NULL THEN RAISE EXCEPTION 'dashboard needs a signed-in principal' USING ERRCODE = '42501'; END IF;
  IF NOT (app_has_role('SUPERVISOR') OR app_has_role('TASK_FORCE_COORDINATOR')) THEN
    RAISE EXCEPTION 'dashboard scope not allowed for this role' USING ERRCODE = '42501';
  END IF;
  IF p_from IS NULL OR p_to IS NULL OR p_from > p_to OR p_from <> date_trunc('month', p_from)::date
     OR p_to <> (date_trunc('month', p_to) + interval '1 month' - interval '1 day')::date OR p_to >= this_month THEN
    RAISE EXCEPTION 'task-force counts cover whole months that have ended' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(a.id) INTO scope FROM agencies a WHERE a.task_force_id = me_tf;
  -- One freezer at a time per task force, taken only when something is left to freeze (a read of
  -- frozen months waits on nobody); a second freezer waits, then finds the months frozen.
  IF EXISTS (SELECT 1 FROM generate_series(p_from, p_to, interval '1 month') g
              WHERE NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'M' AND f.month = g::date))
     OR NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'S' AND f.month = this_month) THEN
    PERFORM pg_advisory_xact_lock(hashtext('app_dashboard_task_force'), hashtext(me_tf::text));
  END IF;
  FOR m IN SELECT g::date FROM generate_series(p_from, p_to, interval '1 month') g LOOP
    IF NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'M' AND f.month = m) THEN
      INSERT INTO dashboard_tf_frozen (task_force_id, grain, month) VALUES (me_tf, 'M', m);
      INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
      SELECT me_tf, 'M', m, x.indicator, x.k1, x.k2, sum(x.n) FROM (
        SELECT t.indicator, t.k1, t.k2, t.n FROM dashboard_totals t
         WHERE t.grain = 'M' AND t.bucket = m AND t.agency_id = ANY (scope) AND t.indicator IN ('leadsBySourceAndMonth', 'leadConversion', 'victimsIdentifiedByMonth', 'referralMinutes')
        UNION ALL
        SELECT d.indicator, d.k1, d.k2, d.n::bigint FROM dashboard_deltas d
         WHERE d.day >= m AND d.day < (m + interval '1 month')::date AND d.agency_id = ANY (scope) AND d.indicator IN ('leadsBySourceAndMonth', 'leadConversion', 'victimsIdentifiedByMonth', 'referralMinutes')
      ) x GROUP BY x.indicator, x.k1, x.k2 HAVING sum(x.n) <> 0;
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'S' AND f.month = this_month) THEN
    INSERT INTO dashboard_tf_frozen (task_force_id, grain, month) VALUES (me_tf, 'S', this_month);
    INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
    SELECT me_tf, 'S', this_month, c.indicator, c.k1, coalesce(c.k2, ''), c.n
      FROM app_dashboard_counts_raw(true, current_date, current_date) c WHERE c.indicator IN ('openCasesByStatus', 'openCasesByType', 'openCasesByVenue', 'openCasesByCounty', 'servicesByCategoryAndStatus',
                 'chargesByDisposition', 'referralsAnswerPending', 'deadlines');
    INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
    SELECT me_tf, 'S', this_month, 'casesEverByCounty', cc, '', count(*)
      FROM cases c, unnest(c.counties) cc WHERE c.agency_id = ANY (scope) GROUP BY cc;
  END IF;
  RETURN QUERY
    SELECT f.grain::text, f.month, 'frozen'::text, ''::text, ''::text, 0::bigint, (f.frozen_at AT TIME ZONE 'UTC')::date
      FROM dashboard_tf_frozen f
     WHERE f.task_force_id = me_tf AND ((f.grain = 'M' AND f.month BETWEEN p_from AND p_to) OR (f.grain = 'S' AND f.month = this_month))
    UNION ALL
    SELECT c.grain::text, c.month, c.indicator, c.k1, c.k2, c.n, NULL::date
      FROM dashboard_tf_counts c
     WHERE c.task_force_id = me_tf AND ((c.grain = 'M' AND c.month BETWEEN p_from AND p_to) OR (c.grain = 'S' AND c.month = this_month));
END $function$;

-- public.app_expire_referrals()
CREATE OR REPLACE FUNCTION public.app_expire_referrals()
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE n integer; x record;
BEGIN
  n := 0;
  FOR x IN UPDATE referrals SET status = 'EXPIRED', updated_at = now(), version = version + 1
           WHERE status = 'PENDING' AND respond_by < now() RETURNING id LOOP
    INSERT INTO referral_events (referral_id, action, note) VALUES (x.id, 'EXPIRED', 'No answer by the response deadline');
    PERFORM app_notify_referral(x.id, 'EXPIRED');
    n := n + 1;
  END LOOP;
  RETURN n;
END $function$;

-- public.app_mandatory_referral_to_me(p_victim uuid)
CREATE OR REPLACE FUNCTION public.app_mandatory_referral_to_me(p_victim uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (SELECT 1 FROM referrals r WHERE r.victim_id = p_victim AND r.kind = 'MANDATORY_CHILD_WELFARE'
                 AND r.to_agency_id = app_agency_id() AND r.status IN ('PENDING','ACCEPTED','COMPLETED'))
$function$;

-- public.app_notify_my_referral(p_referral uuid, p_event text)
CREATE OR REPLACE FUNCTION public.app_notify_my_referral(p_referral uuid, p_event text)
 RETURNS integer
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT CASE WHEN app_user_id() IS NOT NULL AND app_referral_party(p_referral) THEN app_notify_referral(p_referral, p_event) ELSE 0 END
$function$;

-- public.app_notify_referral(p_referral uuid, p_event text)
CREATE OR REPLACE FUNCTION public.app_notify_referral(p_referral uuid, p_event text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE r referrals; n integer; v_title text;
BEGIN
  SELECT * INTO r FROM referrals WHERE id = p_referral;
  IF r.id IS NULL THEN RETURN 0; END IF;
  -- From a request: only a side of the referral, and only for a step that happened.
  IF app_agency_id() IS NOT NULL AND app_agency_id() NOT IN (r.from_agency_id, r.to_agency_id) THEN RETURN 0; END IF;
  IF NOT EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = p_referral AND e.action = p_event) THEN RETURN 0; END IF;
  v_title := initcap(replace(r.kind, '_', ' ')) || ' referral ' || lower(p_event) || ' (' || r.urgency || ')'
           || coalesce(': ' || (r.brief->>'label'), '');
  IF p_event IN ('SENT','WITHDRAWN') THEN
    INSERT INTO notifications (user_id, agency_id, referral_id, event, title)
      SELECT u.id, u.agency_id, r.id, p_event, v_title FROM users u
      WHERE u.agency_id = r.to_agency_id AND u.active
        AND u.roles && CASE WHEN r.kind = 'CASE' THEN ARRAY['SUPERVISOR','INVESTIGATOR','PROSECUTOR'] ELSE ARRAY['SUPERVISOR','VICTIM_ADVOCATE'] END
        AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.referral_id = r.id AND x.user_id = u.id AND x.event = p_event);
  ELSE
    INSERT INTO notifications (user_id, agency_id, referral_id, event, title)
      SELECT r.from_user_id, r.from_agency_id, r.id, p_event, v_title
      WHERE NOT EXISTS (SELECT 1 FROM notifications x WHERE x.referral_id = r.id AND x.user_id = r.from_user_id AND x.event = p_event);
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $function$;

-- public.app_reachable_victim_ids()
CREATE OR REPLACE FUNCTION public.app_reachable_victim_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER ROWS 200
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT vc.victim_id FROM victim_cases vc
   WHERE vc.case_agency_id = app_agency_id() AND vc.agency_id <> vc.case_agency_id
  UNION
  SELECT vc.victim_id FROM victim_cases vc
   WHERE vc.case_id = ANY (app_shared_case_ids()) AND vc.agency_id <> app_agency_id()
  UNION
  SELECT s.victim_id FROM services s WHERE s.provider_agency_id = app_agency_id() AND s.provider_agency_id <> s.agency_id
  UNION
  SELECT k.victim_id FROM consents k
   WHERE k.recipient_agency_id = app_agency_id() AND k.revoked_at IS NULL AND k.scopes && ARRAY['IDENTITY','CONTACT','SERVICES']
     AND current_date >= k.signed_on AND current_date < k.expires_on
  UNION
  SELECT r.victim_id FROM referrals r
   WHERE r.to_agency_id = app_agency_id() AND r.kind = 'MANDATORY_CHILD_WELFARE' AND r.status IN ('PENDING','ACCEPTED','COMPLETED')
$function$;

-- public.app_referral_case_closed(p_referral uuid)
CREATE OR REPLACE FUNCTION public.app_referral_case_closed(p_referral uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (SELECT 1 FROM referrals r JOIN cases c ON c.id = r.case_id
                 WHERE r.id = p_referral AND app_agency_id() IN (r.from_agency_id, r.to_agency_id) AND c.status = 'CLOSED')
$function$;

-- public.app_referral_party(p_referral uuid)
CREATE OR REPLACE FUNCTION public.app_referral_party(p_referral uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (SELECT 1 FROM referrals r WHERE r.id = p_referral AND app_agency_id() IN (r.from_agency_id, r.to_agency_id))
$function$;

-- public.app_refresh_deadlines(p_victims uuid[])
CREATE OR REPLACE FUNCTION public.app_refresh_deadlines(p_victims uuid[])
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE n integer;
BEGIN
  WITH service_met AS (
    SELECT d.id, (SELECT min(coalesce(s.started_on, s.requested_on)) FROM services s WHERE s.victim_id = d.victim_id
                   AND ((d.rule = 'CVC_CLAIM' AND s.category = 'CRIME_VICTIMS_COMPENSATION' AND s.status IN ('IN_PROGRESS','PROVIDED'))
                     OR (d.rule = 'DFS_REFERRAL' AND s.category = 'CHILD_WELFARE_REFERRAL' AND s.status NOT IN ('DECLINED','UNAVAILABLE')))) AS on_day
    FROM deadlines d WHERE (p_victims IS NULL OR d.victim_id = ANY (p_victims))
  ), decided AS (
    SELECT d.id,
      CASE WHEN NOT d.applies THEN 'WITHDRAWN'
           WHEN d.manual_met_on IS NOT NULL OR d.facts_met_on IS NOT NULL OR sm.on_day IS NOT NULL THEN 'MET'
           WHEN d.rule = 'COURT_DATE' AND d.due_on < current_date THEN 'MET'
           WHEN d.due_on < current_date THEN 'OVERDUE' ELSE 'OPEN' END AS status,
      CASE WHEN NOT d.applies THEN NULL
           WHEN d.manual_met_on IS NOT NULL THEN 'MANUAL' WHEN d.facts_met_on IS NOT NULL THEN 'FACTS' WHEN sm.on_day IS NOT NULL THEN 'SERVICE'
           WHEN d.rule = 'COURT_DATE' AND d.due_on < current_date THEN 'HELD' END AS met_by,
      CASE WHEN NOT d.applies THEN NULL ELSE coalesce(d.manual_met_on, d.facts_met_on, sm.on_day,
           CASE WHEN d.rule = 'COURT_DATE' AND d.due_on < current_date THEN d.due_on END) END AS met_on
    FROM deadlines d JOIN service_met sm ON sm.id = d.id
  )
  UPDATE deadlines d SET status = x.status, met_by = x.met_by, met_on = x.met_on, updated_at = now(), version = d.version + 1
  FROM decided x
  WHERE x.id = d.id AND (d.status, d.met_by, d.met_on) IS DISTINCT FROM (x.status, x.met_by, x.met_on);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $function$;

-- public.app_refresh_my_deadlines(p_victim uuid)
CREATE OR REPLACE FUNCTION public.app_refresh_my_deadlines(p_victim uuid)
 RETURNS integer
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT app_refresh_deadlines(ARRAY[p_victim])
  WHERE EXISTS (SELECT 1 FROM victims v WHERE v.id = p_victim AND (v.agency_id = app_agency_id() OR app_victim_served_by_me(v.id)))
$function$;

-- public.app_shared_case_ids()
CREATE OR REPLACE FUNCTION public.app_shared_case_ids()
 RETURNS uuid[]
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT coalesce(array_agg(p.case_id), '{}') FROM case_participants p
  WHERE p.agency_id = app_agency_id() AND p.revoked_at IS NULL
$function$;

-- public.app_sweep_deadlines()
CREATE OR REPLACE FUNCTION public.app_sweep_deadlines()
 RETURNS TABLE(changed integer, reminded integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE c integer; r integer;
BEGIN
  c := app_refresh_deadlines(NULL);
  INSERT INTO reminders (agency_id, user_id, deadline_id, kind, due_on)
    SELECT d.agency_id, d.assignee_id, d.id, CASE WHEN d.status = 'OVERDUE' THEN 'OVERDUE' ELSE 'DUE_SOON' END, d.due_on
    FROM deadlines d WHERE d.status IN ('OPEN','OVERDUE') AND d.remind_on <= current_date
  ON CONFLICT ON CONSTRAINT reminders_once DO NOTHING;
  GET DIAGNOSTICS r = ROW_COUNT;
  RETURN QUERY SELECT c, r;
END $function$;

-- public.app_victim_case_agency()
CREATE OR REPLACE FUNCTION public.app_victim_case_agency()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  SELECT c.agency_id INTO NEW.case_agency_id FROM cases c WHERE c.id = NEW.case_id;
  RETURN NEW;
END $function$;

-- public.app_victim_on_my_case(p_victim uuid)
CREATE OR REPLACE FUNCTION public.app_victim_on_my_case(p_victim uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (SELECT 1 FROM victim_cases vc WHERE vc.victim_id = p_victim AND case_access(vc.case_id) IS NOT NULL)
$function$;

-- public.app_victim_served_by_me(p_victim uuid)
CREATE OR REPLACE FUNCTION public.app_victim_served_by_me(p_victim uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT EXISTS (SELECT 1 FROM services s WHERE s.victim_id = p_victim AND s.provider_agency_id = app_agency_id())
$function$;

-- public.audit_events_chain()
CREATE OR REPLACE FUNCTION public.audit_events_chain()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  head audit_chain_head;
  top bigint;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE singleton FOR UPDATE;
  -- A row already at (or past) the next seq was not written by this trigger: step over it, keep it
  -- out of the chain, and say so (the verifier names it; the server's checkpointer raises the alarm).
  SELECT max(seq) INTO top FROM audit_events;
  IF top > head.last_seq THEN
    INSERT INTO audit_chain_strays (from_seq, to_seq, head_hash) VALUES (head.last_seq + 1, top, head.last_hash)
      ON CONFLICT (from_seq) DO UPDATE SET to_seq = greatest(audit_chain_strays.to_seq, EXCLUDED.to_seq);
    RAISE WARNING 'audit trail: row(s) at seq % to % were not written by the chain; the chain continues at seq %',
      head.last_seq + 1, top, top + 1;
    head.last_seq := top;
  END IF;
  NEW.seq := head.last_seq + 1;
  NEW.id := coalesce(NEW.id, gen_random_uuid());
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_event_digest(NEW);
  UPDATE audit_chain_head SET last_seq = NEW.seq, last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END $function$;

-- public.audit_pending_chain()
CREATE OR REPLACE FUNCTION public.audit_pending_chain()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  INSERT INTO audit_events (id, task_force_id, agency_id, subject_agency_id, actor_user_id, actor_username, actor_roles,
                            action, record_type, record_id, outcome, changes, purpose, request_id, client_address)
  VALUES (NEW.id, NEW.task_force_id, NEW.agency_id, NEW.subject_agency_id, NEW.actor_user_id, NEW.actor_username,
          NEW.actor_roles, NEW.action, NEW.record_type, NEW.record_id, NEW.outcome, NEW.changes, NEW.purpose,
          NEW.request_id, NEW.client_address);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END $function$;

-- public.audit_verify_chain()
CREATE OR REPLACE FUNCTION public.audit_verify_chain()
 RETURNS TABLE(checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT * FROM audit_verify_chain_from(0, decode(repeat('00', 32), 'hex'), true)
$function$;

-- public.auth_bind_session(p_session uuid, p_secret bytea)
CREATE OR REPLACE FUNCTION public.auth_bind_session(p_session uuid, p_secret bytea)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_change_password(p_current_hash text, p_new_hash text)
CREATE OR REPLACE FUNCTION public.auth_change_password(p_current_hash text, p_new_hash text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  me uuid := app_user_id();
  n integer;
BEGIN
  IF me IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'changing a password needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_new_hash IS NULL OR p_new_hash !~ '^\$argon2(id|i|d)\$' THEN
    RAISE EXCEPTION 'the new password hash is not an argon2 hash' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE users SET password_hash = p_new_hash, password_changed_at = now(), updated_at = now(), version = version + 1
  WHERE id = me AND password_hash = p_current_hash;
  IF NOT FOUND THEN RETURN -1; END IF;
  UPDATE sessions SET revoked_at = now(), revoked_reason = 'password changed'
  WHERE user_id = me AND revoked_at IS NULL AND id <> app_session_id();
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $function$;

-- public.auth_live_session(p_session uuid)
CREATE OR REPLACE FUNCTION public.auth_live_session(p_session uuid)
 RETURNS TABLE(session_id uuid, user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text, mfa_satisfied boolean, mfa_enabled boolean, last_seen_at timestamp with time zone, access_secret_hash bytea, previous_access_secret_hash bytea, previous_access_secret_until timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT s.id, s.user_id, u.agency_id, a.task_force_id, u.roles, u.username, u.display_name, s.mfa_satisfied, u.mfa_enabled,
         s.last_seen_at, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
  WHERE s.id = p_session AND s.revoked_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - make_interval(secs => (SELECT st.idle_timeout_seconds FROM app_settings st))
    AND u.active AND u.locked_at IS NULL AND a.active
$function$;

-- public.auth_mfa_begin(p_sealed text)
CREATE OR REPLACE FUNCTION public.auth_mfa_begin(p_sealed text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL THEN
    RAISE EXCEPTION 'MFA enrolment needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_pending_secret = p_sealed, updated_at = now() WHERE id = app_user_id() AND NOT mfa_enabled;
  RETURN FOUND;
END $function$;

-- public.auth_mfa_confirm(p_step bigint)
CREATE OR REPLACE FUNCTION public.auth_mfa_confirm(p_step bigint)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_mfa_verify(p_step bigint)
CREATE OR REPLACE FUNCTION public.auth_mfa_verify(p_step bigint)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'verifying MFA needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_last_step = p_step
  WHERE id = app_user_id() AND mfa_enabled AND mfa_secret IS NOT NULL AND p_step IS NOT NULL AND p_step > coalesce(mfa_last_step, -1);
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE sessions SET mfa_satisfied = true WHERE id = app_session_id() AND user_id = app_user_id();
  RETURN true;
END $function$;

-- public.auth_oidc_end_sessions(p_agency uuid, p_issuer text, p_subject text, p_sid text)
CREATE OR REPLACE FUNCTION public.auth_oidc_end_sessions(p_agency uuid, p_issuer text, p_subject text, p_sid text)
 RETURNS TABLE(user_id uuid, sessions_ended integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_oidc_flow_begin(p_id text, p_agency uuid, p_data jsonb)
CREATE OR REPLACE FUNCTION public.auth_oidc_flow_begin(p_id text, p_agency uuid, p_data jsonb)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  DELETE FROM oidc_login_flows WHERE created_at < now() - interval '1 day';
  INSERT INTO oidc_login_flows (id, agency_id, data)
  SELECT p_id, p_agency, p_data WHERE EXISTS (SELECT 1 FROM agency_identity_providers p WHERE p.agency_id = p_agency AND p.enabled);
$function$;

-- public.auth_oidc_flow_take(p_id text, p_agency uuid)
CREATE OR REPLACE FUNCTION public.auth_oidc_flow_take(p_id text, p_agency uuid)
 RETURNS TABLE(status text, data jsonb)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE f oidc_login_flows;
BEGIN
  SELECT * INTO f FROM oidc_login_flows WHERE id = p_id AND agency_id = p_agency FOR UPDATE;
  IF NOT FOUND THEN RETURN QUERY SELECT 'UNKNOWN'::text, NULL::jsonb; RETURN; END IF;
  IF f.taken_at IS NOT NULL THEN RETURN QUERY SELECT 'REPLAYED'::text, NULL::jsonb; RETURN; END IF;
  UPDATE oidc_login_flows SET taken_at = now(), data = '{}' WHERE id = p_id;
  IF f.created_at < now() - interval '10 minutes' THEN RETURN QUERY SELECT 'EXPIRED'::text, NULL::jsonb; RETURN; END IF;
  RETURN QUERY SELECT 'OK'::text, f.data;
END $function$;

-- public.auth_oidc_provider(p_agency_code text)
CREATE OR REPLACE FUNCTION public.auth_oidc_provider(p_agency_code text)
 RETURNS TABLE(agency_id uuid, task_force_id uuid, agency_name text, issuer text, client_id text, client_secret_sealed text, allowed_email_domains text[], create_users boolean, role_source text, role_claim text, default_roles text[], mfa_acr_values text[], mfa_amr_values text[], updated_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT a.id, a.task_force_id, a.name, p.issuer, p.client_id, p.client_secret_sealed, p.allowed_email_domains, p.create_users,
         p.role_source, p.role_claim, p.default_roles, p.mfa_acr_values, p.mfa_amr_values, p.updated_at
  FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id
  WHERE p.enabled AND a.active AND a.short_code = upper(p_agency_code)
    AND (SELECT count(*) FROM agencies a2 WHERE a2.short_code = upper(p_agency_code)) = 1
$function$;

-- public.auth_oidc_resolve_user(p_agency uuid, p_issuer text, p_subject text, p_email text, p_email_verified boolean, p_username text, p_display_name text, p_claim_roles text[])
CREATE OR REPLACE FUNCTION public.auth_oidc_resolve_user(p_agency uuid, p_issuer text, p_subject text, p_email text, p_email_verified boolean, p_username text, p_display_name text, p_claim_roles text[])
 RETURNS TABLE(outcome text, user_id uuid, agency_id uuid, task_force_id uuid)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_oidc_sign_in_options()
CREATE OR REPLACE FUNCTION public.auth_oidc_sign_in_options()
 RETURNS TABLE(agency_code text, agency_name text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT a.short_code, a.name FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id
  WHERE p.enabled AND a.active ORDER BY a.name
$function$;

-- public.auth_open_request(p_session uuid, p_secret bytea, p_user uuid)
CREATE OR REPLACE FUNCTION public.auth_open_request(p_session uuid, p_secret bytea, p_user uuid)
 RETURNS TABLE(user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text, mfa_satisfied boolean, mfa_enabled boolean, idle_timeout_seconds integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_own_authenticator()
CREATE OR REPLACE FUNCTION public.auth_own_authenticator()
 RETURNS TABLE(mfa_enabled boolean, mfa_secret text, mfa_pending_secret text, mfa_last_step bigint)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL OR app_session_id() IS NULL THEN
    RAISE EXCEPTION 'reading an authenticator needs the user''s live session' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT u.mfa_enabled, u.mfa_secret, u.mfa_pending_secret, u.mfa_last_step
    FROM users u WHERE u.id = app_user_id() FOR UPDATE;
END $function$;

-- public.auth_pre_session_event_ok(p_user uuid, p_agency uuid, p_action text, p_outcome text)
CREATE OR REPLACE FUNCTION public.auth_pre_session_event_ok(p_user uuid, p_agency uuid, p_action text, p_outcome text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT coalesce((
    SELECT u.agency_id IS NOT DISTINCT FROM p_agency
       AND ((p_action IN ('auth.login', 'auth.sso_login', 'auth.refresh', 'auth.refresh_reuse') AND p_outcome IN ('FAILED', 'DENIED'))
            OR (p_action = 'auth.lockout' AND u.locked_at IS NOT NULL))
    FROM users u WHERE u.id = p_user), false)
$function$;

-- public.auth_refresh_session(p_session uuid, p_generation integer, p_presented_hash bytea, p_was_issued boolean, p_next_refresh_hash bytea, p_access_secret_hash bytea)
CREATE OR REPLACE FUNCTION public.auth_refresh_session(p_session uuid, p_generation integer, p_presented_hash bytea, p_was_issued boolean, p_next_refresh_hash bytea, p_access_secret_hash bytea)
 RETURNS TABLE(outcome text, user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text, mfa_satisfied boolean, mfa_enabled boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_reset_mfa(p_user uuid)
CREATE OR REPLACE FUNCTION public.auth_reset_mfa(p_user uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF app_user_id() IS NULL OR NOT app_has_role('AGENCY_ADMIN') THEN
    RAISE EXCEPTION 'resetting MFA needs a signed-in agency admin' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET mfa_enabled = false, mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_step = NULL, updated_at = now(),
         version = version + 1
  WHERE id = p_user AND agency_id = app_agency_id();
  RETURN FOUND;
END $function$;

-- public.auth_sign_in(p_user uuid, p_password_hash text, p_mfa text, p_mfa_step bigint, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text)
CREATE OR REPLACE FUNCTION public.auth_sign_in(p_user uuid, p_password_hash text, p_mfa text, p_mfa_step bigint, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text)
 RETURNS TABLE(outcome text, failures integer, locked boolean, mfa_satisfied boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_sign_in_candidate(p_username text)
CREATE OR REPLACE FUNCTION public.auth_sign_in_candidate(p_username text)
 RETURNS TABLE(user_id uuid, agency_id uuid, task_force_id uuid, username text, display_name text, roles text[], password_params text, password_digest_length integer, mfa_enabled boolean, mfa_secret text, mfa_last_step bigint)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT u.id, u.agency_id, a.task_force_id, u.username, u.display_name, u.roles,
         regexp_replace(u.password_hash, '\$[^$]*$', ''), (length(substring(u.password_hash FROM '[^$]*$')) * 3 / 4)::integer, u.mfa_enabled, u.mfa_secret, u.mfa_last_step
  FROM users u JOIN agencies a ON a.id = u.agency_id
  WHERE u.username = lower(p_username)
$function$;

-- public.auth_start_federated_session(p_user uuid, p_issuer text, p_subject text, p_idp_sid text, p_mfa_asserted boolean, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text)
CREATE OR REPLACE FUNCTION public.auth_start_federated_session(p_user uuid, p_issuer text, p_subject text, p_idp_sid text, p_mfa_asserted boolean, p_session uuid, p_access_secret_hash bytea, p_refresh_hash bytea, p_client text, p_user_agent text)
 RETURNS TABLE(outcome text, mfa_satisfied boolean, mfa_enabled boolean, username text, display_name text, roles text[], agency_id uuid, task_force_id uuid)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
END $function$;

-- public.auth_touch_session(p_session uuid, p_secret bytea)
CREATE OR REPLACE FUNCTION public.auth_touch_session(p_session uuid, p_secret bytea)
 RETURNS TABLE(user_id uuid, agency_id uuid, task_force_id uuid, roles text[], username text, display_name text, mfa_satisfied boolean, mfa_enabled boolean, idle_timeout_seconds integer)
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  WITH live AS (
    SELECT * FROM auth_live_session(p_session) s
    WHERE auth_secret_matches(p_secret, s.access_secret_hash, s.previous_access_secret_hash, s.previous_access_secret_until)
  ), touched AS (
    UPDATE sessions SET last_seen_at = now()
    WHERE id = p_session AND id IN (SELECT session_id FROM live WHERE last_seen_at < now() - interval '15 seconds')
  )
  SELECT user_id, agency_id, task_force_id, roles, username, display_name, mfa_satisfied, mfa_enabled,
         (SELECT st.idle_timeout_seconds FROM app_settings st) FROM live
$function$;

-- public.case_access(p_case uuid)
CREATE OR REPLACE FUNCTION public.case_access(p_case uuid)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT CASE
           WHEN c.agency_id = app_agency_id() THEN 'LEAD'
           ELSE (SELECT p.access FROM case_participants p
                 WHERE p.case_id = c.id AND p.agency_id = app_agency_id() AND p.revoked_at IS NULL)
         END
  FROM cases c
  WHERE c.id = p_case AND app_agency_id() IS NOT NULL AND app_case_worker()
$function$;

-- public.deconflict_identifier(p_identifier uuid)
CREATE OR REPLACE FUNCTION public.deconflict_identifier(p_identifier uuid)
 RETURNS TABLE(other_agency_id uuid, kind text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  mine identifiers;
BEGIN
  SELECT * INTO mine FROM identifiers i WHERE i.id = p_identifier AND i.agency_id = app_agency_id();
  IF mine.id IS NULL THEN RETURN; END IF;
  RETURN QUERY
  WITH theirs AS (
    SELECT DISTINCT ON (o.agency_id) o.id, o.agency_id
    FROM identifiers o JOIN agencies a ON a.id = o.agency_id
    WHERE o.blind_index = mine.blind_index AND o.agency_id <> mine.agency_id
      AND a.task_force_id = app_task_force_id() AND a.active
    ORDER BY o.agency_id, o.created_at
  ), to_me AS (
    INSERT INTO deconfliction_notices (agency_id, other_agency_id, kind, identifier_id)
    SELECT mine.agency_id, t.agency_id, mine.kind, mine.id FROM theirs t
    ON CONFLICT ON CONSTRAINT deconfliction_notices_once DO NOTHING
  ), to_them AS (
    INSERT INTO deconfliction_notices (agency_id, other_agency_id, kind, identifier_id)
    SELECT t.agency_id, mine.agency_id, mine.kind, t.id FROM theirs t
    ON CONFLICT ON CONSTRAINT deconfliction_notices_once DO NOTHING
  )
  SELECT t.agency_id, mine.kind FROM theirs t;
END $function$;

-- public.deconfliction_check(p_kind text, p_blind_index bytea)
CREATE OR REPLACE FUNCTION public.deconfliction_check(p_kind text, p_blind_index bytea)
 RETURNS TABLE(other_agency_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT DISTINCT o.agency_id FROM identifiers o JOIN agencies a ON a.id = o.agency_id
  WHERE app_agency_id() IS NOT NULL AND o.blind_index = p_blind_index AND o.kind = p_kind
    AND o.agency_id <> app_agency_id() AND a.task_force_id = app_task_force_id() AND a.active
$function$;

-- public.principal_bind(p_user uuid, p_agency uuid, p_task_force uuid, p_roles text[], p_session uuid)
CREATE OR REPLACE FUNCTION public.principal_bind(p_user uuid, p_agency uuid, p_task_force uuid, p_roles text[], p_session uuid)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  INSERT INTO principal_bindings (backend_pid, xact, user_id, agency_id, task_force_id, roles, session_id)
  VALUES (pg_backend_pid(), pg_current_xact_id(), p_user, p_agency, p_task_force, coalesce(p_roles, '{}'), p_session)
  ON CONFLICT (backend_pid) DO UPDATE SET xact = EXCLUDED.xact, user_id = EXCLUDED.user_id, agency_id = EXCLUDED.agency_id,
    task_force_id = EXCLUDED.task_force_id, roles = EXCLUDED.roles, session_id = EXCLUDED.session_id
$function$;

-- public.service_provider(p_service uuid)
CREATE OR REPLACE FUNCTION public.service_provider(p_service uuid)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT provider_agency_id FROM services
  WHERE id = p_service AND app_agency_id() IS NOT NULL AND app_agency_id() IN (agency_id, provider_agency_id)
$function$;
