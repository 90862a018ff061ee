import { createHmac, randomBytes } from 'node:crypto';
import { codes, DEMO_PASSWORD, GqlResult, startTestApp, TestApp } from './support/test-app';
import { base32Decode, hotp, totp, wrongTotp } from './support/totp';
import { graphql } from './gql';
import type { LoginMutation, RefreshMutation, UsersQuery } from './gql/graphql';
import { expect } from '@jest/globals';

/*
 * Authentication, sessions, MFA and account administration, end to end: the built server over
 * real HTTP GraphQL on its own cloned database. State is arranged through the API wherever
 * possible; ownerQuery is used to inspect (audit_events, users, sessions) and, for the idle
 * timeout only, to move a session's clock back.
 */

// ---------------------------------------------------------------------------------------------
// GraphQL operations
// ---------------------------------------------------------------------------------------------

const LOGIN = graphql(`
  mutation Login($i: LoginInput!) {
    login(input: $i) {
      status
      accessToken
      refreshToken
      accessTokenExpiresIn
      me {
        userId
        username
        displayName
        roles
        permissions
        agencyId
        taskForceId
        mfaEnabled
      }
    }
  }
`);
const REFRESH = graphql(`
  mutation Refresh($i: RefreshInput!) {
    refreshSession(input: $i) {
      status
      accessToken
      refreshToken
      accessTokenExpiresIn
      me {
        userId
        username
      }
    }
  }
`);
const LOGOUT = graphql(`
  mutation AuthLogout {
    logout
  }
`);
const ME = graphql(`
  query AuthMe {
    me {
      userId
      username
      roles
      mfaEnabled
    }
  }
`);
const AGENCIES = graphql(`
  query AuthAgencies {
    agencies {
      id
    }
  }
`);
const USERS = graphql(`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          agencyId
          username
          displayName
          roles
          active
          locked
          mfaEnabled
          version
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const CREATE_USER = graphql(`
  mutation AuthCreateUser($i: CreateUserInput!) {
    createUser(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const DISABLE_USER = graphql(`
  mutation AuthDisableUser($i: UserIdInput!) {
    disableUser(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const ENABLE_USER = graphql(`
  mutation AuthEnableUser($i: UserIdInput!) {
    enableUser(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const UNLOCK_USER = graphql(`
  mutation AuthUnlockUser($i: UserIdInput!) {
    unlockUser(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const RESET_USER_MFA = graphql(`
  mutation AuthResetUserMfa($i: UserIdInput!) {
    resetUserMfa(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const SET_USER_ROLES = graphql(`
  mutation AuthSetUserRoles($i: SetUserRolesInput!) {
    setUserRoles(input: $i) {
      id
      agencyId
      username
      displayName
      roles
      active
      locked
      mfaEnabled
      version
    }
  }
`);
const START_MFA = graphql(`
  mutation AuthStartMfaEnrolment {
    startMfaEnrolment {
      secret
      otpauthUri
    }
  }
`);
const CONFIRM_MFA = graphql(`
  mutation AuthConfirmMfa($i: ConfirmMfaInput!) {
    confirmMfa(input: $i) {
      userId
      username
      mfaEnabled
    }
  }
`);
const CHANGE_PASSWORD = graphql(`
  mutation AuthChangePassword($i: ChangePasswordInput!) {
    changePassword(input: $i)
  }
`);

/** The one sign-in failure message: the same for a wrong password, an unknown, locked or disabled account. */
const INVALID_LOGIN = /^The username or password is not correct, or the account cannot sign in\./;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  sessionId: string;
}

interface TestUser {
  id: string;
  username: string;
  password: string;
  version: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function jwtClaims(token: string): { sub: string; sid: string; iat: number; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
    sid: string;
    iat: number;
    exp: number;
  };
}

function login(t: TestApp, username: string, password: string, totpCode?: string): Promise<GqlResult<LoginMutation>> {
  return t.gql(LOGIN, { i: { username, password, ...(totpCode ? { totp: totpCode } : {}) } });
}

/** Signs in and insists on SIGNED_IN with a token pair. */
async function signIn(t: TestApp, username: string, password = DEMO_PASSWORD, totpCode?: string): Promise<Session> {
  const r = await login(t, username, password, totpCode);
  if (r.errors || r.data?.login?.status !== 'SIGNED_IN')
    throw new Error(`sign-in as ${username} failed: ${JSON.stringify(r.errors ?? r.data)}`);
  const { accessToken, refreshToken, me } = r.data.login;
  if (!accessToken || !refreshToken || !me)
    throw new Error(`sign-in as ${username} answered SIGNED_IN without its tokens: ${JSON.stringify(r.data)}`);
  return { accessToken, refreshToken, userId: me.userId, sessionId: jwtClaims(accessToken).sid };
}

function refresh(t: TestApp, refreshToken: string): Promise<GqlResult<RefreshMutation>> {
  return t.gql(REFRESH, { i: { refreshToken } });
}

let userSeq = 0;
/** A fresh, policy-compliant password that contains no username. */
const strongPassword = () => `Juniper-Ridge-${randomBytes(5).toString('hex')}`;

/** Creates a dedicated LCSO user through the API as lcso.admin (so tests never share an account). */
async function createLcsoUser(t: TestApp, adminToken: string, tag: string, roles: string[] = ['INVESTIGATOR']): Promise<TestUser> {
  const username = `lcso.${tag}.${++userSeq}`;
  const password = strongPassword();
  const r = await t.gql(CREATE_USER, { i: { username, displayName: `Test ${tag} ${userSeq}`, password, roles } }, adminToken);
  if (r.errors) throw new Error(`createUser ${username} failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data!.createUser.id, username, password, version: r.data!.createUser.version };
}

async function auditHead(t: TestApp): Promise<number> {
  const [{ seq }] = await t.ownerQuery<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM audit_events`);
  return Number(seq);
}

interface AuditRow {
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_username: string | null;
  record_type: string | null;
  record_id: string | null;
  changes: Record<string, unknown> | null;
}

async function auditSince(t: TestApp, seq: number, action?: string): Promise<AuditRow[]> {
  return t.ownerQuery<AuditRow>(
    `SELECT action, outcome, actor_user_id, actor_username, record_type, record_id, changes
     FROM audit_events WHERE seq > $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`,
    [seq, action ?? null],
  );
}

async function userRow(t: TestApp, id: string) {
  const [row] = await t.ownerQuery<{
    username: string;
    active: boolean;
    failed_login_count: number;
    locked_at: Date | null;
    mfa_enabled: boolean;
    mfa_secret: string | null;
    mfa_pending_secret: string | null;
    password_hash: string;
    version: number;
    mfa_last_step: string | null;
  }>(`SELECT * FROM users WHERE id = $1`, [id]);
  return row;
}

async function sessionRow(t: TestApp, id: string) {
  const [row] = await t.ownerQuery<{
    user_id: string;
    revoked_at: Date | null;
    revoked_reason: string | null;
    refresh_generation: number;
    mfa_satisfied: boolean;
    last_seen_at: Date;
  }>(`SELECT * FROM sessions WHERE id = $1`, [id]);
  return row;
}

/** Asserts the result is the generic sign-in refusal, and returns it for comparison. */
function expectInvalidLogin(r: GqlResult<LoginMutation>) {
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  expect(r.errors![0].message).toMatch(INVALID_LOGIN);
  expect(r.data?.login ?? null).toBeNull();
  return r.errors![0];
}

async function expectTokenRejected(t: TestApp, accessToken: string) {
  const r = await t.gql(ME, {}, accessToken);
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
}

async function expectTokenWorks(t: TestApp, accessToken: string, username?: string) {
  const r = await t.gql(ME, {}, accessToken);
  expect(r.errors).toBeUndefined();
  if (username) expect(r.data!.me.username).toBe(username);
}

// ---------------------------------------------------------------------------------------------

describe('test/support/totp.ts (independent RFC 6238 implementation)', () => {
  it('matches the RFC 6238 SHA-1 test vectors and RFC 4648 base32', () => {
    // RFC 6238 Appendix B: ASCII secret "12345678901234567890", 8 digits.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(base32Decode(secret).toString('ascii')).toBe('12345678901234567890');
    expect(totp(secret, 59_000, 8)).toBe('94287082');
    expect(totp(secret, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totp(secret, 2_000_000_000_000, 8)).toBe('69279037');
    expect(totp(secret, 59_000)).toBe('287082');
    // RFC 4226 Appendix D, counter 1.
    expect(hotp(Buffer.from('12345678901234567890'), 1)).toBe('287082');
    const at = 1_111_111_109_000;
    const wrong = wrongTotp(secret, at);
    expect(wrong).toMatch(/^\d{6}$/);
    expect([-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp(secret, at + d))).not.toContain(wrong);
  });
});

describe('auth (default configuration)', () => {
  let t: TestApp;
  let lcsoAdmin: Session;

  beforeAll(async () => {
    // Many sign-ins from one address within a minute: lift the login rate limits for this server
    // (rate limiting has its own server below, with a limit of 3).
    t = await startTestApp({ LOGIN_RATE_PER_ACCOUNT: '1000', LOGIN_RATE_PER_ADDRESS: '1000' });
    lcsoAdmin = await signIn(t, 'lcso.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  // -------------------------------------------------------------------------------------------
  describe('sign-in: lcso.investigator (demo persona)', () => {
    it('signs in with SIGNED_IN, a token pair and the principal, and opens an audited session', async () => {
      const before = await auditHead(t);
      const r = await login(t, 'lcso.investigator', DEMO_PASSWORD);
      expect(r.errors).toBeUndefined();
      const p = r.data!.login;
      expect(p.status).toBe('SIGNED_IN');
      expect(p.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(p.refreshToken).toMatch(/^[0-9a-f-]{36}\.0\.[\w-]+$/);
      expect(p.accessTokenExpiresIn).toBe(15 * 60);
      expect(p.me).toMatchObject({
        username: 'lcso.investigator',
        displayName: 'Det. Marcus Reyes',
        roles: ['INVESTIGATOR'],
        mfaEnabled: false,
      });

      const claims = jwtClaims(p.accessToken!);
      expect(claims.sub).toBe(p.me!.userId);
      expect(claims.exp - claims.iat).toBe(15 * 60);
      const s = await sessionRow(t, claims.sid);
      expect(s).toMatchObject({ user_id: p.me!.userId, revoked_at: null, refresh_generation: 0 });
      await expectTokenWorks(t, p.accessToken!, 'lcso.investigator');

      const events = await auditSince(t, before, 'auth.login');
      expect(events).toEqual([
        expect.objectContaining({ outcome: 'SUCCESS', actor_user_id: p.me!.userId, record_type: 'session', record_id: claims.sid }),
      ]);
    });

    it('treats the username case-insensitively', async () => {
      const s = await signIn(t, 'LCSO.Investigator');
      await expectTokenWorks(t, s.accessToken, 'lcso.investigator');
    });

    it('gives a wrong password and an unknown username the SAME error, and audits both as FAILED', async () => {
      const before = await auditHead(t);
      const wrongPassword = expectInvalidLogin(await login(t, 'lcso.investigator', 'Not-The-Right-Password-1'));
      const unknownUser = expectInvalidLogin(await login(t, 'nobody.at.all', 'Not-The-Right-Password-1'));
      // No account enumeration: identical message and extensions (only the path may be shared too).
      expect(unknownUser.message).toBe(wrongPassword.message);
      expect(unknownUser.extensions).toEqual(wrongPassword.extensions);

      const events = await auditSince(t, before, 'auth.login');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ outcome: 'FAILED', actor_username: 'lcso.investigator', changes: { reason: 'wrong password' } });
      expect(events[0].actor_user_id).not.toBeNull();
      expect(events[1]).toMatchObject({
        outcome: 'FAILED',
        actor_username: 'nobody.at.all',
        actor_user_id: null,
        changes: { reason: 'unknown account' },
      });
    });

    it('refuses requests with no token, a garbage token, an unsigned (alg=none) token and a token signed with another key', async () => {
      const real = await signIn(t, 'lcso.investigator');
      const claims = jwtClaims(real.accessToken);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const payload = b64({ sub: claims.sub, sid: claims.sid, iat: claims.iat, exp: claims.exp });
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      const header = b64({ alg: 'HS256', typ: 'JWT' });
      const otherKey = `${header}.${payload}.${createHmac('sha256', 'not-the-server-secret').update(`${header}.${payload}`).digest('base64url')}`;

      expect(codes(await t.gql(ME))).toEqual(['UNAUTHENTICATED']);
      for (const token of ['garbage', unsigned, otherKey]) await expectTokenRejected(t, token);
      await expectTokenWorks(t, real.accessToken, 'lcso.investigator'); // control: the genuine token is fine
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('me: the signed-in principal', () => {
    it('returns user, agency and roles for lcso.admin, matching the database', async () => {
      const r = await t.gql(
        graphql(`
          query AuthMe5 {
            me {
              userId
              username
              displayName
              roles
              permissions
              agencyId
              taskForceId
              mfaEnabled
              agency {
                id
                name
                shortCode
              }
            }
          }
        `),
        {},
        lcsoAdmin.accessToken,
      );
      expect(r.errors).toBeUndefined();
      const [db] = await t.ownerQuery(
        `SELECT u.id, u.agency_id, a.task_force_id FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = 'lcso.admin'`,
      );
      expect(r.data!.me).toMatchObject({
        userId: db.id,
        username: 'lcso.admin',
        displayName: 'Paula Greer',
        roles: ['AGENCY_ADMIN'],
        agencyId: db.agency_id,
        taskForceId: db.task_force_id,
        mfaEnabled: false,
        agency: { id: db.agency_id, name: "Laramie County Sheriff's Office", shortCode: 'LCSO' },
      });
      expect(r.data!.me.permissions).toEqual(expect.arrayContaining(['SELF', 'USER_READ', 'USER_MANAGE']));
    });

    it('returns a task-force admin of another agency (dci.tfadmin) with its own agency and role', async () => {
      const s = await signIn(t, 'dci.tfadmin');
      const r = await t.gql(
        graphql(`
          query AuthMe2 {
            me {
              username
              roles
              agency {
                shortCode
              }
            }
          }
        `),
        {},
        s.accessToken,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.me).toEqual({ username: 'dci.tfadmin', roles: ['TASK_FORCE_ADMIN'], agency: { shortCode: 'DCI' } });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('lockout: repeated wrong passwords against a dedicated LCSO user', () => {
    it('locks after 5 consecutive failures; then even the right password fails; lcso.admin unlocks it', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'lockout');
      const live = await signIn(t, u.username, u.password); // a session opened before the attack
      const before = await auditHead(t);

      for (let i = 1; i <= 4; i++) {
        expectInvalidLogin(await login(t, u.username, `Wrong-Guess-Number-${i}`));
        expect(await userRow(t, u.id)).toMatchObject({ failed_login_count: i, locked_at: null });
      }
      expectInvalidLogin(await login(t, u.username, 'Wrong-Guess-Number-5'));
      const locked = await userRow(t, u.id);
      expect(locked.failed_login_count).toBe(5);
      expect(locked.locked_at).not.toBeNull();

      const failures = await auditSince(t, before, 'auth.login');
      expect(failures).toHaveLength(5);
      expect(failures.every((e) => e.outcome === 'FAILED' && e.actor_user_id === u.id)).toBe(true);
      expect(failures.map((e) => e.changes?.consecutiveFailures)).toEqual([1, 2, 3, 4, 5]);
      expect(await auditSince(t, before, 'auth.lockout')).toEqual([
        expect.objectContaining({
          outcome: 'SUCCESS',
          actor_user_id: u.id,
          record_type: 'user',
          record_id: u.id,
          changes: { consecutiveFailures: 5 },
        }),
      ]);

      // Locked: the right password is refused with the same generic message, and audited as DENIED.
      const beforeRight = await auditHead(t);
      expectInvalidLogin(await login(t, u.username, u.password));
      expect(await auditSince(t, beforeRight, 'auth.login')).toEqual([
        expect.objectContaining({ outcome: 'DENIED', actor_user_id: u.id, changes: { reason: 'account locked' } }),
      ]);
      // A session opened before the lockout cannot be used while the account is locked.
      await expectTokenRejected(t, live.accessToken);

      // The admin sees the lock.
      const list = await t.gql(USERS, { first: 100 }, lcsoAdmin.accessToken);
      expect(list.errors).toBeUndefined();
      expect(list.data!.users.edges.find((e: { node: { id: string } }) => e.node.id === u.id)!.node.locked).toBe(true);

      // Only an admin of the same agency may unlock.
      const investigator = await signIn(t, 'lcso.investigator');
      expect(codes(await t.gql(UNLOCK_USER, { i: { userId: u.id } }, investigator.accessToken))).toEqual(['FORBIDDEN']);
      const cpdAdmin = await signIn(t, 'cpd.admin');
      expect(codes(await t.gql(UNLOCK_USER, { i: { userId: u.id } }, cpdAdmin.accessToken))).toEqual(['NOT_FOUND']);
      expect((await userRow(t, u.id)).locked_at).not.toBeNull();

      const beforeUnlock = await auditHead(t);
      const unlocked = await t.gql(UNLOCK_USER, { i: { userId: u.id } }, lcsoAdmin.accessToken);
      expect(unlocked.errors).toBeUndefined();
      expect(unlocked.data!.unlockUser).toMatchObject({ id: u.id, locked: false });
      expect(await userRow(t, u.id)).toMatchObject({ failed_login_count: 0, locked_at: null });
      expect(await auditSince(t, beforeUnlock, 'user.unlock')).toEqual([expect.objectContaining({ outcome: 'SUCCESS', record_id: u.id })]);

      const again = await signIn(t, u.username, u.password);
      await expectTokenWorks(t, again.accessToken, u.username);
    });

    it('resets the counter on a successful sign-in (4 failures, 1 success, 4 failures => not locked)', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'reset');
      for (let i = 0; i < 4; i++) expectInvalidLogin(await login(t, u.username, `Wrong-Guess-A${i}`));
      expect((await userRow(t, u.id)).failed_login_count).toBe(4);
      await signIn(t, u.username, u.password);
      expect((await userRow(t, u.id)).failed_login_count).toBe(0);
      for (let i = 0; i < 4; i++) expectInvalidLogin(await login(t, u.username, `Wrong-Guess-B${i}`));
      expect(await userRow(t, u.id)).toMatchObject({ failed_login_count: 4, locked_at: null });
      const s = await signIn(t, u.username, u.password);
      await expectTokenWorks(t, s.accessToken, u.username);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('refresh tokens: single use, rotated, reuse revokes the session', () => {
    it('rotates: refreshSession returns a new pair that works, and advances the generation', async () => {
      const s = await signIn(t, 'lcso.investigator2');
      const r = await refresh(t, s.refreshToken);
      expect(r.errors).toBeUndefined();
      const next = r.data!.refreshSession;
      expect(next).toMatchObject({
        status: 'SIGNED_IN',
        accessTokenExpiresIn: 15 * 60,
        me: { userId: s.userId, username: 'lcso.investigator2' },
      });
      expect(next.refreshToken).not.toBe(s.refreshToken);
      expect(next.refreshToken!.startsWith(`${s.sessionId}.1.`)).toBe(true);
      expect(jwtClaims(next.accessToken!).sid).toBe(s.sessionId);
      await expectTokenWorks(t, next.accessToken!, 'lcso.investigator2');
      expect((await sessionRow(t, s.sessionId)).refresh_generation).toBe(1);

      // And the new refresh token is itself good for exactly one more rotation.
      const third = await refresh(t, next.refreshToken!);
      expect(third.errors).toBeUndefined();
      expect(third.data!.refreshSession.refreshToken!.startsWith(`${s.sessionId}.2.`)).toBe(true);
    });

    it('reusing a spent refresh token is refused AND revokes the whole session (newest tokens included)', async () => {
      const s = await signIn(t, 'lcso.investigator2');
      const r = await refresh(t, s.refreshToken);
      expect(r.errors).toBeUndefined();
      const { accessToken: newest, refreshToken: newestRefresh } = r.data!.refreshSession;
      await expectTokenWorks(t, newest!);

      const before = await auditHead(t);
      const reuse = await refresh(t, s.refreshToken);
      expect(codes(reuse)).toEqual(['UNAUTHENTICATED']);
      expect(reuse.data?.refreshSession ?? null).toBeNull();

      await expectTokenRejected(t, newest!);
      await expectTokenRejected(t, s.accessToken);
      expect(codes(await refresh(t, newestRefresh!))).toEqual(['UNAUTHENTICATED']);
      expect(await sessionRow(t, s.sessionId)).toMatchObject({ revoked_reason: 'refresh token reused' });
      expect(await auditSince(t, before, 'auth.refresh_reuse')).toEqual([
        expect.objectContaining({ outcome: 'DENIED', actor_user_id: s.userId, record_type: 'session', record_id: s.sessionId }),
      ]);
    });

    it('does not let someone who merely knows a session id (an auditor) end it with a forged "spent" token', async () => {
      const victim = await signIn(t, 'lcso.investigator2');
      const rotated = await refresh(t, victim.refreshToken); // generation 0 is now spent
      expect(rotated.errors).toBeUndefined();
      const current = rotated.data!.refreshSession;

      // Session ids are not secrets: an auditor of the agency reads them in the audit trail.
      const auditor = await signIn(t, 'lcso.auditor');
      const ev = await t.gql(
        graphql(`
          query AuthAuditEvents($f: AuditEventFilter) {
            auditEvents(first: 10, filter: $f) {
              edges {
                node {
                  recordId
                }
              }
            }
          }
        `),
        { f: { action: 'auth.refresh', actorUserId: victim.userId } },
        auditor.accessToken,
      );
      expect(ev.errors).toBeUndefined();
      expect(ev.data!.auditEvents.edges.map((e) => e.node.recordId)).toContain(victim.sessionId);

      // A made-up token naming that session and a past generation was never issued: refused, and
      // the victim's session is NOT revoked as if a real spent token had leaked.
      const before = await auditHead(t);
      const forged = `${victim.sessionId}.0.${randomBytes(32).toString('base64url')}`;
      expect(codes(await refresh(t, forged))).toEqual(['UNAUTHENTICATED']);
      expect(await auditSince(t, before, 'auth.refresh_reuse')).toEqual([]);
      expect(await auditSince(t, before, 'auth.refresh')).toEqual([
        expect.objectContaining({ outcome: 'DENIED', record_id: victim.sessionId, changes: { reason: 'invalid refresh token' } }),
      ]);
      expect((await sessionRow(t, victim.sessionId)).revoked_at).toBeNull();
      await expectTokenWorks(t, current.accessToken!, 'lcso.investigator2');
      const next = await refresh(t, current.refreshToken!);
      expect(next.errors).toBeUndefined();
    });

    it('refuses a malformed or tampered refresh token without ending the session', async () => {
      const s = await signIn(t, 'lcso.investigator2');
      expect(codes(await refresh(t, 'not-a-refresh-token'))).toEqual(['UNAUTHENTICATED']);
      const [sid, gen, raw] = s.refreshToken.split('.');
      const tampered = `${sid}.${gen}.${raw.slice(0, -2)}${raw.endsWith('AA') ? 'BB' : 'AA'}`;
      expect(codes(await refresh(t, tampered))).toEqual(['UNAUTHENTICATED']);
      expect((await sessionRow(t, s.sessionId)).revoked_at).toBeNull();
      await expectTokenWorks(t, s.accessToken);
      const ok = await refresh(t, s.refreshToken);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.refreshSession.status).toBe('SIGNED_IN');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('logout: ends the session on the server', () => {
    it('revokes the access and refresh token of this session only', async () => {
      const s = await signIn(t, 'lcso.supervisor');
      const other = await signIn(t, 'lcso.supervisor');
      const before = await auditHead(t);

      const r = await t.gql(LOGOUT, {}, s.accessToken);
      expect(r.errors).toBeUndefined();
      expect(r.data!.logout).toBe(true);

      await expectTokenRejected(t, s.accessToken);
      expect(codes(await refresh(t, s.refreshToken))).toEqual(['UNAUTHENTICATED']);
      expect(await sessionRow(t, s.sessionId)).toMatchObject({ revoked_reason: 'logout' });
      expect(await auditSince(t, before, 'auth.logout')).toEqual([expect.objectContaining({ outcome: 'SUCCESS', record_id: s.sessionId })]);

      await expectTokenWorks(t, other.accessToken, 'lcso.supervisor'); // the user's other session lives on
      // Logging out again with the dead token is refused.
      expect(codes(await t.gql(LOGOUT, {}, s.accessToken))).toEqual(['UNAUTHENTICATED']);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('idle timeout (30 minutes without a request)', () => {
    it('keeps a session seen 29 minutes ago, and ends one seen 31 minutes ago (access and refresh)', async () => {
      const s = await signIn(t, 'lcso.advocate');
      await t.ownerQuery(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = $1`, [s.sessionId]);
      await expectTokenWorks(t, s.accessToken, 'lcso.advocate');
      const touched = await sessionRow(t, s.sessionId);
      expect(Date.now() - touched.last_seen_at.getTime()).toBeLessThan(60_000); // the request refreshed last_seen_at

      await t.ownerQuery(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [s.sessionId]);
      await expectTokenRejected(t, s.accessToken);
      expect(codes(await refresh(t, s.refreshToken))).toEqual(['UNAUTHENTICATED']);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('disable / enable: lcso.admin manages a dedicated LCSO user', () => {
    it('disabling ends the live session at once and blocks sign-in; enabling restores sign-in only', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'disable');
      const live = await signIn(t, u.username, u.password);
      await expectTokenWorks(t, live.accessToken, u.username);

      const before = await auditHead(t);
      const d = await t.gql(DISABLE_USER, { i: { userId: u.id } }, lcsoAdmin.accessToken);
      expect(d.errors).toBeUndefined();
      expect(d.data!.disableUser).toMatchObject({ id: u.id, active: false, version: u.version + 1 });

      await expectTokenRejected(t, live.accessToken);
      expect(codes(await refresh(t, live.refreshToken))).toEqual(['UNAUTHENTICATED']);
      expect(await sessionRow(t, live.sessionId)).toMatchObject({ revoked_reason: 'user disabled' });
      expect(await auditSince(t, before, 'user.disable')).toEqual([
        expect.objectContaining({ outcome: 'SUCCESS', record_id: u.id, changes: expect.objectContaining({ sessionsRevoked: 1 }) }),
      ]);

      const beforeLogin = await auditHead(t);
      expectInvalidLogin(await login(t, u.username, u.password));
      expect(await auditSince(t, beforeLogin, 'auth.login')).toEqual([
        expect.objectContaining({ outcome: 'DENIED', actor_user_id: u.id, changes: { reason: 'account disabled' } }),
      ]);

      const e = await t.gql(ENABLE_USER, { i: { userId: u.id } }, lcsoAdmin.accessToken);
      expect(e.errors).toBeUndefined();
      expect(e.data!.enableUser).toMatchObject({ id: u.id, active: true });
      const fresh = await signIn(t, u.username, u.password);
      await expectTokenWorks(t, fresh.accessToken, u.username);
      await expectTokenRejected(t, live.accessToken); // the session ended by the disable stays ended
    });

    it('refuses an admin disabling themself, and an admin of another agency (NOT_FOUND, nothing changes)', async () => {
      const self = await t.gql(DISABLE_USER, { i: { userId: lcsoAdmin.userId } }, lcsoAdmin.accessToken);
      expect(codes(self)).toEqual(['BAD_USER_INPUT']);
      expect(self.errors![0].message).toMatch(/cannot disable your own account/);

      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'xagency');
      const cpdAdmin = await signIn(t, 'cpd.admin');
      expect(codes(await t.gql(DISABLE_USER, { i: { userId: u.id } }, cpdAdmin.accessToken))).toEqual(['NOT_FOUND']);
      expect((await userRow(t, u.id)).active).toBe(true);
      await signIn(t, u.username, u.password);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('user administration: lcso.admin, lcso.supervisor, lcso.investigator', () => {
    it("lists only the users of the caller's agency, paged with first/after", async () => {
      const dbNames = (
        await t.ownerQuery<{ username: string }>(
          `SELECT u.username FROM users u JOIN agencies a ON a.id = u.agency_id WHERE a.short_code = 'LCSO' ORDER BY u.username`,
        )
      ).map((r) => r.username);
      expect(dbNames.length).toBeGreaterThan(3);

      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const r: GqlResult<UsersQuery> = await t.gql(USERS, { first: 2, after }, lcsoAdmin.accessToken);
        expect(r.errors).toBeUndefined();
        expect(r.data!.users.edges.length).toBeLessThanOrEqual(2);
        seen.push(...r.data!.users.edges.map((e) => e.node.username));
        if (!r.data!.users.pageInfo.hasNextPage) break;
        after = r.data!.users.pageInfo.endCursor;
      }
      expect(seen).toEqual(dbNames);
      expect(seen.every((n) => n.startsWith('lcso.'))).toBe(true);
      expect(codes(await t.gql(USERS, { first: 2, after: 'bm90LWEtY3Vyc29y' }, lcsoAdmin.accessToken))).toEqual(['BAD_USER_INPUT']);
    });

    it('lets a supervisor read users but not create them, and an investigator do neither', async () => {
      const supervisor = await signIn(t, 'lcso.supervisor');
      expect((await t.gql(USERS, { first: 5 }, supervisor.accessToken)).errors).toBeUndefined();
      const input = { username: `lcso.notallowed.${++userSeq}`, displayName: 'Nope', password: strongPassword(), roles: ['INVESTIGATOR'] };
      expect(codes(await t.gql(CREATE_USER, { i: input }, supervisor.accessToken))).toEqual(['FORBIDDEN']);
      const investigator = await signIn(t, 'lcso.investigator');
      expect(codes(await t.gql(USERS, { first: 5 }, investigator.accessToken))).toEqual(['FORBIDDEN']);
      expect(await t.ownerQuery(`SELECT 1 FROM users WHERE username = $1`, [input.username])).toEqual([]);
    });

    it('creates a user who can sign in, and refuses a duplicate username with CONFLICT', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'create');
      const s = await signIn(t, u.username, u.password);
      const me = await t.gql(
        graphql(`
          query AuthMe3 {
            me {
              username
              roles
              agency {
                shortCode
              }
            }
          }
        `),
        {},
        s.accessToken,
      );
      expect(me.data!.me).toEqual({ username: u.username, roles: ['INVESTIGATOR'], agency: { shortCode: 'LCSO' } });
      const dup = await t.gql(
        CREATE_USER,
        { i: { username: u.username, displayName: 'Dup', password: strongPassword(), roles: ['INVESTIGATOR'] } },
        lcsoAdmin.accessToken,
      );
      expect(codes(dup)).toEqual(['CONFLICT']);
    });

    it('sets roles with optimistic locking; the change applies to the live session; task-force roles are refused', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'roles');
      const live = await signIn(t, u.username, u.password);

      const ok = await t.gql(
        SET_USER_ROLES,
        { i: { userId: u.id, roles: ['INVESTIGATOR', 'SUPERVISOR'], version: u.version } },
        lcsoAdmin.accessToken,
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.setUserRoles).toMatchObject({ roles: ['INVESTIGATOR', 'SUPERVISOR'], version: u.version + 1 });
      const me = await t.gql(ME, {}, live.accessToken);
      expect(me.data!.me.roles).toEqual(['INVESTIGATOR', 'SUPERVISOR']);

      const stale = await t.gql(
        SET_USER_ROLES,
        { i: { userId: u.id, roles: ['INVESTIGATOR'], version: u.version } },
        lcsoAdmin.accessToken,
      );
      expect(codes(stale)).toEqual(['CONFLICT']);
      const tf = await t.gql(
        SET_USER_ROLES,
        { i: { userId: u.id, roles: ['TASK_FORCE_ADMIN'], version: u.version + 1 } },
        lcsoAdmin.accessToken,
      );
      expect(codes(tf)).toEqual(['FORBIDDEN']);
      expect(await userRow(t, u.id)).toMatchObject({ version: u.version + 1 });
    });
  });

  // -------------------------------------------------------------------------------------------
  /**
   * Each TOTP code works once (replay protection). Tests that sign in twice within one 30-second
   * step arrange it by forgetting the last accepted step, as if the next step had begun.
   */
  const forgetLastTotpStep = (userId: string) => t.ownerQuery(`UPDATE users SET mfa_last_step = NULL WHERE id = $1`, [userId]);

  describe('MFA: a dedicated LCSO user enrols an authenticator app', () => {
    let u: TestUser;
    let session: Session;
    let secret: string;

    beforeAll(async () => {
      u = await createLcsoUser(t, lcsoAdmin.accessToken, 'mfa');
      session = await signIn(t, u.username, u.password);
    });

    it('refuses confirmMfa before any enrolment was started', async () => {
      const r = await t.gql(CONFIRM_MFA, { i: { code: '123456' } }, session.accessToken);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/no MFA enrolment/);
    });

    it('startMfaEnrolment returns a base32 secret and an otpauth URI; the secret is stored sealed', async () => {
      const r = await t.gql(START_MFA, {}, session.accessToken);
      expect(r.errors).toBeUndefined();
      secret = r.data!.startMfaEnrolment.secret;
      expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      expect(base32Decode(secret).length).toBeGreaterThanOrEqual(10);
      const uri = new URL(r.data!.startMfaEnrolment.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(decodeURIComponent(uri.pathname)).toContain(u.username);

      const row = await userRow(t, u.id);
      expect(row.mfa_enabled).toBe(false);
      expect(row.mfa_pending_secret).toBeTruthy();
      expect(row.mfa_pending_secret).not.toContain(secret);
    });

    it('confirmMfa with a wrong (or malformed) code is BAD_USER_INPUT and leaves MFA off', async () => {
      const wrong = await t.gql(CONFIRM_MFA, { i: { code: wrongTotp(secret) } }, session.accessToken);
      expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
      expect(wrong.errors![0].message).toMatch(/code is not correct/);
      expect(codes(await t.gql(CONFIRM_MFA, { i: { code: '12ab' } }, session.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect((await userRow(t, u.id)).mfa_enabled).toBe(false);
    });

    it('confirmMfa with the current code turns MFA on', async () => {
      const before = await auditHead(t);
      const r = await t.gql(CONFIRM_MFA, { i: { code: totp(secret) } }, session.accessToken);
      expect(r.errors).toBeUndefined();
      expect(r.data!.confirmMfa).toEqual({ userId: u.id, username: u.username, mfaEnabled: true });
      expect((await t.gql(ME, {}, session.accessToken)).data!.me.mfaEnabled).toBe(true);
      const row = await userRow(t, u.id);
      expect(row).toMatchObject({ mfa_enabled: true, mfa_pending_secret: null });
      expect(row.mfa_secret).toBeTruthy();
      expect(row.mfa_secret).not.toContain(secret);
      expect(await auditSince(t, before, 'auth.mfa_enabled')).toHaveLength(1);
    });

    it('sign-in without a code now answers MFA_CODE_REQUIRED with no tokens', async () => {
      const r = await login(t, u.username, u.password);
      expect(r.errors).toBeUndefined();
      expect(r.data!.login).toEqual({
        status: 'MFA_CODE_REQUIRED',
        accessToken: null,
        refreshToken: null,
        accessTokenExpiresIn: null,
        me: null,
      });
      // A wrong password still gets the generic refusal, not a hint that MFA is on.
      expectInvalidLogin(await login(t, u.username, 'Not-The-Password-99'));
      // And a malformed code is rejected by input validation.
      expect(codes(await login(t, u.username, u.password, '12345'))).toEqual(['BAD_USER_INPUT']);
    });

    it('a wrong code is UNAUTHENTICATED and counts as a failed sign-in', async () => {
      await forgetLastTotpStep(u.id);
      await signIn(t, u.username, u.password, totp(secret)); // reset the counter from the previous test
      const before = await auditHead(t);
      expectInvalidLogin(await login(t, u.username, u.password, wrongTotp(secret)));
      expect((await userRow(t, u.id)).failed_login_count).toBe(1);
      expect(await auditSince(t, before, 'auth.login')).toEqual([
        expect.objectContaining({ outcome: 'FAILED', actor_user_id: u.id, changes: { reason: 'wrong MFA code', consecutiveFailures: 1 } }),
      ]);
      // The right code with a wrong password is no way in either.
      expectInvalidLogin(await login(t, u.username, 'Not-The-Password-99', totp(secret)));
    });

    it('the right code signs in (SIGNED_IN) and resets the failure counter', async () => {
      await forgetLastTotpStep(u.id);
      const r = await login(t, u.username, u.password, totp(secret));
      expect(r.errors).toBeUndefined();
      expect(r.data!.login).toMatchObject({ status: 'SIGNED_IN', me: { userId: u.id, mfaEnabled: true } });
      await expectTokenWorks(t, r.data!.login.accessToken!, u.username);
      expect((await userRow(t, u.id)).failed_login_count).toBe(0);
    });

    it('a code works once: the same code again is refused (replay) and counts as a failure', async () => {
      // The previous test signed in with the current code; replaying it within its step fails.
      const row = await userRow(t, u.id);
      expect(row.mfa_last_step).not.toBeNull();
      const code = totp(secret, Number(row.mfa_last_step) * 30_000);
      expectInvalidLogin(await login(t, u.username, u.password, code));
      expect((await userRow(t, u.id)).failed_login_count).toBe(1);
    });

    it('while MFA is on, a session cannot replace the second factor (an admin resets it instead)', async () => {
      const fresh = await signIn(t, u.username, u.password, totp(secret, (Number((await userRow(t, u.id)).mfa_last_step) + 1) * 30_000));
      const r = await t.gql(START_MFA, {}, fresh.accessToken);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/already set up/);
      expect((await userRow(t, u.id)).mfa_pending_secret).toBeNull();
    });

    it('resetUserMfa by lcso.admin turns MFA off and ends every session of the user', async () => {
      await forgetLastTotpStep(u.id);
      const withMfa = await signIn(t, u.username, u.password, totp(secret));
      const r = await t.gql(RESET_USER_MFA, { i: { userId: u.id } }, lcsoAdmin.accessToken);
      expect(r.errors).toBeUndefined();
      expect(r.data!.resetUserMfa).toMatchObject({ id: u.id, mfaEnabled: false });
      expect(await userRow(t, u.id)).toMatchObject({ mfa_enabled: false, mfa_secret: null, mfa_pending_secret: null });

      await expectTokenRejected(t, withMfa.accessToken);
      await expectTokenRejected(t, session.accessToken);
      expect((await sessionRow(t, withMfa.sessionId)).revoked_reason).toBe('MFA reset');

      const plain = await login(t, u.username, u.password);
      expect(plain.errors).toBeUndefined();
      expect(plain.data!.login).toMatchObject({ status: 'SIGNED_IN', me: { mfaEnabled: false } });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('password policy: createUser (lcso.admin)', () => {
    const cases: [string, (username: string) => string, RegExp][] = [
      ['shorter than 12 characters', () => 'Short-pw-11', /at least 12 characters/],
      ['longer than 128 characters', () => 'x'.repeat(129), /at most 128 characters/],
      ['a common password', () => 'password1234', /too common/],
      ['a common password in other case', () => 'PassWord1234', /too common/],
      ['containing the username', (username) => `My-${username.toUpperCase()}-secret`, /must not contain the username/],
    ];

    it.each(cases)('refuses a password %s with BAD_USER_INPUT and creates nothing', async (_label, password, message) => {
      const username = `lcso.policy.${++userSeq}`;
      const r = await t.gql(
        CREATE_USER,
        { i: { username, displayName: 'Policy Test', password: password(username), roles: ['INVESTIGATOR'] } },
        lcsoAdmin.accessToken,
      );
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(message);
      expect(r.errors![0].extensions?.field).toBe('password');
      expect(await t.ownerQuery(`SELECT 1 FROM users WHERE username = $1`, [username])).toEqual([]);
    });

    it('accepts exactly 12 and exactly 128 characters', async () => {
      for (const password of ['Twelve-chars', 'Q7'.repeat(64)]) {
        expect(password.length === 12 || password.length === 128).toBe(true);
        const username = `lcso.boundary.${++userSeq}`;
        const r = await t.gql(
          CREATE_USER,
          { i: { username, displayName: 'Boundary', password, roles: ['INVESTIGATOR'] } },
          lcsoAdmin.accessToken,
        );
        expect(r.errors).toBeUndefined();
        await signIn(t, username, password);
      }
    });
  });

  describe('password policy and changePassword: a dedicated LCSO user', () => {
    it.each([
      ['shorter than 12 characters', () => 'Short-pw-11', /at least 12 characters/],
      ['longer than 128 characters', () => 'y'.repeat(129), /at most 128 characters/],
      ['a common password', () => 'password1234', /too common/],
      ['containing the username', (username: string) => `x${username}x-extra`, /must not contain the username/],
    ] as [string, (u: string) => string, RegExp][])(
      'refuses a new password %s and keeps the old one',
      async (_label, password, message) => {
        const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'chpolicy');
        const s = await signIn(t, u.username, u.password);
        const hashBefore = (await userRow(t, u.id)).password_hash;
        const r = await t.gql(CHANGE_PASSWORD, { i: { currentPassword: u.password, newPassword: password(u.username) } }, s.accessToken);
        expect(codes(r)).toEqual(['BAD_USER_INPUT']);
        expect(r.errors![0].message).toMatch(message);
        expect((await userRow(t, u.id)).password_hash).toBe(hashBefore);
        await signIn(t, u.username, u.password);
      },
    );

    it('refuses a wrong current password with BAD_USER_INPUT and changes nothing', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'chwrong');
      const s = await signIn(t, u.username, u.password);
      const hashBefore = (await userRow(t, u.id)).password_hash;
      const r = await t.gql(CHANGE_PASSWORD, { i: { currentPassword: 'Not-My-Password-1', newPassword: strongPassword() } }, s.accessToken);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/current password is not correct/);
      expect(r.errors![0].extensions?.field).toBe('currentPassword');
      expect((await userRow(t, u.id)).password_hash).toBe(hashBefore);
      await expectTokenWorks(t, s.accessToken, u.username);
    });

    it('changes the password, ends the other sessions and keeps the current one', async () => {
      const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'chok');
      const current = await signIn(t, u.username, u.password);
      const other = await signIn(t, u.username, u.password);
      const newPassword = strongPassword();
      const before = await auditHead(t);

      const r = await t.gql(CHANGE_PASSWORD, { i: { currentPassword: u.password, newPassword } }, current.accessToken);
      expect(r.errors).toBeUndefined();
      expect(r.data!.changePassword).toBe(true);

      await expectTokenWorks(t, current.accessToken, u.username);
      expect((await sessionRow(t, current.sessionId)).revoked_at).toBeNull();
      await expectTokenRejected(t, other.accessToken);
      expect(codes(await refresh(t, other.refreshToken))).toEqual(['UNAUTHENTICATED']);
      expect((await sessionRow(t, other.sessionId)).revoked_reason).toBe('password changed');

      expectInvalidLogin(await login(t, u.username, u.password));
      await signIn(t, u.username, newPassword);
      const events = await auditSince(t, before, 'auth.password_change');
      expect(events).toEqual([expect.objectContaining({ outcome: 'SUCCESS', record_id: u.id, changes: { password: '[confidential]' } })]);
      expect(JSON.stringify(events)).not.toContain(newPassword);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('auth with ACCESS_TOKEN_TTL=1 (access-token expiry)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rejects an access token ~2 s after issue, while the session itself lives on', async () => {
    // A 1-second JWT may already be expired if it is issued late in a second; sign in right after
    // a second boundary, and retry a few times if the machine is slow.
    let s: Session | undefined;
    for (let attempt = 0; attempt < 5 && !s; attempt++) {
      await sleep(1000 - (Date.now() % 1000) + 10);
      const candidate = await signIn(t, 'lcso.investigator');
      const r = await t.gql(ME, {}, candidate.accessToken);
      if (!r.errors) s = candidate;
      else expect(Date.now() / 1000).toBeGreaterThanOrEqual(jwtClaims(candidate.accessToken).exp); // only expiry may explain a refusal
    }
    expect(s).toBeDefined();
    const claims = jwtClaims(s!.accessToken);
    expect(claims.exp - claims.iat).toBe(1);

    await sleep(2100);
    await expectTokenRejected(t, s!.accessToken);
    expect((await sessionRow(t, s!.sessionId)).revoked_at).toBeNull();
    const r = await refresh(t, s!.refreshToken); // the way to continue: a new short-lived token
    expect(r.errors).toBeUndefined();
    expect(r.data!.refreshSession).toMatchObject({ status: 'SIGNED_IN', accessTokenExpiresIn: 1 });
  });
});

describe('auth with MFA_REQUIRED=true (mandatory MFA): lcso.investigator2 without MFA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MFA_REQUIRED: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with MFA_ENROLMENT_REQUIRED; only me and MFA enrolment are allowed until confirmMfa', async () => {
    const r = await login(t, 'lcso.investigator2', DEMO_PASSWORD);
    expect(r.errors).toBeUndefined();
    expect(r.data!.login).toMatchObject({ status: 'MFA_ENROLMENT_REQUIRED', me: { username: 'lcso.investigator2', mfaEnabled: false } });
    const token: string = r.data!.login.accessToken!;
    expect(token).toBeTruthy();
    expect(r.data!.login.refreshToken).toBeTruthy();
    expect((await sessionRow(t, jwtClaims(token).sid)).mfa_satisfied).toBe(false);

    // me works.
    const me = await t.gql(
      graphql(`
        query AuthMe4 {
          me {
            username
            mfaEnabled
          }
        }
      `),
      {},
      token,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual({ username: 'lcso.investigator2', mfaEnabled: false });

    // Anything else is FORBIDDEN, and audited.
    const before = await auditHead(t);
    const denied = await t.gql(AGENCIES, {}, token);
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect(denied.errors![0].message).toMatch(/multi-factor/);
    expect(
      codes(
        await t.gql(
          graphql(`
            query AuthTaskForce {
              taskForce {
                name
              }
            }
          `),
          {},
          token,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await auditSince(t, before, 'operation.agencies')).toEqual([
      expect.objectContaining({ outcome: 'DENIED', changes: { reason: 'MFA enrolment required' } }),
    ]);

    // A second session refreshed before enrolment keeps the restriction.
    const other = (await login(t, 'lcso.investigator2', DEMO_PASSWORD)).data!.login;
    const refreshed = await refresh(t, other.refreshToken!);
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data!.refreshSession.status).toBe('MFA_ENROLMENT_REQUIRED');
    expect(codes(await t.gql(AGENCIES, {}, refreshed.data!.refreshSession.accessToken!))).toEqual(['FORBIDDEN']);

    // Enrol and confirm in the first session.
    const start = await t.gql(START_MFA, {}, token);
    expect(start.errors).toBeUndefined();
    const secret: string = start.data!.startMfaEnrolment.secret;
    const confirmed = await t.gql(CONFIRM_MFA, { i: { code: totp(secret) } }, token);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmMfa.mfaEnabled).toBe(true);

    // The same session may now do the rest.
    const agencies = await t.gql(AGENCIES, {}, token);
    expect(agencies.errors).toBeUndefined();
    expect(agencies.data!.agencies.length).toBeGreaterThan(1);
    // The other session never proved the second factor, so it stays restricted.
    expect(codes(await t.gql(AGENCIES, {}, refreshed.data!.refreshSession.accessToken!))).toEqual(['FORBIDDEN']);

    // From now on sign-in needs the code, and then it is a full session.
    expect((await login(t, 'lcso.investigator2', DEMO_PASSWORD)).data!.login.status).toBe('MFA_CODE_REQUIRED');
    await t.ownerQuery(`UPDATE users SET mfa_last_step = NULL WHERE username = 'lcso.investigator2'`); // same 30-s step as confirmMfa
    const full = await signIn(t, 'lcso.investigator2', DEMO_PASSWORD, totp(secret));
    expect((await t.gql(AGENCIES, {}, full.accessToken)).errors).toBeUndefined();
  });
});

describe('auth with LOGIN_RATE_PER_ACCOUNT=3 (sign-in rate limiting)', () => {
  let t: TestApp;
  let lcsoAdmin: Session;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_PER_ACCOUNT: '3' });
    lcsoAdmin = await signIn(t, 'lcso.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers RATE_LIMITED to the 4th attempt for one account in the window, even with the right password', async () => {
    const u = await createLcsoUser(t, lcsoAdmin.accessToken, 'ratelimit');
    for (let i = 0; i < 3; i++) expectInvalidLogin(await login(t, u.username, `Wrong-Guess-R${i}`));

    const before = await auditHead(t);
    const limited = await login(t, u.username, u.password);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.data?.login ?? null).toBeNull();
    // The account key is case-insensitive.
    expect(codes(await login(t, u.username.toUpperCase(), u.password))).toEqual(['RATE_LIMITED']);

    expect(await auditSince(t, before, 'auth.login')).toEqual([
      expect.objectContaining({ outcome: 'DENIED', actor_username: u.username, changes: { reason: 'rate limited (account)' } }),
      expect.objectContaining({ outcome: 'DENIED', actor_username: u.username, changes: { reason: 'rate limited (account)' } }),
    ]);
    // Refused before the password is checked: the limited attempts are not counted as failures.
    expect((await userRow(t, u.id)).failed_login_count).toBe(3);

    // Other accounts are unaffected.
    await signIn(t, 'lcso.investigator');
  });

  it('limits an unknown username the same way (no enumeration through the limiter)', async () => {
    for (let i = 0; i < 3; i++) expectInvalidLogin(await login(t, 'ghost.user', `Wrong-Guess-G${i}`));
    expect(codes(await login(t, 'ghost.user', 'Wrong-Guess-G3'))).toEqual(['RATE_LIMITED']);
  });
});
