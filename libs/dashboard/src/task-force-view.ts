import { CaseStatus, ChargeDisposition, LeadSource, TraffickingType, Venue } from '@app/cases';
import { ServiceCategory, ServiceStatus } from '@app/victims';
import { cellState, ClosedPeriod, FamilyInput, nodeKey, protectFamily } from '@app/core';
import { DashboardCell, DashboardIndicator } from './graphql/dashboard.graphql-types';
import type { FrozenCountRow } from './dashboard.sql';

/** A frozen count as app_dashboard_task_force returns it: grain 'M' (a closed month) or 'S' (the counts now). */
export type FrozenRow = Pick<FrozenCountRow, 'grain' | 'month' | 'indicator' | 'k1' | 'k2' | 'n'>;

type Key = [key: string, key2: string | null];

const NOW = 'now';
const OTHER_COUNTIES = 'Other counties';
const NOT_RECORDED = 'Not recorded';

const cross = (a: string[], b: string[]): Key[] => a.flatMap((x) => b.map((y) => [x, y] as Key));
const keys = (xs: string[]): Key[] => xs.map((x) => [x, null]);

/**
 * A family of indicators that count the same units, each with its whole domain of keys (zeros are
 * listed, and hidden with the small counts). Dated families are counted per month of the period.
 */
interface FamilySpec {
  dated: boolean;
  members: { name: string; domain: Key[]; count: (rows: Map<string, number>, key: Key, month: string) => number }[];
}

