/*
 * Small-count disclosure control for every number published across agencies (dashboards now,
 * reports and exports later). Pure: no I/O, unit-tested alone (small-counts.spec.ts) and played
 * against by an attacker in the dashboard suite. The method and why it holds: docs/adr/0009.
 *
 * The model.
 * - A *family* is a set of tables (members) that count the same units: "leads by source" and
 *   "leads converted or not" both count the leads of a month, so their cells add up to the same
 *   total; so do open cases by status, by type and by venue.
 * - A family is counted in *slots* (the months of a period, or one slot for a count "now"). Each
 *   member lists every key of its domain in every slot, zeros included.
 * - *Nodes* are sums over slots whose totals may be published (a month, a quarter, a fiscal year),
 *   nested (laminar) and listed in the order they are decided: finest first.
 *
 * The rule.
 * 1. A cell below the threshold T is hidden, whatever it is, zero included: a hidden cell means
 *    "0 to T-1", and that is all the published cells say of it.
 * 2. A node's total is published only when the published whole (cells, other totals, the fact
 *    that members of a family add up alike) still leaves every hidden cell free over the whole of
 *    0..T-1, and pins down no sum of hidden cells, and no slot's total, to a value from 1 to T-1
 *    (a sum known to lie in a band narrower than T that holds small values counts as pinned).
 * 3. When the members of a family give each other away with no total published (one member all
 *    shown pins the slot's total, which pins another member's hidden cells), a member's slot is
 *    *withheld* whole: every one of its cells is hidden and says nothing, not even "small".
 *    Members are withheld last-listed first.
 * Every decision depends only on the counts inside the node or slot it is about, so every view
 * (a month, its quarter, the fiscal year) publishes the same cells and the same totals for the
 * same slots: differences between views give nothing the views do not already say.
 */

export type CellState = 'SHOWN' | 'SMALL' | 'WITHHELD';

export interface FamilyInput {
  /** Member names, most important first (the last ones are withheld first). */
  members: string[];
  /** Slot ids (months, or one slot). */
  slots: string[];
  /** counts[member][slot]: every cell of the member's domain in that slot, zeros included. */
  counts: Record<string, Record<string, number[]>>;
  /** Candidate totals: sets of slots, nested or disjoint, finest first. */
  nodes: string[][];
}

export interface FamilyPublication {
  /** "member|slot" of the member slots withheld whole. */
  withheld: Set<string>;
  /** Published node totals, by node key (slots joined by ","). */
  totals: Map<string, number>;
}

export const nodeKey = (slots: string[]): string => [...slots].sort().join(',');
const slotKey = (member: string, slot: string) => `${member}|${slot}`;

export function cellState(count: number, withheld: boolean, threshold: number): CellState {
  if (withheld) return 'WITHHELD';
  return count >= threshold ? 'SHOWN' : 'SMALL';
}

interface Range {
  lo: number;
  hi: number;
}

/**
 * A quantity known to lie in [lo, hi] gives nobody away when it is known to be zero, known not to
 * be small, or spread over at least T values.
 */
export function rangeIsSafe(r: Range, threshold: number): boolean {
  return r.hi <= 0 || r.lo >= threshold || r.hi - r.lo + 1 >= threshold;
}

/**
 * Decides what a family publishes: withheld member slots, then the totals of the nodes, finest
 * first, each kept only if the whole still passes the audit.
 */
export function protectFamily(input: FamilyInput, threshold: number): FamilyPublication {
  const pub: FamilyPublication = { withheld: new Set(), totals: new Map() };
  for (const slot of input.slots) {
    // Without totals, slots do not constrain each other: each is settled alone.
    const single: FamilyInput = { ...input, slots: [slot], nodes: [] };
    for (let i = input.members.length - 1; i > 0 && auditFamily(single, pub, threshold).length > 0; i--) {
      pub.withheld.add(slotKey(input.members[i], slot));
    }
  }
  for (const node of input.nodes) {
    const total = slotTotal(input, node);
    if (total !== 0 && total < threshold) continue;
    pub.totals.set(nodeKey(node), total);
    const inside = { ...input, slots: node, nodes: input.nodes.filter((n) => n.every((s) => node.includes(s))) };
    if (auditFamily(inside, pub, threshold).length > 0) pub.totals.delete(nodeKey(node));
  }
  return pub;
}

/** The true total of a family over some slots (every member counts the same units; the first is read). */
function slotTotal(input: FamilyInput, slots: string[]): number {
  const first = input.members[0];
  return slots.reduce((s, slot) => s + input.counts[first][slot].reduce((a, b) => a + b, 0), 0);
}

/**
 * What an attacker who knows the rule can work out from a publication, exactly (the constraints
 * form a tree: cells -> member sums -> slot totals -> residuals of nested node totals), checked
 * against the rule. Returns the problems found; none means the publication is safe.
 */
