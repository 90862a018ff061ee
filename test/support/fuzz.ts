import * as fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/**
 * Hostile GraphQL documents generated from the schema (fast-check, seeded): every argument of an
 * operation gets a value of its type most of the time (so that some reach the services and SQL),
 * otherwise something hostile: NUL, unpaired surrogates, blanks, huge text, wrong types, out-of-range
 * numbers, unknown enum values, deep nesting, nulls; as variables or as inline literals.
 */

/** Record ids of the seeded database, so that some generated operations get past "not found". */
export interface FuzzPools {
  ids: string[];
  statuteCodes: string[];
}

export interface FuzzDocument {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  'ok\ud83d',
  ' ',
  ' \t\n ',
  '',
  '\u00a0\u2003',
  '\ufeff',
  '\u202e',
  '😀',
  'Zoë Ångström',
  "' OR '1'='1' --",
  "'); DROP TABLE cases; --",
  '%00',
  '\\u0000',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  'null',
  '{}',
  '[]',
  'x'.repeat(30000),
  '😀'.repeat(4000),
  'a\u0000'.repeat(500),
  '\ud800'.repeat(300),
];
const DAYS = [
  '2026-01-15',
  '2025-06-30',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '1900-01-01',
  '9999-12-31',
  '2099-01-01',
  '26-1-1',
  '2026-01-15T00:00:00Z',
];
const DATE_TIMES = [
  '2026-01-01T00:00:00Z',
  '2025-07-04T12:30:00.123Z',
  '2026-02-30T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-01-01',
  'yesterday',
  '2026-01-01T25:61:61Z',
];
const SOME_UUID = '3f2c8a4e-9b1d-4c7e-8f00-2a6b5d9e1c44';
const CURSORS = [
  '',
  'junk',
  '!!!',
  b64(['\u0000']),
  b64(['2026-01-01T00:00:00Z', '\u0000']),
  b64(['2026-01-01T00:00:00Z', SOME_UUID]),
  b64(['\ud800', SOME_UUID]),
  b64([1e308]),
  b64(['99999999999999999999']),
  b64([{}]),
  b64(['a', 'b', 'c']),
  b64('x'),
  'W10',
  b64([null]),
];
function b64(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Text a client may well send that is still valid: accents, emoji, quotes, long. */
const TAME_EDGES = ['Zoë Ångström', 'Niño 😀 family', "O'Brien", '\\', '%', '_', 'x'.repeat(1999), 'word '.repeat(900), '1e308', '-0'];

const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), anyCodeUnits);
const deepArray = fc.integer({ min: 20, max: 200 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = [v];
  return v;
});
const deepObject = fc.integer({ min: 20, max: 200 }).map((n) => {
  let v: unknown = { a: '\u0000' };
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
});
/** A value of the wrong type for whatever the argument is. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  deepArray,
  deepObject,
  hostileString,
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 53), 1e21, 1.5, true, false, null, [], {}, [null], JSON.parse('{"__proto__": {"admin": true}}'), {
    constructor: { prototype: 1 },
  }),
);

/** Plausible text for a field, judged by its name, so that validation lets some of it through. */
function plausibleText(name: string): string[] {
  if (/On$|Date$/.test(name)) return DAYS;
  if (/At$|^from$|^to$/.test(name)) return [...DAYS, ...DATE_TIMES];
  if (/^after$/.test(name)) return CURSORS;
  if (/email/i.test(name)) return ['someone@example.org', 'a@b', 'x@\ud800.org', 'first.last+tag@sheriff.laramie.wy.us'];
  if (/phone/i.test(name)) return ['307-555-0100', '+1 (307) 555-0199', '0'];
  if (name === 'state') return ['WY', 'wy', 'ZZ', 'WYO'];
  if (/username/i.test(name)) return ['lcso.investigator', 'nobody.here', 'LCSO.ADMIN', 'a'];
  if (/password/i.test(name)) return ['Some-Long-Pass-2026', 'short', 'password', 'p'.repeat(200)];
  if (/^(code|totp)$/.test(name)) return ['123456', '000000', '12345', 'abcdef'];
  if (name === 'shortCode') return ['TYPO', 'lcso', 'X', 'ABCDEFGHIJKLMNOP'];
  if (name === 'ori') return ['WY0990000', 'WY099', 'XX'];
  if (name === 'value') return ['307-555-0142', '@handle', 'ranch foreman', '1 Main St, Cheyenne, WY'];
  if (/county|counties/i.test(name)) return ['Laramie', 'Albany', 'L', 'Laramie County'];
  return ['Burns ranch', 'A reason that is long enough', 'Follow up with the shelter', 'abc', 'x', 'Laramie'];
}

