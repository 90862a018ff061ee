import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { codes, DEMO_PASSWORD, GqlResult, personas, startTestApp, TestApp } from './support/test-app';

/**
 * Hostile text at the boundary (libs/core/src/graphql/input-boundary.plugin.ts): a NUL, an unpaired
 * surrogate or a blank where a value is required is refused with BAD_USER_INPUT naming the field,
 * before anything runs, so nothing reaches PostgreSQL or the audit trail; protocol mistakes
 * (persisted-query junk, subscriptions) answer BAD_REQUEST / PERSISTED_QUERY_*; every alias counts;
 * a production server loads nothing from outside.
 */

const TABLES = [
  'audit_events',
  'cases',
  'case_tasks',
  'case_notes',
  'subjects',
  'leads',
  'identifiers',
  'referrals',
  'referral_events',
  'consents',
  'deadlines',
  'users',
  'agencies',
];

/** Every row of the tables a request could write (sessions by count: using one touches it). */
async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const parts = TABLES.map((table) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${table} x) AS ${table}`);
  const [row] = await t.ownerQuery(`SELECT ${parts.join(', ')}, (SELECT count(*)::text FROM sessions) AS sessions`);
  return row;
}

/** Refused as bad input, with no data, the message naming `field`, and the database as it was. */
async function expectRefused(t: TestApp, send: () => Promise<GqlResult>, field: string, problem: RegExp) {
  const before = await fingerprint(t);
  const r = await send();
  expect({ field, codes: codes(r) }).toEqual({ field, codes: ['BAD_USER_INPUT'] });
  expect(r.errors![0].message).toContain(field);
  expect(r.errors![0].message).toMatch(problem);
  expect(r.errors![0].extensions?.fields).toEqual(expect.arrayContaining([field]));
  expect(r.data ?? null).toBeNull();
  expect(await fingerprint(t)).toEqual(before);
}

const NOT_ALLOWED = /character that is not allowed/;
const BLANK = /must not be blank/;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { status accessToken } }`;

