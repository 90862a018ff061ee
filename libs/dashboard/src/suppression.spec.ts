import { suppress } from './suppression';

const cells = (...counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, key2: null, count }));
const shown = (r: ReturnType<typeof suppress>) => r.cells.map((c) => c.count);

describe('small-cell suppression (unit)', () => {
  it('shows counts at or over the threshold, and zeros', () => {
    expect(shown(suppress(cells(5, 12, 0), 5))).toEqual([5, 12, 0]);
    expect(suppress(cells(5, 12, 0), 5).total).toBe(17);
  });

  it('hides counts from 1 to threshold - 1', () => {
    const r = suppress(cells(3, 2, 40), 5);
    expect(shown(r)).toEqual([null, null, 40]);
    expect(r.cells.map((c) => c.suppressed)).toEqual([true, true, false]);
  });

  it('a lone hidden cell takes the smallest other non-zero cell with it, so the total cannot give it back', () => {
    const r = suppress(cells(2, 9, 40, 0), 5);
    expect(shown(r)).toEqual([null, null, 40, 0]);
    expect(r.total).toBe(51);
  });

  it('a small total is hidden, and so is a total equal to its only non-zero (hidden) cell', () => {
    expect(suppress(cells(1, 2), 5)).toMatchObject({ total: null, totalSuppressed: true });
    expect(suppress(cells(3, 0), 5)).toMatchObject({ total: null, totalSuppressed: true });
  });

  it('the threshold is configurable', () => {
    expect(shown(suppress(cells(7, 30), 10))).toEqual([null, null]);
    expect(shown(suppress(cells(7, 30), 3))).toEqual([7, 30]);
  });
});
