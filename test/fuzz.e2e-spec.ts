import { buildClientSchema, getIntrospectionQuery, GraphQLSchema, IntrospectionQuery } from 'graphql';
import { FuzzDocument, FuzzGenerator } from './support/fuzz';
import { startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';

/**
 * Generated hostile documents over every query and mutation and every argument (test/support/fuzz.ts),
 * sent over HTTP as several personas and as nobody, plus malformed HTTP requests: no answer may be
 * INTERNAL or a server error, and every error carries a code. The seed is fixed, so a failure
 * reproduces (FUZZ_SEED and FUZZ_PER_FIELD explore further).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20260501);
const PER_FIELD = Number(process.env.FUZZ_PER_FIELD ?? 60);
/** Past this many seconds no further document is sent (the documents take the operations in turn, so all are covered). */
const BUDGET_SECONDS = Number(process.env.FUZZ_BUDGET_SECONDS ?? 90);
const CLIENT_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
];
const PERSONAS = [undefined, 'lcso.investigator', 'lcso.advocate', 'lcso.admin', 'lcso.auditor', 'lcso.supervisor', 'dci.tfadmin'];
/** Operations that would end the persona's own session, and with it the rest of the run's reach. */
const ANONYMOUS_ONLY = new Set(['logout']);
const CONCURRENCY = 4;

interface Sent {
  persona: string;
  body: unknown;
  status: number;
  text: string;
}

/** What is wrong with an answer, if anything: a server fault, no JSON, an error without a client code. */
function fault(status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return 'not JSON';
  }
  for (const e of body.errors ?? []) {
    if (!CLIENT_CODES.includes(e.extensions?.code as string)) return `code ${String(e.extensions?.code)}`;
    if (typeof e.message !== 'string' || !e.message) return 'no message';
  }
  return undefined;
}

const excerpt = (v: unknown) => JSON.stringify(v).slice(0, 600);

/** The distinct unhandled errors the server logged (their messages, not their stacks). */
function serverErrors(t: TestApp): string[] {
  const messages = t
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        return entry.level >= 50 ? [`${entry.msg}: ${entry.err?.message ?? ''}`.slice(0, 300)] : [];
      } catch {
        return [];
      }
    });
  return [...new Set(messages)];
}

