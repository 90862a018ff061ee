import { MigrationInterface, QueryRunner } from 'typeorm';

const DATED = `('leadsBySourceAndMonth', 'leadConversion', 'victimsIdentifiedByMonth', 'referralMinutes')`;
const STOCKS = `('openCasesByStatus', 'openCasesByType', 'openCasesByVenue', 'openCasesByCounty', 'servicesByCategoryAndStatus',
                 'chargesByDisposition', 'referralsAnswerPending', 'deadlines')`;

/**
 * Task-force counts by closed period only, frozen (ADR 0009).
 *
 * - The task-force view counts whole months that have ended. The first read of a month after it
 *   ends freezes that month's counts for the task force (`dashboard_tf_counts`, grain 'M'); every
 *   later view of the month, its quarter or its fiscal year reads the frozen counts. A record
 *   entered late (a lead dated last month, a victim identified in March and registered in April)
 *   counts in the agency view, never in a task-force month already published: two reads of the
 *   same period can no longer differ by one person.
 * - The counts "now" (open cases, services, pending referrals, deadlines, charges) are frozen once
 *   a calendar month (grain 'S', at the month's first task-force read), with the number of cases
 *   ever recorded per county (the county list the view may name).
 * - `app_dashboard_counts` keeps answering the agency view; its task-force mode is no longer open to
 *   the app (renamed `app_dashboard_counts_raw`, called only by the freezing function).
 * Neither table is readable by the app role.
 */
export class DashboardTaskForcePeriods1763870000000 implements MigrationInterface {
  name = 'DashboardTaskForcePeriods1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE dashboard_tf_frozen (
  task_force_id uuid NOT NULL,
  grain         char(1) NOT NULL CHECK (grain IN ('M', 'S')),
  month         date NOT NULL CHECK (month = date_trunc('month', month)::date),
  frozen_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_force_id, grain, month)
);
CREATE TABLE dashboard_tf_counts (
  task_force_id uuid NOT NULL,
  grain         char(1) NOT NULL,
  month         date NOT NULL,
  indicator     text NOT NULL,
  k1            text NOT NULL,
  k2            text NOT NULL,
  n             bigint NOT NULL,
  PRIMARY KEY (task_force_id, grain, month, indicator, k1, k2),
  FOREIGN KEY (task_force_id, grain, month) REFERENCES dashboard_tf_frozen (task_force_id, grain, month)
);
ALTER TABLE dashboard_tf_frozen ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_tf_frozen FORCE ROW LEVEL SECURITY;
ALTER TABLE dashboard_tf_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_tf_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_tf_frozen_maintenance ON dashboard_tf_frozen TO tf_maintenance USING (true) WITH CHECK (true);
CREATE POLICY dashboard_tf_counts_maintenance ON dashboard_tf_counts TO tf_maintenance USING (true) WITH CHECK (true);
REVOKE ALL ON dashboard_tf_frozen, dashboard_tf_counts FROM PUBLIC;

ALTER FUNCTION app_dashboard_counts(boolean, date, date) RENAME TO app_dashboard_counts_raw;
REVOKE ALL ON FUNCTION app_dashboard_counts_raw(boolean, date, date) FROM PUBLIC, tf_app;

