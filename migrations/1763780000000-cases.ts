import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases and what hangs off them: participants (sharing), subjects, charges against a statute
 * catalogue, notes and tasks. Same pattern as before (ADR 0001): RLS enabled and forced, a
 * maintenance policy, scoped policies, explicit grants, no DELETE.
 *
 * Who reaches a case is answered by one SECURITY DEFINER function, `case_access(case)`: LEAD for
 * the lead agency, READ or CONTRIBUTE for an agency the case is shared with (and not revoked),
 * NULL otherwise, and NULL for principals without a case-working role (admins, auditors, the
 * task-force roles see no case content). It reads `cases` and `case_participants` as the owner, so
 * the policies that call it do not recurse into each other.
 */
export class Cases1763780000000 implements MigrationInterface {
  name = 'Cases1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE statutes (
  code          text PRIMARY KEY,
  jurisdiction  text NOT NULL CHECK (jurisdiction IN ('STATE','FEDERAL')),
  citation      text NOT NULL,
  title         text NOT NULL,
  nibrs         text CHECK (nibrs IN ('64A','64B')),
  sort_order    integer NOT NULL
);

CREATE TABLE cases (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id         uuid NOT NULL REFERENCES agencies(id),
  number            text NOT NULL,
  title             text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  summary           text CHECK (length(summary) <= 20000),
  trafficking_type  text NOT NULL CHECK (trafficking_type IN ('SEX','LABOR','SEX_AND_LABOR','UNDETERMINED')),
  venue             text,
  means_of_control  text[] NOT NULL DEFAULT '{}' CHECK (means_of_control <@ ARRAY['FORCE','FRAUD','COERCION']),
  control_detail    text CHECK (length(control_detail) <= 5000),
  state             text NOT NULL DEFAULT 'WY' CHECK (state ~ '^[A-Z]{2}$'),
  counties          text[] NOT NULL DEFAULT '{}',
  assignee_ids      uuid[] NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT 'OPEN'
                      CHECK (status IN ('OPEN','ACTIVE','REFERRED_FOR_PROSECUTION','CHARGED','ADJUDICATED','CLOSED')),
  closure           text CHECK (closure IN ('RESOLVED','UNFOUNDED','INSUFFICIENT_EVIDENCE')),
  closed_reason     text,
  closed_at         timestamptz,
  closed_by         uuid REFERENCES users(id),
  lead_id           uuid REFERENCES leads(id),
  opened_at         timestamptz NOT NULL DEFAULT now(),
  opened_by         uuid NOT NULL REFERENCES users(id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  CONSTRAINT cases_number_key UNIQUE (agency_id, number),
  CONSTRAINT cases_one_per_lead UNIQUE (lead_id),
  CONSTRAINT cases_closure_iff_closed CHECK ((status = 'CLOSED') = (closure IS NOT NULL))
);
CREATE INDEX cases_agency_opened_idx ON cases (agency_id, opened_at DESC, id DESC);
CREATE INDEX cases_agency_status_idx ON cases (agency_id, status);
CREATE INDEX cases_assignees_idx ON cases USING gin (assignee_ids);

CREATE TABLE case_participants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  access      text NOT NULL CHECK (access IN ('READ','CONTRIBUTE')),
  granted_by  uuid NOT NULL REFERENCES users(id),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  revoked_by  uuid REFERENCES users(id),
  revoked_at  timestamptz
);
-- One live share per agency and case; revoked shares stay as history.
CREATE UNIQUE INDEX case_participants_live_key ON case_participants (case_id, agency_id) WHERE revoked_at IS NULL;
CREATE INDEX case_participants_agency_idx ON case_participants (agency_id, case_id) WHERE revoked_at IS NULL;

CREATE TABLE subjects (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id),
  agency_id    uuid NOT NULL REFERENCES agencies(id),
  role         text NOT NULL CHECK (role IN ('TRAFFICKER','BUYER','FACILITATOR','ASSOCIATE')),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  description  text CHECK (length(description) <= 5000),
  status       text NOT NULL DEFAULT 'UNDER_INVESTIGATION'
                 CHECK (status IN ('UNIDENTIFIED','UNDER_INVESTIGATION','ARRESTED','CHARGED','CLEARED')),
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX subjects_case_idx ON subjects (case_id, created_at);

