import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal deadlines of a victim, and the facts they come from.
 *
 * - `victims` gains the facts the rules read: the date of the crime (compensation claim), the day
 *   the victim was identified (mandatory DFS referral of a minor sex-trafficking victim), and the
 *   advocate who carries the record (whose worklist the deadlines land on).
 * - `legal_matters`: Continued Presence grants, T-visa declaration and U-visa certification requests
 *   awaiting a certifying agency's answer, court dates. Custodial agency only.
 * - `deadlines`: one row per (victim, rule, matter), computed by the service from the facts and
 *   re-computed when they change; never deleted (a rule that stops applying is WITHDRAWN). Its
 *   status is decided in one place, `app_refresh_deadlines`, from the computed facts, the victim's
 *   services (a compensation claim filed, a DFS referral made), a manual "met" and the date.
 * - `reminders`: what the daily job (pg-boss) leaves for the assignee: DUE_SOON from the reminder
 *   date, OVERDUE once the due date passed. One of each per deadline and due date.
 *
 * RLS: all of it is the custodial agency's (its case-working roles); the birth-date-derived civil
 * deadline must not reach anyone who cannot read the birth date.
 */
export class Deadlines1763810000000 implements MigrationInterface {
  name = 'Deadlines1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE victims
  ADD COLUMN crime_date     date,
  ADD COLUMN identified_on  date NOT NULL DEFAULT current_date,
  ADD COLUMN advocate_id    uuid REFERENCES users(id),
  ADD CONSTRAINT victims_crime_before_identified CHECK (crime_date IS NULL OR crime_date <= identified_on);

CREATE TABLE legal_matters (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id             uuid NOT NULL REFERENCES victims(id),
  agency_id             uuid NOT NULL REFERENCES agencies(id),
  kind                  text NOT NULL CHECK (kind IN ('CONTINUED_PRESENCE','T_VISA_DECLARATION','U_VISA_CERTIFICATION','COURT_DATE')),
  case_id               uuid REFERENCES cases(id),
  certifying_agency     text CHECK (length(certifying_agency) <= 200),
  description           text CHECK (length(description) <= 500),
  requested_on          date,
  decided_on            date,
  outcome               text CHECK (outcome IN ('GRANTED','SIGNED','DECLINED','DENIED')),
  granted_on            date,
  length_months         integer CHECK (length_months BETWEEN 1 AND 60),
  renewal_requested_on  date,
  event_on              date,
  created_by            uuid NOT NULL REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  CONSTRAINT legal_matters_continued_presence CHECK (kind <> 'CONTINUED_PRESENCE' OR (granted_on IS NOT NULL AND length_months IS NOT NULL)),
  CONSTRAINT legal_matters_visa_request CHECK (kind NOT IN ('T_VISA_DECLARATION','U_VISA_CERTIFICATION')
                                               OR (requested_on IS NOT NULL AND certifying_agency IS NOT NULL AND (decided_on IS NULL) = (outcome IS NULL))),
  CONSTRAINT legal_matters_court_date CHECK (kind <> 'COURT_DATE' OR (event_on IS NOT NULL AND description IS NOT NULL)),
  CONSTRAINT legal_matters_decided_after_request CHECK (decided_on IS NULL OR decided_on >= requested_on),
  CONSTRAINT legal_matters_renewal_after_grant CHECK (renewal_requested_on IS NULL OR renewal_requested_on >= granted_on)
);
CREATE INDEX legal_matters_victim_idx ON legal_matters (victim_id, created_at);

CREATE TABLE deadlines (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id       uuid NOT NULL REFERENCES victims(id),
  agency_id       uuid NOT NULL REFERENCES agencies(id),
  rule            text NOT NULL CHECK (rule IN ('CVC_CLAIM','DFS_REFERRAL','CONTINUED_PRESENCE_EXPIRY','CONTINUED_PRESENCE_RENEWAL',
                    'VISA_DECLARATION_ANSWER','COURT_DATE','CIVIL_ACTION_WINDOW')),
  matter_id       uuid REFERENCES legal_matters(id),
  description     text NOT NULL,
  due_on          date NOT NULL,
  remind_on       date NOT NULL,
  applies         boolean NOT NULL DEFAULT true,
  facts_met_on    date,
  manual_met_on   date,
  manual_note     text CHECK (length(manual_note) <= 1000),
  status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','MET','OVERDUE','WITHDRAWN')),
  met_on          date,
  met_by          text CHECK (met_by IN ('FACTS','SERVICE','MANUAL','HELD')),
  assignee_id     uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CONSTRAINT deadlines_remind_not_after_due CHECK (remind_on <= due_on),
  CONSTRAINT deadlines_one_per_rule UNIQUE NULLS NOT DISTINCT (victim_id, rule, matter_id)
);
CREATE INDEX deadlines_worklist_idx ON deadlines (agency_id, status, due_on);
CREATE INDEX deadlines_assignee_idx ON deadlines (assignee_id, status, due_on);

CREATE TABLE reminders (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id     uuid NOT NULL REFERENCES agencies(id),
  user_id       uuid REFERENCES users(id),
  deadline_id   uuid NOT NULL REFERENCES deadlines(id),
  kind          text NOT NULL CHECK (kind IN ('DUE_SOON','OVERDUE')),
  due_on        date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  dismissed_at  timestamptz,
  CONSTRAINT reminders_once UNIQUE (deadline_id, kind, due_on)
);
CREATE INDEX reminders_inbox_idx ON reminders (agency_id, user_id) WHERE dismissed_at IS NULL;

-- The one place a deadline's status is decided. Met by the facts (a renewal requested, a declaration
-- answered), by a service (a compensation claim under way, a DFS referral made), by hand, or, for a
-- court date, by the day passing; otherwise OPEN until the due date, then OVERDUE. p_victims NULL:
-- every victim (the daily job).
CREATE FUNCTION app_refresh_deadlines(p_victims uuid[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- The daily sweep: refresh every status by today's date, then leave reminders (once per deadline,
-- kind and due date) for the assignee, or for the agency when the victim has no advocate.
CREATE FUNCTION app_sweep_deadlines() RETURNS TABLE (changed integer, reminded integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE c integer; r integer;
BEGIN
  c := app_refresh_deadlines(NULL);
  INSERT INTO reminders (agency_id, user_id, deadline_id, kind, due_on)
    SELECT d.agency_id, d.assignee_id, d.id, CASE WHEN d.status = 'OVERDUE' THEN 'OVERDUE' ELSE 'DUE_SOON' END, d.due_on
    FROM deadlines d WHERE d.status IN ('OPEN','OVERDUE') AND d.remind_on <= current_date
  ON CONFLICT ON CONSTRAINT reminders_once DO NOTHING;
  GET DIAGNOSTICS r = ROW_COUNT;
  RETURN QUERY SELECT c, r;
END $$;

REVOKE ALL ON FUNCTION app_refresh_deadlines(uuid[]), app_sweep_deadlines() FROM PUBLIC;
-- The app refreshes the victims it just changed (its own, or those it provides a service to); the
-- sweep across every agency is the job's, run by the owner.
CREATE FUNCTION app_refresh_my_deadlines(p_victim uuid) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_refresh_deadlines(ARRAY[p_victim])
  WHERE EXISTS (SELECT 1 FROM victims v WHERE v.id = p_victim AND (v.agency_id = app_agency_id() OR app_victim_served_by_me(v.id)))
$$;
REVOKE ALL ON FUNCTION app_refresh_my_deadlines(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_refresh_my_deadlines(uuid) TO tf_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['legal_matters','deadlines','reminders'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker()))
                    WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker()))', t || '_custodial', t);
  END LOOP;
END $$;
-- A reminder addressed to one person is that person's.
CREATE POLICY reminders_addressee ON reminders AS RESTRICTIVE USING (user_id IS NULL OR user_id = (SELECT app_user_id()));

GRANT SELECT, INSERT, UPDATE ON legal_matters, deadlines TO tf_app;
GRANT SELECT, UPDATE ON reminders TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS app_refresh_my_deadlines(uuid);
DROP FUNCTION IF EXISTS app_sweep_deadlines();
DROP FUNCTION IF EXISTS app_refresh_deadlines(uuid[]);
DROP TABLE IF EXISTS reminders, deadlines, legal_matters;
ALTER TABLE victims DROP CONSTRAINT IF EXISTS victims_crime_before_identified,
  DROP COLUMN IF EXISTS advocate_id, DROP COLUMN IF EXISTS identified_on, DROP COLUMN IF EXISTS crime_date;
`);
  }
}
