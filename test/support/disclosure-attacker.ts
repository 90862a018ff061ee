/**
 * An attacker on the task-force dashboard: collects views (any periods the API answers), and works
 * out by interval reasoning what each hidden cell can still be, from everything shown together:
 * the shown cells, every published total (of every view), and the fact that the members of a
 * family count the same units (leads by source and leads converted or not; open cases by status,
 * type and venue) in each month. It knows the rule: a suppressed cell holds 0 to T-1, a withheld
 * one anything.
 */

export const FAMILIES: { dated: boolean; members: string[] }[] = [
  { dated: true, members: ['leadsBySourceAndMonth', 'leadConversion'] },
  { dated: true, members: ['victimsIdentifiedByMonth'] },
  { dated: true, members: ['referralsAnswered'] },
  { dated: false, members: ['openCasesByStatus', 'openCasesByType', 'openCasesByVenue'] },
  { dated: false, members: ['openCasesByCounty'] },
  { dated: false, members: ['servicesByCategoryAndStatus'] },
  { dated: false, members: ['referralsAnswerPending'] },
  { dated: false, members: ['deadlines'] },
  { dated: false, members: ['chargesByDisposition'] },
];

interface Cell {
  key: string;
  key2: string | null;
  count: number | null;
  suppressed: boolean;
  withheld: boolean;
}
interface View {
  indicators: { name: string; total: number | null; cells: Cell[] }[];
}
interface Range {
  lo: number;
  hi: number;
}
interface Constraint {
  terms: { v: string; a: number }[];
  c: number;
}

const BIG = 1e9;
const monthOf = (indicator: string, c: Cell) => (indicator === 'victimsIdentifiedByMonth' ? c.key : c.key2!);

export interface AttackResult {
  /** Hidden small cells with what the attacker can narrow them to. */
  hidden: Map<string, Range>;
  /** Cells shown differently by two views (must never happen). */
  inconsistent: string[];
}

export function attack(views: View[], threshold: number): AttackResult {
  const bounds = new Map<string, Range>();
  const small = new Set<string>();
  const inconsistent: string[] = [];
  const constraints: Constraint[] = [];
  const shownBy = new Map<string, number | 'hidden'>();
  for (const view of views) {
    const by = new Map(view.indicators.map((i) => [i.name, i]));
    for (const fam of FAMILIES) {
      const present = fam.members.filter((m) => by.has(m));
      if (present.length === 0) continue;
      const months = new Set<string>();
      for (const m of present)
        for (const c of by.get(m)!.cells) {
          const id = `${m}|${c.key}|${c.key2 ?? ''}`;
          const seen = c.suppressed ? 'hidden' : c.count!;
          if (shownBy.has(id) && shownBy.get(id) !== seen) inconsistent.push(id);
          shownBy.set(id, seen);
          if (!c.suppressed) bounds.set(id, { lo: c.count!, hi: c.count! });
          else if (!bounds.has(id)) {
            bounds.set(id, c.withheld ? { lo: 0, hi: BIG } : { lo: 0, hi: threshold - 1 });
            if (!c.withheld) small.add(id);
          }
          months.add(fam.dated ? monthOf(m, c) : 'now');
        }
      // Each member adds up, month by month, to the same total.
      for (const month of months) {
        const tot = `total|${fam.members[0]}|${month}`;
        if (!bounds.has(tot)) bounds.set(tot, { lo: 0, hi: BIG });
        for (const m of present) {
          const cells = by.get(m)!.cells.filter((c) => (fam.dated ? monthOf(m, c) : 'now') === month);
          constraints.push({ terms: [...cells.map((c) => ({ v: `${m}|${c.key}|${c.key2 ?? ''}`, a: 1 })), { v: tot, a: -1 }], c: 0 });
        }
      }
      for (const m of present) {
        const total = by.get(m)!.total;
        if (total !== null)
          constraints.push({ terms: [...months].map((month) => ({ v: `total|${fam.members[0]}|${month}`, a: 1 })), c: total });
      }
    }
  }
  // Bounds propagation to a fixed point.
  for (let round = 0, changed = true; changed && round < 500; round++) {
    changed = false;
    for (const k of constraints) {
      for (const t of k.terms) {
        let lo = k.c;
        let hi = k.c;
        for (const o of k.terms) {
          if (o === t) continue;
          const b = bounds.get(o.v)!;
          lo -= o.a > 0 ? b.hi * o.a : b.lo * o.a;
          hi -= o.a > 0 ? b.lo * o.a : b.hi * o.a;
        }
        const [nlo, nhi] = t.a > 0 ? [lo / t.a, hi / t.a] : [hi / t.a, lo / t.a];
        const b = bounds.get(t.v)!;
        const next = { lo: Math.max(b.lo, Math.ceil(nlo)), hi: Math.min(b.hi, Math.floor(nhi)) };
        if (next.lo !== b.lo || next.hi !== b.hi) {
          bounds.set(t.v, next);
          changed = true;
        }
      }
    }
  }
  return { hidden: new Map([...small].map((id) => [id, bounds.get(id)!])), inconsistent };
}
