import { describe, expect, it } from 'vitest';
import { closedPeriods, defaultAgencyPeriod, defaultClosedPeriod, findClosedPeriod, monthWithin, todayUtc } from './periods';

/** The API's own rule (libs/core/src/disclosure/periods.ts), restated: what it accepts, nothing else. */
function apiAccepts(from: string, to: string, today: string): boolean {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd !== 1 || td !== last || to.slice(0, 7) >= today.slice(0, 7)) return false;
  const span = (ty - fy) * 12 + (tm - fm) + 1;
  return span === 1 || (span === 3 && [1, 4, 7, 10].includes(fm)) || (span === 12 && fm === 10);
}

describe('the task-force period picker', () => {
  it('offers only closed months, quarters and fiscal years, newest first', () => {
    const p = closedPeriods('2026-12-01');
    expect(p.filter((x) => x.kind === 'FISCAL_YEAR')).toEqual([
      { kind: 'FISCAL_YEAR', from: '2025-10-01', to: '2026-09-30' },
      { kind: 'FISCAL_YEAR', from: '2024-10-01', to: '2025-09-30' },
      { kind: 'FISCAL_YEAR', from: '2023-10-01', to: '2024-09-30' },
    ]);
    expect(p.filter((x) => x.kind === 'QUARTER').slice(0, 3)).toEqual([
      { kind: 'QUARTER', from: '2026-07-01', to: '2026-09-30' },
      { kind: 'QUARTER', from: '2026-04-01', to: '2026-06-30' },
      { kind: 'QUARTER', from: '2026-01-01', to: '2026-03-31' },
    ]);
    const months = p.filter((x) => x.kind === 'MONTH');
    expect(months[0]).toEqual({ kind: 'MONTH', from: '2026-11-01', to: '2026-11-30' });
    expect(months[10]).toEqual({ kind: 'MONTH', from: '2026-01-01', to: '2026-01-31' });
    expect(months[11]).toEqual({ kind: 'MONTH', from: '2025-12-01', to: '2025-12-31' });
    expect(months).toHaveLength(24);
  });

  it('never offers the month, quarter or fiscal year still running', () => {
    // The last day of a quarter: the quarter has not ended until the next month begins.
    expect(defaultClosedPeriod('2026-09-30')).toEqual({ kind: 'QUARTER', from: '2026-04-01', to: '2026-06-30' });
    expect(defaultClosedPeriod('2026-10-01')).toEqual({ kind: 'QUARTER', from: '2026-07-01', to: '2026-09-30' });
    expect(closedPeriods('2026-09-30').find((x) => x.kind === 'FISCAL_YEAR')!.to).toBe('2025-09-30');
    expect(closedPeriods('2026-10-01').find((x) => x.kind === 'FISCAL_YEAR')!.to).toBe('2026-09-30');
    expect(closedPeriods('2026-01-15').find((x) => x.kind === 'MONTH')).toEqual({ kind: 'MONTH', from: '2025-12-01', to: '2025-12-31' });
    expect(closedPeriods('2026-01-15').find((x) => x.kind === 'QUARTER')).toEqual({
      kind: 'QUARTER',
      from: '2025-10-01',
      to: '2025-12-31',
    });
  });

  it('offers what the API accepts, on every day of three years (leap days and February ends included)', () => {
    for (let d = new Date(Date.UTC(2023, 0, 1)); d < new Date(Date.UTC(2026, 0, 1)); d.setUTCDate(d.getUTCDate() + 1)) {
      const today = d.toISOString().slice(0, 10);
      for (const p of closedPeriods(today)) expect(apiAccepts(p.from, p.to, today), `${today}: ${p.from}..${p.to}`).toBe(true);
    }
    expect(closedPeriods('2024-03-05').find((x) => x.from === '2024-02-01')!.to).toBe('2024-02-29');
  });

  it('recognises an offered period in the URL, and nothing else', () => {
    expect(findClosedPeriod('2026-12-01', '2026-07-01', '2026-09-30')?.kind).toBe('QUARTER');
    expect(findClosedPeriod('2026-12-01', '2026-10-01', '2026-12-31')).toBeUndefined();
    expect(findClosedPeriod('2026-12-01', '2026-01-01', '2026-12-31')).toBeUndefined();
    expect(findClosedPeriod('2026-12-01', '2026-07-02', '2026-09-30')).toBeUndefined();
    expect(findClosedPeriod('2026-12-01', undefined, undefined)).toBeUndefined();
  });
});

describe('the agency period', () => {
  it('defaults to the months up to today, and narrows a month to the period', () => {
    expect(defaultAgencyPeriod('2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-12-01' });
    expect(defaultAgencyPeriod('2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
    expect(monthWithin('2026-09', '2026-09-10', '2026-12-01')).toEqual({ from: '2026-09-10', to: '2026-09-30' });
    expect(monthWithin('2026-02', '2026-01-01', '2026-12-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(todayUtc(new Date('2026-11-30T23:30:00-07:00'))).toBe('2026-12-01');
  });
});