/** The frozen counts of one grain as "indicator|k1|k2|month" -> n. */
function index(rows: FrozenRow[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.indicator}|${r.k1}|${r.k2}|${r.grain === 'M' ? r.month.slice(0, 7) : NOW}`;
    m.set(k, (m.get(k) ?? 0) + Number(r.n));
  }
  return m;
}

const plain =
  (indicator: string) =>
  (rows: Map<string, number>, [k1, k2]: Key, month: string) =>
    rows.get(`${indicator}|${k1}|${k2 ?? ''}|${month}`) ?? 0;

function families(rows: Map<string, number>, threshold: number): FamilySpec[] {
  const victimKinds = cross(['MINOR', 'ADULT'], Object.values(TraffickingType)).map(([a, b]) => `${a}_${b}`);
  // Counties are free text: the view names a county once the task force has recorded enough cases
  // there to count it without pointing at one; the others are counted together.
  const ever = new Map<string, number>();
  for (const [k, n] of rows) if (k.startsWith('casesEverByCounty|')) ever.set(k.split('|')[1], n);
  const named = [...ever]
    .filter(([c, n]) => n >= threshold && c !== NOT_RECORDED)
    .map(([c]) => c)
    .sort();
  const county = (r: Map<string, number>, [k1]: Key) => {
    if (k1 !== OTHER_COUNTIES) return r.get(`openCasesByCounty|${k1}||${NOW}`) ?? 0;
    let n = 0;
    for (const [k, v] of r) {
      const c = k.split('|')[1];
      if (k.startsWith('openCasesByCounty|') && c !== NOT_RECORDED && !named.includes(c)) n += v;
    }
    return n;
  };
  return [
    {
      dated: true,
      members: [
        {
          name: 'leadsBySourceAndMonth',
          domain: keys(Object.values(LeadSource)),
          count: (r, [k1], m) => r.get(`leadsBySourceAndMonth|${k1}||${m}`) ?? 0,
        },
        { name: 'leadConversion', domain: keys(['PROMOTED', 'NOT_PROMOTED']), count: plain('leadConversion') },
      ],
    },
    {
      dated: true,
      members: [
        {
          name: 'victimsIdentifiedByMonth',
          domain: keys(victimKinds),
          count: (r, [k1], m) => r.get(`victimsIdentifiedByMonth|${k1}||${m}`) ?? 0,
        },
      ],
    },
    {
      dated: true,
      members: [
        {
          name: 'referralsAnswered',
          domain: keys(['ANSWERED']),
          count: (r, _k, m) => {
            let n = 0;
            for (const [k, v] of r) if (k.startsWith('referralMinutes|') && k.endsWith(`|${m}`)) n += v;
            return n;
          },
        },
      ],
    },
    {
      dated: false,
      members: [
        {
          name: 'openCasesByStatus',
          domain: keys(Object.values(CaseStatus).filter((s) => s !== CaseStatus.CLOSED)),
          count: plain('openCasesByStatus'),
        },
        { name: 'openCasesByType', domain: keys(Object.values(TraffickingType)), count: plain('openCasesByType') },
        { name: 'openCasesByVenue', domain: keys([...Object.values(Venue), 'NOT_RECORDED']), count: plain('openCasesByVenue') },
      ],
    },
    { dated: false, members: [{ name: 'openCasesByCounty', domain: keys([...named, NOT_RECORDED, OTHER_COUNTIES]), count: county }] },
    {
      dated: false,
      members: [
        {
          name: 'servicesByCategoryAndStatus',
          domain: cross(Object.values(ServiceCategory), Object.values(ServiceStatus)),
          count: plain('servicesByCategoryAndStatus'),
        },
      ],
    },
    {
      dated: false,
      members: [{ name: 'referralsAnswerPending', domain: keys(['PENDING', 'OVERDUE']), count: plain('referralsAnswerPending') }],
    },
    { dated: false, members: [{ name: 'deadlines', domain: keys(['OVERDUE', 'DUE_WITHIN_30_DAYS']), count: plain('deadlines') }] },
    {
      dated: false,
      members: [{ name: 'chargesByDisposition', domain: keys(Object.values(ChargeDisposition)), count: plain('chargesByDisposition') }],
    },
  ];
}

export interface TaskForceView {
  indicators: Map<string, DashboardIndicator>;
  /** The number of referrals answered in the period, when it is published. */
  answered: number | null;
}

/**
 * The task-force view of a closed period from frozen counts: every family protected by the one rule
 * (protectFamily), its cells shown, small or withheld, its total shown only where the rule allows.
 */
export function taskForceView(
  rows: FrozenRow[],
  period: ClosedPeriod,
  threshold: number,
  describe: (name: string) => string,
): TaskForceView {
  const counts = index(rows);
  const indicators = new Map<string, DashboardIndicator>();
  let answered: number | null = null;
  for (const spec of families(counts, threshold)) {
    const slots = spec.dated ? period.months : [NOW];
    const input: FamilyInput = {
      members: spec.members.map((m) => m.name),
      slots,
      nodes: spec.dated ? period.nodes : [[NOW]],
      counts: Object.fromEntries(
        spec.members.map((m) => [m.name, Object.fromEntries(slots.map((s) => [s, m.domain.map((k) => m.count(counts, k, s))]))]),
      ),
    };
    const pub = protectFamily(input, threshold);
    const total = pub.totals.get(nodeKey(spec.dated ? period.months : [NOW])) ?? null;
    for (const m of spec.members) {
      const cells: DashboardCell[] = [];
      for (const slot of slots) {
        const withheld = pub.withheld.has(`${m.name}|${slot}`);
        m.domain.forEach((k, i) => {
          const n = input.counts[m.name][slot][i];
          const state = cellState(n, withheld, threshold);
          const [key, key2] = !spec.dated ? k : m.name === 'victimsIdentifiedByMonth' ? [slot, k[0]] : [k[0], slot];
          cells.push({ key, key2, count: state === 'SHOWN' ? n : null, suppressed: state !== 'SHOWN', withheld: state === 'WITHHELD' });
        });
      }
      indicators.set(m.name, { name: m.name, description: describe(m.name), total, totalSuppressed: total === null, cells });
    }
    if (spec.members[0].name === 'referralsAnswered') answered = total;
  }
  return { indicators, answered };
}

/** The median bucket of the answer times of the period's frozen months (the smallest bucket holding half). */
export function medianMinutes(rows: FrozenRow[]): number | null {
  const hist = new Map<number, number>();
  for (const r of rows)
    if (r.grain === 'M' && r.indicator === 'referralMinutes') hist.set(Number(r.k1), (hist.get(Number(r.k1)) ?? 0) + Number(r.n));
  const all = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = all.reduce((s, [, n]) => s + n, 0);
  let c = 0;
  for (const [upto, n] of all) if ((c += n) * 2 >= total) return upto;
  return null;
}