CREATE TABLE charges (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES cases(id),
  subject_id      uuid NOT NULL REFERENCES subjects(id),
  agency_id       uuid NOT NULL REFERENCES agencies(id),
  statute_code    text NOT NULL REFERENCES statutes(code),
  counts          integer NOT NULL DEFAULT 1 CHECK (counts BETWEEN 1 AND 500),
  filed_on        date,
  disposition     text NOT NULL DEFAULT 'PENDING' CHECK (disposition IN ('PENDING','DISMISSED','PLEA','CONVICTED','ACQUITTED')),
  disposition_on  date,
  sentence        text CHECK (length(sentence) <= 2000),
  created_by      uuid NOT NULL REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CONSTRAINT charges_disposition_dated CHECK (disposition = 'PENDING' OR disposition_on IS NOT NULL)
);
CREATE INDEX charges_case_idx ON charges (case_id, created_at);
CREATE INDEX charges_subject_idx ON charges (subject_id);

-- Notes are append-only: no UPDATE grant, no DELETE grant.
CREATE TABLE case_notes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  author_id   uuid NOT NULL REFERENCES users(id),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at DESC, id DESC);

CREATE TABLE case_tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id),
  agency_id    uuid NOT NULL REFERENCES agencies(id),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  assignee_id  uuid REFERENCES users(id),
  due_on       date,
  done_at      timestamptz,
  done_by      uuid REFERENCES users(id),
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, created_at);
CREATE INDEX case_tasks_assignee_open_idx ON case_tasks (assignee_id, due_on) WHERE done_at IS NULL;

-- Identifiers of a case, of its subjects, and of the lead it was promoted from belong to the case:
-- everyone the case is shared with may read them. Matching still runs on the blind index only.
ALTER TABLE identifiers ADD COLUMN case_id uuid REFERENCES cases(id);
CREATE INDEX identifiers_case_idx ON identifiers (case_id) WHERE case_id IS NOT NULL;

-- Access ---------------------------------------------------------------------------------
CREATE FUNCTION app_case_worker() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT app_has_role('INVESTIGATOR') OR app_has_role('SUPERVISOR') OR app_has_role('PROSECUTOR') OR app_has_role('VICTIM_ADVOCATE')
$$;

CREATE FUNCTION case_access(p_case uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
           WHEN c.agency_id = app_agency_id() THEN 'LEAD'
           ELSE (SELECT p.access FROM case_participants p
                 WHERE p.case_id = c.id AND p.agency_id = app_agency_id() AND p.revoked_at IS NULL)
         END
  FROM cases c
  WHERE c.id = p_case AND app_agency_id() IS NOT NULL AND app_case_worker()
$$;

-- The cases shared with the caller's agency (live shares), evaluated once per statement.
CREATE FUNCTION app_shared_case_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(p.case_id), '{}') FROM case_participants p
  WHERE p.agency_id = app_agency_id() AND p.revoked_at IS NULL
$$;

REVOKE ALL ON FUNCTION case_access(uuid), app_shared_case_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_access(uuid), app_shared_case_ids() TO tf_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statutes','cases','case_participants','subjects','charges','case_notes','case_tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
  END LOOP;
  -- What hangs off a case: read by anyone on the case, written by the lead agency and CONTRIBUTE
  -- participants in their own agency's name.
  FOREACH t IN ARRAY ARRAY['subjects','charges','case_notes','case_tasks'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (case_access(case_id) IS NOT NULL)', t || '_read', t);
    EXECUTE format($f$CREATE POLICY %I ON %I FOR INSERT
      WITH CHECK (agency_id = (SELECT app_agency_id()) AND case_access(case_id) IN ('LEAD','CONTRIBUTE'))$f$, t || '_insert', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['subjects','charges','case_tasks'] LOOP
    EXECUTE format($f$CREATE POLICY %I ON %I FOR UPDATE
      USING (case_access(case_id) IN ('LEAD','CONTRIBUTE')) WITH CHECK (case_access(case_id) IN ('LEAD','CONTRIBUTE'))$f$, t || '_update', t);
  END LOOP;
END $$;

CREATE POLICY statutes_read ON statutes FOR SELECT USING ((SELECT app_agency_id()) IS NOT NULL);

CREATE POLICY cases_read ON cases FOR SELECT
  USING ((SELECT app_case_worker())
         AND (agency_id = (SELECT app_agency_id()) OR id = ANY ((SELECT app_shared_case_ids())::uuid[])));
CREATE POLICY cases_lead_insert ON cases FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker()));
CREATE POLICY cases_lead_update ON cases FOR UPDATE
  USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker()))
  WITH CHECK (agency_id = (SELECT app_agency_id()));

