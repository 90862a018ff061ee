import fc from 'fast-check';
import { auditFamily, cellState, FamilyInput, FamilyPublication, nodeKey, protectFamily } from './small-counts';

/**
 * The rule against an attacker who tries every possible value of every hidden cell (0..T-1 for a
 * small cell; a withheld member slot says nothing and is left out), keeps the assignments that agree
 * with everything published (the shown cells, the published totals, and members of a family adding
 * up alike in each slot), and reads off what each hidden cell can still be.
 */
function feasibleValues(input: FamilyInput, pub: FamilyPublication, threshold: number): Map<string, Set<number>> {
  const t1 = threshold - 1;
  // Per slot: every assignment of the slot's small cells under which the members agree on a total.
  const perSlot = input.slots.map((slot) => {
    const members = input.members.filter((m) => !pub.withheld.has(`${m}|${slot}`));
    const cells: { id: string; member: string }[] = [];
    const fixed: Record<string, number> = {};
    for (const m of members) {
      fixed[m] = 0;
      input.counts[m][slot].forEach((c, i) => {
        if (cellState(c, false, threshold) === 'SHOWN') fixed[m] += c;
        else cells.push({ id: `${m}|${slot}|${i}`, member: m });
      });
    }
    const options: { total: number; values: number[] }[] = [];
    const values: number[] = new Array<number>(cells.length).fill(0);
    const walk = (i: number) => {
      if (i === cells.length) {
        const sums = members.map((m) => fixed[m] + cells.reduce((s, c, j) => s + (c.member === m ? values[j] : 0), 0));
        if (sums.every((s) => s === sums[0])) options.push({ total: members.length ? sums[0] : -1, values: [...values] });
        return;
      }
      for (let v = 0; v <= t1; v++) {
        values[i] = v;
        walk(i + 1);
      }
    };
    walk(0);
    return { slot, cells, options };
  });
  // Slot totals that every published node total allows, tried together (only totals link slots).
  const published = input.nodes.filter((n) => pub.totals.has(nodeKey(n)));
  const totals = perSlot.map((p) => [...new Set(p.options.map((o) => o.total))]);
  const allowed = perSlot.map(() => new Set<number>());
  const choice: number[] = [];
  const walk = (i: number) => {
    if (i === perSlot.length) {
      const bySlot = Object.fromEntries(perSlot.map((p, j) => [p.slot, choice[j]]));
      if (published.some((n) => n.reduce((s, x) => s + bySlot[x], 0) !== pub.totals.get(nodeKey(n)))) return;
      choice.forEach((t, j) => allowed[j].add(t));
      return;
    }
    for (const t of totals[i]) {
      choice[i] = t;
      walk(i + 1);
    }
  };
  walk(0);
  const seen = new Map<string, Set<number>>();
  perSlot.forEach((p, j) => {
    for (const o of p.options) {
      if (!allowed[j].has(o.total)) continue;
      p.cells.forEach((c, k) => {
        if (!seen.has(c.id)) seen.set(c.id, new Set());
        seen.get(c.id)!.add(o.values[k]);
      });
    }
  });
  return seen;
}

const T = 3;

const family = fc
  .record({
    slots: fc.integer({ min: 1, max: 3 }),
    second: fc.boolean(),
    cells1: fc.integer({ min: 1, max: 3 }),
    cells2: fc.integer({ min: 1, max: 2 }),
    values: fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 7 })), { minLength: 9, maxLength: 9 }),
    split: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  })
  .map(({ slots, second, cells1, cells2, values, split }) => {
    const ids = ['a', 'b', 'c'].slice(0, slots);
    const counts: FamilyInput['counts'] = { first: {}, second: {} };
    ids.forEach((s, i) => {
      counts.first[s] = values.slice(i * 3, i * 3 + cells1);
      // The second member counts the same units, split otherwise.
      const total = counts.first[s].reduce((a, b) => a + b, 0);
      const parts: number[] = new Array<number>(cells2).fill(0);
      let left = total;
      for (let j = 0; j < cells2 - 1; j++) {
        parts[j] = Math.min(left, (split[i] + j) % (total + 1));
        left -= parts[j];
      }
      parts[cells2 - 1] = left;
      counts.second[s] = parts;
    });
    const nodes = [...ids.map((s) => [s]), ...(ids.length === 3 ? [['a', 'b']] : []), ...(ids.length > 1 ? [ids] : [])];
    const input: FamilyInput = { members: second ? ['first', 'second'] : ['first'], slots: ids, counts, nodes };
    return input;
  });

