import { col, query, Row } from '@app/core';

/** The dashboards' SQL (dashboard.service.ts, dashboard-compact.job.ts): each reads through one definer function. */

/** One's own agency's exact counts for a period of days. */
export const agencyCounts = query(`SELECT indicator, k1, k2, n FROM app_dashboard_counts(false, $1, $2)`, {
  indicator: col.text,
  k1: col.text,
  k2: col.text.null,
  n: col.bigint,
});

/** The task force's counts frozen for a closed period: grain 'M' (a closed month) or 'S' (the counts now, with the day frozen). */
export const taskForceCounts = query(
  `SELECT grain, to_char(month, 'YYYY-MM-DD') AS month, indicator, k1, k2, n, to_char(frozen_on, 'YYYY-MM-DD') AS frozen_on
     FROM app_dashboard_task_force($1, $2)`,
  { grain: col.text, month: col.text, indicator: col.text, k1: col.text, k2: col.text, n: col.bigint, frozen_on: col.text.null },
);
export type FrozenCountRow = Row<typeof taskForceCounts>;

/** The job: the counts written since (dashboard_deltas) join the totals; the number of deltas moved. */
export const compactDashboard = query(`SELECT app_dashboard_compact() AS moved`, { moved: col.int });
