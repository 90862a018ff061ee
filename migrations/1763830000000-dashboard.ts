import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first counting function, over the base tables (replaced by the rollup in 1763840000000; its down restores this). */
export const DASHBOARD_COUNTS_FROM_BASE_TABLES = `
CREATE FUNCTION app_dashboard_counts(p_task_force_wide boolean, p_from date, p_to date)
RETURNS TABLE (indicator text, k1 text, k2 text, n bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me_agency uuid := app_agency_id();
  me_tf uuid := app_task_force_id();
  scope uuid[];
BEGIN
  IF me_tf IS NULL THEN RAISE EXCEPTION 'dashboard needs a signed-in principal' USING ERRCODE = '42501'; END IF;
  IF NOT (app_has_role('SUPERVISOR') OR (p_task_force_wide AND app_has_role('TASK_FORCE_COORDINATOR'))) THEN
    RAISE EXCEPTION 'dashboard scope not allowed for this role' USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(a.id) INTO scope FROM agencies a WHERE a.task_force_id = me_tf AND (p_task_force_wide OR a.id = me_agency);
  RETURN QUERY
    SELECT 'leadsBySourceAndMonth', l.source, to_char(l.received_at AT TIME ZONE 'UTC', 'YYYY-MM'), count(*)
      FROM leads l WHERE l.agency_id = ANY (scope) AND l.received_at >= p_from AND l.received_at < p_to + 1 GROUP BY 2, 3
    UNION ALL
    SELECT 'leadConversion', CASE WHEN l.status = 'PROMOTED' THEN 'PROMOTED' ELSE 'NOT_PROMOTED' END, NULL, count(*)
      FROM leads l WHERE l.agency_id = ANY (scope) AND l.received_at >= p_from AND l.received_at < p_to + 1 GROUP BY 2
    UNION ALL
    SELECT 'openCasesByStatus', c.status, NULL, count(*) FROM cases c WHERE c.agency_id = ANY (scope) AND c.status <> 'CLOSED' GROUP BY 2
    UNION ALL
    SELECT 'openCasesByType', c.trafficking_type, NULL, count(*) FROM cases c WHERE c.agency_id = ANY (scope) AND c.status <> 'CLOSED' GROUP BY 2
    UNION ALL
    SELECT 'openCasesByVenue', coalesce(c.venue, 'NOT_RECORDED'), NULL, count(*) FROM cases c WHERE c.agency_id = ANY (scope) AND c.status <> 'CLOSED' GROUP BY 2
    UNION ALL
    SELECT 'openCasesByCounty', coalesce(cc.county, 'Not recorded'), NULL, count(*)
      FROM cases c LEFT JOIN LATERAL unnest(c.counties) AS cc(county) ON true
      WHERE c.agency_id = ANY (scope) AND c.status <> 'CLOSED' GROUP BY 2
    UNION ALL
    SELECT 'victimsIdentifiedByMonth', to_char(v.identified_on, 'YYYY-MM'),
           CASE WHEN v.minor_at_exploitation THEN 'MINOR' ELSE 'ADULT' END || '_' || v.trafficking_type, count(*)
      FROM victims v WHERE v.agency_id = ANY (scope) AND v.identified_on BETWEEN p_from AND p_to GROUP BY 2, 3
    UNION ALL
    SELECT 'servicesByCategoryAndStatus', s.category, s.status, count(*) FROM services s WHERE s.agency_id = ANY (scope) GROUP BY 2, 3
    UNION ALL
    SELECT 'referralsAnswerPending', CASE WHEN r.respond_by < now() THEN 'OVERDUE' ELSE 'PENDING' END, NULL, count(*)
      FROM referrals r WHERE r.to_agency_id = ANY (scope) AND r.status = 'PENDING' GROUP BY 2
    UNION ALL
    SELECT 'referralMinutesToAnswer', 'MEDIAN', NULL,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.created_at) / 60))::bigint
      FROM referrals r WHERE r.to_agency_id = ANY (scope) AND r.answered_at IS NOT NULL AND r.created_at::date BETWEEN p_from AND p_to
      HAVING count(*) > 0
    UNION ALL
    SELECT 'referralsAnswered', 'ANSWERED', NULL, count(*)
      FROM referrals r WHERE r.to_agency_id = ANY (scope) AND r.answered_at IS NOT NULL AND r.created_at::date BETWEEN p_from AND p_to
    UNION ALL
    SELECT 'deadlines', CASE WHEN d.status = 'OVERDUE' THEN 'OVERDUE' ELSE 'DUE_WITHIN_30_DAYS' END, NULL, count(*)
      FROM deadlines d WHERE d.agency_id = ANY (scope) AND (d.status = 'OVERDUE' OR (d.status = 'OPEN' AND d.due_on <= current_date + 30)) GROUP BY 2
    UNION ALL
    SELECT 'chargesByDisposition', ch.disposition, NULL, count(*) FROM charges ch JOIN cases c ON c.id = ch.case_id
      WHERE c.agency_id = ANY (scope) GROUP BY 2
    UNION ALL
    -- The caseload names one's own staff, in one's own agency's view only.
    SELECT 'caseloadPerInvestigator', u.display_name, NULL, count(c.id)
      FROM users u LEFT JOIN cases c ON u.id = ANY (c.assignee_ids) AND c.status <> 'CLOSED'
      WHERE NOT p_task_force_wide AND u.agency_id = me_agency AND u.active AND 'INVESTIGATOR' = ANY (u.roles) GROUP BY u.id, 2;
END $$;
REVOKE ALL ON FUNCTION app_dashboard_counts(boolean, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_dashboard_counts(boolean, date, date) TO tf_app;
`;

/**
 * Supervisor dashboards: the narrow path through row-level security. Counts only, by indicator and
 * up to two labels, never a row, an id or a person's name (the caseload of one's own agency names
 * its own staff, for the AGENCY scope only). The caller's role and scope are checked inside:
 * AGENCY needs a SUPERVISOR and counts that agency; TASK_FORCE needs a SUPERVISOR or a
 * TASK_FORCE_COORDINATOR and counts every agency of the caller's task force. Small-cell
 * suppression is the service's (DashboardService), on what this returns.
 */
export class Dashboard1763830000000 implements MigrationInterface {
  name = 'Dashboard1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(DASHBOARD_COUNTS_FROM_BASE_TABLES);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS app_dashboard_counts(boolean, date, date);`);
  }
}
