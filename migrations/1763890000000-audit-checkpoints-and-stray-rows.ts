import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain survives a stray row, and can be checked against signed checkpoints kept outside
 * the database (ADR 0016, issue 14 section 1).
 *
 * A stray row is one written into audit_events without the chain trigger (by someone with the
 * rights to disable it, or with session_replication_role = replica), past the chain head, without
 * moving the head. Before, the next append took seq head + 1, met that row's primary key, and every
 * audited write failed from then on (logins included). Now the trigger notices it, records the seqs
 * it skips in `audit_chain_strays`, and chains the new event to the true head after the highest seq
 * in the table: writes keep working, the stray row is never part of the chain, and the verifier
 * names it. Deleting the stray record does not hide anything: the chain then shows a gap there.
 *
 * Verification is incremental: `audit_verify_chain_from(seq, hash)` checks that the event at `seq`
 * still has `hash` (what a signed checkpoint proves) and that the chain after it is intact. The
 * checkpointer (libs/audit) runs it from its last checkpoint before signing the next one, so a
 * rewritten trail is never signed. `audit_verify_chain()` is the same from genesis.
 * `audit_checkpoint_mismatch(seqs, hashes)` compares many checkpoints with the table at once and
 * returns the first that the table contradicts (owner's; `app_audit_checkpoint_mismatch` for a
 * signed-in auditor, like app_audit_verify_chain).
 */
