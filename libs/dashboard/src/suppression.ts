/* Small-cell suppression, pure (unit-tested alone). */

export interface RawCell { key: string; key2: string | null; count: number }
export interface ShownCell { key: string; key2: string | null; count: number | null; suppressed: boolean }
export interface ShownIndicator { total: number | null; totalSuppressed: boolean; cells: ShownCell[] }

const small = (n: number, threshold: number) => n >= 1 && n < threshold;

/**
 * Hides every count from 1 to threshold - 1, and whatever would give one back by subtraction: the
 * indicator's total is shown (unless small itself), so a lone hidden cell would be the total minus
 * the shown ones; the smallest other non-zero cell is hidden with it. With the total hidden too,
 * the shown cells cannot be subtracted from anything.
 */
export function suppress(cells: RawCell[], threshold: number): ShownIndicator {
  const total = cells.reduce((s, c) => s + c.count, 0);
  const hidden = new Set(cells.map((c, i) => (small(c.count, threshold) ? i : -1)).filter((i) => i >= 0));
  const totalSuppressed = small(total, threshold);
  if (hidden.size === 1 && !totalSuppressed) {
    const partner = cells
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => !hidden.has(i) && c.count > 0)
      .sort((a, b) => a.c.count - b.c.count)[0];
    // Only the hidden cell is non-zero: the total equals it, so the total goes too.
    if (partner) hidden.add(partner.i);
    else return { total: null, totalSuppressed: true, cells: cells.map((c, i) => show(c, hidden.has(i))) };
  }
  return { total: totalSuppressed ? null : total, totalSuppressed, cells: cells.map((c, i) => show(c, hidden.has(i))) };
}

function show(c: RawCell, hidden: boolean): ShownCell {
  return { key: c.key, key2: c.key2, count: hidden ? null : c.count, suppressed: hidden };
}
