import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counted child tables: the case column each keeps, and which of its rows count. */
const COUNTED: [table: string, column: string, counts: string][] = [
  ['subjects', 'subject_count', 'true'],
  ['case_tasks', 'open_task_count', 'done_at IS NULL'],
  ['case_participants', 'participant_count', 'revoked_at IS NULL'],
  ['victim_cases', 'victim_count', 'true'],
];

/**
 * A case's counts (subjects, open tasks, live participants, linked victims) kept on its row
 * (issue 17: row-level security on the case list).
 *
 * The case list and detail counted each case's children in four subqueries, and under row-level
 * security each counted child row checked its case's policy again: an index probe into `cases` per
 * subject and victim link, and the shared-case set computed once more per count (`EXPLAIN ANALYZE`
 * at 10k: 2.5 ms as the app role against 1.3 ms as the owner for the same page). The counts now live
 * on the case row, kept by statement-level triggers on the children (a bulk insert updates each case
 * once), so a page reads its 50 cases and nothing else.
 *
 * Who sees which count does not change: every child of these four is readable exactly when its case
 * is (`EXISTS` on cases; victim links also by their custodial agency, whose restrictive policy asks
 * for a case worker, as `cases_read` does), so anyone who can read the case counted all of them.
 * Only counts are stored, never who or what.
 */
export class CaseCounts1763950000000 implements MigrationInterface {
  name = 'CaseCounts1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE cases
  ADD COLUMN subject_count integer NOT NULL DEFAULT 0 CHECK (subject_count >= 0),
  ADD COLUMN open_task_count integer NOT NULL DEFAULT 0 CHECK (open_task_count >= 0),
  ADD COLUMN participant_count integer NOT NULL DEFAULT 0 CHECK (participant_count >= 0),
  ADD COLUMN victim_count integer NOT NULL DEFAULT 0 CHECK (victim_count >= 0);

-- After each statement on a counted table: the change of each touched case's count (rows that count
-- now, less rows that counted before), applied to the case rows in one UPDATE, by id order.
-- TG_ARGV: the case column, the condition for a child row to count.
CREATE FUNCTION app_case_counts_track() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE parts text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN parts := parts || format('SELECT case_id, 1 AS n FROM new_rows WHERE %s', TG_ARGV[1]); END IF;
  IF TG_OP <> 'INSERT' THEN parts := parts || format('SELECT case_id, -1 AS n FROM old_rows WHERE %s', TG_ARGV[1]); END IF;
  EXECUTE format('WITH d AS (SELECT case_id, sum(n)::int AS n FROM (%s) x GROUP BY case_id HAVING sum(n) <> 0),
                  l AS (SELECT c.id, d.n FROM cases c JOIN d ON d.case_id = c.id ORDER BY c.id FOR NO KEY UPDATE OF c)
                  UPDATE cases c SET %I = c.%I + l.n FROM l WHERE c.id = l.id',
                 array_to_string(parts, ' UNION ALL '), TG_ARGV[0], TG_ARGV[0]);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION app_case_counts_track() FROM PUBLIC;

-- The counts of what is already there; the cases' dashboard trigger is not needed for it (no
-- indicator reads these columns) and would read every case twice.
ALTER TABLE cases DISABLE TRIGGER cases_dash_upd;
UPDATE cases c SET subject_count = coalesce(s.n, 0), open_task_count = coalesce(t.n, 0),
                   participant_count = coalesce(p.n, 0), victim_count = coalesce(v.n, 0)
FROM cases c2
LEFT JOIN (SELECT case_id, count(*)::int AS n FROM subjects GROUP BY 1) s ON s.case_id = c2.id
LEFT JOIN (SELECT case_id, count(*)::int AS n FROM case_tasks WHERE done_at IS NULL GROUP BY 1) t ON t.case_id = c2.id
LEFT JOIN (SELECT case_id, count(*)::int AS n FROM case_participants WHERE revoked_at IS NULL GROUP BY 1) p ON p.case_id = c2.id
LEFT JOIN (SELECT case_id, count(*)::int AS n FROM victim_cases GROUP BY 1) v ON v.case_id = c2.id
WHERE c.id = c2.id AND (s.n IS NOT NULL OR t.n IS NOT NULL OR p.n IS NOT NULL OR v.n IS NOT NULL);
ALTER TABLE cases ENABLE TRIGGER cases_dash_upd;

${COUNTED.map(
  ([t, column, counts]) => `CREATE TRIGGER ${t}_case_counts_ins AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_case_counts_track('${column}', '${counts}');
CREATE TRIGGER ${t}_case_counts_upd AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_case_counts_track('${column}', '${counts}');
CREATE TRIGGER ${t}_case_counts_del AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_case_counts_track('${column}', '${counts}');`,
).join('\n')}
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
${COUNTED.map(([t]) => `DROP TRIGGER ${t}_case_counts_ins ON ${t}; DROP TRIGGER ${t}_case_counts_upd ON ${t}; DROP TRIGGER ${t}_case_counts_del ON ${t};`).join('\n')}
DROP FUNCTION app_case_counts_track();
ALTER TABLE cases DROP COLUMN subject_count, DROP COLUMN open_task_count, DROP COLUMN participant_count, DROP COLUMN victim_count;
`);
  }
}
