import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codes, startTestApp, TestApp } from './support/test-app';

/**
 * The API surface is reviewed like code: the printed schema (docs/schema.graphql) and every
 * operation with its permission (docs/operation-permissions.json) are committed; any change that
 * is not re-snapshotted (`npm run api:snapshot`) fails here and shows up in review.
 */
const SCHEMA_FILE = resolve(__dirname, '../docs/schema.graphql');
const OPERATIONS_FILE = resolve(__dirname, '../docs/operation-permissions.json');
const WRITE = process.env.TF_WRITE_SNAPSHOTS === '1';

describe('API surface snapshots', () => {
  let t: TestApp;
  let schema: string;
  let operations: Record<string, string>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-api-'));
    t = await startTestApp({ TF_SCHEMA_REPORT: join(dir, 'schema.graphql'), TF_OPERATIONS_REPORT: join(dir, 'ops.json') });
    schema = readFileSync(join(dir, 'schema.graphql'), 'utf8');
    operations = JSON.parse(readFileSync(join(dir, 'ops.json'), 'utf8')) as Record<string, string>;
    if (WRITE) {
      writeFileSync(SCHEMA_FILE, schema);
      writeFileSync(OPERATIONS_FILE, JSON.stringify(operations, null, 2) + '\n');
    }
  });
  afterAll(() => t.close());

  it('docs/schema.graphql is the schema the server serves (run `npm run api:snapshot` after a reviewed change)', () => {
    expect(existsSync(SCHEMA_FILE)).toBe(true);
    expect(schema).toEqual(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('every operation declares a permission, and the list matches docs/operation-permissions.json', () => {
    expect(Object.keys(operations).length).toBeGreaterThan(10);
    expect(Object.entries(operations).filter(([, p]) => p === 'NONE')).toEqual([]);
    expect(operations).toEqual(JSON.parse(readFileSync(OPERATIONS_FILE, 'utf8')));
  });

  it('only sign-in, token refresh and the agencies offering their own sign-in are public', () => {
    const open = Object.entries(operations)
      .filter(([, p]) => p === 'PUBLIC')
      .map(([o]) => o);
    // signInOptions: the sign-in page's "Sign in with <agency>" list (agency code and name only).
    expect(open.sort()).toEqual(['Mutation.login', 'Mutation.refreshSession', 'Query.signInOptions']);
  });

  /** The fields of a type as the printed schema lists them. */
  const fieldsOf = (type: string): string[] => {
    const block = new RegExp(`type ${type} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
    return [...block.matchAll(/^\s{2}(\w+)[(:]/gm)].map((m) => `${type}.${m[1]}`);
  };

  it('every root field of the schema is in the operations list (nothing unlisted reaches the API)', () => {
    const roots = ['Query', 'Mutation'].flatMap(fieldsOf);
    expect(roots.length).toBeGreaterThan(10);
    const listedRoots = Object.keys(operations).filter((o) => /^(Query|Mutation|Subscription)\./.test(o));
    expect(roots.sort()).toEqual(listedRoots.sort());
  });

  it('every field resolver is listed with its own permission, and is a field of the served schema', () => {
    const fields = Object.entries(operations).filter(([o]) => !/^(Query|Mutation|Subscription)\./.test(o));
    // The 14 resolved fields, Victim.identity among them: none rides on its parent's permission unreviewed.
    expect(fields.length).toBeGreaterThanOrEqual(14);
    expect(Object.fromEntries(fields)).toMatchObject({ 'Victim.identity': 'VICTIM_READ', 'Case.notes': 'CASE_READ', 'Me.agency': 'SELF' });
    for (const [field, permission] of fields) {
      expect([field, permission === 'NONE' || permission === 'PUBLIC']).toEqual([field, false]);
      expect(fieldsOf(field.split('.')[0])).toContain(field);
    }
  });
});

describe('deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TF_TEST_CANARY: '1' });
  });
  afterAll(() => t.close());

  it('refuses an operation that declares no permission, even to a supervisor, and audits the denial', async () => {
    const token = await t.login('lcso.supervisor');
    const r = await t.gql<{ canaryWithoutPermission: boolean | null }>(`{ canaryWithoutPermission }`, {}, token);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.data?.canaryWithoutPermission ?? null).toBeNull();
    const events = await t.ownerQuery(
      `SELECT outcome, actor_username FROM audit_events WHERE action = 'operation.canaryWithoutPermission'`,
    );
    expect(events).toEqual([{ outcome: 'DENIED', actor_username: 'lcso.supervisor' }]);
  });

  it('refuses a field resolver that declares no permission under an operation that does, and audits it', async () => {
    const token = await t.login('lcso.supervisor');
    const allowed = await t.gql<{ canaryRecord: { id: string } | null }>(`{ canaryRecord { id } }`, {}, token);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.canaryRecord).toEqual({ id: 'canary' });
    const r = await t.gql(`{ canaryRecord { id fieldWithoutPermission } }`, {}, token);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.errors?.[0].path).toEqual(['canaryRecord', 'fieldWithoutPermission']);
    expect(JSON.stringify(r.data ?? null)).not.toContain('this must never be returned');
    const events = await t.ownerQuery(
      `SELECT outcome, actor_username, changes->>'reason' AS reason FROM audit_events WHERE action = 'field.CanaryRecord.fieldWithoutPermission'`,
    );
    expect(events).toEqual([{ outcome: 'DENIED', actor_username: 'lcso.supervisor', reason: 'operation declares no permission' }]);
  });

  it('asks for authentication first when there is no token', async () => {
    const r = await t.gql<{ canaryWithoutPermission: boolean | null }>(`{ canaryWithoutPermission }`);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
