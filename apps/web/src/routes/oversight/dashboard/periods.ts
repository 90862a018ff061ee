/*
 * The periods the dashboard offers. The task-force view answers only a calendar month, a calendar
 * quarter or a federal fiscal year (October to September) that has ended (ADR 0009); the agency
 * view any days. Dates are YYYY-MM-DD; "today" is the API's (UTC) day, so the console never offers
 * a period the API would still call open.
 */

export type PeriodKind = 'MONTH' | 'QUARTER' | 'FISCAL_YEAR';

export interface ClosedPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** Today as YYYY-MM-DD in UTC: the day the API decides "ended" by. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const firstOf = (y: number, m: number) => `${y}-${pad(m)}-01`;
const lastOf = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;

/** Months as a running index (year * 12 + month - 1), so that stepping back crosses years. */
const index = (y: number, m: number) => y * 12 + m - 1;
const fromIndex = (i: number): [number, number] => [Math.floor(i / 12), (i % 12) + 1];

/**
 * The closed periods before `today`, newest first within each kind: `months` calendar months,
 * `quarters` calendar quarters and `fiscalYears` federal fiscal years, each ended before the
 * month of today.
 */
export function closedPeriods(today: string, counts = { months: 24, quarters: 8, fiscalYears: 3 }): ClosedPeriod[] {
  const [ty, tm] = today.split('-').map(Number);
  const current = index(ty, tm);
  const out: ClosedPeriod[] = [];
  for (let k = 1; k <= counts.fiscalYears; k++) {
    // Fiscal year N runs from October N-1 to September N; the newest ended before this month.
    const lastSeptember = tm > 9 ? ty : ty - 1;
    const fy = lastSeptember - (k - 1);
    out.push({ kind: 'FISCAL_YEAR', from: firstOf(fy - 1, 10), to: lastOf(fy, 9) });
  }
  // The newest quarter whose last month is before the current month.
  let q = current - 1;
  while ((fromIndex(q)[1] - 1) % 3 !== 2) q--;
  for (let k = 0; k < counts.quarters; k++, q -= 3) {
    const [ey, em] = fromIndex(q);
    const [sy, sm] = fromIndex(q - 2);
    out.push({ kind: 'QUARTER', from: firstOf(sy, sm), to: lastOf(ey, em) });
  }
  for (let k = 1; k <= counts.months; k++) {
    const [y, m] = fromIndex(current - k);
    out.push({ kind: 'MONTH', from: firstOf(y, m), to: lastOf(y, m) });
  }
  return out;
}

/** The period the task-force view opens with: the newest closed quarter. */
export function defaultClosedPeriod(today: string): ClosedPeriod {
  const quarter = closedPeriods(today).find((p) => p.kind === 'QUARTER');
  if (!quarter) throw new Error('closedPeriods lists the closed quarters.');
  return quarter;
}

/** The closed period these days name, if it is one the picker offers. */
export function findClosedPeriod(today: string, from: string | undefined, to: string | undefined): ClosedPeriod | undefined {
  return closedPeriods(today).find((p) => p.from === from && p.to === to);
}

/** The agency view's default: from the first day of the month eleven months back to today. */
export function defaultAgencyPeriod(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const [sy, sm] = fromIndex(index(y, m) - 11);
  return { from: firstOf(sy, sm), to: today };
}

/** A day that exists on the calendar, as YYYY-MM-DD. */
export function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The days of one month (YYYY-MM) that fall inside the period from..to. */
export function monthWithin(month: string, from: string, to: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const start = firstOf(y, m);
  const end = lastOf(y, m);
  return { from: start > from ? start : from, to: end < to ? end : to };
}