describe('small-count disclosure control', () => {
  const th = 5;
  const one = (counts: number[][], members = counts.map((_, i) => `m${i}`)): FamilyInput => ({
    members,
    slots: ['now'],
    counts: Object.fromEntries(members.map((m, i) => [m, { now: counts[i] }])),
    nodes: [['now']],
  });

  it('hides zeros with small counts, so ten hidden cells under a total of 10 are not each 1 (leads by source and month, demo)', () => {
    const input = one([[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    const pub = protectFamily(input, th);
    expect(pub.totals.get('now')).toBe(10);
    expect(auditFamily(input, pub, th)).toEqual([]);
  });

  it('a total of 5 over five hidden venues no longer says each is 1 (the zeros are hidden with them), but 6 over two hidden cells is withheld', () => {
    const venues = one([[1, 1, 1, 1, 1, 0, 0, 0]]);
    expect(protectFamily(venues, th).totals.get('now')).toBe(5);
    const feasible = feasibleValues(venues, protectFamily(venues, th), th);
    for (const values of feasible.values()) expect([...values].sort()).toEqual([0, 1, 2, 3, 4]);
    const two = one([[3, 3, 9]]);
    expect(protectFamily(two, th).totals.has('now')).toBe(false);
    expect(auditFamily(two, { withheld: new Set(), totals: new Map([['now', 15]]) }, th).join()).toMatch(/narrowed/);
  });

  it('never publishes a total that leaves a small sum of hidden cells: Laramie 5 shown, total 7', () => {
    const input = one([[5, 1, 1, 0, 0, 0]]);
    const pub = protectFamily(input, th);
    expect(pub.totals.has('now')).toBe(false);
    expect(auditFamily(input, { withheld: new Set(), totals: new Map([['now', 7]]) }, th).join()).toMatch(/pinned/);
  });

  it('withholds a member that another member, all shown, would give away', () => {
    // Status all shown pins the total (60); venue's hidden cells would then add up to 2.
    const input = one(
      [
        [20, 20, 20],
        [29, 29, 2, 0],
      ],
      ['status', 'venue'],
    );
    const pub = protectFamily(input, th);
    expect(pub.withheld.has('venue|now')).toBe(true);
    expect(pub.withheld.has('status|now')).toBe(false);
    expect(auditFamily(input, pub, th)).toEqual([]);
  });

  it('publishes nested totals only when no difference of them gives a small count back', () => {
    // Months a and b have 5 and 6; c has 2: the quarter (13) less a and b would give c's 2.
    const input: FamilyInput = {
      members: ['m'],
      slots: ['a', 'b', 'c'],
      nodes: [['a'], ['b'], ['c'], ['a', 'b', 'c']],
      counts: { m: { a: [5, 0, 0], b: [6, 0, 0], c: [1, 1, 0] } },
    };
    const pub = protectFamily(input, th);
    expect(pub.totals.get('a')).toBe(5);
    expect(pub.totals.get('b')).toBe(6);
    expect(pub.totals.has('c')).toBe(false);
    expect(pub.totals.has(nodeKey(['a', 'b', 'c']))).toBe(false);
    expect(auditFamily(input, pub, th)).toEqual([]);
  });

  it('against an attacker who tries every value: every hidden cell keeps all of 0..T-1 (or is known to be 0), on random families', () => {
    fc.assert(
      fc.property(family, (input) => {
        const pub = protectFamily(input, T);
        expect(auditFamily(input, pub, T)).toEqual([]);
        const feasible = feasibleValues(input, pub, T);
        for (const [id, values] of feasible) {
          const [m, slot, i] = id.split('|');
          const truth = input.counts[m][slot][Number(i)];
          expect(values.has(truth)).toBe(true);
          if (values.size < 2) expect([...values]).toEqual([0]);
          else expect([...values].sort()).toEqual([0, 1, 2]);
        }
        // Every published total is 0 or not small.
        for (const v of pub.totals.values()) expect(v === 0 || v >= T).toBe(true);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('the audit is not a rubber stamp: publishing every total of random families is caught whenever the attacker narrows a cell', () => {
    let caught = 0;
    fc.assert(
      fc.property(family, (input) => {
        const all: FamilyPublication = {
          withheld: new Set(),
          totals: new Map(
            input.nodes.map((n) => [nodeKey(n), n.reduce((s, x) => s + input.counts.first[x].reduce((a, b) => a + b, 0), 0)]),
          ),
        };
        const narrowed = [...feasibleValues(input, all, T).values()].some((v) => v.size > 0 && !(v.size === 1 && v.has(0)) && v.size < T);
        if (narrowed) {
          expect(auditFamily(input, all, T).length).toBeGreaterThan(0);
          caught++;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(caught).toBeGreaterThan(20);
  });
});