describe('fuzz: hostile documents over every operation and argument', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let wild: FuzzGenerator;
  let tame: FuzzGenerator;
  const tokens = new Map<string | undefined, string | undefined>();

  beforeAll(async () => {
    t = await startTestApp({
      REQUEST_RATE_LIMIT: '1000000',
      LOGIN_RATE_PER_ACCOUNT: '1000000',
      LOGIN_RATE_PER_ADDRESS: '1000000',
      MAX_FAILED_LOGINS: '1000000',
    });
    for (const p of PERSONAS) tokens.set(p, p ? await t.login(p) : undefined);
    const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
    const ids = [
      ...(
        await t.ownerQuery(`SELECT id::text FROM (
          (SELECT id FROM cases LIMIT 6) UNION ALL (SELECT id FROM leads LIMIT 4) UNION ALL (SELECT id FROM victims LIMIT 4)
          UNION ALL (SELECT id FROM referrals LIMIT 4) UNION ALL (SELECT id FROM agencies LIMIT 4) UNION ALL (SELECT id FROM subjects LIMIT 3)
          UNION ALL (SELECT id FROM case_tasks LIMIT 2) UNION ALL (SELECT id FROM charges LIMIT 2) UNION ALL (SELECT id FROM services LIMIT 2)
          UNION ALL (SELECT id FROM consents LIMIT 2) UNION ALL (SELECT id FROM deadlines LIMIT 2) UNION ALL (SELECT id FROM legal_matters LIMIT 2)
          UNION ALL (SELECT id FROM notifications LIMIT 2) UNION ALL (SELECT id FROM reminders LIMIT 2)) ids`)
      ).map((r) => r.id as string),
    ];
    const statuteCodes = (await t.ownerQuery(`SELECT code FROM statutes LIMIT 5`)).map((r) => r.code as string);
    wild = new FuzzGenerator(schema, { ids, statuteCodes }, 'wild');
    tame = new FuzzGenerator(schema, { ids, statuteCodes }, 'tame');
  });
  afterAll(() => t?.close());

  /** How the answers fell out (codes, and answers with data), to see how far the documents reach. */
  const outcomes = new Map<string, number>();
  function tally(text: string): void {
    let body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      /* counted as a fault */
    }
    const keys = [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))];
    if (body.data && Object.values(body.data).some((v) => v !== null)) keys.push('data');
    for (const k of keys) outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  }

  /** Sends the requests, CONCURRENCY at a time, until done or past the deadline; returns how many went and the faulty answers. */
  async function send(requests: { persona: string | undefined; init: RequestInit; path?: string }[], deadline = Infinity) {
    const faults: (Sent & { fault: string })[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length && Date.now() < deadline) {
          const { persona, init, path } = requests[next++];
          const token = tokens.get(persona);
          const headers = { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) };
          const res = await fetch(`${t.url}${path ?? '/graphql'}`, { ...init, headers });
          const text = await res.text();
          const problem = fault(res.status, text);
          tally(text);
          if (problem)
            faults.push({ persona: persona ?? 'anonymous', body: init.body, status: res.status, text: text.slice(0, 400), fault: problem });
        }
      }),
    );
    return { sent: next, faults };
  }

  it(`answers ${PER_FIELD} generated documents per operation, as seven callers, without INTERNAL, within ${BUDGET_SECONDS} s (seed ${SEED})`, async () => {
    const tameDocuments = tame.documents(Math.ceil(PER_FIELD / 2), SEED + 1000);
    const documents: FuzzDocument[] = wild.documents(Math.ceil(PER_FIELD / 2), SEED).flatMap((d, i) => [d, tameDocuments[i]]);
    const fields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    expect(new Set(documents.map((d) => d.field))).toEqual(new Set(fields));
    expect(documents.length).toBeGreaterThanOrEqual(fields.length * PER_FIELD);

    const started = Date.now();
    const { sent, faults } = await send(
      documents.map((d, i) => ({
        persona: ANONYMOUS_ONLY.has(d.field) ? undefined : PERSONAS[Math.floor(i / fields.length) % PERSONAS.length],
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: d.query, variables: d.variables }),
        },
      })),
      started + BUDGET_SECONDS * 1000,
    );
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `[fuzz] ${sent} of ${documents.length} documents over ${fields.length} operations in ${seconds.toFixed(1)} s, seed ${SEED}: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    // Every operation got documents from every caller, even if the budget cut the run short.
    expect(sent).toBeGreaterThanOrEqual(Math.min(documents.length, fields.length * PERSONAS.length * 2));

    // The documents reach the services (not all stopped at validation), or the run proves little.
    expect(outcomes.get('data') ?? 0).toBeGreaterThan(sent / 20);
    // One example per operation, with what the server logged about unhandled errors.
    const byField = new Map(
      faults.map((f) => [(JSON.parse(f.body as string) as { query: string }).query.match(/\{ (?:x: )?(\w+)/)?.[1], f]),
    );
    expect({
      faults: faults.length,
      examples: [...byField.values()].map((f) => ({ ...f, body: excerpt(f.body) })),
      logged: faults.length ? serverErrors(t) : [],
    }).toEqual({ faults: 0, examples: [], logged: [] });
  }, 240000);

  it('answers malformed HTTP requests (bodies, variables, operation names, extensions, GETs) without INTERNAL', async () => {
    const Q = graphql(`
      query FuzzMe {
        me {
          username
        }
      }
    `);
    const bodies: unknown[] = [
      {},
      [],
      'x',
      1,
      null,
      { query: 1 },
      { query: '' },
      { query: Q, variables: 'x' },
      { query: Q, variables: [1] },
      { query: Q, variables: 1 },
      { query: Q, operationName: 1 },
      { query: Q, operationName: '\u0000' },
      { query: Q, operationName: 'x'.repeat(10000) },
      { query: 'query A { me { username } } query B { me { username } }' },
      { query: 'query A { __typename }', operationName: 'B' },
      { query: Q, extensions: 'x' },
      { query: Q, extensions: [] },
      { query: Q, extensions: { persistedQuery: 'junk' } },
      { query: Q, extensions: { persistedQuery: true } },
      { query: Q, extensions: { persistedQuery: { version: 2 } } },
      { query: Q, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: { $gt: '' } } } },
      { extensions: { persistedQuery: { version: 1 } } },
      { query: 'subscription { me { username } }' },
      { query: 'subscription S { __typename }', operationName: 'S' },
      { query: '\u0000' },
      { query: '{ me(x: "\\u0000") { username } }' },
      { query: '{ me { username } }\ud800' },
      { query: '{'.repeat(5000) },
      { query: `query($v: String) { me { username } }`, variables: { v: '\u0000' } },
      { query: Q, variables: { ['\u0000']: '\ud800' } },
    ];
    const raw = [
      '{',
      '{"query": "{ me { username } }"',
      '\u0000',
      '{"query":"\\ud800"}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    ];
    const requests = PERSONAS.slice(0, 2).flatMap((persona) => [
      ...bodies.map((b) => ({
        persona,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) },
      })),
      ...raw.map((body) => ({ persona, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body } })),
      ...[
        'query=%00',
        `query=${encodeURIComponent('{ me { username } }')}&variables=%7B`,
        `query=${encodeURIComponent('mutation { logout }')}`,
        'extensions=%7B%22persistedQuery%22%3A1%7D',
        `query=${encodeURIComponent('{__typename}')}&extensions=junk`,
        'query=%ED%A0%80',
      ].map((qs) => ({ persona, path: `/graphql?${qs}`, init: { method: 'GET', headers: { 'apollo-require-preflight': '1' } } })),
    ]);
    const { sent, faults } = await send(requests);
    expect(sent).toBe(requests.length);
    expect(faults.map((f) => ({ ...f, body: excerpt(f.body) }))).toEqual([]);
  });

  it('leaves the server healthy and the audit trail intact', async () => {
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    const r = await t.gql(
      graphql(`
        query FuzzAuditTrailVerification {
          auditTrailVerification {
            ok
            checked
          }
        }
      `),
      {},
      tokens.get('lcso.auditor'),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.auditTrailVerification.ok).toBe(true);
    expect(r.data!.auditTrailVerification.checked).toBeGreaterThan(0);
  });
});
