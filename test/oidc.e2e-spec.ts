import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { resolve } from 'node:path';
import { codes, DEMO_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { totp } from './support/totp';
import { graphql } from './gql';

/**
 * Sign-in through each agency's own OpenID provider (issue 19, ADR 0018), against real providers
 * (`oidc-provider`, one issuer per agency, test/support/oidc-provider.mjs) with every redirect
 * followed here as a browser would, and against a hostile issuer (below) for the token checks a
 * real provider never fails.
 */

const SET_PROVIDER = graphql(`
  mutation OidcSetAgencyIdentityProvider($i: SetAgencyIdentityProviderInput!) {
    setAgencyIdentityProvider(input: $i) {
      agencyId
      issuer
      clientId
      createUsers
      roleSource
      defaultRoles
      mfaAmrValues
      signInPath
      callbackPath
      backChannelLogoutPath
      enabled
    }
  }
`);
const GET_PROVIDER = graphql(`
  query OidcAgencyIdentityProvider($a: ID!) {
    agencyIdentityProvider(agencyId: $a) {
      issuer
      clientId
      createUsers
    }
  }
`);
const SIGN_IN_OPTIONS = graphql(`
  query OidcSignInOptions {
    signInOptions {
      agencyCode
      agencyName
      signInPath
    }
  }
`);
const REFRESH = graphql(`
  mutation OidcRefreshSession {
    refreshSession {
      status
      accessToken
      me {
        username
        agencyId
        roles
        mfaEnabled
      }
    }
  }
`);
const AGENCIES = graphql(`
  query OidcAgencies {
    agencies {
      id
      shortCode
    }
  }
`);
const START_MFA = graphql(`
  mutation OidcStartMfaEnrolment {
    startMfaEnrolment {
      secret
    }
  }
`);
const CONFIRM_MFA = graphql(`
  mutation OidcConfirmMfa($i: ConfirmMfaInput!) {
    confirmMfa(input: $i) {
      mfaEnabled
    }
  }
`);
const VERIFY_MFA = graphql(`
  mutation OidcVerifyMfa($i: ConfirmMfaInput!) {
    verifyMfa(input: $i) {
      username
    }
  }
`);

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, origin: string, res: Response): void {
  const cookies = jar.get(origin) ?? new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a)) || value === '';
    if (expired) cookies.delete(name);
    else cookies.set(name, value);
  }
  jar.set(origin, cookies);
}

function cookieHeader(jar: Jar, origin: string): string {
  return [...(jar.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Follows redirects like a browser until it comes back to the console (or `stopAt` says stop). */
async function browse(
  jar: Jar,
  start: string,
  appUrl: string,
  stopAt: (url: URL) => boolean = (u) => u.origin === new URL(appUrl).origin && !u.pathname.startsWith('/auth/'),
): Promise<{ url: URL; hops: URL[] }> {
  let url = new URL(start);
  const hops: URL[] = [];
  for (let i = 0; i < 20; i++) {
    hops.push(url);
    if (stopAt(url)) return { url, hops };
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar, url.origin) } });
    remember(jar, url.origin, res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`${url.href} answered ${res.status} without a redirect: ${(await res.text()).slice(0, 500)}`);
    }
    url = new URL(location, url);
  }
  throw new Error(`too many redirects: ${hops.map((h) => h.href).join(' -> ')}`);
}

async function refreshWith(t: TestApp, jar: Jar) {
  return t.gql(REFRESH, {}, undefined, { 'x-tf-console': '1', cookie: cookieHeader(jar, new URL(t.url).origin) });
}

interface Issuer {
  name: string;
  issuer: string;
}

async function startProviders(appUrl: string, issuers: unknown[]): Promise<{ child: ChildProcess; issuers: Issuer[] }> {
  const child = spawn(process.execPath, [resolve(__dirname, 'support/oidc-provider.mjs'), JSON.stringify({ appUrl, issuers })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const line = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`providers did not start: ${out}`)), 20000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // oidc-provider prints its development warnings on stdout too: the answer is the JSON line.
      const json = out.split('\n').find((l) => l.startsWith('{"issuers"'));
      if (json) {
        clearTimeout(timer);
        ok(json);
      }
    });
    child.once('exit', (c) => fail(new Error(`providers exited ${c}: ${out}`)));
  });
  return { child, issuers: (JSON.parse(line) as { issuers: Issuer[] }).issuers };
}

