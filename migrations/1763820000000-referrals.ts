import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals between agencies: a case handed to another agency (participation on acceptance), a
 * victim referred to a provider for a service (the service record on acceptance), and the
 * mandatory child-welfare referral of a minor sex-trafficking victim (made by the system).
 *
 * - `referrals`: both sides read it (RLS: sender or receiver agency), only the sender creates it;
 *   `brief` is what the receiver may see before deciding (the case's type, venue and counties, or
 *   the victim's code and non-identifying profile), copied at sending.
 * - `referral_events`: the history, one row per step, readable by both sides.
 * - `notifications`: per user, written after the transaction commits, by `app_notify_referral`,
 *   which chooses the recipients itself (the other side's relevant roles), so no caller can write
 *   into another user's inbox at will.
 * - `app_accept_case_referral`: makes the receiver a participant of the case at the level offered
 *   (the receiver is not the lead agency, so it cannot insert the share itself).
 * - `app_expire_referrals`: the job's: PENDING past its deadline becomes EXPIRED, the sender is told.
 * - A live mandatory child-welfare referral to the reader's agency releases the identity and
 *   contact of that child (mandatory reporting does not wait for a consent).
 */
export class Referrals1763820000000 implements MigrationInterface {
  name = 'Referrals1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE referrals (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_force_id     uuid NOT NULL REFERENCES task_forces(id),
  kind              text NOT NULL CHECK (kind IN ('CASE','VICTIM_SERVICE','MANDATORY_CHILD_WELFARE')),
  from_agency_id    uuid NOT NULL REFERENCES agencies(id),
  from_user_id      uuid NOT NULL REFERENCES users(id),
  to_agency_id      uuid NOT NULL REFERENCES agencies(id),
  case_id           uuid REFERENCES cases(id),
  victim_id         uuid REFERENCES victims(id),
  service_category  text,
  reason            text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
  urgency           text NOT NULL CHECK (urgency IN ('EMERGENCY','URGENT','ROUTINE')),
  respond_by        timestamptz NOT NULL,
  offered_access    text CHECK (offered_access IN ('READ','CONTRIBUTE')),
  discloses_identity boolean NOT NULL DEFAULT false,
  brief             jsonb NOT NULL,
  status            text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','DECLINED','WITHDRAWN','EXPIRED','COMPLETED')),
  answered_by       uuid REFERENCES users(id),
  answered_at       timestamptz,
  answer_reason     text CHECK (length(answer_reason) <= 2000),
  outcome           text CHECK (length(outcome) <= 2000),
  completed_at      timestamptz,
  service_id        uuid REFERENCES services(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  CONSTRAINT referrals_not_to_self CHECK (to_agency_id <> from_agency_id),
  CONSTRAINT referrals_case_shape CHECK (kind <> 'CASE' OR (case_id IS NOT NULL AND offered_access IS NOT NULL AND victim_id IS NULL)),
  CONSTRAINT referrals_victim_shape CHECK (kind = 'CASE' OR (victim_id IS NOT NULL AND case_id IS NULL AND offered_access IS NULL)),
  CONSTRAINT referrals_service_shape CHECK ((kind = 'VICTIM_SERVICE') = (service_category IS NOT NULL)),
  CONSTRAINT referrals_declined_has_reason CHECK (status <> 'DECLINED' OR answer_reason IS NOT NULL),
  CONSTRAINT referrals_completed_has_outcome CHECK (status <> 'COMPLETED' OR outcome IS NOT NULL)
);
CREATE INDEX referrals_incoming_idx ON referrals (to_agency_id, status, respond_by);
CREATE INDEX referrals_outgoing_idx ON referrals (from_agency_id, status, created_at DESC);
CREATE INDEX referrals_pending_deadline_idx ON referrals (respond_by) WHERE status = 'PENDING';
-- The system makes one mandatory referral per child, not one per registration or correction.
CREATE UNIQUE INDEX referrals_one_mandatory_key ON referrals (victim_id) WHERE kind = 'MANDATORY_CHILD_WELFARE' AND status IN ('PENDING','ACCEPTED','COMPLETED');

CREATE TABLE referral_events (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id      uuid NOT NULL REFERENCES referrals(id),
  action           text NOT NULL CHECK (action IN ('SENT','ACCEPTED','DECLINED','WITHDRAWN','EXPIRED','COMPLETED')),
  actor_user_id    uuid REFERENCES users(id),
  actor_agency_id  uuid REFERENCES agencies(id),
  note             text,
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, at);

CREATE TABLE notifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users(id),
  agency_id    uuid NOT NULL REFERENCES agencies(id),
  referral_id  uuid REFERENCES referrals(id),
  event        text NOT NULL,
  title        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- The caller's agency is a side of this referral.
CREATE FUNCTION app_referral_party(p_referral uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM referrals r WHERE r.id = p_referral AND app_agency_id() IN (r.from_agency_id, r.to_agency_id))
$$;

-- Tells the other side of a step: the receiving agency's people who answer this kind of referral
-- for SENT and WITHDRAWN; the sender for the answers and for an expiry. Idempotent per event.
CREATE FUNCTION app_notify_referral(p_referral uuid, p_event text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- Accepting a case referral makes the receiver a participant at the level offered (or raises a
-- lower live share to it). Only the receiver, only for a referral it has just accepted.
CREATE FUNCTION app_accept_case_referral(p_referral uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- Accepting a victim-service or mandatory referral creates the service at the provider (the
-- receiver), in the custodial agency's name. Returns the service.
CREATE FUNCTION app_accept_victim_referral(p_referral uuid) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- The job: unanswered past the deadline becomes EXPIRED; the history and the sender say so.
CREATE FUNCTION app_expire_referrals() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- Mandatory reporting: a live mandatory referral of a child to the reader's agency.
CREATE FUNCTION app_mandatory_referral_to_me(p_victim uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM referrals r WHERE r.victim_id = p_victim AND r.kind = 'MANDATORY_CHILD_WELFARE'
                 AND r.to_agency_id = app_agency_id() AND r.status IN ('PENDING','ACCEPTED','COMPLETED'))
$$;

REVOKE ALL ON FUNCTION app_referral_party(uuid), app_notify_referral(uuid, text), app_accept_case_referral(uuid),
  app_accept_victim_referral(uuid), app_expire_referrals(), app_mandatory_referral_to_me(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_referral_party(uuid), app_notify_referral(uuid, text), app_accept_case_referral(uuid),
  app_accept_victim_referral(uuid), app_mandatory_referral_to_me(uuid) TO tf_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referrals','referral_events','notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
  END LOOP;
END $$;

CREATE POLICY referrals_parties_read ON referrals FOR SELECT
  USING ((SELECT app_case_worker()) AND (from_agency_id = (SELECT app_agency_id()) OR to_agency_id = (SELECT app_agency_id())));
CREATE POLICY referrals_sender_insert ON referrals FOR INSERT
  WITH CHECK ((SELECT app_case_worker()) AND from_agency_id = (SELECT app_agency_id()) AND from_user_id = (SELECT app_user_id())
              AND task_force_id = (SELECT app_task_force_id()));
CREATE POLICY referrals_parties_update ON referrals FOR UPDATE
  USING ((SELECT app_case_worker()) AND (from_agency_id = (SELECT app_agency_id()) OR to_agency_id = (SELECT app_agency_id())))
  WITH CHECK (from_agency_id = (SELECT app_agency_id()) OR to_agency_id = (SELECT app_agency_id()));

CREATE POLICY referral_events_parties ON referral_events
  USING ((SELECT app_case_worker()) AND app_referral_party(referral_id))
  WITH CHECK (actor_agency_id = (SELECT app_agency_id()) AND actor_user_id = (SELECT app_user_id()) AND app_referral_party(referral_id));

CREATE POLICY notifications_own ON notifications USING (user_id = (SELECT app_user_id())) WITH CHECK (user_id = (SELECT app_user_id()));

-- The child's identity and contact reach the child-welfare agency through a live mandatory referral.
DROP POLICY victim_identities_read ON victim_identities;
CREATE POLICY victim_identities_read ON victim_identities FOR SELECT
  USING ((agency_id = (SELECT app_agency_id())
          AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR')) OR (SELECT app_has_role('INVESTIGATOR'))))
         OR ((SELECT app_case_worker()) AND (app_consent_live(victim_id, 'IDENTITY') OR app_consent_live(victim_id, 'CONTACT')
                                             OR app_mandatory_referral_to_me(victim_id))));
DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id) OR app_victim_served_by_me(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')
         OR app_mandatory_referral_to_me(id)));

GRANT SELECT, INSERT, UPDATE ON referrals TO tf_app;
GRANT SELECT, INSERT ON referral_events TO tf_app;
GRANT SELECT, UPDATE ON notifications TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id) OR app_victim_served_by_me(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')));
DROP POLICY victim_identities_read ON victim_identities;
CREATE POLICY victim_identities_read ON victim_identities FOR SELECT
  USING ((agency_id = (SELECT app_agency_id())
          AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR')) OR (SELECT app_has_role('INVESTIGATOR'))))
         OR ((SELECT app_case_worker()) AND (app_consent_live(victim_id, 'IDENTITY') OR app_consent_live(victim_id, 'CONTACT'))));
DROP TABLE IF EXISTS notifications, referral_events, referrals;
DROP FUNCTION IF EXISTS app_mandatory_referral_to_me(uuid);
DROP FUNCTION IF EXISTS app_expire_referrals();
DROP FUNCTION IF EXISTS app_accept_victim_referral(uuid);
DROP FUNCTION IF EXISTS app_accept_case_referral(uuid);
DROP FUNCTION IF EXISTS app_notify_referral(uuid, text);
DROP FUNCTION IF EXISTS app_referral_party(uuid);
`);
  }
}