-- The agency view, as before; the task-force view goes through app_dashboard_task_force.
CREATE FUNCTION app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date)
RETURNS TABLE (indicator text, k1 text, k2 text, n bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_task_force_wide THEN
    RAISE EXCEPTION 'task-force counts are read by closed period, through app_dashboard_task_force' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY SELECT * FROM app_dashboard_counts_raw(false, p_from, p_to);
END $$;
REVOKE ALL ON FUNCTION app_dashboard_counts(boolean, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_dashboard_counts(boolean, date, date) TO tf_app;

CREATE FUNCTION app_dashboard_task_force(p_from date, p_to date)
RETURNS TABLE (grain text, month date, indicator text, k1 text, k2 text, n bigint, frozen_on date)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me_tf uuid := app_task_force_id();
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  scope uuid[];
  m date;
BEGIN
  IF me_tf IS NULL OR app_user_id() IS NULL THEN RAISE EXCEPTION 'dashboard needs a signed-in principal' USING ERRCODE = '42501'; END IF;
  IF NOT (app_has_role('SUPERVISOR') OR app_has_role('TASK_FORCE_COORDINATOR')) THEN
    RAISE EXCEPTION 'dashboard scope not allowed for this role' USING ERRCODE = '42501';
  END IF;
  IF p_from IS NULL OR p_to IS NULL OR p_from > p_to OR p_from <> date_trunc('month', p_from)::date
     OR p_to <> (date_trunc('month', p_to) + interval '1 month' - interval '1 day')::date OR p_to >= this_month THEN
    RAISE EXCEPTION 'task-force counts cover whole months that have ended' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(a.id) INTO scope FROM agencies a WHERE a.task_force_id = me_tf;
  -- One freezer at a time per task force, taken only when something is left to freeze (a read of
  -- frozen months waits on nobody); a second freezer waits, then finds the months frozen.
  IF EXISTS (SELECT 1 FROM generate_series(p_from, p_to, interval '1 month') g
              WHERE NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'M' AND f.month = g::date))
     OR NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'S' AND f.month = this_month) THEN
    PERFORM pg_advisory_xact_lock(hashtext('app_dashboard_task_force'), hashtext(me_tf::text));
  END IF;
  FOR m IN SELECT g::date FROM generate_series(p_from, p_to, interval '1 month') g LOOP
    IF NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'M' AND f.month = m) THEN
      INSERT INTO dashboard_tf_frozen (task_force_id, grain, month) VALUES (me_tf, 'M', m);
      INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
      SELECT me_tf, 'M', m, x.indicator, x.k1, x.k2, sum(x.n) FROM (
        SELECT t.indicator, t.k1, t.k2, t.n FROM dashboard_totals t
         WHERE t.grain = 'M' AND t.bucket = m AND t.agency_id = ANY (scope) AND t.indicator IN ${DATED}
        UNION ALL
        SELECT d.indicator, d.k1, d.k2, d.n::bigint FROM dashboard_deltas d
         WHERE d.day >= m AND d.day < (m + interval '1 month')::date AND d.agency_id = ANY (scope) AND d.indicator IN ${DATED}
      ) x GROUP BY x.indicator, x.k1, x.k2 HAVING sum(x.n) <> 0;
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM dashboard_tf_frozen f WHERE f.task_force_id = me_tf AND f.grain = 'S' AND f.month = this_month) THEN
    INSERT INTO dashboard_tf_frozen (task_force_id, grain, month) VALUES (me_tf, 'S', this_month);
    INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
    SELECT me_tf, 'S', this_month, c.indicator, c.k1, coalesce(c.k2, ''), c.n
      FROM app_dashboard_counts_raw(true, current_date, current_date) c WHERE c.indicator IN ${STOCKS};
    INSERT INTO dashboard_tf_counts (task_force_id, grain, month, indicator, k1, k2, n)
    SELECT me_tf, 'S', this_month, 'casesEverByCounty', cc, '', count(*)
      FROM cases c, unnest(c.counties) cc WHERE c.agency_id = ANY (scope) GROUP BY cc;
  END IF;
  RETURN QUERY
    SELECT f.grain::text, f.month, 'frozen'::text, ''::text, ''::text, 0::bigint, (f.frozen_at AT TIME ZONE 'UTC')::date
      FROM dashboard_tf_frozen f
     WHERE f.task_force_id = me_tf AND ((f.grain = 'M' AND f.month BETWEEN p_from AND p_to) OR (f.grain = 'S' AND f.month = this_month))
    UNION ALL
    SELECT c.grain::text, c.month, c.indicator, c.k1, c.k2, c.n, NULL::date
      FROM dashboard_tf_counts c
     WHERE c.task_force_id = me_tf AND ((c.grain = 'M' AND c.month BETWEEN p_from AND p_to) OR (c.grain = 'S' AND c.month = this_month));
END $$;
REVOKE ALL ON FUNCTION app_dashboard_task_force(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_dashboard_task_force(date, date) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS app_dashboard_task_force(date, date);
DROP FUNCTION IF EXISTS app_dashboard_counts(boolean, date, date);
ALTER FUNCTION app_dashboard_counts_raw(boolean, date, date) RENAME TO app_dashboard_counts;
GRANT EXECUTE ON FUNCTION app_dashboard_counts(boolean, date, date) TO tf_app;
DROP TABLE IF EXISTS dashboard_tf_counts;
DROP TABLE IF EXISTS dashboard_tf_frozen;
`);
  }
}
