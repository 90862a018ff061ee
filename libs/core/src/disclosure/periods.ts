/*
 * The periods a cross-agency number may cover: whole calendar months, calendar quarters and
 * federal fiscal years (October to September) that have ended. They nest (month, quarter, fiscal
 * year), so every published total is a sum of the same frozen months (ADR 0009).
 */

export interface ClosedPeriod {
  kind: 'MONTH' | 'QUARTER' | 'FISCAL_YEAR';
  /** The months covered, as YYYY-MM, in order. */
  months: string[];
  /** The totals that may be published inside the period, finest first: its months, its quarters, itself. */
  nodes: string[][];
}

const month = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Months from (y, m) on, n of them. */
function monthsFrom(y: number, m: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => month(y + Math.floor((m - 1 + i) / 12), ((m - 1 + i) % 12) + 1));
}

/** The whole quarters among consecutive months, each as its months. */
function quartersIn(months: string[]): string[][] {
  return months
    .filter((x) => [1, 4, 7, 10].includes(Number(x.slice(5))))
    .map((x) => monthsFrom(Number(x.slice(0, 4)), Number(x.slice(5)), 3))
    .filter((q) => q.every((x) => months.includes(x)));
}

export const CLOSED_PERIOD_RULE =
  'The task-force view covers a calendar month, a calendar quarter or a federal fiscal year (1 October to 30 September) that has ended: for example from 2026-07-01 to 2026-09-30.';

/**
 * The closed period from `from` to `to` (YYYY-MM-DD), or null when the days are not one: a month,
 * a quarter or a fiscal year, ended before the month of `today`.
 */
export function closedPeriod(from: string, to: string, today: string): ClosedPeriod | null {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (fd !== 1 || td !== lastDay(ty, tm) || to.slice(0, 7) >= today.slice(0, 7)) return null;
  const span = (ty - fy) * 12 + (tm - fm) + 1;
  let kind: ClosedPeriod['kind'] | null = null;
  if (span === 1) kind = 'MONTH';
  else if (span === 3 && [1, 4, 7, 10].includes(fm)) kind = 'QUARTER';
  else if (span === 12 && fm === 10) kind = 'FISCAL_YEAR';
  if (!kind) return null;
  const months = monthsFrom(fy, fm, span);
  const nodes = [...months.map((x) => [x]), ...(kind === 'MONTH' ? [] : quartersIn(months)), ...(kind === 'FISCAL_YEAR' ? [months] : [])];
  return { kind, months, nodes };
}
