import type { TestApp } from './test-app';
import { graphql } from '../gql';
import type { DashboardDashboardQuery } from '../gql/graphql';

/** A dashboard as the suites select it. */
export type Dashboard = DashboardDashboardQuery['dashboard'];

/** The dashboard query the suites send. */
export const DASHBOARD = graphql(`
  query DashboardDashboard($s: DashboardScope!, $f: String!, $t: String!) {
    dashboard(scope: $s, from: $f, to: $t) {
      scope
      suppressionThreshold
      referralMedianMinutesToAnswer
      stocksAsOf
      indicators {
        name
        total
        totalSuppressed
        cells {
          key
          key2
          count
          suppressed
          withheld
        }
      }
    }
  }
`);

/**
 * What an agency's dashboard must say for a period, counted by hand from its records as the owner
 * (indicator -> "key|key2" -> count), for the indicators whose counts are exact.
 */
export async function dashboardFromRecords(
  t: TestApp,
  shortCode: string,
  from: string,
  to: string,
): Promise<Record<string, Record<string, number>>> {
  const [agency] = await t.ownerQuery(`SELECT id FROM agencies WHERE short_code = $1`, [shortCode]);
  const q = async (sql: string, dated = false) =>
    Object.fromEntries(
      (await t.ownerQuery<{ k: string; n: number }>(sql, dated ? [agency.id, from, to] : [agency.id])).map((r) => [r.k, r.n]),
    );
  return {
    leadsBySourceAndMonth: await q(
      `SELECT source || '|' || to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS k, count(*)::int AS n FROM leads
      WHERE agency_id = $1 AND (received_at AT TIME ZONE 'UTC')::date BETWEEN $2 AND $3 GROUP BY 1`,
      true,
    ),
    leadConversion: await q(
      `SELECT CASE WHEN status = 'PROMOTED' THEN 'PROMOTED' ELSE 'NOT_PROMOTED' END || '|' AS k, count(*)::int AS n FROM leads
      WHERE agency_id = $1 AND (received_at AT TIME ZONE 'UTC')::date BETWEEN $2 AND $3 GROUP BY 1`,
      true,
    ),
    openCasesByStatus: await q(
      `SELECT status || '|' AS k, count(*)::int AS n FROM cases WHERE agency_id = $1 AND status <> 'CLOSED' GROUP BY 1`,
    ),
    openCasesByCounty: await q(`SELECT coalesce(cc, 'Not recorded') || '|' AS k, count(*)::int AS n FROM cases
      LEFT JOIN LATERAL unnest(counties) cc ON true WHERE agency_id = $1 AND status <> 'CLOSED' GROUP BY 1`),
    victimsIdentifiedByMonth: await q(
      `SELECT to_char(identified_on, 'YYYY-MM') || '|' || CASE WHEN minor_at_exploitation THEN 'MINOR' ELSE 'ADULT' END || '_' || trafficking_type AS k,
      count(*)::int AS n FROM victims WHERE agency_id = $1 AND identified_on BETWEEN $2 AND $3 GROUP BY 1`,
      true,
    ),
    servicesByCategoryAndStatus: await q(
      `SELECT category || '|' || status AS k, count(*)::int AS n FROM services WHERE agency_id = $1 GROUP BY 1`,
    ),
    chargesByDisposition: await q(`SELECT disposition || '|' AS k, count(*)::int AS n FROM charges WHERE agency_id = $1 GROUP BY 1`),
  };
}

/** The cells a dashboard shows for the given indicators, in the same shape. */
export function dashboardCells(d: Dashboard, names: string[]): Record<string, Record<string, number | null>> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      Object.fromEntries(d.indicators.find((i) => i.name === name)!.cells.map((c) => [`${c.key}|${c.key2 ?? ''}`, c.count])),
    ]),
  );
}