CREATE POLICY case_participants_read ON case_participants FOR SELECT USING (case_access(case_id) IS NOT NULL);
CREATE POLICY case_participants_lead_insert ON case_participants FOR INSERT WITH CHECK (case_access(case_id) = 'LEAD');
CREATE POLICY case_participants_lead_update ON case_participants FOR UPDATE
  USING (case_access(case_id) = 'LEAD') WITH CHECK (case_access(case_id) = 'LEAD');

CREATE POLICY identifiers_case_read ON identifiers FOR SELECT USING (case_id IS NOT NULL AND case_access(case_id) IS NOT NULL);
-- Linking an identifier to a case needs write access to that case.
CREATE POLICY identifiers_case_link_insert ON identifiers AS RESTRICTIVE FOR INSERT TO tf_app
  WITH CHECK (case_id IS NULL OR case_access(case_id) IN ('LEAD','CONTRIBUTE'));
CREATE POLICY identifiers_case_link_update ON identifiers AS RESTRICTIVE FOR UPDATE TO tf_app
  USING (true) WITH CHECK (case_id IS NULL OR case_access(case_id) IN ('LEAD','CONTRIBUTE'));

GRANT SELECT ON statutes TO tf_app;
GRANT SELECT, INSERT, UPDATE ON cases, case_participants, subjects, charges, case_tasks TO tf_app;
GRANT SELECT, INSERT ON case_notes TO tf_app;

-- The statute catalogue (DOMAIN.md): Wyoming's trafficking and CSEC offences and the federal
-- sections task forces charge, with the NIBRS human-trafficking offence where one maps.
INSERT INTO statutes (code, jurisdiction, citation, title, nibrs, sort_order) VALUES
  ('WY-6-2-702',        'STATE',   'W.S. 6-2-702',          'Human trafficking in the first degree', NULL, 10),
  ('WY-6-2-703',        'STATE',   'W.S. 6-2-703',          'Human trafficking in the second degree', NULL, 20),
  ('WY-SERVITUDE-MINOR','STATE',   'W.S. 6-2-701 et seq.',  'Sexual servitude of a minor', '64A', 30),
  ('WY-PATRONIZING',    'STATE',   'W.S. 6-2-701 et seq.',  'Patronizing a victim of sexual servitude', '64A', 40),
  ('WY-6-4-103',        'STATE',   'W.S. 6-4-103',          'Promoting prostitution', NULL, 50),
  ('WY-6-4-303',        'STATE',   'W.S. 6-4-303',          'Sexual exploitation of children', NULL, 60),
  ('US-18-1589',        'FEDERAL', '18 U.S.C. 1589',        'Forced labor', '64B', 110),
  ('US-18-1590',        'FEDERAL', '18 U.S.C. 1590',        'Trafficking with respect to peonage, slavery, involuntary servitude, or forced labor', '64B', 120),
  ('US-18-1591',        'FEDERAL', '18 U.S.C. 1591',        'Sex trafficking of children or by force, fraud, or coercion', '64A', 130),
  ('US-18-1592',        'FEDERAL', '18 U.S.C. 1592',        'Unlawful conduct with respect to documents in furtherance of trafficking', '64B', 140),
  ('US-18-2422B',       'FEDERAL', '18 U.S.C. 2422(b)',     'Coercion and enticement of a minor', NULL, 150);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY IF EXISTS identifiers_case_link_update ON identifiers;
DROP POLICY IF EXISTS identifiers_case_link_insert ON identifiers;
DROP POLICY IF EXISTS identifiers_case_read ON identifiers;
ALTER TABLE identifiers DROP COLUMN IF EXISTS case_id;
DROP TABLE IF EXISTS case_tasks, case_notes, charges, subjects, case_participants, cases, statutes;
DROP FUNCTION IF EXISTS app_shared_case_ids();
DROP FUNCTION IF EXISTS case_access(uuid);
DROP FUNCTION IF EXISTS app_case_worker();
`);
  }
}
