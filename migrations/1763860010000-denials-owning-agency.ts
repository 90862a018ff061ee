import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refused attempt on another agency's record is seen by that agency's auditors.
 *
 * Auditors read the events done by their agency or done to its records (`subject_agency_id`,
 * policy audit_events_auditor_read). A refusal is written by the actor, who often cannot see the
 * record it was refused (NOT_FOUND: a case not shared with it) or did not look it up (FORBIDDEN:
 * a note on a case shared READ), so denials reached the trail with no subject agency and the
 * targeted agency never saw them. The database knows the record's owner, so it fills it in, in one
 * place, as the event is written: for a DENIED event naming a record and no subject agency, the
 * agency whose record it is, when that is not the actor's own. The actor learns nothing (it cannot
 * read the trail, and the function is a trigger, not callable). Who, which agency, what and when are
 * on the event already; values never are.
 *
 * Whose record: a case's lead agency; for what hangs off a case (subject, charge, note, task) the
 * lead agency, or, when the lead agency itself was refused (another agency's task), the agency that
 * wrote it; a victim's, a lead's, a user's, a consent's, a legal matter's, a deadline's custodial
 * agency; a referral's or a service's other side.
 *
 * The trigger is named to fire before audit_events_chain (BEFORE ROW triggers fire in name order),
 * which hashes the row as it will be stored.
 */
export class DenialsOwningAgency1763860010000 implements MigrationInterface {
  name = 'DenialsOwningAgency1763860010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION app_audit_denied_subject() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;
REVOKE ALL ON FUNCTION app_audit_denied_subject() FROM PUBLIC;
CREATE TRIGGER audit_events_a_denied_subject BEFORE INSERT ON audit_events FOR EACH ROW
  WHEN (NEW.outcome = 'DENIED' AND NEW.subject_agency_id IS NULL AND NEW.record_id IS NOT NULL)
  EXECUTE FUNCTION app_audit_denied_subject();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS audit_events_a_denied_subject ON audit_events;
DROP FUNCTION IF EXISTS app_audit_denied_subject();
`);
  }
}