/** Wild documents put hostile values anywhere; tame ones only values of the right type and shape (edge cases included), to reach the services and SQL. */
export type FuzzMode = 'wild' | 'tame';

export class FuzzGenerator {
  private readonly scalarArbs: Record<string, (name: string) => fc.Arbitrary<unknown>>;
  private readonly wild: boolean;

  constructor(
    private readonly schema: GraphQLSchema,
    pools: FuzzPools,
    mode: FuzzMode,
  ) {
    this.wild = mode === 'wild';
    const realIds = fc.constantFrom(...pools.ids);
    const ids = this.wild
      ? fc.oneof(
          { weight: 6, arbitrary: realIds },
          { weight: 2, arbitrary: fc.uuid() },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              'not-a-uuid',
              '00000000-0000-0000-0000-000000000000',
              `${pools.ids[0]}\u0000`,
              `${pools.ids[0]} `,
              "1' OR '1'='1",
            ),
          },
          { weight: 1, arbitrary: hostileString },
        )
      : fc.oneof({ weight: 8, arbitrary: realIds }, { weight: 1, arbitrary: fc.uuid() });
    const text = (name: string) => fc.constantFrom(...plausibleText(name));
    this.scalarArbs = {
      ID: (name) => (name === 'statuteCode' ? fc.oneof(fc.constantFrom(...pools.statuteCodes), ids) : ids),
      String: (name) =>
        this.wild
          ? fc.oneof({ weight: 5, arbitrary: text(name) }, { weight: 4, arbitrary: hostileString })
          : fc.oneof({ weight: 8, arbitrary: text(name) }, { weight: 1, arbitrary: fc.constantFrom(...TAME_EDGES) }),
      Int: () =>
        this.wild
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(0, 1, -1, 5, 25, 100, 101, 2147483647, -2147483648, 1000000) },
              { weight: 2, arbitrary: fc.integer({ min: -2147483648, max: 2147483647 }) },
              { weight: 1, arbitrary: fc.constantFrom(2147483648, 1e21, 1.5, -0.5) },
            )
          : fc.constantFrom(1, 1, 2, 3, 5, 25, 100, 0, 2147483647),
      Float: () => fc.double({ noNaN: true, noDefaultInfinity: true }),
      Boolean: () => fc.boolean(),
      DateTime: () => fc.constantFrom(...DATE_TIMES, ...DAYS),
    };
  }

  /** `perField` documents for every query and mutation, in a reproducible order that takes the operations in turn. */
  documents(perField: number, seed: number): FuzzDocument[] {
    const roots = [this.schema.getQueryType()!, this.schema.getMutationType()!];
    const fields = roots.flatMap((root) =>
      Object.values(root.getFields()).map((f) => ({ kind: root === roots[0] ? 'query' : 'mutation', field: f })),
    );
    const perOperation = fields.map(({ kind, field }, i) => fc.sample(this.document(kind, field), { seed: seed + i, numRuns: perField }));
    return Array.from({ length: perField }, (_, k) => perOperation.map((docs) => docs[k])).flat();
  }

  private document(kind: string, field: GraphQLField<unknown, unknown>): fc.Arbitrary<FuzzDocument> {
    return fc
      .record({
        args: this.argsArb(field),
        selection: this.selectionArb(field.type, 1),
        aliased: fc.boolean(),
      })
      .map(({ args, selection, aliased }) => {
        const vars = new Variables();
        const call = `${aliased ? 'x: ' : ''}${field.name}${this.renderArgs(field, args, vars)}${this.renderSelection(selection, vars)}`;
        const header = vars.definitions.length ? `(${vars.definitions.join(', ')})` : '';
        return { field: field.name, query: `${kind}${header} { ${call} }`, variables: vars.values };
      });
  }

  /** Per argument: a value (or undefined: left out) and whether it goes inline. */
  private argsArb(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Args> {
    const model: Record<string, fc.Arbitrary<Args[string]>> = {};
    for (const arg of field.args)
      model[arg.name] = fc.record({
        value: this.valueArb(arg.type, arg.name, 0),
        inline: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      });
    return fc.record(model);
  }

  private renderArgs(field: { args: readonly { name: string; type: GraphQLInputType }[] }, args: Args, vars: Variables): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      const { value, inline } = args[arg.name];
      if (value === undefined) continue;
      parts.push(`${arg.name}: ${inline ? literal(value, arg.type) : vars.add(arg.type, value)}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private valueArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) {
      const inner = this.valueArb(type.ofType, name, depth);
      return this.wild
        ? fc.oneof({ weight: 30, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) })
        : this.nullableValueArb(type.ofType, name, depth);
    }
    const inner = this.nullableValueArb(type, name, depth);
    return fc.oneof(
      { weight: 12, arbitrary: inner },
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: this.wild ? 1 : 0, arbitrary: wrongType },
    );
  }

  private nullableValueArb(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
    if (isListType(type)) {
      const item = this.valueArb(type.ofType, name, depth + 1);
      if (!this.wild) return fc.array(item, { maxLength: 3 });
      return fc.oneof(
        { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
        { weight: 1, arbitrary: item },
        { weight: 1, arbitrary: fc.array(item, { minLength: 60, maxLength: 80 }) },
      );
    }
    if (isInputObjectType(type)) {
      if (depth > 4) return fc.constant({});
      const fields = Object.values(type.getFields());
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const f of fields) model[f.name] = this.valueArb(f.type, f.name, depth + 1);
      const record = fc.record(model).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
      if (!this.wild) return record;
      return fc.oneof(
        { weight: 12, arbitrary: record },
        { weight: 1, arbitrary: record.map((r) => ({ ...r, notAField: 'x' })) },
        { weight: 1, arbitrary: wrongType },
      );
    }
    if (isEnumType(type)) {
      if (!this.wild) return fc.constantFrom(...type.getValues().map((v) => v.name));
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
        { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', 'investigator', '', '\u0000') },
      );
    }
    const scalar = this.scalarArbs[type.name]?.(name) ?? hostileString;
    return this.wild ? fc.oneof({ weight: 10, arbitrary: scalar }, { weight: 1, arbitrary: wrongType }) : scalar;
  }

  /** A selection set for an output type: leaves, nested objects to a small depth, and every field argument. */
  private selectionArb(type: GraphQLOutputType, depth: number): fc.Arbitrary<Selection> {
    const named = getNamedType(type) as GraphQLNamedType;
    if (isLeafType(named)) return fc.constant([]);
    if (isUnionType(named) || !(isObjectType(named) || isInterfaceType(named)) || depth > 3) return fc.constant(['__typename']);
    const fields = Object.values(named.getFields());
    const parts: fc.Arbitrary<SelectionPart | null>[] = fields.map((f) => {
      const leaf = isLeafType(getNamedType(f.type));
      if (f.args.length === 0 && leaf) return fc.constant(f.name);
      if (f.args.length === 0)
        return depth < 3 ? this.selectionArb(f.type, depth + 1).map((s) => ({ field: f, args: {}, selection: s })) : fc.constant(null);
      return fc
        .record({ args: this.argsArb(f), selection: this.selectionArb(f.type, depth + 1) })
        .map(({ args, selection }) => ({ field: f, args, selection }));
    });
    return fc.tuple(...parts).map((ps) => ['__typename', ...ps.filter((p): p is SelectionPart => p !== null)]);
  }

  private renderSelection(selection: Selection, vars: Variables): string {
    if (!selection.length) return '';
    const parts = selection.map((p) =>
      typeof p === 'string' ? p : `${p.field.name}${this.renderArgs(p.field, p.args, vars)}${this.renderSelection(p.selection, vars)}`,
    );
    return ` { ${parts.join(' ')} }`;
  }
}

type Args = Record<string, { value: unknown; inline: boolean }>;
type SelectionPart = string | { field: GraphQLField<unknown, unknown>; args: Args; selection: Selection };
type Selection = SelectionPart[];

class Variables {
  readonly definitions: string[] = [];
  readonly values: Record<string, unknown> = {};
  add(type: GraphQLInputType, value: unknown): string {
    const name = `v${this.definitions.length}`;
    this.definitions.push(`$${name}: ${String(type)}`);
    this.values[name] = value;
    return `$${name}`;
  }
}

/** A JS value as a GraphQL literal of `type` (enum names bare; everything else as JSON would spell it). */
export function literal(value: unknown, type: GraphQLInputType): string {
  const t = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(t) ? t.ofType : t)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(t) ? t.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : 'bad_key'}: ${literal(v, fields[k]?.type ?? t)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(t) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  return JSON.stringify(value);
}
