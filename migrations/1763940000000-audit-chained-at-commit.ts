import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audited writes no longer queue behind each other for the length of a round trip (issue 17, ADR 0023).
 *
 * Before, a service's audit INSERT into audit_events locked the one chain-head row and held it until
 * its transaction ended: one more round trip to the API (the COMMIT), which under load waits for a
 * busy Node event loop, while every other audited writer waits for the lock. Now the services append
 * to `audit_pending` (no lock, no chain), and a DEFERRED constraint trigger moves each pending event
 * into audit_events when its transaction commits: the chain trigger then runs inside COMMIT, so the
 * head is held only from the move to the end of that same COMMIT, with no round trip in between.
 * The chain itself is unchanged (the same trigger, digest, gap-free seq and checkpoints, ADR 0004 and
 * 0016): an event is in the trail if and only if its transaction committed.
 *
 * audit_pending has the same append policy as audit_events (the actor is the bound principal); the app
 * role may only INSERT into it (no SELECT, UPDATE or DELETE). Its rows never outlive their transaction.
 *
 * Also in the chain trigger: the head row is locked once and written once per event (it was written
 * twice), and the stray-row check asks for max(seq) (a backward step on the primary key) instead of
 * EXISTS (seq >= next), whose generic plan could be a sequential scan of the whole trail for a row that
 * is never there: on a 250,000-event trail that made every append read the table (the 1M seed stall).
 */
export class AuditChainedAtCommit1763940000000 implements MigrationInterface {
  name = 'AuditChainedAtCommit1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

CREATE TABLE audit_pending (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_force_id      uuid,
  agency_id          uuid,
  subject_agency_id  uuid,
  actor_user_id      uuid,
  actor_username     text,
  actor_roles        text[] NOT NULL DEFAULT '{}',
  action             text NOT NULL,
  record_type        text,
  record_id          text,
  outcome            text NOT NULL CHECK (outcome IN ('SUCCESS','DENIED','FAILED')),
  changes            jsonb,
  purpose            text,
  request_id         text,
  client_address     text
);
COMMENT ON TABLE audit_pending IS
  'Audit events of open transactions; each is moved into the audit_events chain when its transaction commits.';
ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_pending FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_pending_maintenance ON audit_pending TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY audit_pending_append ON audit_pending FOR INSERT WITH CHECK (
  CASE WHEN (SELECT app_user_id()) IS NULL
       THEN (actor_user_id IS NULL AND agency_id IS NULL) OR auth_pre_session_event_ok(actor_user_id, agency_id, action, outcome)
       ELSE actor_user_id = (SELECT app_user_id()) AND agency_id = (SELECT app_agency_id()) END);
REVOKE ALL ON audit_pending FROM PUBLIC;
GRANT INSERT ON audit_pending TO tf_app;

-- At COMMIT (deferred), in the order the events were written: into the chain, out of pending. The
-- insert into audit_events meets its own append policy and triggers as any other.
CREATE FUNCTION audit_pending_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_events (id, task_force_id, agency_id, subject_agency_id, actor_user_id, actor_username, actor_roles,
                            action, record_type, record_id, outcome, changes, purpose, request_id, client_address)
  VALUES (NEW.id, NEW.task_force_id, NEW.agency_id, NEW.subject_agency_id, NEW.actor_user_id, NEW.actor_username,
          NEW.actor_roles, NEW.action, NEW.record_type, NEW.record_id, NEW.outcome, NEW.changes, NEW.purpose,
          NEW.request_id, NEW.client_address);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION audit_pending_chain() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER audit_pending_chain AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_pending_chain();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE audit_pending;
DROP FUNCTION audit_pending_chain();
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
  top bigint;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE singleton RETURNING * INTO head;
  IF EXISTS (SELECT 1 FROM audit_events WHERE seq >= head.last_seq) THEN
    SELECT max(seq) INTO top FROM audit_events;
    INSERT INTO audit_chain_strays (from_seq, to_seq, head_hash) VALUES (head.last_seq, top, head.last_hash)
      ON CONFLICT (from_seq) DO UPDATE SET to_seq = greatest(audit_chain_strays.to_seq, EXCLUDED.to_seq);
    RAISE WARNING 'audit trail: row(s) at seq % to % were not written by the chain; the chain continues at seq %',
      head.last_seq, top, top + 1;
    UPDATE audit_chain_head SET last_seq = top + 1 WHERE singleton RETURNING * INTO head;
  END IF;
  NEW.seq := head.last_seq;
  NEW.id := coalesce(NEW.id, gen_random_uuid());
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_event_digest(NEW);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END $$;
`);
  }
}
