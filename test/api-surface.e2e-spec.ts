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
    operations = JSON.parse(readFileSync(join(dir, 'ops.json'), 'utf8'));
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

  it('every root field of the schema is in the operations list (nothing unlisted reaches the API)', () => {
    const roots = ['Query', 'Mutation'].flatMap((type) => {
      const block = new RegExp(`type ${type} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
      return [...block.matchAll(/^\s{2}(\w+)[(:]/gm)].map((m) => `${type}.${m[1]}`);
    });
    expect(roots.length).toBeGreaterThan(10);
    expect(roots.sort()).toEqual(Object.keys(operations).sort());
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
    const r = await t.gql(`{ canaryWithoutPermission }`, {}, token);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.data?.canaryWithoutPermission ?? null).toBeNull();
    const events = await t.ownerQuery(
      `SELECT outcome, actor_username FROM audit_events WHERE action = 'operation.canaryWithoutPermission'`,
    );
    expect(events).toEqual([{ outcome: 'DENIED', actor_username: 'lcso.supervisor' }]);
  });

  it('asks for authentication first when there is no token', async () => {
    const r = await t.gql(`{ canaryWithoutPermission }`);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
