/*
 * How a dashboard count is shown. The task-force view never prints a number from 1 to the
 * threshold minus one, and never draws a bar for a hidden cell: the API hides those counts, and
 * this module hides them again should one ever arrive unflagged (ADR 0009).
 */
import type { DashboardScope } from '../../../gql/graphql';

export interface Cell {
  key: string;
  key2?: string | null;
  count?: number | null;
  suppressed: boolean;
  withheld: boolean;
}
export interface Indicator {
  name: string;
  cells: Cell[];
  total?: number | null;
  totalSuppressed: boolean;
}

/** What one cell says: a number that may be shown, "fewer than T", or "withheld" (any number). */
export type CellView = { kind: 'count'; count: number } | { kind: 'suppressed' } | { kind: 'withheld' };

/** A count the view may print: in the task-force view, 0 or at least the threshold. */
function printable(n: number | null | undefined, scope: DashboardScope, threshold: number): n is number {
  if (n === null || n === undefined || !Number.isFinite(n)) return false;
  return scope === 'AGENCY' || n === 0 || n >= threshold;
}

export function cellView(cell: Pick<Cell, 'count' | 'suppressed' | 'withheld'>, scope: DashboardScope, threshold: number): CellView {
  if (cell.withheld) return { kind: 'withheld' };
  if (cell.suppressed || !printable(cell.count, scope, threshold)) return { kind: 'suppressed' };
  return { kind: 'count', count: cell.count };
}

/** The indicator's total, or null when it is not shown. */
export function totalView(ind: Pick<Indicator, 'total' | 'totalSuppressed'>, scope: DashboardScope, threshold: number): number | null {
  return !ind.totalSuppressed && printable(ind.total, scope, threshold) ? ind.total : null;
}

/** The height of a cell's bar: hidden cells get none. */
export function barValue(view: CellView): number | null {
  return view.kind === 'count' ? view.count : null;
}

type Words = (key: string, opts?: Record<string, unknown>) => string;

/** A cell in words: the number, "fewer than 5" or "withheld". */
export function cellText(view: CellView, threshold: number, t: Words, format: (n: number) => string = String): string {
  if (view.kind === 'withheld') return t('oversight.cell.withheld');
  if (view.kind === 'suppressed') return t('oversight.cell.fewerThan', { threshold: format(threshold) });
  return format(view.count);
}

/**
 * The median time to answer, in words whose number is never below 5 (the API's buckets start at
 * 5 minutes): minutes below 300, hours below 120, then days.
 */
export function medianWords(minutes: number, t: Words): string {
  if (minutes < 300) return t('oversight.median.minutes', { count: Math.round(minutes) });
  if (minutes < 120 * 60) return t('oversight.median.hours', { count: Math.round(minutes / 60) });
  return t('oversight.median.days', { count: Math.round(minutes / 1440) });
}

// The shape of an indicator: which key runs along the chart's axis, and which (if any) splits it.

const MONTH = /^\d{4}-\d{2}$/;

export interface Layout {
  /** Along the axis (table rows), in order. */
  rows: string[];
  /** The series (table columns); [null] for an indicator with one key. */
  columns: (string | null)[];
  /** Whether the row keys are months (YYYY-MM). */
  rowsAreMonths: boolean;
  /** The cell at (row, column), and the key and key2 it has in the API's answer. */
  at(row: string, column: string | null): Cell | undefined;
}

/** Months in order; other keys in the order the API gave them. */
function ordered(keys: string[], months: boolean): string[] {
  const unique = [...new Set(keys)];
  return months ? unique.sort() : unique;
}

export function layout(ind: Pick<Indicator, 'cells'>): Layout {
  const cells = ind.cells;
  const twoKeys = cells.some((c) => c.key2 != null);
  const keyIsMonth = cells.length > 0 && cells.every((c) => MONTH.test(c.key));
  const key2IsMonth = twoKeys && cells.every((c) => c.key2 != null && MONTH.test(c.key2));
  // Rows run along the key that is a month, if one is; otherwise along the first key.
  const rowsOnKey2 = twoKeys && !keyIsMonth && key2IsMonth;
  const rowOf = (c: Cell) => (rowsOnKey2 && c.key2 != null ? c.key2 : c.key);
  const columnOf = (c: Cell): string | null => (!twoKeys ? null : rowsOnKey2 ? c.key : (c.key2 ?? null));
  const rowsAreMonths = rowsOnKey2 || keyIsMonth;
  const byPlace = new Map(cells.map((c) => [`${rowOf(c)}\u0000${columnOf(c) ?? ''}`, c]));
  return {
    rows: ordered(cells.map(rowOf), rowsAreMonths),
    columns: twoKeys
      ? ordered(
          cells.map(columnOf).filter((c) => c !== null),
          false,
        )
      : [null],
    rowsAreMonths,
    at: (row, column) => byPlace.get(`${row}\u0000${column ?? ''}`),
  };
}

/**
 * A cell missing from the answer: the agency view lists only counts above zero (so it is 0); the
 * task-force view lists every key, and anything missing is treated as hidden.
 */
export function missingCell(scope: DashboardScope): Pick<Cell, 'count' | 'suppressed' | 'withheld'> {
  return scope === 'AGENCY' ? { count: 0, suppressed: false, withheld: false } : { count: null, suppressed: true, withheld: false };
}
