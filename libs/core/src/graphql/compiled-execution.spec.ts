import {
  execute,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { CompiledExecution } from './compiled-execution';

/** A failure a resolver throws, with the code formatGraphQLError would read. */
class Refused extends Error {
  readonly extensions = { code: 'FORBIDDEN' };
}

interface Item {
  id: string;
  name: string;
  secret?: boolean;
}
const ITEMS: Item[] = [
  { id: '1', name: 'Lead 1' },
  { id: '2', name: 'Lead 2', secret: true },
  { id: '3', name: 'Lead 3' },
];

const Item: GraphQLObjectType<Item> = new GraphQLObjectType<Item>({
  name: 'Item',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    // A field with a resolver that refuses some parents, and one that is non-null and fails.
    note: {
      type: GraphQLString,
      resolve: (i: Item) => (i.secret ? Promise.reject(new Refused('not yours')) : Promise.resolve(`note of ${i.name}`)),
    },
    strict: { type: new GraphQLNonNull(GraphQLString), resolve: (i: Item) => (i.secret ? null : 'ok') },
    next: { type: Item, resolve: (i: Item) => ITEMS.find((x) => Number(x.id) === Number(i.id) + 1) ?? null },
  }),
});
const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: { prefix: { type: new GraphQLNonNull(GraphQLString), defaultValue: 'Lead' }, limit: { type: GraphQLInt } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      item: {
        type: Item,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_r, a: { id: string }) => ITEMS.find((i) => i.id === a.id),
      },
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
        args: { first: { type: GraphQLInt } },
        resolve: (_r, a: { first?: number }) => ITEMS.slice(0, a.first ?? 10),
      },
      whoami: { type: GraphQLString, resolve: (_r, _a, ctx: { user: string }) => ctx.user },
      filtered: {
        type: new GraphQLList(GraphQLString),
        args: { filter: { type: new GraphQLNonNull(Filter) } },
        resolve: (_r, a: { filter: { prefix: string; limit?: number } }) =>
          ITEMS.filter((i) => i.name.startsWith(a.filter.prefix))
            .slice(0, a.filter.limit ?? 10)
            .map((i) => `${a.filter.prefix}:${i.name}`),
      },
    },
  }),
  mutation: new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: GraphQLString, resolve: () => 'touched' } } }),
});

