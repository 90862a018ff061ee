import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victims (survivors) and the key ring that protects them.
 *
 * - `key_ring`: data keys wrapped by the master key (AES-256-GCM, the owner and version bound as
 *   associated data). One row per agency data key version, plus the system keys (blind indexes,
 *   MFA secrets). Rotating the master key re-wraps these rows; nothing else changes.
 * - `victims`: the pseudonymous code and the non-identifying profile anyone on a linked case sees.
 * - `victim_identities`: the confidential identity, one AES-256-GCM ciphertext per value under the
 *   custodial agency's data key; the table holds no plaintext (a CHECK refuses anything else).
 * - `victim_cases`: links to cases. `consents`: releases of information to a named agency.
 *
 * RLS: victims are visible to their custodial agency, to agencies on a linked case (pseudonymous
 * profile only), and to an agency holding a live consent. Identities only to the custodial agency's
 * case-working roles, or under a live IDENTITY / CONTACT consent naming the reader's agency. The
 * finer rules (assigned investigators, which fields a scope releases) are the service's, in
 * AccessPolicy; these policies are the floor under them.
 */
export class Victims1763790000000 implements MigrationInterface {
  name = 'Victims1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE key_ring (
  owner          text NOT NULL CHECK (owner ~ '^(system:[a-z-]+|agency:[0-9a-f-]{36})$'),
  version        integer NOT NULL CHECK (version >= 1),
  wrapped        text NOT NULL CHECK (wrapped LIKE 'v1:%'),
  master_key_id  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  retired_at     timestamptz,
  PRIMARY KEY (owner, version)
);

-- Task-force-wide numbering (victim codes are unique across the task force: V-2026-0042).
CREATE TABLE task_force_counters (
  task_force_id  uuid NOT NULL REFERENCES task_forces(id),
  kind           text NOT NULL,
  year           integer NOT NULL,
  last_value     integer NOT NULL,
  PRIMARY KEY (task_force_id, kind, year)
);

CREATE TABLE victims (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_force_id          uuid NOT NULL REFERENCES task_forces(id),
  agency_id              uuid NOT NULL REFERENCES agencies(id),
  code                   text NOT NULL,
  age_band               text NOT NULL CHECK (age_band IN ('UNDER_12','AGE_12_14','AGE_15_17','AGE_18_24','AGE_25_34','AGE_35_49','AGE_50_PLUS','UNKNOWN')),
  minor_at_exploitation  boolean NOT NULL,
  gender                 text NOT NULL CHECK (gender IN ('FEMALE','MALE','NON_BINARY','TRANSGENDER','UNDISCLOSED')),
  trafficking_type       text NOT NULL CHECK (trafficking_type IN ('SEX','LABOR','SEX_AND_LABOR','UNDETERMINED')),
  risk_factors           text[] NOT NULL DEFAULT '{}',
  safety_flags           text[] NOT NULL DEFAULT '{}',
  identity_index         bytea CHECK (length(identity_index) = 32),
  created_by             uuid NOT NULL REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1,
  CONSTRAINT victims_code_key UNIQUE (task_force_id, code)
);
CREATE INDEX victims_agency_idx ON victims (agency_id, created_at DESC, id DESC);
CREATE INDEX victims_identity_index_idx ON victims (agency_id, identity_index) WHERE identity_index IS NOT NULL;

CREATE TABLE victim_identities (
  victim_id           uuid PRIMARY KEY REFERENCES victims(id),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  key_version         integer NOT NULL,
  legal_name          text NOT NULL,
  aliases             text,
  birth_date          text,
  phone               text,
  email               text,
  address             text,
  immigration_status  text,
  languages           text,
  health_notes        text,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CONSTRAINT victim_identities_ciphertext_only CHECK (
    legal_name LIKE 'v1:%' AND coalesce(aliases, 'v1:') LIKE 'v1:%' AND coalesce(birth_date, 'v1:') LIKE 'v1:%'
    AND coalesce(phone, 'v1:') LIKE 'v1:%' AND coalesce(email, 'v1:') LIKE 'v1:%' AND coalesce(address, 'v1:') LIKE 'v1:%'
    AND coalesce(immigration_status, 'v1:') LIKE 'v1:%' AND coalesce(languages, 'v1:') LIKE 'v1:%' AND coalesce(health_notes, 'v1:') LIKE 'v1:%')
);
CREATE INDEX victim_identities_key_idx ON victim_identities (agency_id, key_version);

CREATE TABLE victim_cases (
  victim_id  uuid NOT NULL REFERENCES victims(id),
  case_id    uuid NOT NULL REFERENCES cases(id),
  agency_id  uuid NOT NULL REFERENCES agencies(id),
  linked_by  uuid NOT NULL REFERENCES users(id),
  linked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (victim_id, case_id)
);
CREATE INDEX victim_cases_case_idx ON victim_cases (case_id);

