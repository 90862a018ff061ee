import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A victim's needs and services: what was requested from which provider, where it stands, and the
 * provider's own notes. Visible to the custodial agency, the provider agency, and an agency holding
 * a live SERVICES consent; the provider's notes stay with the provider.
 */
export class Services1763800000000 implements MigrationInterface {
  name = 'Services1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE services (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id           uuid NOT NULL REFERENCES victims(id),
  agency_id           uuid NOT NULL REFERENCES agencies(id),
  provider_agency_id  uuid NOT NULL REFERENCES agencies(id),
  category            text NOT NULL CHECK (category IN ('CRISIS_INTERVENTION','EMERGENCY_SHELTER','HOUSING','FOOD_AND_BASIC_NEEDS','MEDICAL',
                        'DENTAL','MENTAL_HEALTH','SUBSTANCE_USE_TREATMENT','INTERPRETATION','LEGAL_ADVOCACY','IMMIGRATION_RELIEF',
                        'CRIMINAL_JUSTICE_ACCOMPANIMENT','CRIME_VICTIMS_COMPENSATION','INTENSIVE_CASE_MANAGEMENT','EDUCATION',
                        'EMPLOYMENT_AND_TRAINING','CHILDCARE','TRANSPORTATION','CHILD_WELFARE_REFERRAL')),
  detail              text CHECK (length(detail) <= 500),
  status              text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED','IN_PROGRESS','PROVIDED','DECLINED','UNAVAILABLE')),
  requested_on        date NOT NULL,
  started_on          date,
  ended_on            date,
  outcome             text CHECK (length(outcome) <= 2000),
  created_by          uuid NOT NULL REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CONSTRAINT services_dates_in_order CHECK ((started_on IS NULL OR started_on >= requested_on) AND (ended_on IS NULL OR ended_on >= coalesce(started_on, requested_on)))
);
CREATE INDEX services_victim_idx ON services (victim_id, requested_on);
CREATE INDEX services_provider_idx ON services (provider_agency_id, status);

CREATE TABLE service_notes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id  uuid NOT NULL REFERENCES services(id),
  agency_id   uuid NOT NULL REFERENCES agencies(id),
  author_id   uuid NOT NULL REFERENCES users(id),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_notes_service_idx ON service_notes (service_id, created_at DESC);

-- The provider agency of a service (for the notes policy, without recursing into services' RLS).
CREATE FUNCTION service_provider(p_service uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT provider_agency_id FROM services WHERE id = p_service
$$;
REVOKE ALL ON FUNCTION service_provider(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION service_provider(uuid) TO tf_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services','service_notes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO tf_maintenance USING (true) WITH CHECK (true)', t || '_maintenance', t);
  END LOOP;
END $$;

CREATE POLICY services_read ON services FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR provider_agency_id = (SELECT app_agency_id())
         OR app_consent_live(victim_id, 'SERVICES')));
CREATE POLICY services_custodial_insert ON services FOR INSERT
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_case_worker())
              AND EXISTS (SELECT 1 FROM victims v WHERE v.id = victim_id AND v.agency_id = (SELECT app_agency_id())));
CREATE POLICY services_custodial_or_provider_update ON services FOR UPDATE
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR provider_agency_id = (SELECT app_agency_id())))
  WITH CHECK (agency_id = (SELECT app_agency_id()) OR provider_agency_id = (SELECT app_agency_id()));

CREATE POLICY service_notes_provider_only ON service_notes
  USING ((SELECT app_case_worker()) AND agency_id = (SELECT app_agency_id()) AND service_provider(service_id) = (SELECT app_agency_id()))
  WITH CHECK (agency_id = (SELECT app_agency_id()) AND service_provider(service_id) = (SELECT app_agency_id()));

-- A provider sees the pseudonymous profile of the victims it serves.
CREATE FUNCTION app_victim_served_by_me(p_victim uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM services s WHERE s.victim_id = p_victim AND s.provider_agency_id = app_agency_id())
$$;
REVOKE ALL ON FUNCTION app_victim_served_by_me(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_victim_served_by_me(uuid) TO tf_app;
DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id) OR app_victim_served_by_me(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')));

GRANT SELECT, INSERT, UPDATE ON services TO tf_app;
GRANT SELECT, INSERT ON service_notes TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY victims_read ON victims;
CREATE POLICY victims_read ON victims FOR SELECT
  USING ((SELECT app_case_worker()) AND (agency_id = (SELECT app_agency_id()) OR app_victim_on_my_case(id)
         OR app_consent_live(id, 'IDENTITY') OR app_consent_live(id, 'CONTACT') OR app_consent_live(id, 'SERVICES')));
DROP FUNCTION IF EXISTS app_victim_served_by_me(uuid);
DROP TABLE IF EXISTS service_notes, services;
DROP FUNCTION IF EXISTS service_provider(uuid);
`);
  }
}
