import { MigrationInterface, QueryRunner } from 'typeorm';
import { DASHBOARD_COUNTS_FROM_BASE_TABLES } from './1763830000000-dashboard';

/** Tables counted, with the function that names what one row counts for. */
const TRACKED: [table: string, facts: string][] = [
  ['leads', 'app_dash_facts_leads'],
  ['cases', 'app_dash_facts_cases'],
  ['victims', 'app_dash_facts_victims'],
  ['services', 'app_dash_facts_services'],
  ['referrals', 'app_dash_facts_referrals'],
  ['deadlines', 'app_dash_facts_deadlines'],
  ['charges', 'app_dash_facts_charges'],
];

/**
 * Dashboards from pre-aggregated counts, so a dashboard's cost does not grow with the records.
 *
 * - Each counted table has a facts function: what one row counts for, as (agency, indicator,
 *   k1, k2, day); day is NULL for counts "now" (open cases, services, charges, pending referrals,
 *   overdue deadlines, caseload).
 * - Statement-level triggers (with transition tables) append the difference each statement
 *   makes, grouped, to `dashboard_deltas`: +1 for the new rows' facts, -1 for the old rows'.
 *   Writers only ever insert there, so concurrent writers never wait on a shared counter row
 *   and cannot deadlock on one.
 * - `app_dashboard_compact()` (the `dashboard-compact` job, every minute; the scale seed
 *   calls it too) moves the deltas into `dashboard_totals` in one statement: a state row per
 *   count now ('S'), a day row ('D') and a month row ('M') per dated count, and a due-day row
 *   ('U') for open deadlines.
 * - `app_dashboard_counts` reads the totals and the deltas not yet compacted, so a dashboard is
 *   exact at once. A period is read from month rows for its whole months and day rows for the
 *   days at its edges: a year is at most 12 month rows and 60 day rows per key and agency,
 *   however many records there are.
 * - Referrals past their deadline but not yet expired by the five-minute job are counted from
 *   the referrals themselves, through a partial index on pending referrals.
 * - The median time to answer is read from a histogram of answer times (upper bounds 5 min to 4
 *   weeks): it is the upper bound of the bucket that holds the median.
 *
 * Neither table is readable by the app role; the function returns counts and labels only.
 */
export class DashboardRollup1763840000000 implements MigrationInterface {
  name = 'DashboardRollup1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE dashboard_deltas (
  agency_id  uuid NOT NULL,
  indicator  text NOT NULL,
  k1         text NOT NULL,
  k2         text NOT NULL,
  day        date,
  n          integer NOT NULL
);
CREATE TABLE dashboard_totals (
  grain      char(1) NOT NULL CHECK (grain IN ('S','D','M','U')),
  bucket     date NOT NULL,
  indicator  text NOT NULL,
  agency_id  uuid NOT NULL,
  k1         text NOT NULL,
  k2         text NOT NULL,
  n          bigint NOT NULL,
  PRIMARY KEY (grain, bucket, indicator, agency_id, k1, k2)
);
ALTER TABLE dashboard_deltas ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_deltas FORCE ROW LEVEL SECURITY;
ALTER TABLE dashboard_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_deltas_maintenance ON dashboard_deltas TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY dashboard_totals_maintenance ON dashboard_totals TO tf_maintenance USING (true) WITH CHECK (true);
REVOKE ALL ON dashboard_deltas, dashboard_totals FROM PUBLIC;

-- Pending referrals by deadline: the few past it that the expiry job has not reached yet.
CREATE INDEX referrals_pending_respond_by_idx ON referrals (respond_by) WHERE status = 'PENDING';

CREATE FUNCTION app_dash_minutes_bucket(m numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    (SELECT b FROM unnest(ARRAY[5,10,15,20,30,45,60,90,120,180,240,360,480,720,960,1440,2160,2880,4320,5760,7200,10080,20160,40320]) b
      WHERE b >= ceil(m) ORDER BY b LIMIT 1),
    (ceil(m / 10080) * 10080)::integer)
$$;

CREATE FUNCTION app_dash_facts_leads(r leads) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, 'leadsBySourceAndMonth', r.source, '', (r.received_at AT TIME ZONE 'UTC')::date
  UNION ALL
  SELECT r.agency_id, 'leadConversion', CASE WHEN r.status = 'PROMOTED' THEN 'PROMOTED' ELSE 'NOT_PROMOTED' END, '', (r.received_at AT TIME ZONE 'UTC')::date