export class AuditCheckpointsAndStrayRows1763890000000 implements MigrationInterface {
  name = 'AuditCheckpointsAndStrayRows1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE audit_chain_strays (
  from_seq     bigint PRIMARY KEY,
  to_seq       bigint NOT NULL CHECK (to_seq >= from_seq),
  head_hash    bytea NOT NULL,
  detected_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
COMMENT ON TABLE audit_chain_strays IS
  'Seq ranges the audit chain stepped over because rows were found there that the chain trigger did not write.';
ALTER TABLE audit_chain_strays ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_strays FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_strays_maintenance ON audit_chain_strays TO tf_maintenance USING (true) WITH CHECK (true);
REVOKE ALL ON audit_chain_strays FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
  top bigint;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE singleton RETURNING * INTO head;
  -- A row already at (or past) the next seq was not written by this trigger: step over it, keep it
  -- out of the chain, and say so (the verifier names it; the server's checkpointer raises the alarm).
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

-- The chain after (p_seq, p_hash): the event at p_seq must still have p_hash (genesis for 0), and
-- every later link must hold. With p_strays, rows outside the chain (stepped over, or past the head)
-- are problems too. The first problem by seq is returned; counts and ids only, never content.
CREATE FUNCTION audit_verify_chain_from(p_seq bigint, p_hash bytea, p_strays boolean DEFAULT true)
RETURNS TABLE (checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  genesis constant bytea := decode(repeat('00', 32), 'hex');
  head audit_chain_head;
  anchor bytea := genesis;
  n bigint;
  b record;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE singleton;
  IF p_seq > 0 THEN
    SELECT e.hash INTO anchor FROM audit_events e WHERE e.seq = p_seq;
    IF anchor IS DISTINCT FROM p_hash THEN
      RETURN QUERY SELECT 0::bigint, p_seq, (SELECT e.id FROM audit_events e WHERE e.seq = p_seq),
        CASE WHEN anchor IS NULL THEN 'the checkpointed event is missing' ELSE 'the checkpointed event has changed' END;
      RETURN;
    END IF;
  ELSIF p_hash <> genesis THEN
    RAISE EXCEPTION 'the chain starts from the genesis hash' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT count(*) INTO n FROM audit_events e WHERE e.seq > p_seq;
  SELECT p.seq, p.id, p.why INTO b FROM (
    SELECT c.seq, c.id, c.why FROM (
      SELECT l.seq, l.id,
        CASE
          WHEN l.seq <> l.before + 1 AND NOT EXISTS (
            SELECT 1 FROM audit_chain_strays s WHERE s.from_seq = l.before + 1 AND s.to_seq = l.seq - 1)
            THEN 'missing event(s) before this one'
          WHEN l.prev_hash <> l.link THEN 'previous-hash link does not match the event before'
          WHEN l.hash <> l.digest THEN 'content does not match its hash'
        END AS why
      FROM (
        SELECT e.seq, e.id, e.prev_hash, e.hash, audit_event_digest(e) AS digest,
          coalesce(lag(e.seq) OVER w, p_seq) AS before, coalesce(lag(e.hash) OVER w, anchor) AS link
        FROM audit_events e
        WHERE e.seq > p_seq AND e.seq <= head.last_seq
          AND NOT EXISTS (SELECT 1 FROM audit_chain_strays s WHERE e.seq BETWEEN s.from_seq AND s.to_seq)
        WINDOW w AS (ORDER BY e.seq)
      ) l
    ) c WHERE c.why IS NOT NULL
    UNION ALL
    (SELECT e.seq, e.id, 'stray row: written past the chain head without the chain (the head was not moved), not part of the trail'
      FROM audit_events e WHERE p_strays AND e.seq > head.last_seq ORDER BY e.seq LIMIT 1)
    UNION ALL
    (SELECT s.from_seq, e.id, CASE WHEN e.id IS NULL
        THEN format('seq %s to %s were stepped over by the chain because stray rows were there; those rows are gone now', s.from_seq, s.to_seq)
        ELSE format('stray row: written past the chain head without the chain; the chain stepped over seq %s to %s at %s', s.from_seq, s.to_seq, s.detected_at) END
      FROM audit_chain_strays s
      LEFT JOIN LATERAL (SELECT x.id FROM audit_events x WHERE x.seq BETWEEN s.from_seq AND s.to_seq ORDER BY x.seq LIMIT 1) e ON true
      WHERE p_strays AND s.to_seq > p_seq ORDER BY s.from_seq LIMIT 1)
  ) p ORDER BY p.seq LIMIT 1;
  IF b.seq IS NOT NULL THEN
    RETURN QUERY SELECT n, b.seq, b.id, b.why;
  ELSIF head.last_seq < p_seq THEN
    RETURN QUERY SELECT n, head.last_seq + 1, NULL::uuid, 'the chain head was moved back behind the checkpoint';
  ELSIF head.last_seq > p_seq AND NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = head.last_seq AND hash = head.last_hash) THEN
    IF n = 0 AND p_seq = 0 THEN
      RETURN QUERY SELECT n, 1::bigint, NULL::uuid, 'all events missing';
    ELSE
      RETURN QUERY SELECT n, head.last_seq, NULL::uuid, 'latest event(s) missing: the chain head is not in the table';
    END IF;
  ELSE
    RETURN QUERY SELECT n, NULL::bigint, NULL::uuid, NULL::text;
  END IF;
END $$;
REVOKE ALL ON FUNCTION audit_verify_chain_from(bigint, bytea, boolean) FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit_verify_chain()
RETURNS TABLE (checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT * FROM audit_verify_chain_from(0, decode(repeat('00', 32), 'hex'), true)
$$;

-- The first of the given checkpoints (seq, head hash) that the table contradicts: its event is
-- missing (found_hash NULL) or has another hash. top_seq is the highest seq in the table.
CREATE FUNCTION audit_checkpoint_mismatch(p_seq bigint[], p_hash bytea[])
RETURNS TABLE (checkpoint_seq bigint, found_hash bytea, top_seq bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT c.seq, e.hash, (SELECT coalesce(max(x.seq), 0) FROM audit_events x)
  FROM unnest(p_seq, p_hash) AS c(seq, hash)
  LEFT JOIN audit_events e ON e.seq = c.seq
  WHERE e.hash IS DISTINCT FROM c.hash
  ORDER BY c.seq LIMIT 1
$$;
REVOKE ALL ON FUNCTION audit_checkpoint_mismatch(bigint[], bytea[]) FROM PUBLIC;

CREATE FUNCTION app_audit_checkpoint_mismatch(p_seq bigint[], p_hash bytea[])
RETURNS TABLE (checkpoint_seq bigint, found_hash bytea, top_seq bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR app_agency_id() IS NULL OR NOT app_has_role('AUDITOR') THEN
    RAISE EXCEPTION 'verifying the audit trail needs a signed-in auditor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM audit_checkpoint_mismatch(p_seq, p_hash);
END $$;
REVOKE ALL ON FUNCTION app_audit_checkpoint_mismatch(bigint[], bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_audit_checkpoint_mismatch(bigint[], bytea[]) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION app_audit_checkpoint_mismatch(bigint[], bytea[]);
DROP FUNCTION audit_checkpoint_mismatch(bigint[], bytea[]);
CREATE OR REPLACE FUNCTION audit_verify_chain()
RETURNS TABLE (checked bigint, first_broken_seq bigint, first_broken_id uuid, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  genesis constant bytea := decode(repeat('00', 32), 'hex');
  head audit_chain_head;
  n bigint;
  b record;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE singleton;
  SELECT count(*) INTO n FROM audit_events;
  SELECT c.seq, c.id, c.why INTO b FROM (
    SELECT e.seq, e.id,
      CASE
        WHEN e.seq <> coalesce(lag(e.seq) OVER w, 0) + 1 THEN 'missing event(s) before this one'
        WHEN e.prev_hash <> coalesce(lag(e.hash) OVER w, genesis) THEN 'previous-hash link does not match the event before'
        WHEN e.hash <> audit_event_digest(e) THEN 'content does not match its hash'
      END AS why
    FROM audit_events e WINDOW w AS (ORDER BY e.seq)
  ) c WHERE c.why IS NOT NULL ORDER BY c.seq LIMIT 1;
  IF b.seq IS NOT NULL THEN
    RETURN QUERY SELECT n, b.seq, b.id, b.why;
  ELSIF n > 0 AND NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = head.last_seq AND hash = head.last_hash) THEN
    RETURN QUERY SELECT n, head.last_seq, NULL::uuid, 'latest event(s) missing: the chain head is not in the table';
  ELSIF n = 0 AND head.last_seq <> 0 THEN
    RETURN QUERY SELECT n, 1::bigint, NULL::uuid, 'all events missing';
  ELSE
    RETURN QUERY SELECT n, NULL::bigint, NULL::uuid, NULL::text;
  END IF;
END $$;
DROP FUNCTION audit_verify_chain_from(bigint, bytea, boolean);
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE singleton RETURNING * INTO head;
  NEW.seq := head.last_seq;
  NEW.id := coalesce(NEW.id, gen_random_uuid());
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_event_digest(NEW);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END $$;
DROP TABLE audit_chain_strays;
`);
  }
}
