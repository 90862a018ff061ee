import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { codes, DEMO_PASSWORD, GqlBody, GqlResult, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * The API's outer shell: query limits (depth, aliases, cost, tokens), no batching, CSRF
 * prevention, introspection and suggestions, one error vocabulary with no internals, input
 * validation, health and security headers, secrets kept out of logs, and the request rate limit.
 */

const ALLOWED_CODES = [
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
/** Internals that must never be in an error: stack frames, SQL, driver and ORM errors. */
const INTERNALS = [
  /\n\s*at /,
  /\bat [\w.<>]+ \(/,
  /\.js:\d+/,
  /\bSELECT\b/,
  /\bINSERT\b/,
  /\bUPDATE\s+\w+\s+SET\b/,
  /\bDELETE FROM\b/,
  /QueryFailedError|TypeORM|duplicate key|violates .* constraint|node_modules/,
];
const ME = graphql(`
  query ApiHygieneMe {
    me {
      username
    }
  }
`);

interface Raw<B = GqlBody> {
  status: number;
  text: string;
  body: B | undefined;
  headers: Headers;
}

async function raw<B = GqlBody>(url: string, init?: RequestInit): Promise<Raw<B>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: B | undefined;
  try {
    body = JSON.parse(text) as B;
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body, headers: res.headers };
}

const postJson = (t: TestApp, body: unknown, headers: Record<string, string> = {}) =>
  raw(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A failed operation: errors only from the allowed set, readable, nothing internal, not a server fault. */
function expectCleanFailure(
  label: string,
  status: number,
  body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined,
) {
  expect({ label, hasErrors: Array.isArray(body?.errors) && body.errors.length > 0 }).toEqual({ label, hasErrors: true });
  expect({ label, serverFault: status >= 500 }).toEqual({ label, serverFault: false });
  for (const e of body!.errors!) {
    expect({ label, code: ALLOWED_CODES.includes(e.extensions?.code as string) ? 'allowed' : e.extensions?.code }).toEqual({
      label,
      code: 'allowed',
    });
    expect(e.extensions ?? {}).not.toHaveProperty('stacktrace');
    expect(e.extensions ?? {}).not.toHaveProperty('exception');
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(5);
    for (const pattern of INTERNALS)
      expect({ label, message: e.message, leaks: pattern.test(e.message) }).toEqual({ label, message: e.message, leaks: false });
  }
}

function expectRejected(r: GqlResult, code = 'BAD_USER_INPUT') {
  expect(codes(r)).toEqual([code]);
  expect(r.data ?? null).toBeNull();
}

describe('query limits', () => {
  describe('depth (GRAPHQL_MAX_DEPTH=3)', () => {
    let t: TestApp;
    let token: string;
    beforeAll(async () => {
      t = await startTestApp({ GRAPHQL_MAX_DEPTH: '3' });
      token = await t.login('lcso.admin');
    });
    afterAll(() => t.close());

    it('runs a query at the limit', async () => {
      const r = await t.gql(
        graphql(`
          query ApiHygieneMe2 {
            me {
              agency {
                name
              }
            }
          }
        `),
        {},
        token,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.me.agency.name).toBe("Laramie County Sheriff's Office");
    });

    it('refuses a query one level deeper with BAD_USER_INPUT and no data, also when hidden in a fragment, even before authentication', async () => {
      for (const [query, withToken] of [
        [`{ users { edges { node { id } } } }`, true],
        [`{ users { ...F } } fragment F on UserConnection { edges { node { id } } }`, true],
        [`{ users { edges { ... on UserEdge { node { id } } } } }`, true],
        [`{ users { edges { node { id } } } }`, false],
      ] as const) {
        const r = await t.gql(query, {}, withToken ? token : undefined);
        expectRejected(r);
        expect(r.status).toBe(400);
        expect(r.errors![0].message).toMatch(/depth limit of 3 exceeded/i);
      }
    });
  });

  describe('cost (GRAPHQL_MAX_COST=10)', () => {
    let t: TestApp;
    let token: string;
    beforeAll(async () => {
      t = await startTestApp({ GRAPHQL_MAX_COST: '10' });
      token = await t.login('lcso.admin');
    });
    afterAll(() => t.close());

    it('refuses a query over the cost limit and runs a cheap one', async () => {
      const cheap = await t.gql(
        graphql(`
          query ApiHygieneMe3 {
            me {
              username
              displayName
            }
          }
        `),
        {},
        token,
      );
      expect(cheap.errors).toBeUndefined();
      const costly = await t.gql(
        graphql(`
          query ApiHygieneAgencies {
            agencies {
              id
              name
              shortCode
              level
              kind
              ori
              contactName
              contactPhone
              contactEmail
              active
              version
            }
          }
        `),
        {},
        token,
      );
      expectRejected(costly);
      expect(costly.errors![0].message).toMatch(/cost limit of 10 exceeded/i);
    });
  });
});

describe('transport: batching, CSRF, introspection, errors, validation, health', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('lcso.admin');
  });
  afterAll(() => t.close());

  it('refuses more aliases than GRAPHQL_MAX_ALIASES (15), accepts 15', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { username }`).join(' ')} }`;
    const over = await t.gql(aliased(16), {}, admin);
    expectRejected(over);
    expect(over.errors![0].message).toMatch(/aliases limit of 15 exceeded/i);
    const at = await t.gql<Record<string, unknown>>(aliased(15), {}, admin);
    expect(at.errors).toBeUndefined();
    expect(Object.keys(at.data!)).toHaveLength(15);
  });

  it('refuses a batch of operations with an error, not two results', async () => {
    const r = await postJson(t, [{ query: `{ __typename }` }, { query: `{ taskForce { name } }` }], { authorization: `Bearer ${admin}` });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(Array.isArray(r.body)).toBe(false);
    expect(r.body!.data).toBeUndefined();
    expect(r.body!.errors![0].message).toMatch(/batching/i);
    expectCleanFailure('batch', r.status, r.body);
  });

  it('blocks a simple GET (no content-type, no preflight header) as possible CSRF', async () => {
    const r = await raw(`${t.url}/graphql?query=${encodeURIComponent('{__typename}')}`);
    expect(r.status).toBe(400);
    expect(r.body!.data).toBeUndefined();
    expect(r.body!.errors![0].message).toMatch(/Cross-Site Request Forgery/);
    expectCleanFailure('csrf get', r.status, r.body);
    // the same GET with the preflight header is a normal query (so the 400 above was the CSRF rule)
    const ok = await raw(`${t.url}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('blocks a POST with a simple content type (text/plain, form) as possible CSRF', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await raw(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ query: `{ __typename }` }),
      });
      expect({ type, status: r.status }).toEqual({ type, status: 400 });
      expect(r.text).not.toContain('"__typename":"Query"');
    }
  });

  it('serves introspection outside production', async () => {
    const r = await t.gql(
      graphql(`
        query ApiHygieneSchema {
          __schema {
            queryType {
              name
            }
            mutationType {
              name
            }
          }
        }
      `),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.__schema).toEqual({ queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } });
  });

  it('hides field, argument, type and enum-value suggestions', async () => {
    await expectNoSuggestions(t, admin);
  });

  it('answers every kind of failure with an allowed code, a readable message and no internals', async () => {
    const gqlCases: [string, string, Record<string, unknown>, string | undefined, string][] = [
      ['syntax error', `{ me { username `, {}, admin, 'BAD_USER_INPUT'],
      ['unknown field', `{ meee { username } }`, {}, admin, 'BAD_USER_INPUT'],
      ['wrong variable type', `query($f: Int!) { users(first: $f) { edges { cursor } } }`, { f: 'many' }, admin, 'BAD_USER_INPUT'],
      ['missing variable', `query($id: ID!) { agency(id: $id) { name } }`, {}, admin, 'BAD_USER_INPUT'],
      ['bad UUID', `{ agency(id: "not-a-uuid") { name } }`, {}, admin, 'BAD_USER_INPUT'],
      ['SQL-ish UUID', `{ agency(id: "1' OR '1'='1") { name } }`, {}, admin, 'BAD_USER_INPUT'],
      ['unknown agency', `query($id: ID!) { agency(id: $id) { name } }`, { id: randomUUID() }, admin, 'NOT_FOUND'],
      ['no token', `{ me { username } }`, {}, undefined, 'UNAUTHENTICATED'],
      ['forged token', `{ me { username } }`, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA', 'UNAUTHENTICATED'],
      ['forbidden', `{ auditEvents(first: 1) { edges { cursor } } }`, {}, admin, 'FORBIDDEN'],
      [
        'conflict',
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        { i: { username: 'lcso.investigator', displayName: 'Dup', password: 'Duplicate-Pass-2026', roles: ['INVESTIGATOR'] } },
        admin,
        'CONFLICT',
      ],
      ['bad page size', `{ users(first: 101) { edges { cursor } } }`, {}, admin, 'BAD_USER_INPUT'],
      ['too many tokens', `{ ${'__typename '.repeat(2100)}}`, {}, admin, 'BAD_USER_INPUT'],
    ];
    for (const [label, query, variables, token, code] of gqlCases) {
      const r = await t.gql<Record<string, unknown>>(query, variables, token);
      expectCleanFailure(label, r.status, r);
      expect({ label, codes: codes(r) }).toEqual({ label, codes: [code] });
      expect({ label, data: r.data?.agency ?? r.data?.me ?? r.data?.users ?? r.data?.createUser ?? null }).toEqual({ label, data: null });
    }
    const httpCases: [string, Promise<Raw>][] = [
      ['empty body', postJson(t, {})],
      ['no query', postJson(t, { variables: {} })],
      ['unknown operation name', postJson(t, { query: `query A { __typename }`, operationName: 'B' })],
      [
        'mutation over GET',
        raw(`${t.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, { headers: { 'apollo-require-preflight': '1' } }),
      ],
    ];
    for (const [label, pending] of httpCases) {
      const r = await pending;
      expectCleanFailure(label, r.status, r.body);
    }
  });

  it('refuses unknown input fields and invalid enum values (inline and in variables) and creates nothing', async () => {
    const users = (await t.ownerQuery(`SELECT count(*)::int AS n FROM users`))[0].n;
    const base = { username: 'lcso.newcomer', displayName: 'New Comer', password: 'Newcomer-Pass-2026', roles: ['INVESTIGATOR'] };
    const CREATE = graphql(`
      mutation ApiHygieneCreateUser($i: CreateUserInput!) {
        createUser(input: $i) {
          id
        }
      }
    `);
    const attempts: GqlResult[] = [
      await t.gql(CREATE, { i: { ...base, isSuperuser: true } }, admin),
      await t.gql(
        `mutation { createUser(input: { username: "lcso.newcomer", displayName: "New", password: "Newcomer-Pass-2026", roles: [INVESTIGATOR], isSuperuser: true }) { id } }`,
        {},
        admin,
      ),
      await t.gql(CREATE, { i: { ...base, roles: ['GOD_MODE'] } }, admin),
      await t.gql(
        `mutation { createUser(input: { username: "lcso.newcomer", displayName: "New", password: "Newcomer-Pass-2026", roles: [GOD_MODE] }) { id } }`,
        {},
        admin,
      ),
      await t.gql(`{ users(first: 5, orderBy: "password_hash") { edges { cursor } } }`, {}, admin),
    ];
    for (const r of attempts) {
      expectRejected(r);
      expectCleanFailure('input', r.status, r);
    }
    expect(attempts[0].errors![0].message).toMatch(/isSuperuser/);
    expect(attempts[2].errors![0].message).toMatch(/GOD_MODE/);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(users);
  });

  it('explains class-validator failures in words a person understands', async () => {
    const r = await t.gql(
      graphql(`
        mutation ApiHygieneCreateUser2($i: CreateUserInput!) {
          createUser(input: $i) {
            id
          }
        }
      `),
      {
        i: { username: 'A!', displayName: 'Bad Name', email: 'not-an-email', password: 'Valid-Length-Pass-2026', roles: ['INVESTIGATOR'] },
      },
      admin,
    );
    expectRejected(r);
    const message = r.errors![0].message;
    expect(message).toContain('username must be 3-64 characters: lower-case letters, digits, and . _ @ -, starting with a letter or digit');
    expect(message).toContain('email must be a valid e-mail address');
    expect(r.errors![0].extensions?.fields).toEqual(['username', 'email']);
    expect(await t.ownerQuery(`SELECT 1 FROM users WHERE display_name = 'Bad Name'`)).toEqual([]);

    const page = await t.gql(
      graphql(`
        query ApiHygieneUsers {
          users(first: 101) {
            edges {
              cursor
            }
          }
        }
      `),
      {},
      admin,
    );
    expectRejected(page);
    expect(page.errors![0].message).toBe('first must not be greater than 100');
  });

  it('/health is 200 with the database up; /health/live is ok', async () => {
    const health = await raw<{ status: string; info: { database: { status: string } } }>(`${t.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body!.status).toBe('ok');
    expect(health.body!.info.database.status).toBe('up');
    const live = await raw(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
  });

  it('sends helmet security headers and no x-powered-by, on GraphQL and REST alike', async () => {
    for (const r of [await raw(`${t.url}/health`), await postJson(t, { query: `{ __typename }` })]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(r.headers.get('origin-agent-cluster')).toBe('?1');
      expect(r.headers.get('x-dns-prefetch-control')).toBe('off');
      expect(r.headers.get('x-permitted-cross-domain-policies')).toBe('none');
      expect(r.headers.get('x-xss-protection')).toBe('0');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });
});

async function expectNoSuggestions(t: TestApp, token: string) {
  const CREATE_AGENCY = graphql(`
    mutation ApiHygieneCreateAgency($i: CreateAgencyInput!) {
      createAgency(input: $i) {
        agency {
          id
        }
      }
    }
  `);
  const agency = {
    name: 'Typo Agency',
    shortCode: 'TYPO',
    level: 'COUNTY',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WY0990000',
    firstAdmin: { username: 'typo.admin', displayName: 'Typo', password: 'Typo-Admin-Pass-2026' },
  };
  // [what is misspelled, result, the right name that must not be hinted]
  const attempts: [string, GqlResult, string | null][] = [
    ['field', await t.gql(`{ agencie { id } }`, {}, token), '"agencies"'],
    ['nested field', await t.gql(`{ me { usernam } }`, {}, token), '"username"'],
    ['argument', await t.gql(`{ users(firts: 2) { edges { cursor } } }`, {}, token), '"first"'],
    ['type', await t.gql(`query($x: Agencyy) { me { username } }`, {}, token), '"Agency"'],
    [
      'enum literal',
      await t.gql(
        `mutation { createAgency(input: { name: "Typo Agency", shortCode: "TYPO", level: COUNTY, kind: LAW_ENFORCMENT, ori: "WY0990000", firstAdmin: { username: "typo.admin", displayName: "T", password: "Typo-Admin-Pass-2026" } }) { agency { id } } }`,
        {},
        token,
      ),
      '"LAW_ENFORCEMENT"',
    ],
    ['enum variable', await t.gql(CREATE_AGENCY, { i: { ...agency, level: 'COUNTRY' } }, token), '"COUNTY"'],
    ['input field variable', await t.gql(CREATE_AGENCY, { i: { ...agency, contactNam: 'Typo' } }, token), 'contactName'],
    [
      'role enum variable',
      await t.gql(
        graphql(`
          mutation ApiHygieneCreateUser3($i: CreateUserInput!) {
            createUser(input: $i) {
              id
            }
          }
        `),
        { i: { username: 'typo.user', displayName: 'T', password: 'Typo-User-Pass-2026', roles: ['INVESTIGATR'] } },
        token,
      ),
      '"INVESTIGATOR"',
    ],
  ];
  for (const [label, r, hint] of attempts) {
    expect({ label, codes: codes(r) }).toEqual({ label, codes: expect.arrayContaining(['BAD_USER_INPUT']) });
    expect(r.data ?? null).toBeNull();
    const text = (r.errors ?? []).map((e) => e.message).join('\n');
    expect({ label, text, suggests: /did you mean/i.test(text) }).toEqual({ label, text, suggests: false });
    // nor the right name spelled out as a hint
    if (hint) expect({ label, text, hints: text.includes(hint) }).toEqual({ label, text, hints: false });
  }
}

describe('a production server', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await startTestApp({ NODE_ENV: 'production', MFA_REQUIRED: 'false' });
  });
  afterAll(() => p.close());

  it('works (sign-in, me)', async () => {
    const token = await p.login('lcso.investigator');
    const r = await p.gql(ME, {}, token);
    expect(r.data!.me.username).toBe('lcso.investigator');
  });

  it('refuses introspection with BAD_USER_INPUT and no data', async () => {
    for (const query of [
      `{ __schema { queryType { name } } }`,
      `{ __type(name: "Query") { fields { name } } }`,
      `{ me { username } __schema { types { name } } }`,
    ]) {
      const r = await p.gql(query, {}, await p.login('lcso.admin'));
      expectRejected(r);
      expect(r.errors![0].message).toMatch(/introspection/i);
    }
  });

  it('never suggests field, argument, type or enum names', async () => {
    await expectNoSuggestions(p, await p.login('lcso.admin'));
  });

  it('sends a content security policy', async () => {
    const r = await raw(`${p.url}/health`);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  /** One request written to the socket as given (what fetch will not send: a bad Host, an encoded path, an absolute target). */
  function rawHttp(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const { hostname, port } = new URL(p.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(request));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head, ...rest] = text.split('\r\n\r\n');
        const [statusLine, ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
      });
    });
  }
  const post = (target: string, host: string) => {
    const body = '{"query":"{ __typename }"}';
    return rawHttp(
      `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  it('answers the API as the API however its path is written (encoded, absolute): never cached, with its headers', async () => {
    const plain = await post('/graphql', 'localhost');
    expect(plain.status).toBe(200);
    for (const target of ['/%67raphql', `http://elsewhere.example/graphql`]) {
      const r = await post(target, 'localhost');
      expect({ target, status: r.status, body: JSON.parse(r.body) as unknown }).toEqual({
        target,
        status: 200,
        body: { data: { __typename: 'Query' } },
      });
      expect({ target, cache: r.headers['cache-control'], csp: r.headers['content-security-policy'] }).toEqual({
        target,
        cache: 'no-store',
        csp: plain.headers['content-security-policy'],
      });
    }
    // Node's own keep-alive, kept under Fastify (whose default is 72 s): the server closes an idle
    // connection after 5 s (rawHttp resolves when it does).
    const kept = await rawHttp(`GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(kept.headers['keep-alive']).toBe('timeout=5');
  });

  it('refuses a Host that makes no URL, and a malformed path, with 400 and the security headers, never a 500', async () => {
    for (const [what, r] of [
      ['a Host with a lone %', await post('/graphql', 'a%')],
      ['a Host that is a bracket', await post('/graphql', '[')],
      ['a malformed escape in the path', await rawHttp(`GET /graphql/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)],
    ] as const) {
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expect({ what, csp: r.headers['content-security-policy'], nosniff: r.headers['x-content-type-options'] }).toEqual({
        what,
        csp: expect.stringContaining("default-src 'self'"),
        nosniff: 'nosniff',
      });
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('logs never contain secrets (LOG_LEVEL=debug)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // development: request logging is on (it is off under NODE_ENV=test)
    t = await startTestApp({ LOG_LEVEL: 'debug', NODE_ENV: 'development' });
  });
  afterAll(() => t.close());

  it("gives a request one id for its log line and its audit rows, the caller's X-Request-Id or a new one", async () => {
    const LOGIN_ID = graphql(`
      mutation ApiHygieneLoginId($i: LoginInput!) {
        login(input: $i) {
          status
        }
      }
    `);
    const lastLoginRequestId = async () =>
      (
        await t.ownerQuery(
          `SELECT request_id FROM audit_events WHERE action = 'auth.login' AND actor_username = 'lcso.supervisor' ORDER BY seq DESC LIMIT 1`,
        )
      )[0].request_id as string;
    const i = { username: 'lcso.supervisor', password: DEMO_PASSWORD };
    expect((await t.gql(LOGIN_ID, { i }, undefined, { 'x-request-id': 'hygiene-one-id' })).data!.login.status).toBe('SIGNED_IN');
    expect(await lastLoginRequestId()).toBe('hygiene-one-id');
    expect((await t.gql(LOGIN_ID, { i })).data!.login.status).toBe('SIGNED_IN');
    const made = await lastLoginRequestId();
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await new Promise((r) => setTimeout(r, 300));
    const line = t
      .output()
      .split('\n')
      .find((l) => l.includes(`"id":"${made}"`));
    expect(line).toEqual(expect.stringContaining('"url":"/graphql"'));
  });

  it('keeps passwords, tokens and keys out of the server output', async () => {
    const LOGIN = graphql(`
      mutation ApiHygieneLogin($i: LoginInput!) {
        login(input: $i) {
          status
          accessToken
          refreshToken
        }
      }
    `);
    const wrongPassword = 'Wrong-Secret-Attempt-4711';
    const newPassword = 'Brand-New-Secret-Pass-2026';
    const inlinePassword = 'Inline-Secret-Attempt-0815';
    const getPassword = 'Get-Url-Secret-Attempt-31337';
    const variablePassword = 'Variable-Echo-Secret-2718';

    const ok = await t.gql(LOGIN, { i: { username: 'lcso.investigator', password: DEMO_PASSWORD } }, undefined, {
      'x-request-id': 'hygiene-login-ok',
    });
    const { accessToken, refreshToken } = ok.data!.login;
    expect(accessToken).toEqual(expect.any(String));
    expect(
      codes(
        await t.gql(LOGIN, { i: { username: 'lcso.investigator', password: wrongPassword } }, undefined, {
          'x-request-id': 'hygiene-login-failed',
        }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    expect(
      codes(await t.gql(`mutation { login(input: { username: "lcso.supervisor", password: "${inlinePassword}" }) { status } }`)),
    ).toEqual(['UNAUTHENTICATED']);
    // invalid variables are echoed to the caller, but must not be logged
    expect(codes(await t.gql(LOGIN, { i: { username: 'lcso.investigator', password: variablePassword, extra: 1 } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    // a sign-in attempted over GET is refused; its URL must not carry the password into the log
    const viaGet = await raw(
      `${t.url}/graphql?query=${encodeURIComponent(LOGIN.toString())}&variables=${encodeURIComponent(JSON.stringify({ i: { username: 'lcso.investigator', password: getPassword } }))}`,
      { headers: { 'apollo-require-preflight': '1', 'x-request-id': 'hygiene-login-get' } },
    );
    expect(viaGet.status).toBe(405);

    expect((await t.gql(ME, {}, accessToken!, { 'x-request-id': 'hygiene-me' })).data!.me.username).toBe('lcso.investigator');
    const refreshed = await t.gql(
      graphql(`
        mutation ApiHygieneRefreshSession($i: RefreshInput!) {
          refreshSession(input: $i) {
            accessToken
            refreshToken
          }
        }
      `),
      {
        i: { refreshToken },
      },
    );
    expect(refreshed.errors).toBeUndefined();
    const auditor = await t.login('lcso.auditor');
    const changed = await t.gql(
      graphql(`
        mutation ApiHygieneChangePassword($i: ChangePasswordInput!) {
          changePassword(input: $i)
        }
      `),
      { i: { currentPassword: DEMO_PASSWORD, newPassword } },
      auditor,
    );
    expect(changed.data!.changePassword).toBe(true);
    expect(codes(await t.gql(ME, {}, `${accessToken}x`))).toEqual(['UNAUTHENTICATED']);
    await new Promise((r) => setTimeout(r, 300));

    const out = t.output();
    // the requests were logged (so the absence checks below are meaningful)
    for (const id of ['hygiene-login-ok', 'hygiene-login-failed', 'hygiene-login-get', 'hygiene-me']) expect(out).toContain(id);
    const secrets: Record<string, string> = {
      'demo password': DEMO_PASSWORD,
      'wrong password': wrongPassword,
      'inline password': inlinePassword,
      'password in a GET URL': getPassword,
      'password in rejected variables': variablePassword,
      'new password': newPassword,
      'access token': accessToken!,
      'access token signature': accessToken!.split('.')[2],
      'refresh token': refreshToken!,
      'refresh token secret part': refreshToken!.split('.')[2],
      'refreshed access token': refreshed.data!.refreshSession.accessToken!,
      'refreshed refresh token': refreshed.data!.refreshSession.refreshToken!,
      'JWT secret': process.env.TF_TEST_JWT_SECRET!,
      'master key': process.env.TF_TEST_MASTER_KEY!,
      'app database password': process.env.TF_TEST_APP_PASSWORD!,
    };
    const leaked = Object.entries(secrets)
      .filter(([, s]) => out.includes(s) || out.includes(encodeURIComponent(s)))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});

describe('request rate limit (REQUEST_RATE_LIMIT=5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REQUEST_RATE_LIMIT: '5' });
  });
  afterAll(() => t.close());

  it('lets 5 requests through, then answers RATE_LIMITED, for every operation from that address', async () => {
    for (let i = 0; i < 5; i++) expect(codes(await t.gql(ME))).toEqual(['UNAUTHENTICATED']);
    const sixth = await t.gql(ME);
    expect(codes(sixth)).toEqual(['RATE_LIMITED']);
    expect([200, 429]).toContain(sixth.status);
    expect(sixth.errors![0].message).toMatch(/too many requests/i);
    expect(sixth.data?.me ?? null).toBeNull();
    // the limit is per address, not per operation: other operations are limited too
    expect(
      codes(
        await t.gql(
          graphql(`
            query ApiHygieneAgencies2 {
              agencies {
                name
              }
            }
          `),
        ),
      ),
    ).toEqual(['RATE_LIMITED']);
    const login = await t.gql(
      graphql(`
        mutation ApiHygieneLogin2($i: LoginInput!) {
          login(input: $i) {
            accessToken
          }
        }
      `),
      {
        i: { username: 'lcso.investigator', password: DEMO_PASSWORD },
      },
    );
    expect(codes(login)).toEqual(['RATE_LIMITED']);
    expect(login.data?.login ?? null).toBeNull();
    // a refused sign-in did not create a session
    expect(await t.ownerQuery(`SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'lcso.investigator'`)).toEqual(
      [],
    );
  });
});