-- A release of information: the custodial agency (agency_id) releases to recipient_agency_id.
-- Valid from signed_on until the day before expires_on; revoked_at ends it at once.
CREATE TABLE consents (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id            uuid NOT NULL REFERENCES victims(id),
  agency_id            uuid NOT NULL REFERENCES agencies(id),
  recipient_agency_id  uuid NOT NULL REFERENCES agencies(id),
  scopes               text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['IDENTITY','CONTACT','SERVICES']),
  purpose              text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 500),
  signed_on            date NOT NULL,
  expires_on           date NOT NULL,
  extended_reason      text,
  witness              text,
  form_reference       text,
  created_by           uuid NOT NULL REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  revoked_at           timestamptz,
  revoked_by           uuid REFERENCES users(id),
  revoked_reason       text,
  version              integer NOT NULL DEFAULT 1,
  CONSTRAINT consents_expiry_after_signing CHECK (expires_on > signed_on),
  CONSTRAINT consents_long_needs_reason CHECK (expires_on <= signed_on + 366 OR extended_reason IS NOT NULL),
  CONSTRAINT consents_not_to_self CHECK (recipient_agency_id <> agency_id)
);
CREATE INDEX consents_recipient_live_idx ON consents (recipient_agency_id, victim_id) WHERE revoked_at IS NULL;
CREATE INDEX consents_victim_idx ON consents (victim_id);

-- A live consent of a victim to the caller's agency for one scope, decided by the database clock.
CREATE FUNCTION app_consent_live(p_victim uuid, p_scope text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM consents k
    WHERE k.victim_id = p_victim AND k.recipient_agency_id = app_agency_id() AND k.revoked_at IS NULL
      AND p_scope = ANY (k.scopes) AND current_date >= k.signed_on AND current_date < k.expires_on)
$$;

-- Victims reachable through a case the caller's agency is on.
CREATE FUNCTION app_victim_on_my_case(p_victim uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM victim_cases vc WHERE vc.victim_id = p_victim AND case_access(vc.case_id) IS NOT NULL)
$$;

REVOKE ALL ON FUNCTION app_consent_live(uuid, text), app_victim_on_my_case(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_consent_live(uuid, text), app_victim_on_my_case(uuid) TO tf_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['key_ring','task_force_counters','victims','victim_identities','victim_cases','consents'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
  END LOOP;
END $$;

-- Wrapped keys are useless without the master key; a signed-in principal may read them (to open a
-- consented identity of another agency), the system keys are read at boot before any principal.
CREATE POLICY key_ring_read ON key_ring FOR SELECT USING (owner LIKE 'system:%' OR (SELECT app_agency_id()) IS NOT NULL);
CREATE POLICY key_ring_own_agency_insert ON key_ring FOR INSERT WITH CHECK (owner = 'agency:' || (SELECT app_agency_id()));

CREATE POLICY task_force_counters_own ON task_force_counters
  USING (task_force_id = (SELECT app_task_force_id())) WITH CHECK (task_force_id = (SELECT app_task_force_id()));

CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')));
CREATE POLICY victims_custodial_insert ON victims FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND task_force_id = (SELECT app_task_force_id()) AND (SELECT app_case_worker()));
CREATE POLICY victims_custodial_update ON victims FOR UPDATE
  USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker())) WITH CHECK (agency_id = (SELECT app_agency_id()));

CREATE POLICY victim_identities_read ON victim_identities FOR SELECT
  USING ((agency_id = (SELECT app_agency_id())
          AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR')) OR (SELECT app_has_role('INVESTIGATOR'))))
         OR ((SELECT app_case_worker()) AND (app_consent_live(victim_id, 'IDENTITY') OR app_consent_live(victim_id, 'CONTACT'))));
CREATE POLICY victim_identities_custodial_insert ON victim_identities FOR INSERT WITH CHECK (agency_id = (SELECT app_agency_id()));
CREATE POLICY victim_identities_custodial_update ON victim_identities FOR UPDATE
  USING (agency_id = (SELECT app_agency_id()) AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR'))))
  WITH CHECK (agency_id = (SELECT app_agency_id()));

CREATE POLICY victim_cases_read ON victim_cases FOR SELECT USING (agency_id = (SELECT app_agency_id()) OR case_access(case_id) IS NOT NULL);
CREATE POLICY victim_cases_insert ON victim_cases FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND case_access(case_id) IS NOT NULL
              AND EXISTS (SELECT 1 FROM victims v WHERE v.id = victim_id AND v.agency_id = (SELECT app_agency_id())));

CREATE POLICY consents_read ON consents FOR SELECT
  USING (agency_id = (SELECT app_agency_id()) OR recipient_agency_id = (SELECT app_agency_id()));
CREATE POLICY consents_custodial_insert ON consents FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR'))));
CREATE POLICY consents_custodial_update ON consents FOR UPDATE
  USING (agency_id = (SELECT app_agency_id()) AND ((SELECT app_has_role('VICTIM_ADVOCATE')) OR (SELECT app_has_role('SUPERVISOR'))))
  WITH CHECK (agency_id = (SELECT app_agency_id()));

GRANT SELECT, INSERT ON key_ring TO tf_app;
GRANT SELECT, INSERT, UPDATE ON task_force_counters, victims, victim_identities, consents TO tf_app;
GRANT SELECT, INSERT ON victim_cases TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE IF EXISTS consents, victim_cases, victim_identities, victims, task_force_counters, key_ring;
DROP FUNCTION IF EXISTS app_victim_on_my_case(uuid);
DROP FUNCTION IF EXISTS app_consent_live(uuid, text);
`);
  }
}
