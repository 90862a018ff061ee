import { describe, expect, it } from 'vitest';
import { barValue, cellText, cellView, layout, medianWords, missingCell, totalView } from './cells';
import { cellLink, idsByName, totalLink } from './links';

const t = (key: string, o: Record<string, unknown> = {}) => `${key}${Object.keys(o).length ? JSON.stringify(o) : ''}`;
const flags = { suppressed: false, withheld: false };

describe('a task-force cell', () => {
  it('reads "fewer than" the threshold when suppressed, "withheld" when withheld, and never gets a bar', () => {
    const s = cellView({ count: null, suppressed: true, withheld: false }, 'TASK_FORCE', 5);
    expect(cellText(s, 5, t)).toBe('oversight.cell.fewerThan{"threshold":"5"}');
    expect(barValue(s)).toBeNull();
    const w = cellView({ count: null, suppressed: true, withheld: true }, 'TASK_FORCE', 5);
    expect(cellText(w, 5, t)).toBe('oversight.cell.withheld');
    expect(barValue(w)).toBeNull();
  });

  it('never prints a number from 1 to the threshold minus one, even one that arrives unflagged', () => {
    for (const threshold of [3, 5, 10]) {
      for (let n = 1; n < threshold; n++) {
        const v = cellView({ count: n, ...flags }, 'TASK_FORCE', threshold);
        expect(v).toEqual({ kind: 'suppressed' });
        expect(cellText(v, threshold, t)).not.toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
        expect(barValue(v)).toBeNull();
        expect(totalView({ total: n, totalSuppressed: false }, 'TASK_FORCE', threshold)).toBeNull();
      }
      expect(cellView({ count: threshold, ...flags }, 'TASK_FORCE', threshold)).toEqual({ kind: 'count', count: threshold });
    }
    expect(cellView({ count: 0, ...flags }, 'TASK_FORCE', 5)).toEqual({ kind: 'count', count: 0 });
    // A count flagged as hidden is hidden, whatever number travels with it.
    expect(cellView({ count: 12, suppressed: true, withheld: false }, 'TASK_FORCE', 5)).toEqual({ kind: 'suppressed' });
    expect(cellView({ count: 12, suppressed: true, withheld: true }, 'TASK_FORCE', 5)).toEqual({ kind: 'withheld' });
  });

  it('totals: a suppressed total is not shown; a published one is', () => {
    expect(totalView({ total: null, totalSuppressed: true }, 'TASK_FORCE', 5)).toBeNull();
    expect(totalView({ total: 40, totalSuppressed: true }, 'TASK_FORCE', 5)).toBeNull();
    expect(totalView({ total: 8, totalSuppressed: false }, 'TASK_FORCE', 5)).toBe(8);
  });

  it('a cell missing from a task-force answer is hidden; from an agency answer it is zero', () => {
    expect(cellView(missingCell('TASK_FORCE'), 'TASK_FORCE', 5)).toEqual({ kind: 'suppressed' });
    expect(cellView(missingCell('AGENCY'), 'AGENCY', 5)).toEqual({ kind: 'count', count: 0 });
  });
});

describe('an agency cell', () => {
  it('is exact', () => {
    for (const n of [0, 1, 2, 3, 4, 7]) expect(cellText(cellView({ count: n, ...flags }, 'AGENCY', 5), 5, t)).toBe(String(n));
    expect(totalView({ total: 3, totalSuppressed: false }, 'AGENCY', 5)).toBe(3);
  });
});

describe('the median time to answer', () => {
  it('is said with a number of at least 5 for every bucket the API uses', () => {
    const buckets = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 40320];
    for (const m of buckets) {
      const words = medianWords(m, t);
      const count = Number(/"count":(\d+)/.exec(words)![1]);
      expect(count, `${m} minutes: ${words}`).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('the layout of an indicator', () => {
  it('puts months along the axis, whichever key holds them', () => {
    const bySource = layout({
      cells: [
        { key: 'HOTLINE', key2: '2026-09', count: 1, ...flags },
        { key: 'PATROL', key2: '2026-08', count: 2, ...flags },
      ],
    });
    expect(bySource.rows).toEqual(['2026-08', '2026-09']);
    expect(bySource.columns).toEqual(['HOTLINE', 'PATROL']);
    expect(bySource.rowsAreMonths).toBe(true);
    expect(bySource.at('2026-08', 'PATROL')?.count).toBe(2);
    expect(bySource.at('2026-08', 'HOTLINE')).toBeUndefined();
    const victims = layout({
      cells: [
        { key: '2026-11', key2: 'MINOR_SEX', count: 1, ...flags },
        { key: '2026-08', key2: 'ADULT_LABOR', count: 1, ...flags },
      ],
    });
    expect(victims.rows).toEqual(['2026-08', '2026-11']);
    expect(victims.columns).toEqual(['MINOR_SEX', 'ADULT_LABOR']);
    const services = layout({
      cells: [
        { key: 'HOUSING', key2: 'PROVIDED', count: 1, ...flags },
        { key: 'DENTAL', key2: 'REQUESTED', count: 1, ...flags },
      ],
    });
    expect(services.rows).toEqual(['HOUSING', 'DENTAL']);
    expect(services.rowsAreMonths).toBe(false);
    const single = layout({
      cells: [
        { key: 'OPEN', count: 3, ...flags },
        { key: 'CHARGED', key2: null, count: 1, ...flags },
      ],
    });
    expect(single.columns).toEqual([null]);
    expect(single.at('CHARGED', null)?.count).toBe(1);
  });
});

describe('the list behind an agency count', () => {
  const ctx = {
    from: '2026-01-01',
    to: '2026-12-01',
    investigatorIds: idsByName([
      { id: 'u1', displayName: 'Det. A' },
      { id: 'u2', displayName: 'Det. B' },
      { id: 'u3', displayName: 'Det. B' },
    ]),
  };
  it("names the list screens' filters", () => {
    expect(cellLink('openCasesByStatus', 'ACTIVE', null, ctx)).toEqual({ to: '/cases', search: { status: 'ACTIVE', scope: 'leading' } });
    expect(cellLink('leadsBySourceAndMonth', 'HOTLINE', '2026-09', ctx)).toEqual({
      to: '/leads',
      search: { source: 'HOTLINE', from: '2026-09-01', to: '2026-09-30' },
    });
    expect(cellLink('leadConversion', 'PROMOTED', null, ctx)).toEqual({
      to: '/leads',
      search: { status: 'PROMOTED', from: '2026-01-01', to: '2026-12-01' },
    });
    expect(cellLink('openCasesByCounty', 'Laramie', null, ctx)?.search).toMatchObject({
      county: 'Laramie',
      status: ['OPEN', 'ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'ADJUDICATED'],
    });
    expect(cellLink('caseloadPerInvestigator', 'Det. A', null, ctx)?.search).toMatchObject({ assignee: 'u1' });
    expect(totalLink('leadsBySourceAndMonth', ctx)).toEqual({ to: '/leads', search: { from: '2026-01-01', to: '2026-12-01' } });
  });
  it('gives no link where no list shows exactly those records', () => {
    expect(cellLink('leadConversion', 'NOT_PROMOTED', null, ctx)).toBeNull();
    expect(cellLink('openCasesByCounty', 'Other counties', null, ctx)).toBeNull();
    expect(cellLink('openCasesByVenue', 'CONSTRUCTION', null, ctx)).toBeNull();
    expect(cellLink('caseloadPerInvestigator', 'Det. B', null, ctx)).toBeNull();
    expect(cellLink('servicesByCategoryAndStatus', 'HOUSING', 'PROVIDED', ctx)).toBeNull();
  });
});
