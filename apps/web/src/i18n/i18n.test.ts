import { describe, expect, it } from 'vitest';
import { EN_FILES, resources } from '.';

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('languages', () => {
  it('English and Spanish have the same keys, none empty, and Spanish is not English copied', () => {
    const en = keys(resources.en.translation);
    const es = keys(resources.es.translation);
    expect(es.sort()).toEqual(en.sort());
    type Tree = { [k: string]: Tree | string };
    const get = (o: Tree, k: string) =>
      k.split('.').reduce<Tree | string | undefined>((x, p) => (typeof x === 'object' ? x[p] : undefined), o);
    for (const k of en) {
      const v = get(resources.es.translation, k);
      expect(typeof v === 'string' ? v.trim() : v).not.toBe('');
      expect(typeof v).toBe('string');
    }
    const same = en.filter(
      (k) => get(resources.en.translation, k) === get(resources.es.translation, k) && !/^(app\.no|leadPriority\.NORMAL)$/.test(k),
    );
    expect(same.length / en.length).toBeLessThan(0.05);
  });

  it("no area's words overwrite another's (each file's top-level keys are its own)", () => {
    const seen = new Map<string, string>();
    for (const [file, words] of Object.entries(EN_FILES)) {
      for (const k of Object.keys(words)) {
        expect({ key: k, alsoIn: seen.get(k) ?? null, file }).toEqual({ key: k, alsoIn: null, file });
        seen.set(k, file);
      }
    }
  });
});