describe('CompiledExecution (graphql-jit behind Apollo: the same answers as graphql-js)', () => {
  let ex: CompiledExecution;
  beforeEach(() => {
    ex = new CompiledExecution();
    ex.captureSchema(schema);
  });

  /** What Apollo hands the gateway's executor for a request it has parsed and validated. */
  function run(document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string) {
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
    const request = {
      document,
      operation,
      operationName: operation?.name?.value ?? null,
      context: { user: 'lcso.investigator' },
      request: { variables, operationName },
    };
    return (ex.executor as (r: unknown) => Promise<ExecutionResult>)(request);
  }
  /** graphql-js's own answer to the same request. */
  function reference(document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string) {
    return execute({
      schema,
      document,
      variableValues: variables,
      operationName,
      contextValue: { user: 'lcso.investigator' },
    }) as Promise<ExecutionResult>;
  }
  const json = (r: ExecutionResult) => JSON.parse(JSON.stringify(r)) as unknown;

  it('runs a query compiled from its second request, with the answer graphql-js gives: data, nulls, refusals and their paths', async () => {
    const doc = parse(`query Q($id: ID!, $n: Int) {
      item(id: $id) { id name note next { id note next { name } } }
      items(first: $n) { id alias: name note strict }
      whoami
    }`);
    const compiledAt: boolean[] = [];
    for (const variables of [{ id: '1', n: 2 }, { id: '2', n: 3 }, { id: '9' }, { id: '3', n: 1 }]) {
      const [got, want] = [await run(doc, variables), await reference(doc, variables)];
      expect(json(got)).toEqual(json(want));
      compiledAt.push(ex.isCompiled(doc));
    }
    // The first request runs through graphql-js: a document sent once is never compiled.
    expect(compiledAt).toEqual([false, true, true, true]);
  });

  it("keeps a resolver's error as the cause of a graphql-js GraphQLError (what Apollo and formatGraphQLError unwrap)", async () => {
    const doc = parse('query($id: ID!) { item(id: $id) { id note } }');
    await run(doc, { id: '2' });
    const r = await run(doc, { id: '2' });
    expect(ex.isCompiled(doc)).toBe(true);
    expect(r.data).toEqual({ item: { id: '2', note: null } });
    const [e] = r.errors!;
    expect(e).toBeInstanceOf(GraphQLError);
    expect(e.path).toEqual(['item', 'note']);
    expect(e.originalError).toBeInstanceOf(Refused);
    expect(e.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(e.locations).toEqual([{ line: 1, column: 38 }]);
  });

  it("coerces variables the way graphql-js does: its errors name the variable's definition (Apollo's BAD_USER_INPUT)", async () => {
    const doc = parse('query($id: ID!, $n: Int) { item(id: $id) { id } items(first: $n) { id } }');
    await run(doc, { id: '1' });
    for (const variables of [{}, { id: '1', n: 'many' }, { id: null }]) {
      const [got, want] = [await run(doc, variables), await reference(doc, variables)];
      expect(json(got)).toEqual(json(want));
      expect(got.errors![0].nodes?.[0].kind).toBe(Kind.VARIABLE_DEFINITION);
    }
    expect(ex.isCompiled(doc)).toBe(true);
  });

  it('leaves input objects, mutations and an unknown operation name to graphql-js (a non-null input field takes its default)', async () => {
    const twice = async (doc: DocumentNode, variables: Record<string, unknown> = {}, name?: string) => (
      await run(doc, variables, name),
      run(doc, variables, name)
    );
    const withVariable = parse('query($f: Filter!) { filtered(filter: $f) }');
    expect(await twice(withVariable, { f: { limit: 1 } })).toEqual({ data: { filtered: ['Lead:Lead 1'] } });
    expect(ex.isCompiled(withVariable)).toBe(false);

    const withLiteral = parse('{ filtered(filter: { limit: 2 }) }');
    expect(await twice(withLiteral)).toEqual({ data: { filtered: ['Lead:Lead 1', 'Lead:Lead 2'] } });
    expect(ex.isCompiled(withLiteral)).toBe(false);

    const mutation = parse('mutation { touch }');
    expect(await twice(mutation)).toEqual({ data: { touch: 'touched' } });
    expect(ex.isCompiled(mutation)).toBe(false);

    // Two operations in one document (they could share a fragment's skip conditions): graphql-js.
    const named = parse('query A { whoami } query B { items { id } }');
    expect(json(await twice(named, {}, 'C'))).toEqual(json(await reference(named, {}, 'C')));
    expect(await twice(named, {}, 'A')).toEqual({ data: { whoami: 'lcso.investigator' } });
    expect(ex.isCompiled(named, 'A')).toBe(false);
    const withDirective = parse('query($s: Boolean!) { items { id name @skip(if: $s) } }');
    expect(json(await twice(withDirective, { s: true }))).toEqual(json(await reference(withDirective, { s: true })));
    expect(ex.isCompiled(withDirective)).toBe(false);
  });

  it('never compiles a document with a string literal: graphql-jit would paste it into generated code', async () => {
    // graphql-jit JSON-encodes literal arguments into its generated code and turns this marker into
    // `new Date(...)`: compiled, the argument below would run `globalThis.tfPwned = 1`.
    const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
    const doc = parse(`{ item(id: "${marker}0),x:(globalThis.tfPwned=1),y:new Date(0") { id } }`);
    const g = globalThis as { tfPwned?: number };
    for (let i = 0; i < 3; i++) expect(await run(doc)).toEqual({ data: { item: null } });
    expect(ex.isCompiled(doc)).toBe(false);
    expect(g.tfPwned).toBeUndefined();
  });
});