$$;

CREATE FUNCTION app_dash_facts_cases(r cases) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, x.i, x.k, '', NULL::date
    FROM (VALUES ('openCasesByStatus', r.status), ('openCasesByType', r.trafficking_type), ('openCasesByVenue', coalesce(r.venue, 'NOT_RECORDED'))) x(i, k)
   WHERE r.status <> 'CLOSED'
  UNION ALL
  SELECT r.agency_id, 'openCasesByCounty', coalesce(cc, 'Not recorded'), '', NULL::date
    FROM unnest(CASE WHEN cardinality(r.counties) = 0 THEN ARRAY[NULL::text] ELSE r.counties END) cc
   WHERE r.status <> 'CLOSED'
  UNION ALL
  -- The assignee's id stays inside the rollup: only one's own agency view turns it into a name.
  SELECT r.agency_id, 'caseload', a::text, '', NULL::date FROM unnest(r.assignee_ids) a WHERE r.status <> 'CLOSED'
$$;

CREATE FUNCTION app_dash_facts_victims(r victims) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, 'victimsIdentifiedByMonth',
         CASE WHEN r.minor_at_exploitation THEN 'MINOR' ELSE 'ADULT' END || '_' || r.trafficking_type, '', r.identified_on
$$;

CREATE FUNCTION app_dash_facts_services(r services) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, 'servicesByCategoryAndStatus', r.category, r.status, NULL::date
$$;

CREATE FUNCTION app_dash_facts_referrals(r referrals) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.to_agency_id, 'referralsPending', '', '', NULL::date WHERE r.status = 'PENDING'
  UNION ALL
  SELECT r.to_agency_id, 'referralMinutes', app_dash_minutes_bucket(extract(epoch FROM r.answered_at - r.created_at) / 60)::text, '',
         (r.created_at AT TIME ZONE 'UTC')::date
   WHERE r.answered_at IS NOT NULL
$$;

CREATE FUNCTION app_dash_facts_deadlines(r deadlines) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, 'deadlinesOverdue', '', '', NULL::date WHERE r.status = 'OVERDUE'
  UNION ALL
  SELECT r.agency_id, 'deadlinesOpen', '', '', r.due_on WHERE r.status = 'OPEN'
$$;

CREATE FUNCTION app_dash_facts_charges(r charges) RETURNS TABLE (agency_id uuid, indicator text, k1 text, k2 text, day date)
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT r.agency_id, 'chargesByDisposition', r.disposition, '', NULL::date
$$;

-- One trigger function for every counted table: the facts of the new rows count +1, of the old
-- rows -1, grouped; what nets to nothing (an update that moves no count) is not written.
CREATE FUNCTION app_dash_track() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE parts text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN parts := parts || format('SELECT f.*, 1 AS n FROM new_rows r, %I(r) f', TG_ARGV[0]); END IF;
  IF TG_OP <> 'INSERT' THEN parts := parts || format('SELECT f.*, -1 AS n FROM old_rows r, %I(r) f', TG_ARGV[0]); END IF;
  EXECUTE format('INSERT INTO dashboard_deltas (agency_id, indicator, k1, k2, day, n)
                  SELECT agency_id, indicator, k1, k2, day, sum(n) FROM (%s) d GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0',
                 array_to_string(parts, ' UNION ALL '));
  RETURN NULL;
END $$;

CREATE FUNCTION app_dashboard_compact() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE moved integer;
BEGIN
  -- One compaction at a time (a second caller has nothing to do until the first commits).
  IF NOT pg_try_advisory_xact_lock(hashtext('app_dashboard_compact')) THEN RETURN 0; END IF;
  WITH gone AS (DELETE FROM dashboard_deltas RETURNING agency_id, indicator, k1, k2, day, n),
  per AS (
    SELECT 'S' AS grain, '-infinity'::date AS bucket, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NULL
    UNION ALL
    SELECT 'U', day, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator = 'deadlinesOpen'
    UNION ALL
    SELECT 'D', day, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator <> 'deadlinesOpen'
    UNION ALL
    SELECT 'M', date_trunc('month', day)::date, indicator, agency_id, k1, k2, n FROM gone WHERE day IS NOT NULL AND indicator <> 'deadlinesOpen'
  )
  INSERT INTO dashboard_totals AS t (grain, bucket, indicator, agency_id, k1, k2, n)
  SELECT grain, bucket, indicator, agency_id, k1, k2, sum(n) FROM per GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  ON CONFLICT (grain, bucket, indicator, agency_id, k1, k2) DO UPDATE SET n = t.n + excluded.n;
  GET DIAGNOSTICS moved = ROW_COUNT;
  DELETE FROM dashboard_totals WHERE n = 0;
  RETURN moved;