/** A node total the publication holds (the caller picked the node among the published). */
function publishedTotal(pub: FamilyPublication, node: string[]): number {
  const total = pub.totals.get(nodeKey(node));
  if (total === undefined) throw new Error(`total ${nodeKey(node)} is not published`);
  return total;
}

export function auditFamily(input: FamilyInput, pub: FamilyPublication, threshold: number): string[] {
  const t1 = threshold - 1;
  const problems: string[] = [];
  const INF = Number.POSITIVE_INFINITY;
  // Per slot and member: the shown sum and the number of small cells.
  const shown: Record<string, Record<string, number>> = {};
  const small: Record<string, Record<string, number>> = {};
  const tot: Record<string, Range> = {};
  for (const slot of input.slots) {
    let lo = 0;
    let hi = INF;
    for (const m of input.members) {
      (shown[m] ??= {})[slot] = 0;
      (small[m] ??= {})[slot] = 0;
      if (pub.withheld.has(slotKey(m, slot))) continue;
      for (const c of input.counts[m][slot]) {
        if (c >= threshold) shown[m][slot] += c;
        else small[m][slot] += 1;
      }
      lo = Math.max(lo, shown[m][slot]);
      hi = Math.min(hi, shown[m][slot] + small[m][slot] * t1);
    }
    tot[slot] = { lo, hi };
  }
  // Published totals, as residuals: a node's total less its largest published sub-nodes' totals
  // is the sum over the slots no published sub-node covers.
  const published = input.nodes.filter((n) => pub.totals.has(nodeKey(n)) && n.every((s) => input.slots.includes(s)));
  for (const node of published) {
    const c = publishedTotal(pub, node);
    if (c !== 0 && c < threshold) problems.push(`total ${nodeKey(node)} is small`);
    const subs = published.filter((n) => n !== node && n.length < node.length && n.every((s) => node.includes(s)));
    const maximal = subs.filter((n) => !subs.some((o) => o !== n && o.length > n.length && n.every((s) => o.includes(s))));
    const covered = new Set(maximal.flat());
    const residual = node.filter((s) => !covered.has(s));
    const rest = c - maximal.reduce((s, n) => s + publishedTotal(pub, n), 0);
    if (residual.length === 0) continue;
    if (!rangeIsSafe({ lo: rest, hi: rest }, threshold)) problems.push(`residual of ${nodeKey(node)} is small`);
    const box = Object.fromEntries(residual.map((x) => [x, tot[x]]));
    const sumOf = (xs: string[], side: 'lo' | 'hi') => xs.reduce((s, x) => s + box[x][side], 0);
    // The exact range of the slots' totals summed over some of the residual's slots.
    const partRange = (part: string[]): Range => {
      const others = residual.filter((x) => !part.includes(x));
      return { lo: Math.max(sumOf(part, 'lo'), rest - sumOf(others, 'hi')), hi: Math.min(sumOf(part, 'hi'), rest - sumOf(others, 'lo')) };
    };
    for (const slot of residual) tot[slot] = partRange([slot]);
    // Each member's small cells over the residual add up to what the total leaves of its shown cells.
    for (const m of input.members) {
      const open = residual.filter((x) => !pub.withheld.has(slotKey(m, x)));
      if (!open.some((x) => small[m][x] > 0)) continue;
      const r = partRange(open);
      const shownSum = open.reduce((s, x) => s + shown[m][x], 0);
      const hidden = { lo: Math.max(0, r.lo - shownSum), hi: r.hi - shownSum };
      if (!rangeIsSafe(hidden, threshold)) problems.push(`${m} hidden over ${nodeKey(node)} is pinned to [${hidden.lo}, ${hidden.hi}]`);
    }
  }
  for (const slot of input.slots) {
    const r = tot[slot];
    if (r.lo > r.hi) problems.push(`slot ${slot} is inconsistent`);
    if (r.hi !== INF && !rangeIsSafe(r, threshold)) problems.push(`total of ${slot} is pinned to [${r.lo}, ${r.hi}]`);
    for (const m of input.members) {
      const k = small[m][slot];
      if (pub.withheld.has(slotKey(m, slot)) || k === 0) continue;
      const s = { lo: Math.max(0, r.lo - shown[m][slot]), hi: Math.min(k * t1, r.hi - shown[m][slot]) };
      if (!rangeIsSafe(s, threshold)) problems.push(`${m} hidden in ${slot} is pinned to [${s.lo}, ${s.hi}]`);
      const cell = { lo: Math.max(0, s.lo - (k - 1) * t1), hi: Math.min(t1, s.hi) };
      if (cell.hi > 0 && (cell.lo > 0 || cell.hi < t1)) problems.push(`${m} cell in ${slot} narrowed to [${cell.lo}, ${cell.hi}]`);
    }
  }
  return problems;
}