describe('on one server', () => {
  let t: TestApp;
  const as = personas(() => t);
  beforeAll(async () => {
    t = await startTestApp();
    for (const p of ['lcso.investigator', 'lcso.admin', 'lcso.auditor', 'lcso.advocate', 'safeharbor.advocate']) await as.as(p);
  });
  afterAll(() => t.close());

  describe('hostile text is refused at the boundary, naming the field, changing nothing', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (
        await t.ownerQuery(
          `SELECT c.id FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE a.short_code = 'LCSO' AND c.status <> 'CLOSED' LIMIT 1`,
        )
      )[0].id;
    });

    it('a NUL in the anonymous login (username or password, as variables or inline) is BAD_USER_INPUT, not a database error', async () => {
      await expectRefused(
        t,
        () => t.gql(LOGIN, { i: { username: 'lcso.investigator\u0000', password: 'x' } }),
        'input.username',
        NOT_ALLOWED,
      );
      await expectRefused(
        t,
        () => t.gql(LOGIN, { i: { username: 'lcso.investigator', password: 'Pass\u0000word-2026' } }),
        'input.password',
        NOT_ALLOWED,
      );
      await expectRefused(
        t,
        () => t.gql(`mutation { login(input: { username: "a\\u0000b", password: "x" }) { status } }`),
        'input.username',
        NOT_ALLOWED,
      );
    });

    it('an unpaired surrogate in a value the audit records is refused: addCaseTask.title, createLead.county, openCase.title, the auditEvents filter', async () => {
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: AddCaseTaskInput!) { addCaseTask(input: $i) { id } }`,
            { i: { caseId, title: 'Call the \ud800 employer' } },
            'lcso.investigator',
          ),
        'input.title',
        NOT_ALLOWED,
      );
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id } } }`,
            {
              i: {
                narrative: 'Workers at a ranch are not paid.',
                receivedAt: '2026-01-10T10:00:00Z',
                source: 'HOTLINE',
                suspectedType: 'LABOR',
                county: 'Laramie\udc00',
              },
            },
            'lcso.investigator',
          ),
        'input.county',
        NOT_ALLOWED,
      );
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { id } } }`,
            { i: { title: '\udfff\ud800 ranch', traffickingType: 'LABOR' } },
            'lcso.investigator',
          ),
        'input.title',
        NOT_ALLOWED,
      );
      await expectRefused(
        t,
        () =>
          as.gql(
            `query($f: AuditEventFilter) { auditEvents(first: 5, filter: $f) { edges { cursor } } }`,
            { f: { action: 'case.\ud800' } },
            'lcso.auditor',
          ),
        'filter.action',
        NOT_ALLOWED,
      );
    });

    it('an unpaired surrogate in an e-mail is refused before class-validator sees it (no URIError)', async () => {
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
            {
              i: {
                username: 'lcso.surrogate',
                displayName: 'Sur Rogate',
                email: 'sur\ud800@example.org',
                password: 'Surrogate-Pass-2026',
                roles: ['INVESTIGATOR'],
              },
            },
            'lcso.admin',
          ),
        'input.email',
        NOT_ALLOWED,
      );
    });

    it('a whitespace-only subject name is refused (not left to a CHECK constraint)', async () => {
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: AddSubjectInput!) { addSubject(input: $i) { subject { id } } }`,
            { i: { caseId, role: 'TRAFFICKER', displayName: ' \t ' } },
            'lcso.investigator',
          ),
        'input.displayName',
        BLANK,
      );
    });

    it('declineReferral refuses a reason of only spaces, and the referral stays pending', async () => {
      const [ref] = await t.ownerQuery(
        `SELECT r.id, r.version FROM referrals r JOIN agencies a ON a.id = r.to_agency_id WHERE a.short_code = 'HPSH' AND r.status = 'PENDING' LIMIT 1`,
      );
      expect(ref).toBeDefined();
      await expectRefused(
        t,
        () =>
          as.gql(
            `mutation($i: ReferralAnswerInput!) { declineReferral(input: $i) { status } }`,
            { i: { id: ref.id, version: ref.version, reason: '      ' } },
            'safeharbor.advocate',
          ),
        'input.reason',
        BLANK,
      );
      expect((await t.ownerQuery(`SELECT status FROM referrals WHERE id = $1`, [ref.id]))[0].status).toBe('PENDING');
    });

    it('required reasons, purposes, notes, titles and names are non-blank everywhere, also in lists and field arguments', async () => {
      const id = randomUUID();
      const cases: [string, string, Record<string, unknown>, string, string][] = [
        [
          `mutation($i: CloseCaseInput!) { closeCase(input: $i) { id } }`,
          'lcso.investigator',
          { i: { id, version: 1, as: 'RESOLVED', reason: '   ' } },
          'input.reason',
          BLANK.source,
        ],
        [
          `mutation($i: CloseLeadInput!) { closeLead(input: $i) { id } }`,
          'lcso.investigator',
          { i: { id, version: 1, as: 'UNFOUNDED', reason: '\n\t' } },
          'input.reason',
          BLANK.source,
        ],
        [
          `mutation($i: AddCaseNoteInput!) { addCaseNote(input: $i) { id } }`,
          'lcso.investigator',
          { i: { caseId, body: '\u00a0\u2003 ' } },
          'input.body',
          BLANK.source,
        ],
        [
          `mutation($i: MarkDeadlineMetInput!) { markDeadlineMet(input: $i) { id } }`,
          'lcso.advocate',
          { i: { id, version: 1, note: '  ' } },
          'input.note',
          BLANK.source,
        ],
        [
          `mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { id } }`,
          'lcso.advocate',
          { i: { id, version: 1, reason: ' ' } },
          'input.reason',
          BLANK.source,
        ],
        [
          `mutation($i: RecordConsentInput!) { recordConsent(input: $i) { id } }`,
          'lcso.advocate',
          { i: { victimId: id, recipientAgencyId: id, scopes: [], purpose: '   ', signedOn: '2026-01-01', expiresOn: '2026-06-01' } },
          'input.purpose',
          BLANK.source,
        ],
        [
          `mutation($i: CompleteReferralInput!) { completeReferral(input: $i) { id } }`,
          'safeharbor.advocate',
          { i: { id, version: 1, outcome: '' } },
          'input.outcome',
          BLANK.source,
        ],
        [
          `mutation($i: UpdateCaseInput!) { updateCase(input: $i) { id } }`,
          'lcso.investigator',
          { i: { id: caseId, version: 1, title: '    ' } },
          'input.title',
          BLANK.source,
        ],
        [
          `mutation($t: String!) { openCase(input: { title: "Ranch labor", traffickingType: LABOR, counties: ["Laramie", $t] }) { case { id } } }`,
          'lcso.investigator',
          { t: ' ' },
          'input.counties[1]',
          BLANK.source,
        ],
        [
          `query($id: ID!) { victim(id: $id) { id identity(purpose: "   ") { __typename } } }`,
          'lcso.advocate',
          { id },
          'purpose',
          BLANK.source,
        ],
        [
          `query($id: ID!) { victim(id: $id) { id identity(purpose: "court\\u0000") { __typename } } }`,
          'lcso.advocate',
          { id },
          'purpose',
          NOT_ALLOWED.source,
        ],
      ];
      for (const [query, persona, variables, field, problem] of cases) {
        await expectRefused(t, () => as.gql(query, variables, persona), field, new RegExp(problem));
      }
    });

    it('a date-time outside the years 1 to 9999 is refused (JavaScript reaches 271,821 BC, PostgreSQL 4713 BC)', async () => {
      for (const receivedAt of ['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z']) {
        await expectRefused(
          t,
          () =>
            as.gql(
              `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id } } }`,
              { i: { narrative: 'Workers at a ranch are not paid.', receivedAt, source: 'HOTLINE', suspectedType: 'LABOR' } },
              'lcso.investigator',
            ),
          'input.receivedAt',
          /between the years 1 and 9999/,
        );
      }
    });

    it('names every offending field at once', async () => {
      const r = await as.gql(
        `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { id } } }`,
        { i: { title: ' ', summary: 'a\u0000', traffickingType: 'LABOR' } },
        'lcso.investigator',
      );
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect([...(r.errors![0].extensions?.fields as string[])].sort()).toEqual(['input.summary', 'input.title']);
      expect(r.errors![0].message).toContain('input.summary contains a character that is not allowed');
      expect(r.errors![0].message).toContain('input.title must not be blank');
    });

    it('an optional value may be empty ("" clears it) but not only whitespace', async () => {
      const r = await as.gql(`{ cases(first: 1, after: "") { edges { cursor } } }`, {}, 'lcso.investigator');
      expect(r.errors).toBeUndefined();
      await expectRefused(
        t,
        () => as.gql(`{ cases(first: 1, after: "  ") { edges { cursor } } }`, {}, 'lcso.investigator'),
        'after',
        BLANK,
      );
    });

    it('a forged cursor carrying a NUL is refused as an invalid cursor', async () => {
      const after = Buffer.from(JSON.stringify(['lcso\u0000'])).toString('base64url');
      const r = await as.gql(`query($a: String) { users(first: 2, after: $a) { edges { cursor } } }`, { a: after }, 'lcso.admin');
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/cursor is not valid/);
    });

    it('variables with more wrong values than graphql-js counts (50) are BAD_USER_INPUT, not INTERNAL', async () => {
      const r = await as.gql(
        `mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }`,
        { i: { ids: Array.from({ length: 80 }, () => 1.5) } },
        'lcso.investigator',
      );
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/\$i/);
    });

    it('an explicit null filter is no filter', async () => {
      for (const [query, persona] of [
        [`{ cases(first: 1, filter: null) { edges { cursor } } }`, 'lcso.investigator'],
        [`{ leads(first: 1, filter: null) { edges { cursor } } }`, 'lcso.investigator'],
        [`{ auditEvents(first: 1, filter: null) { edges { cursor } } }`, 'lcso.auditor'],
      ]) {
        const r = await as.gql(query, {}, persona);
        expect({ query, errors: r.errors }).toEqual({ query, errors: undefined });
        expect(Object.values(r.data)[0]).toEqual({ edges: [expect.objectContaining({ cursor: expect.any(String) })] });
      }
    });

    it('header text written to sessions and audit rows is printable and bounded', async () => {
      const r = await t.gql(LOGIN, { i: { username: 'lcso.supervisor', password: DEMO_PASSWORD } }, undefined, {
        'user-agent': `Fuzzer/1.0 \u00e9\u00ff ${'u'.repeat(500)}`,
        'x-request-id': `req-\u00e9-${'x'.repeat(200)}`,
      });
      expect(r.data.login.accessToken).toEqual(expect.any(String));
      const [session] = await t.ownerQuery(
        `SELECT s.user_agent FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'lcso.supervisor' ORDER BY s.created_at DESC LIMIT 1`,
      );
      expect(session.user_agent).toMatch(/^Fuzzer\/1\.0 +u+$/);
      expect(session.user_agent.length).toBeLessThanOrEqual(300);
      const [event] = await t.ownerQuery(
        `SELECT request_id FROM audit_events WHERE actor_username = 'lcso.supervisor' ORDER BY seq DESC LIMIT 1`,
      );
      expect(event.request_id).toMatch(/^req--x+$/);
      expect(event.request_id.length).toBeLessThanOrEqual(100);
    });

    it('a NUL in a header is refused by the HTTP parser itself, and the server keeps serving', async () => {
      const { host, port } = new URL(t.url);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), host.split(':')[0], () =>
          socket.end(
            'POST /graphql HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
          ),
        );
        let data = '';
        socket.on('data', (d) => (data += d));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      expect(codes(await t.gql(`{ __typename }`))).toEqual([]);
    });
  });

  describe('protocol mistakes get protocol codes; every alias counts', () => {
    let token: string;
    beforeAll(async () => {
      token = await as.as('lcso.investigator');
    });

    const post = async (body: unknown) => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const NOTE = `mutation { addCaseNote(input: { caseId: "${randomUUID()}", body: "A note" }) { id } }`;

    it('junk persisted-query extensions answer BAD_REQUEST or PERSISTED_QUERY_NOT_FOUND and run nothing', async () => {
      const notes = (await t.ownerQuery(`SELECT count(*)::int AS n FROM case_notes`))[0].n;
      for (const [extensions, query, code] of [
        [{ persistedQuery: 'junk' }, NOTE, 'BAD_REQUEST'],
        [{ persistedQuery: true }, NOTE, 'BAD_REQUEST'],
        [{ persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } }, NOTE, 'BAD_REQUEST'],
        [{ persistedQuery: { version: 1, sha256Hash: 'not-the-hash' } }, NOTE, 'BAD_REQUEST'],
        [{ persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } }, undefined, 'PERSISTED_QUERY_NOT_FOUND'],
        [{ persistedQuery: { version: 1, sha256Hash: { $ne: 1 } } }, undefined, 'PERSISTED_QUERY_NOT_FOUND'],
      ] as const) {
        const r = await post({ query, extensions });
        expect({ extensions, codes: r.body.errors.map((e: any) => e.extensions.code) }).toEqual({ extensions, codes: [code] });
        expect(r.status).toBeLessThan(500);
        expect(r.body.data ?? null).toBeNull();
        expect(r.body.errors[0].message).toMatch(/persisted query|sha|PersistedQueryNotFound/i);
      }
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM case_notes`))[0].n).toBe(notes);
    });

    it('a subscription is refused with BAD_REQUEST, even one that would be valid', async () => {
      const before = (await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
      for (const query of ['subscription { me { username } }', 'subscription S { __typename }']) {
        const r = await post({ query });
        expect(r.status).toBe(400);
        expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_REQUEST']);
        expect(r.body.errors[0].message).toMatch(/subscriptions are not supported/i);
        expect(r.body.data ?? null).toBeNull();
      }
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(before);
    });

    it('other protocol mistakes (an unknown operation name, a batch, no query) are BAD_REQUEST', async () => {
      for (const body of [{ query: 'query A { __typename }', operationName: 'B' }, [{ query: '{ __typename }' }], { variables: {} }]) {
        const r = await post(body);
        expect({ body, codes: r.body.errors.map((e: any) => e.extensions.code) }).toEqual({ body, codes: ['BAD_REQUEST'] });
      }
    });

    it('counts __typename aliases against the alias limit (300 refused, 15 run)', async () => {
      const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      const over = await t.gql(aliased(300), {}, token);
      expect(codes(over)).toEqual(['BAD_USER_INPUT']);
      expect(over.errors![0].message).toMatch(/aliases limit of 15 exceeded, found 300/i);
      expect(over.data ?? null).toBeNull();
      const mixed = await t.gql(
        `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: __typename`).join(' ')} ${Array.from({ length: 6 }, (_, i) => `m${i}: me { username }`).join(' ')} }`,
        {},
        token,
      );
      expect(mixed.errors![0].message).toMatch(/aliases limit of 15 exceeded, found 16/i);
      const at = await t.gql(aliased(15), {}, token);
      expect(at.errors).toBeUndefined();
      expect(Object.keys(at.data)).toHaveLength(15);
    });
  });
});

describe('a production server', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => p.close());

  it('serves no landing page: nothing that loads from another host', async () => {
    for (const headers of [{ accept: 'text/html' }, { accept: 'text/html', 'apollo-require-preflight': '1' }] as Record<string, string>[]) {
      const res = await fetch(`${p.url}/graphql`, { headers });
      const text = await res.text();
      expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
      expect(text).not.toMatch(/<script|<html/i);
      expect(text).not.toMatch(/https?:\/\//);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('refuses hostile text and protocol junk with the same codes as elsewhere (MFA is required here)', async () => {
    const nul = await p.gql(LOGIN, { i: { username: 'lcso.investigator\u0000', password: 'x' } });
    expect(codes(nul)).toEqual(['BAD_USER_INPUT']);
    expect(nul.errors![0].message).toContain('input.username');
    const password = await p.gql(LOGIN, { i: { username: 'lcso.investigator', password: '\ud800' } });
    expect(codes(password)).toEqual(['BAD_USER_INPUT']);
    const junk = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: 'junk' } }),
    });
    expect(((await junk.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const sub = await p.gql('subscription { __typename }');
    expect(codes(sub)).toEqual(['BAD_REQUEST']);
  });
});