END $$;
REVOKE ALL ON FUNCTION app_dashboard_compact() FROM PUBLIC;

DO $$
DECLARE t text; f text;
BEGIN
  FOR t, f IN SELECT * FROM (VALUES ${TRACKED.map(([t, f]) => `('${t}', '${f}')`).join(', ')}) x LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dash_track(%L)', t || '_dash_ins', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dash_track(%L)', t || '_dash_upd', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dash_track(%L)', t || '_dash_del', t, f);
    -- What is already there counts from the start.
    EXECUTE format('INSERT INTO dashboard_deltas (agency_id, indicator, k1, k2, day, n)
                    SELECT f.agency_id, f.indicator, f.k1, f.k2, f.day, count(*) FROM %I r, %I(r) f GROUP BY 1, 2, 3, 4, 5', t, f);
  END LOOP;
END $$;
SELECT app_dashboard_compact();

DROP FUNCTION app_dashboard_counts(boolean, date, date);
CREATE FUNCTION app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date)
RETURNS TABLE (indicator text, k1 text, k2 text, n bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me_agency uuid := app_agency_id();
  me_tf uuid := app_task_force_id();
  scope uuid[];
  fm date;  -- first day of the first whole month in the period
  lm date;  -- the day after the last whole month
  overdue bigint;
BEGIN
  IF me_tf IS NULL THEN RAISE EXCEPTION 'dashboard needs a signed-in principal' USING ERRCODE = '42501'; END IF;
  IF NOT (app_has_role('SUPERVISOR') OR (p_task_force_wide AND app_has_role('TASK_FORCE_COORDINATOR'))) THEN
    RAISE EXCEPTION 'dashboard scope not allowed for this role' USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(a.id) INTO scope FROM agencies a WHERE a.task_force_id = me_tf AND (p_task_force_wide OR a.id = me_agency);
  fm := date_trunc('month', p_from)::date;
  IF fm < p_from THEN fm := (fm + interval '1 month')::date; END IF;
  lm := date_trunc('month', p_to + 1)::date;
  IF fm >= lm THEN fm := p_to + 1; lm := p_to + 1; END IF;
  SELECT count(*) INTO overdue FROM referrals r
   WHERE r.status = 'PENDING' AND r.respond_by < now() AND r.to_agency_id = ANY (scope);
  RETURN QUERY
  WITH dated AS (
    SELECT t.indicator, t.k1, t.k2, t.bucket AS month, t.n FROM dashboard_totals t
     WHERE t.grain = 'M' AND t.bucket >= fm AND t.bucket < lm AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT t.indicator, t.k1, t.k2, date_trunc('month', t.bucket)::date, t.n FROM dashboard_totals t
     WHERE t.grain = 'D' AND t.bucket >= p_from AND t.bucket < fm AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT t.indicator, t.k1, t.k2, date_trunc('month', t.bucket)::date, t.n FROM dashboard_totals t
     WHERE t.grain = 'D' AND t.bucket >= lm AND t.bucket <= p_to AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.indicator, d.k1, d.k2, date_trunc('month', d.day)::date, d.n::bigint FROM dashboard_deltas d
     WHERE d.day BETWEEN p_from AND p_to AND d.indicator <> 'deadlinesOpen' AND d.agency_id = ANY (scope)
  ), now_counts AS (
    SELECT t.indicator, t.k1, t.k2, t.n FROM dashboard_totals t WHERE t.grain = 'S' AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.indicator, d.k1, d.k2, d.n::bigint FROM dashboard_deltas d WHERE d.day IS NULL AND d.agency_id = ANY (scope)
  ), due AS (
    SELECT t.n FROM dashboard_totals t
     WHERE t.grain = 'U' AND t.bucket <= current_date + 30 AND t.indicator = 'deadlinesOpen' AND t.agency_id = ANY (scope)
    UNION ALL
    SELECT d.n::bigint FROM dashboard_deltas d
     WHERE d.indicator = 'deadlinesOpen' AND d.day <= current_date + 30 AND d.agency_id = ANY (scope)
  ), hist AS (
    SELECT x.k1::integer AS upto, sum(x.n) AS n FROM dated x WHERE x.indicator = 'referralMinutes' GROUP BY 1 HAVING sum(x.n) > 0
  ), cum AS (
    SELECT h.upto, sum(h.n) OVER (ORDER BY h.upto) AS c, sum(h.n) OVER () AS total FROM hist h
  ), pending AS (
    SELECT coalesce(sum(x.n), 0) AS n FROM now_counts x WHERE x.indicator = 'referralsPending'
  )
    SELECT 'leadsBySourceAndMonth', x.k1, to_char(x.month, 'YYYY-MM'), sum(x.n)::bigint
      FROM dated x WHERE x.indicator = 'leadsBySourceAndMonth' GROUP BY x.k1, x.month HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'leadConversion', x.k1, NULL, sum(x.n)::bigint FROM dated x WHERE x.indicator = 'leadConversion' GROUP BY x.k1 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT x.indicator, x.k1, nullif(x.k2, ''), sum(x.n)::bigint FROM now_counts x
     WHERE x.indicator IN ('openCasesByStatus', 'openCasesByType', 'openCasesByVenue', 'openCasesByCounty', 'servicesByCategoryAndStatus', 'chargesByDisposition')
     GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'victimsIdentifiedByMonth', to_char(x.month, 'YYYY-MM'), x.k1, sum(x.n)::bigint
      FROM dated x WHERE x.indicator = 'victimsIdentifiedByMonth' GROUP BY x.month, x.k1 HAVING sum(x.n) <> 0
    UNION ALL
    SELECT 'referralsAnswerPending', 'PENDING', NULL, (p.n - overdue)::bigint FROM pending p WHERE p.n - overdue > 0
    UNION ALL
    SELECT 'referralsAnswerPending', 'OVERDUE', NULL, overdue WHERE overdue > 0
    UNION ALL
    SELECT 'referralMinutesToAnswer', 'MEDIAN', NULL, min(c.upto)::bigint FROM cum c WHERE c.c * 2 >= c.total HAVING count(*) > 0
    UNION ALL
    SELECT 'referralsAnswered', 'ANSWERED', NULL, coalesce(sum(h.n), 0)::bigint FROM hist h
    UNION ALL
    SELECT 'deadlines', 'OVERDUE', NULL, sum(x.n)::bigint FROM now_counts x WHERE x.indicator = 'deadlinesOverdue' HAVING sum(x.n) > 0
    UNION ALL
    SELECT 'deadlines', 'DUE_WITHIN_30_DAYS', NULL, sum(u.n)::bigint FROM due u HAVING sum(u.n) > 0
    UNION ALL
    -- The caseload names one's own staff, in one's own agency's view only.
    SELECT 'caseloadPerInvestigator', u.display_name, NULL,
           coalesce((SELECT sum(x.n) FROM now_counts x WHERE x.indicator = 'caseload' AND x.k1 = u.id::text), 0)::bigint
      FROM users u
     WHERE NOT p_task_force_wide AND u.agency_id = me_agency AND u.active AND 'INVESTIGATOR' = ANY (u.roles);
END $$;
REVOKE ALL ON FUNCTION app_dashboard_counts(boolean, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_dashboard_counts(boolean, date, date) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS app_dashboard_counts(boolean, date, date);
${TRACKED.map(([t]) => `DROP TRIGGER IF EXISTS ${t}_dash_ins ON ${t}; DROP TRIGGER IF EXISTS ${t}_dash_upd ON ${t}; DROP TRIGGER IF EXISTS ${t}_dash_del ON ${t};`).join('\n')}
DROP FUNCTION IF EXISTS app_dash_track();
DROP FUNCTION IF EXISTS app_dashboard_compact();
${TRACKED.map(([t, f]) => `DROP FUNCTION IF EXISTS ${f}(${t});`).join('\n')}
DROP FUNCTION IF EXISTS app_dash_minutes_bucket(numeric);
DROP INDEX IF EXISTS referrals_pending_respond_by_idx;
DROP TABLE IF EXISTS dashboard_totals;
DROP TABLE IF EXISTS dashboard_deltas;
`);
    await q.query(DASHBOARD_COUNTS_FROM_BASE_TABLES);
  }
}