/** A provider that signs what it is told to: the token checks a real provider never fails. */
class HostileIssuer {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server!: Server;
  issuer = '';
  private readonly codes = new Map<string, { nonce: string; mode: string }>();

  async start(clientId: string): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, clientId).then((r) => res.writeHead(r.status, r.headers).end(r.body)));
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.issuer = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }

  private async handle(req: IncomingMessage, clientId: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(req.url!, this.issuer);
    const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256', 'none'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (url.pathname === '/jwks')
      return json({ keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    if (url.pathname === '/authorize') {
      const code = randomBytes(12).toString('hex');
      this.codes.set(code, { nonce: url.searchParams.get('nonce') ?? '', mode: url.searchParams.get('login_hint') ?? 'good' });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return { status: 302, headers: { location: back.href }, body: '' };
    }
    if (url.pathname === '/token') {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const form = new URLSearchParams(raw);
      const grant = this.codes.get(form.get('code') ?? '');
      if (!grant) return { status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_grant"}' };
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: this.issuer,
        aud: clientId,
        sub: `hostile-${grant.mode}`,
        nonce: grant.nonce,
        iat: now,
        exp: now + 300,
        email: 'mallory@wrpd.example.org',
        email_verified: true,
      };
      if (grant.mode === 'wrong-aud') claims.aud = 'some-other-client';
      if (grant.mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
      if (grant.mode === 'wrong-iss') claims.iss = 'http://127.0.0.1:1/someone-else';
      if (grant.mode === 'bad-nonce') claims.nonce = 'a-nonce-from-another-sign-in';
      const id_token = grant.mode === 'alg-none' ? unsigned(claims) : signRs256(claims, this.keys.privateKey);
      return json({ access_token: randomBytes(8).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token });
    }
    return { status: 404, headers: {}, body: '' };
  }
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function signRs256(claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
const unsigned = (claims: Record<string, unknown>) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;

describe('sign-in through an agency identity provider (OpenID Connect)', () => {
  let t: TestApp;
  let providers: ChildProcess;
  let issuerA: string;
  let issuerB: string;
  const hostile = new HostileIssuer();
  let tfAdmin: string;
  const agencyIds: Record<string, string> = {};

  const auditOf = (reason: string) =>
    t.ownerQuery<{ outcome: string; changes: { reason: string; detail?: string } }>(
      `SELECT outcome, changes FROM audit_events WHERE action = 'auth.sso_login' AND changes->>'reason' = $1 ORDER BY seq`,
      [reason],
    );

  beforeAll(async () => {
    t = await startTestApp();
    const started = await startProviders(t.url, [
      {
        name: 'A',
        agencyCode: 'lcso',
        clientId: 'tf-lcso',
        clientSecret: 'lcso-client-secret-0123456789',
        accounts: {
          alice: { email: 'marcus.reyes@lcso.example.org', amr: ['pwd', 'otp'] },
          bob: { email: 'dana.whitfield@lcso.example.org', amr: ['pwd'] },
          newbie: { email: 'new.deputy@lcso.example.org', name: 'Dep. Jo Newcomb', amr: ['pwd', 'otp'] },
          kayla: { email: 'kayla.morgan@cpd.example.org', amr: ['pwd', 'otp'] },
          outsider: { email: 'someone@gmail.example.com', amr: ['pwd', 'otp'] },
          claimed: { email: 'claimed.advocate@lcso.example.org', amr: ['pwd'], roles: ['victim_advocate', 'TASK_FORCE_ADMIN', 'JANITOR'] },
          roleless: { email: 'no.roles@lcso.example.org', amr: ['pwd'], roles: ['JANITOR'] },
        },
      },
      {
        name: 'B',
        agencyCode: 'cpd',
        clientId: 'tf-cpd',
        clientSecret: 'cpd-client-secret-0123456789',
        accounts: { kayla: { email: 'kayla.morgan@cpd.example.org', amr: ['pwd', 'hwk'] } },
      },
    ]);
    providers = started.child;
    [issuerA, issuerB] = started.issuers.map((i) => i.issuer);
    await hostile.start('tf-wrpd');
    tfAdmin = await t.login('dci.tfadmin');
    for (const a of (await t.gql(AGENCIES, {}, tfAdmin)).data!.agencies) agencyIds[a.shortCode] = a.id;
    await t.ownerQuery(`UPDATE users SET email = 'marcus.reyes@lcso.example.org' WHERE username = 'lcso.investigator'`);
    await t.ownerQuery(`UPDATE users SET email = 'dana.whitfield@lcso.example.org' WHERE username = 'lcso.supervisor'`);
    await t.ownerQuery(`UPDATE users SET email = 'kayla.morgan@cpd.example.org' WHERE username = 'cpd.investigator'`);
    const set = async (i: Record<string, unknown>) => {
      const r = await t.gql(SET_PROVIDER, { i }, tfAdmin);
      expect(r.errors).toBeUndefined();
      return r.data!.setAgencyIdentityProvider;
    };
    await set({
      agencyId: agencyIds.LCSO,
      issuer: issuerA,
      clientId: 'tf-lcso',
      clientSecret: 'lcso-client-secret-0123456789',
      allowedEmailDomains: ['lcso.example.org'],
      mfaAmrValues: ['otp', 'hwk', 'mfa'],
    });
    await set({
      agencyId: agencyIds.CPD,
      issuer: issuerB,
      clientId: 'tf-cpd',
      clientSecret: 'cpd-client-secret-0123456789',
      mfaAmrValues: ['hwk'],
    });
    await set({
      agencyId: agencyIds.WRPD,
      issuer: hostile.issuer,
      clientId: 'tf-wrpd',
      clientSecret: 'wrpd-client-secret-0123456789',
      createUsers: true,
      defaultRoles: ['INVESTIGATOR'],
    });
  }, 60000);

  afterAll(async () => {
    providers?.kill();
    await hostile.close();
    await t?.close();
  });

  /** Replaces LCSO's provider settings (issuer A, its client) with these; they must be accepted. */
  const setLcso = async (settings: Record<string, unknown>) => {
    const r = await t.gql(SET_PROVIDER, { i: { agencyId: agencyIds.LCSO, issuer: issuerA, clientId: 'tf-lcso', ...settings } }, tfAdmin);
    expect(r.errors).toBeUndefined();
    return r.data!.setAgencyIdentityProvider;
  };

  const signInVia = (jar: Jar, code: string, account: string) => browse(jar, `${t.url}/auth/oidc/${code}?login_hint=${account}`, t.url);

  it('the task-force admin connects a provider; the secret is sealed and never readable; others may not', async () => {
    const r = await t.gql(GET_PROVIDER, { a: agencyIds.LCSO }, tfAdmin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.agencyIdentityProvider).toEqual({ issuer: issuerA, clientId: 'tf-lcso', createUsers: false });
    const [row] = await t.ownerQuery<{ client_secret_sealed: string }>(
      `SELECT client_secret_sealed FROM agency_identity_providers WHERE agency_id = $1`,
      [agencyIds.LCSO],
    );
    expect(row.client_secret_sealed).not.toContain('lcso-client-secret');
    expect(row.client_secret_sealed.length).toBeGreaterThan(20);
    // An agency admin may not connect (or read) a provider, not even their own agency's.
    const lcsoAdmin = await t.login('lcso.admin');
    const denied = await t.gql(
      SET_PROVIDER,
      { i: { agencyId: agencyIds.LCSO, issuer: 'https://evil.example', clientId: 'x', clientSecret: 'y' } },
      lcsoAdmin,
    );
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(GET_PROVIDER, { a: agencyIds.LCSO }, lcsoAdmin))).toEqual(['FORBIDDEN']);
    // Bad settings are refused in words, and change nothing.
    const bad = await t.gql(SET_PROVIDER, { i: { agencyId: agencyIds.LCSO, issuer: 'ftp://x', clientId: 'tf-lcso' } }, tfAdmin);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toMatch(/issuer must be an https URL/);
    const tfa = await t.gql(
      SET_PROVIDER,
      { i: { agencyId: agencyIds.LCSO, issuer: issuerA, clientId: 'tf-lcso', defaultRoles: ['TASK_FORCE_ADMIN'] } },
      tfAdmin,
    );
    expect(codes(tfa)).toEqual(['BAD_USER_INPUT']);
    expect((await t.gql(GET_PROVIDER, { a: agencyIds.LCSO }, tfAdmin)).data!.agencyIdentityProvider!.issuer).toBe(issuerA);
  });

  it('the sign-in page lists the agencies that have a provider, without signing in', async () => {
    const r = await t.gql(SIGN_IN_OPTIONS);
    expect(r.errors).toBeUndefined();
    const options = r.data!.signInOptions as { agencyCode: string; signInPath: string }[];
    expect(options.map((o) => o.agencyCode).sort()).toEqual(['CPD', 'LCSO', 'WRPD']);
    expect(options.find((o) => o.agencyCode === 'LCSO')!.signInPath).toBe('/auth/oidc/lcso');
  });

  it('signs in through the agency provider: the account with that verified e-mail is bound, and a session starts', async () => {
    const jar: Jar = new Map();
    const { url, hops } = await signInVia(jar, 'lcso', 'alice');
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    // Authorization code with PKCE, state and nonce.
    const authorize = hops.find((h) => h.origin === issuerA && h.pathname.includes('auth'))!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const r = await refreshWith(t, jar);
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession.status).toBe('SIGNED_IN');
    expect(r.data!.refreshSession.me!.username).toBe('lcso.investigator');
    expect((await t.gql(AGENCIES, {}, r.data!.refreshSession.accessToken!)).errors).toBeUndefined();
    const [identity] = await t.ownerQuery(
      `SELECT i.issuer, i.subject, u.username FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = 'alice'`,
      [issuerA],
    );
    expect(identity).toMatchObject({ username: 'lcso.investigator' });
    const [event] = await t.ownerQuery(
      `SELECT outcome, actor_username, changes FROM audit_events WHERE action = 'auth.sso_login' AND outcome = 'SUCCESS' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toMatchObject({
      outcome: 'SUCCESS',
      actor_username: 'lcso.investigator',
      changes: { issuer: issuerA, mfa: 'asserted by the provider' },
    });
    // Password sign-in keeps working for the same account.
    expect(await t.login('lcso.investigator', DEMO_PASSWORD)).toBeTruthy();
  });

  it('a replayed callback (state already used) is refused, with an audit event', async () => {
    const jar: Jar = new Map();
    const stopAtCallback = (u: URL) => u.pathname.endsWith('/callback');
    const { url: callback } = await browse(jar, `${t.url}/auth/oidc/lcso?login_hint=alice`, t.url, stopAtCallback);
    const flowCookie = cookieHeader(jar, new URL(t.url).origin);
    const first = await fetch(callback, { redirect: 'manual', headers: { cookie: flowCookie } });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const again = await fetch(callback, { redirect: 'manual', headers: { cookie: flowCookie } });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/signin?signInError=STATE_REPLAYED');
    expect((await auditOf('STATE_REPLAYED')).length).toBeGreaterThanOrEqual(1);
    // A callback that did not start in this browser (no flow cookie) is refused too.
    const foreign = await fetch(callback, { redirect: 'manual' });
    expect(foreign.headers.get('location')).toBe('/signin?signInError=STATE_MISSING');
  });

  it("a user of agency B cannot come in through agency A's issuer, even with a matching e-mail", async () => {
    // Provider A asserts Kayla's CPD e-mail: A's agency has no such account, and CPD's is never used.
    const jar: Jar = new Map();
    const { url } = await signInVia(jar, 'lcso', 'kayla');
    expect(url.search).toBe('?signInError=EMAIL_NOT_ALLOWED');
    await setLcso({ mfaAmrValues: ['otp', 'hwk', 'mfa'] });
    const open = await signInVia(new Map(), 'lcso', 'kayla');
    expect(open.url.search).toBe('?signInError=NO_ACCOUNT');
    expect((await auditOf('NO_ACCOUNT')).length).toBeGreaterThanOrEqual(1);
    expect(
      await t.ownerQuery(`SELECT 1 FROM user_identities i JOIN users u ON u.id = i.user_id WHERE u.username = 'cpd.investigator'`),
    ).toEqual([]);
    // A code issued by A's provider, brought to CPD's callback in a CPD flow, is refused by CPD's provider.
    const cpdJar: Jar = new Map();
    const cpdFlow = await browse(cpdJar, `${t.url}/auth/oidc/cpd?login_hint=kayla`, t.url, (u) => u.origin === issuerB);
    const cpdState = cpdFlow.url.searchParams.get('state')!;
    const aJar: Jar = new Map();
    const { url: aCallback } = await browse(aJar, `${t.url}/auth/oidc/lcso?login_hint=alice`, t.url, (u) =>
      u.pathname.endsWith('/callback'),
    );
    const forged = new URL(`${t.url}/auth/oidc/cpd/callback`);
    forged.searchParams.set('code', aCallback.searchParams.get('code')!);
    forged.searchParams.set('state', cpdState);
    const r = await fetch(forged, { redirect: 'manual', headers: { cookie: cookieHeader(cpdJar, new URL(t.url).origin) } });
    expect(r.headers.get('location')).toBe('/signin?signInError=TOKEN_REFUSED');
    // Kayla does sign in through her own agency's provider (a hardware key counts as MFA there).
    const kaylaJar: Jar = new Map();
    expect((await signInVia(kaylaJar, 'cpd', 'kayla')).url.search).toBe('');
    const kayla = await refreshWith(t, kaylaJar);
    expect(kayla.errors).toBeUndefined();
    expect(kayla.data!.refreshSession).toMatchObject({
      status: 'SIGNED_IN',
      me: { username: 'cpd.investigator', agencyId: agencyIds.CPD },
    });
  });

  it('creates the account at first sign-in when the agency allows it, in that agency only, with its default roles', async () => {
    await setLcso({ allowedEmailDomains: ['lcso.example.org'], createUsers: true, defaultRoles: ['INVESTIGATOR'], mfaAmrValues: ['otp'] });
    const jar: Jar = new Map();
    const { url } = await signInVia(jar, 'lcso', 'newbie');
    expect(url.search).toBe('');
    const r = await refreshWith(t, jar);
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession.me).toMatchObject({
      username: 'new.deputy@lcso.example.org',
      agencyId: agencyIds.LCSO,
      roles: ['INVESTIGATOR'],
    });
    // An address outside the agency's domains gets no account.
    expect((await signInVia(new Map(), 'lcso', 'outsider')).url.search).toBe('?signInError=EMAIL_NOT_ALLOWED');
  });

  it('without MFA asserted by the provider, an account with an authenticator must still give its code', async () => {
    const password = await t.login('lcso.supervisor');
    const secret = (await t.gql(START_MFA, {}, password)).data!.startMfaEnrolment.secret;
    expect((await t.gql(CONFIRM_MFA, { i: { code: totp(secret) } }, password)).errors).toBeUndefined();
    await t.ownerQuery(`UPDATE users SET mfa_last_step = NULL WHERE username = 'lcso.supervisor'`);
    const jar: Jar = new Map();
    await signInVia(jar, 'lcso', 'bob');
    const r = await refreshWith(t, jar);
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession.status).toBe('MFA_CODE_REQUIRED');
    const token = r.data!.refreshSession.accessToken as string;
    expect(codes(await t.gql(AGENCIES, {}, token))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(VERIFY_MFA, { i: { code: '000000' === totp(secret) ? '111111' : '000000' } }, token))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await t.gql(VERIFY_MFA, { i: { code: totp(secret) } }, token)).errors).toBeUndefined();
    expect((await t.gql(AGENCIES, {}, token)).errors).toBeUndefined();
  });

  it.each([
    ['wrong-aud', /aud/],
    ['expired', /exp|expired|timestamp/i],
    ['alg-none', /alg|none|signature|JWS/i],
    ['wrong-iss', /iss/],
    ['bad-nonce', /nonce/],
  ])('a token with %s is refused with a clear reason and an audit event', async (mode, detail) => {
    const before = (await auditOf('TOKEN_REFUSED')).length;
    const { url } = await signInVia(new Map(), 'wrpd', mode);
    expect(url.search).toBe('?signInError=TOKEN_REFUSED');
    const events = await auditOf('TOKEN_REFUSED');
    expect(events.length).toBe(before + 1);
    expect(events[events.length - 1].outcome).toBe('DENIED');
    expect(events[events.length - 1].changes.detail).toMatch(detail);
    expect(await t.ownerQuery(`SELECT 1 FROM user_identities WHERE subject = $1`, [`hostile-${mode}`])).toEqual([]);
  });

  it('the same hostile issuer with a good token signs in (the refusals above are about the token, not the issuer)', async () => {
    const jar: Jar = new Map();
    const { url } = await signInVia(jar, 'wrpd', 'good');
    expect(url.search).toBe('');
    expect((await refreshWith(t, jar)).data!.refreshSession.me!.roles).toEqual(['INVESTIGATOR']);
  });

  it("the provider's back-channel logout ends the user's sessions", async () => {
    const jar: Jar = new Map();
    await signInVia(jar, 'lcso', 'alice');
    const live = await refreshWith(t, jar);
    expect(live.errors).toBeUndefined();
    const res = await fetch(`${issuerA}/__backchannel-logout?sub=alice`, { method: 'POST' });
    expect(res.status).toBe(204);
    const after = await refreshWith(t, jar);
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
    const [event] = await t.ownerQuery<{ changes: { sessionsEnded: number } }>(
      `SELECT changes FROM audit_events WHERE action = 'auth.sso_logout' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.changes.sessionsEnded).toBeGreaterThanOrEqual(1);
    // A logout token that is not the provider's is refused and ends nothing.
    const forged = await fetch(`${t.url}/auth/oidc/lcso/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        logout_token: signRs256(
          {
            iss: issuerA,
            aud: 'tf-lcso',
            sub: 'bob',
            iat: Math.floor(Date.now() / 1000),
            jti: 'x',
            events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
          },
          hostile.keys.privateKey,
        ),
      }),
    });
    expect(forged.status).toBe(400);
  });

  it('an unknown agency code, or one without a provider, goes back to the sign-in page with the reason', async () => {
    const r = await fetch(`${t.url}/auth/oidc/dfs`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/signin?signInError=NO_PROVIDER');
    const hostileCode = await fetch(`${t.url}/auth/oidc/${encodeURIComponent('x\u0000y')}`, { redirect: 'manual' });
    expect(hostileCode.headers.get('location')).toBe('/signin?signInError=NO_PROVIDER');
  });

  it('MFA asserted by the provider (amr) skips the local code for an account that has an authenticator', async () => {
    await setLcso({ allowedEmailDomains: ['lcso.example.org'], mfaAmrValues: ['otp'] });
    const password = await t.login('lcso.investigator');
    const secret = (await t.gql(START_MFA, {}, password)).data!.startMfaEnrolment.secret;
    expect((await t.gql(CONFIRM_MFA, { i: { code: totp(secret) } }, password)).errors).toBeUndefined();
    // Alice's provider says she used a one-time code: no second code here.
    const jar: Jar = new Map();
    expect((await signInVia(jar, 'lcso', 'alice')).url.search).toBe('');
    const r = await refreshWith(t, jar);
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession).toMatchObject({ status: 'SIGNED_IN', me: { username: 'lcso.investigator' } });
    expect((await t.gql(AGENCIES, {}, r.data!.refreshSession.accessToken!)).errors).toBeUndefined();
  });

  it('roles mapped from a claim: only agency roles are taken (never the task-force admin), and no agency role means no entry', async () => {
    const set = await setLcso({
      allowedEmailDomains: ['lcso.example.org'],
      createUsers: true,
      roleSource: 'CLAIM',
      roleClaim: 'tf_roles',
      mfaAmrValues: ['otp'],
    });
    expect(set.roleSource).toBe('CLAIM');
    const jar: Jar = new Map();
    expect((await signInVia(jar, 'lcso', 'claimed')).url.search).toBe('');
    const r = await refreshWith(t, jar);
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession.me).toMatchObject({ agencyId: agencyIds.LCSO, roles: ['VICTIM_ADVOCATE'] });
    const [signedIn] = await t.ownerQuery<{ changes: { roles: string[] } }>(
      `SELECT changes FROM audit_events WHERE action = 'auth.sso_login' AND outcome = 'SUCCESS' ORDER BY seq DESC LIMIT 1`,
    );
    expect(signedIn.changes.roles).toEqual(['VICTIM_ADVOCATE']);
    const before = (await auditOf('NO_ROLE')).length;
    expect((await signInVia(new Map(), 'lcso', 'roleless')).url.search).toBe('?signInError=NO_ROLE');
    expect((await auditOf('NO_ROLE')).length).toBe(before + 1);
    expect(await t.ownerQuery(`SELECT 1 FROM users WHERE email = 'no.roles@lcso.example.org'`)).toEqual([]);
    // A local account whose provider identity now carries no agency role is refused too.
    expect((await signInVia(new Map(), 'lcso', 'alice')).url.search).toBe('?signInError=NO_ROLE');
    const [inv] = await t.ownerQuery<{ roles: string[] }>(`SELECT roles FROM users WHERE username = 'lcso.investigator'`);
    expect(inv.roles).toEqual(['INVESTIGATOR']);
  });
});
