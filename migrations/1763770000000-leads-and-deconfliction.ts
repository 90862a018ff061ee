import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leads (tips, hotline signals), the identifiers recorded on leads, cases and subjects, and
 * deconfliction notices. Same pattern as the foundation (ADR 0001): RLS enabled and forced, a
 * maintenance policy, agency-scoped policies, explicit grants, no DELETE.
 *
 * Identifiers keep their plaintext readable only to the owning agency (RLS); cross-agency
 * matching runs on the keyed blind index through one SECURITY DEFINER function that returns
 * only which agencies matched and on what kind of identifier, never their records.
 */
export class LeadsAndDeconfliction1763770000000 implements MigrationInterface {
  name = 'LeadsAndDeconfliction1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Gap-free numbering per agency, kind and year: the counter row is locked until the transaction
-- ends, and a rollback gives the number back.
CREATE TABLE agency_counters (
  agency_id  uuid NOT NULL REFERENCES agencies(id),
  kind       text NOT NULL,
  year       integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (agency_id, kind, year)
);

CREATE TABLE leads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id       uuid NOT NULL REFERENCES agencies(id),
  reference       text NOT NULL,
  source          text NOT NULL CHECK (source IN ('HOTLINE','COMMUNITY_TIP','PATROL','ONLINE','AGENCY_REFERRAL',
                    'SELF_REPORT','HEALTHCARE','SCHOOL','CHILD_WELFARE','OTHER')),
  received_at     timestamptz NOT NULL,
  narrative       text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 20000),
  state           text NOT NULL DEFAULT 'WY' CHECK (state ~ '^[A-Z]{2}$'),
  county          text,
  city            text,
  suspected_type  text NOT NULL CHECK (suspected_type IN ('SEX','LABOR','SEX_AND_LABOR','UNDETERMINED')),
  venue           text,
  indicators      text[] NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW','TRIAGED','PROMOTED','UNFOUNDED','DUPLICATE')),
  priority        text NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('LOW','NORMAL','HIGH','URGENT')),
  assigned_to     uuid REFERENCES users(id),
  duplicate_of    uuid REFERENCES leads(id),
  closed_reason   text,
  created_by      uuid NOT NULL REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CONSTRAINT leads_reference_key UNIQUE (agency_id, reference),
  CONSTRAINT leads_duplicate_needs_target CHECK (status <> 'DUPLICATE' OR duplicate_of IS NOT NULL)
);
CREATE INDEX leads_agency_received_idx ON leads (agency_id, received_at DESC, id DESC);
CREATE INDEX leads_agency_status_idx ON leads (agency_id, status, received_at DESC);
CREATE INDEX leads_assigned_idx ON leads (assigned_to) WHERE assigned_to IS NOT NULL;

CREATE TABLE identifiers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id    uuid NOT NULL REFERENCES agencies(id),
  owner_type   text NOT NULL CHECK (owner_type IN ('LEAD','CASE','SUBJECT')),
  owner_id     uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('PHONE','ADDRESS','HANDLE','PLATE','PERSON')),
  value        text NOT NULL,
  birth_date   date,
  blind_index  bytea NOT NULL CHECK (length(blind_index) = 32),
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identifiers_blind_idx ON identifiers (blind_index, agency_id);
CREATE INDEX identifiers_owner_idx ON identifiers (owner_type, owner_id);

CREATE TABLE deconfliction_notices (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id        uuid NOT NULL REFERENCES agencies(id),
  other_agency_id  uuid NOT NULL REFERENCES agencies(id),
  kind             text NOT NULL,
  identifier_id    uuid NOT NULL REFERENCES identifiers(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  acknowledged_at  timestamptz,
  acknowledged_by  uuid REFERENCES users(id),
  CONSTRAINT deconfliction_notices_once UNIQUE (identifier_id, other_agency_id),
  CHECK (agency_id <> other_agency_id)
);
CREATE INDEX deconfliction_notices_agency_idx ON deconfliction_notices (agency_id, created_at DESC, id DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agency_counters','leads','identifiers','deconfliction_notices'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (agency_id = (SELECT app_agency_id())) WITH CHECK (agency_id = (SELECT app_agency_id()))', t || '_own_agency', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON agency_counters, leads, identifiers, deconfliction_notices TO tf_app;

-- Deconfliction: for one identifier of the caller's agency, find the other agencies of the task
-- force holding an identifier with the same blind index, record a notice on both sides, and
-- return only (agency, kind). Nothing of the other agency's record leaves this function.
CREATE FUNCTION deconflict_identifier(p_identifier uuid)
RETURNS TABLE (other_agency_id uuid, kind text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

-- On-demand check before acting: which other agencies hold this blind index? No notice is recorded.
CREATE FUNCTION deconfliction_check(p_kind text, p_blind_index bytea)
RETURNS TABLE (other_agency_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT o.agency_id FROM identifiers o JOIN agencies a ON a.id = o.agency_id
  WHERE app_agency_id() IS NOT NULL AND o.blind_index = p_blind_index AND o.kind = p_kind
    AND o.agency_id <> app_agency_id() AND a.task_force_id = app_task_force_id() AND a.active
$$;

REVOKE ALL ON FUNCTION deconflict_identifier(uuid), deconfliction_check(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION deconflict_identifier(uuid), deconfliction_check(text, bytea) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS deconfliction_check(text, bytea);
DROP FUNCTION IF EXISTS deconflict_identifier(uuid);
DROP TABLE IF EXISTS deconfliction_notices;
DROP TABLE IF EXISTS identifiers;
DROP TABLE IF EXISTS leads;
DROP TABLE IF EXISTS agency_counters;
`);
  }
}
