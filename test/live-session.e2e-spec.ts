import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { restrictDatabasePrivileges } from '../libs/core/src/database/prepare-database';
import { codes, ownerUrlOf, startTestApp, TestApp } from './support/test-app';

/**
 * The principal is bound to a live session inside PostgreSQL (docs/adr/0017): the app role, with
 * its own password and whatever SQL it sends, sees rows only after presenting a live session's id
 * and secret to auth_bind_session, and only for that transaction. A principal forged with set_config,
 * an expired, idle or revoked session, a disabled or locked user, or a wrong secret: 0 rows.
 */
describe('principal bound to a live session', () => {
  let t: TestApp;
  let lcsoCases: number;
  let inv: { userId: string; agencyId: string; taskForceId: string; roles: string[] };

  const COUNTS = `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM leads)::int AS leads, (SELECT count(*) FROM victims)::int AS victims,
    (SELECT count(*) FROM victim_identities)::int AS identities, (SELECT count(*) FROM sessions)::int AS sessions`;
  const NONE = { cases: 0, users: 0, leads: 0, victims: 0, identities: 0, sessions: 0 };

  /** Binds (sid, secret) as the app role, then counts what it sees, in one transaction. */
  async function boundCounts(sid: string, sk: Buffer) {
    const [[bound], [counts]] = await t.appRoleTx([[`SELECT auth_bind_session($1, $2) AS ok`, [sid, sk]], [COUNTS]]);
    return { ok: bound.ok as boolean, ...(counts as typeof NONE) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    [inv] = await t.ownerQuery(
      `SELECT u.id AS "userId", u.agency_id AS "agencyId", a.task_force_id AS "taskForceId", u.roles FROM users u JOIN agencies a ON a.id = u.agency_id WHERE username = 'lcso.investigator'`,
    );
    [{ n: lcsoCases }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1`, [inv.agencyId]);
    expect(lcsoCases).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a live session binds its principal: the investigator sees their agency (and the database says who)', async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    const r = await boundCounts(s.sid, s.sk);
    expect(r.ok).toBe(true);
    expect(r.cases).toBeGreaterThanOrEqual(lcsoCases);
    expect(r.users).toBeGreaterThan(3);
    const [, [who]] = await t.appRoleTx([
      [`SELECT auth_bind_session($1, $2)`, [s.sid, s.sk]],
      [
        `SELECT app_user_id() AS u, app_agency_id() AS a, app_session_id() AS s, app_has_role('INVESTIGATOR') AS i, app_has_role('AUDITOR') AS au`,
      ],
    ]);
    expect(who).toEqual({ u: inv.userId, a: inv.agencyId, s: s.sid, i: true, au: false });
  });

  it('a principal forged with set_config (real ids, every role) sees 0 rows and cannot write as that user', async () => {
    const all = { ...inv, roles: ['INVESTIGATOR', 'VICTIM_ADVOCATE', 'SUPERVISOR', 'AGENCY_ADMIN', 'AUDITOR', 'TASK_FORCE_ADMIN'] };
    expect(await t.forgedQuery(COUNTS, [], all)).toEqual([NONE]);
    expect(await t.forgedQuery(`SELECT count(*)::int AS n FROM audit_events`, [], all)).toEqual([{ n: 0 }]);
    expect(await t.forgedQuery(`SELECT app_user_id() AS u, app_agency_id() AS a`, [], all)).toEqual([{ u: null, a: null }]);
    await expect(
      t.forgedQuery(
        `INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'case.update', 'SUCCESS')`,
        [inv.userId, inv.agencyId],
        all,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(t.forgedQuery(`UPDATE users SET password_hash = 'x' WHERE id = $1 RETURNING id`, [inv.userId], all)).rejects.toThrow(
      /permission denied/,
    );
    expect(await t.forgedQuery(`UPDATE users SET display_name = 'x' WHERE id = $1 RETURNING id`, [inv.userId], all)).toEqual([]);
    expect(await t.ownerQuery(`SELECT password_hash <> 'x' AS kept FROM users WHERE id = $1`, [inv.userId])).toEqual([{ kept: true }]);
  });

  it('the app role cannot write the binding itself, nor call the internal binder, nor read or change the settings', async () => {
    await expect(
      t.appRoleQuery(
        `INSERT INTO principal_bindings (backend_pid, xact, user_id, agency_id, task_force_id, roles) VALUES (pg_backend_pid(), pg_current_xact_id(), $1, $2, $3, '{AUDITOR}')`,
        [inv.userId, inv.agencyId, inv.taskForceId],
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(t.appRoleQuery(`UPDATE principal_bindings SET roles = '{AUDITOR}'`)).rejects.toThrow(/permission denied/);
    await expect(
      t.appRoleQuery(`SELECT principal_bind($1, $2, $3, '{AUDITOR}', NULL)`, [inv.userId, inv.agencyId, inv.taskForceId]),
    ).rejects.toThrow(/permission denied/);
    await expect(t.appRoleQuery(`SELECT * FROM app_settings`)).rejects.toThrow(/permission denied/);
    await expect(t.appRoleQuery(`UPDATE app_settings SET idle_timeout_seconds = 999999`)).rejects.toThrow(/permission denied/);
    // A bound user cannot either.
    await expect(t.appRoleQuery(`UPDATE app_settings SET idle_timeout_seconds = 999999`, [], 'lcso.admin')).rejects.toThrow(
      /permission denied/,
    );
    expect(await t.ownerQuery(`SELECT idle_timeout_seconds FROM app_settings`)).toEqual([{ idle_timeout_seconds: 1800 }]);
  });

  it('a binding forged in a temporary table named principal_bindings is never read (and the app role cannot make one)', async () => {
    const TEMP_BINDING = `CREATE TEMP TABLE principal_bindings (backend_pid integer, xact xid8, user_id uuid, agency_id uuid,
      task_force_id uuid, roles text[], session_id uuid)`;
    const FORGED = `INSERT INTO principal_bindings VALUES (pg_backend_pid(), pg_current_xact_id(), $1, $2, $3,
      '{INVESTIGATOR,VICTIM_ADVOCATE,SUPERVISOR,AGENCY_ADMIN,AUDITOR}', NULL)`;
    const WHO = `SELECT app_user_id() AS u, app_agency_id() AS a, app_task_force_id() AS tf, app_case_worker() AS w,
      app_has_role('AUDITOR') AS au`;
    await expect(t.appRoleTx([[TEMP_BINDING]])).rejects.toThrow(/permission denied to create temporary tables/);

    // Even where the database lets the app role make temporary tables (the privilege is the
    // database owner's to give), the accessors read public.principal_bindings only.
    const db = `(SELECT quote_ident(current_database()))`;
    await t.ownerQuery(`DO $$ BEGIN EXECUTE 'GRANT TEMPORARY ON DATABASE ' || ${db} || ' TO tf_app'; END $$`);
    try {
      const [, , [who], [counts]] = await t.appRoleTx([
        [TEMP_BINDING],
        [FORGED, [inv.userId, inv.agencyId, inv.taskForceId]],
        [WHO],
        [COUNTS],
      ]);
      expect(who).toEqual({ u: null, a: null, tf: null, w: false, au: false });
      expect(counts).toEqual(NONE);
      // A start reports what it cannot take back (a grant to the app role itself, not to PUBLIC).
      expect(await restrictDatabasePrivileges(ownerUrlOf(t))).toEqual([
        'the app role tf_app may still create temporary tables in this database',
      ]);
    } finally {
      await t.ownerQuery(`DO $$ BEGIN EXECUTE 'REVOKE TEMPORARY ON DATABASE ' || ${db} || ' FROM tf_app'; END $$`);
    }
  });

  it('a binding lasts only for the transaction that made it (the next one on the same connection sees nothing)', async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    const [[bound], [inside], [after]] = await t.appRoleTx(
      [[`SELECT auth_bind_session($1, $2) AS ok`, [s.sid, s.sk]], [COUNTS], [COUNTS]],
      { transactions: 'each' },
    );
    expect(bound.ok).toBe(true);
    expect(inside).toEqual(NONE); // a transaction of its own, without a bind
    expect(after).toEqual(NONE);
  });

  it('a wrong secret for a live session id: false and 0 rows', async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    expect(await boundCounts(s.sid, randomBytes(32))).toEqual({ ok: false, ...NONE });
    expect(await boundCounts(s.sid, Buffer.alloc(0))).toEqual({ ok: false, ...NONE });
  });

  it('an expired session: false and 0 rows; the API says UNAUTHENTICATED', async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    await t.ownerQuery(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [s.sid]);
    expect(await boundCounts(s.sid, s.sk)).toEqual({ ok: false, ...NONE });
    expect(codes(await t.gql(`{ me { userId } }`, {}, s.token))).toEqual(['UNAUTHENTICATED']);
  });

  it("an idle session (past the database's own idle limit): false and 0 rows; a longer limit cannot be passed in", async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    await t.ownerQuery(`UPDATE sessions SET last_seen_at = now() - interval '1801 seconds' WHERE id = $1`, [s.sid]);
    expect(await boundCounts(s.sid, s.sk)).toEqual({ ok: false, ...NONE });
    // The old per-request check took the idle limit as an argument; the new one takes none.
    await expect(t.appRoleQuery(`SELECT * FROM auth_touch_session($1, 999999)`, [s.sid])).rejects.toThrow();
    expect(await t.appRoleQuery(`SELECT * FROM auth_touch_session($1, $2)`, [s.sid, s.sk])).toEqual([]);
    // Just inside the limit it is live.
    await t.ownerQuery(`UPDATE sessions SET last_seen_at = now() - interval '1700 seconds' WHERE id = $1`, [s.sid]);
    expect((await boundCounts(s.sid, s.sk)).ok).toBe(true);
  });

  it('a revoked session: false and 0 rows', async () => {
    const s = await t.sessionOf('lcso.investigator', true);
    await t.ownerQuery(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE id = $1`, [s.sid]);
    expect(await boundCounts(s.sid, s.sk)).toEqual({ ok: false, ...NONE });
  });

  it('a disabled user, a locked user: false and 0 rows (their sessions otherwise live)', async () => {
    const s = await t.sessionOf('lcso.investigator2', true);
    expect((await boundCounts(s.sid, s.sk)).ok).toBe(true);
    await t.ownerQuery(`UPDATE users SET active = false WHERE username = 'lcso.investigator2'`);
    try {
      expect(await boundCounts(s.sid, s.sk)).toEqual({ ok: false, ...NONE });
      expect(codes(await t.gql(`{ me { userId } }`, {}, s.token))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await t.ownerQuery(`UPDATE users SET active = true WHERE username = 'lcso.investigator2'`);
    }
    await t.ownerQuery(`UPDATE users SET locked_at = now() WHERE username = 'lcso.investigator2'`);
    try {
      expect(await boundCounts(s.sid, s.sk)).toEqual({ ok: false, ...NONE });
    } finally {
      await t.ownerQuery(`UPDATE users SET locked_at = NULL WHERE username = 'lcso.investigator2'`);
    }
    expect((await boundCounts(s.sid, s.sk)).ok).toBe(true);
  });

  it('sign-in gives the app role no password digest: only the parameters and salt to hash the typed password with', async () => {
    const [c] = await t.appRoleQuery<{ password_params: string }>(`SELECT * FROM auth_sign_in_candidate('lcso.investigator')`);
    const [stored] = await t.ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'lcso.investigator'`);
    if (!c || !stored) throw new Error('lcso.investigator has no password');
    const digest = stored.password_hash.split('$').pop() ?? '';
    expect(digest.length).toBeGreaterThan(20);
    expect(JSON.stringify(c)).not.toContain(digest);
    expect(stored.password_hash.startsWith(c.password_params + '$')).toBe(true);
    // And a wrong presented hash opens no session (and counts as a failed attempt).
    const [before] = await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [inv.userId]);
    const [[r], [counts]] = await t.appRoleTx([
      [
        `SELECT * FROM auth_sign_in($1, $2, 'NONE', NULL, gen_random_uuid(), $3, $3, NULL, NULL)`,
        [inv.userId, c.password_params + '$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', randomBytes(32)],
      ],
      [COUNTS],
    ]);
    expect(r.outcome).toBe('WRONG_PASSWORD');
    expect(counts).toEqual(NONE);
    expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [inv.userId])).toEqual([before]);
    await t.ownerQuery(`UPDATE users SET failed_login_count = 0 WHERE id = $1`, [inv.userId]);
  });

  it('through the API, every request is bound to its session: signing out ends what the token can read at once', async () => {
    const token = await t.login('lcso.investigator');
    const list = `{ cases(first: 5) { edges { node { id } } } }`;
    const before = await t.gql<{ cases: { edges: unknown[] } }>(list, {}, token);
    expect(before.errors).toBeUndefined();
    expect(before.data?.cases.edges.length).toBeGreaterThan(0);
    expect((await t.gql<{ logout: boolean }>(`mutation { logout }`, {}, token)).data?.logout).toBe(true);
    expect(codes(await t.gql(list, {}, token))).toEqual(['UNAUTHENTICATED']);
  });
  it('the app role cannot create a session itself, as the user themselves or their admin', async () => {
    const [u] = await t.ownerQuery<{ id: string; agency_id: string }>(
      `SELECT id, agency_id FROM users WHERE username = 'lcso.investigator'`,
    );
    for (const as of ['lcso.investigator', 'lcso.admin']) {
      await expect(
        t.appRoleQuery(
          `INSERT INTO sessions (user_id, agency_id, refresh_hash, expires_at) VALUES ($1, $2, '\\x00', now() + interval '1 hour')`,
          [u?.id, u?.agency_id],
          as,
        ),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('a federated session starts only through the definer, for an account bound to that identity of its agency provider', async () => {
    const [u] = await t.ownerQuery<{ id: string; agency_id: string; task_force_id: string }>(
      `SELECT u.id, u.agency_id, a.task_force_id FROM users u JOIN agencies a ON a.id = u.agency_id WHERE username = 'lcso.supervisor'`,
    );
    if (!u) throw new Error('no lcso.supervisor');
    const issuer = 'https://idp.live-session.example';
    const start = (sid: string, secret: Buffer, subject = 'sub-42'): [string, unknown[]] => [
      `SELECT outcome, mfa_satisfied FROM auth_start_federated_session($1, $2, $3, 'idp-sid-1', true, $4, $5, $6, NULL, NULL)`,
      [u.id, issuer, subject, sid, createHash('sha256').update(secret).digest(), randomBytes(32)],
    ];
    const sessionsOf = async () =>
      (await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [u.id]))[0]?.n;
    const before = await sessionsOf();
    // No provider connected, no identity bound: a compromised host cannot start one for any account.
    const none = await t.appRoleTx([start(randomUUID(), randomBytes(32)), [`SELECT app_user_id() AS who`]]);
    expect(none).toEqual([[{ outcome: 'NO_IDENTITY', mfa_satisfied: false }], [{ who: null }]]);
    expect(await sessionsOf()).toBe(before);
    // The agency's provider, and the identity bound to the account (as auth_oidc_resolve_user binds it).
    await t.ownerQuery(
      `INSERT INTO agency_identity_providers (agency_id, task_force_id, issuer, client_id, client_secret_sealed) VALUES ($1, $2, $3, 'c', 'sealed')`,
      [u.agency_id, u.task_force_id, issuer],
    );
    await t.ownerQuery(`INSERT INTO user_identities (user_id, agency_id, issuer, subject) VALUES ($1, $2, $3, 'sub-42')`, [
      u.id,
      u.agency_id,
      issuer,
    ]);
    try {
      // Another subject of the same provider is not this account's.
      expect((await t.appRoleTx([start(randomUUID(), randomBytes(32), 'sub-43')]))[0]).toEqual([
        { outcome: 'NO_IDENTITY', mfa_satisfied: false },
      ]);
      const sid = randomUUID();
      const secret = randomBytes(32);
      const [started, [bound]] = await t.appRoleTx([start(sid, secret), [`SELECT app_user_id() AS who, app_session_id() AS sid`]]);
      expect(started).toEqual([{ outcome: 'SIGNED_IN', mfa_satisfied: true }]);
      expect(bound).toEqual({ who: u.id, sid });
      expect(
        await t.ownerQuery(
          `SELECT idp_issuer, idp_subject, idp_sid, access_secret_hash = sha256($2) AS secret_ok FROM sessions WHERE id = $1`,
          [sid, secret],
        ),
      ).toEqual([{ idp_issuer: issuer, idp_subject: 'sub-42', idp_sid: 'idp-sid-1', secret_ok: true }]);
      // The new session binds like any other; a disabled account starts none.
      expect((await boundCounts(sid, secret)).ok).toBe(true);
      await t.ownerQuery(`UPDATE users SET active = false WHERE id = $1`, [u.id]);
      expect((await t.appRoleTx([start(randomUUID(), randomBytes(32))]))[0]).toEqual([{ outcome: 'DISABLED', mfa_satisfied: false }]);
      expect((await boundCounts(sid, secret)).ok).toBe(false);
    } finally {
      await t.ownerQuery(`UPDATE users SET active = true WHERE id = $1`, [u.id]);
      await t.ownerQuery(`DELETE FROM user_identities WHERE issuer = $1`, [issuer]);
      await t.ownerQuery(`DELETE FROM agency_identity_providers WHERE issuer = $1`, [issuer]);
    }
  });

  it("verifying MFA after a federated sign-in needs a live session, and marks only the bound user's own session", async () => {
    await expect(
      t.forgedQuery(`SELECT auth_mfa_verify(1)`, [], {
        userId: inv.userId,
        agencyId: inv.agencyId,
        taskForceId: inv.taskForceId,
        roles: [],
      }),
    ).rejects.toThrow(/live session/);
    // A user without an authenticator: nothing accepted, the session's MFA flag unchanged.
    expect(await t.ownerQuery(`SELECT mfa_enabled FROM users WHERE id = $1`, [inv.userId])).toEqual([{ mfa_enabled: false }]);
    const s = await t.sessionOf('lcso.investigator', true);
    const [[bound], [verified]] = await t.appRoleTx([
      [`SELECT auth_bind_session($1, $2) AS ok`, [s.sid, s.sk]],
      [`SELECT auth_mfa_verify(99999999999) AS ok`],
    ]);
    expect({ bound, verified }).toEqual({ bound: { ok: true }, verified: { ok: false } });
  });
});

describe('credentials are written only through definer functions that check the live session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['password hash', `UPDATE users SET password_hash = 'x' WHERE username = $1`],
    ['MFA secret', `UPDATE users SET mfa_secret = 'x', mfa_enabled = true WHERE username = $1`],
    ['pending MFA secret', `UPDATE users SET mfa_pending_secret = 'x' WHERE username = $1`],
    ['MFA step', `UPDATE users SET mfa_last_step = 0 WHERE username = $1`],
    ['session refresh hash', `UPDATE sessions SET refresh_hash = '\\x00' WHERE user_id = (SELECT id FROM users WHERE username = $1)`],
    ['session secret', `UPDATE sessions SET access_secret_hash = '\\x00' WHERE user_id = (SELECT id FROM users WHERE username = $1)`],
    ['session idle clock', `UPDATE sessions SET last_seen_at = now() WHERE user_id = (SELECT id FROM users WHERE username = $1)`],
    ['session MFA', `UPDATE sessions SET mfa_satisfied = true WHERE user_id = (SELECT id FROM users WHERE username = $1)`],
  ])('the app role cannot write the %s directly, even as the user themselves or their admin', async (_what, sql) => {
    for (const as of ['lcso.investigator', 'lcso.admin']) {
      await expect(t.appRoleQuery(sql, ['lcso.investigator'], as)).rejects.toThrow(/permission denied/);
    }
  });

  it('the definers change only the bound user (or, for an MFA reset, a user of the bound admin agency)', async () => {
    const [dci] = await t.ownerQuery<{ id: string }>(`SELECT id FROM users WHERE username = 'dci.investigator'`);
    // An admin of LCSO cannot reset a DCI user's second factor: nothing changes.
    expect(await t.appRoleQuery(`SELECT auth_reset_mfa($1) AS ok`, [dci.id], 'lcso.admin')).toEqual([{ ok: false }]);
    // A non-admin cannot reset anyone's.
    await expect(t.appRoleQuery(`SELECT auth_reset_mfa($1)`, [dci.id], 'lcso.investigator')).rejects.toThrow(/agency admin/);
    // Changing a password needs the current one's hash (a wrong one changes nothing).
    const [before] = await t.ownerQuery(`SELECT password_hash FROM users WHERE username = 'lcso.investigator'`);
    expect(
      await t.appRoleQuery(`SELECT auth_change_password('wrong', '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA') AS n`, [], 'lcso.investigator'),
    ).toEqual([{ n: -1 }]);
    expect(await t.ownerQuery(`SELECT password_hash FROM users WHERE username = 'lcso.investigator'`)).toEqual([before]);
    // Without a live session none of them acts.
    await expect(
      t.forgedQuery(`SELECT auth_change_password('x', '$argon2id$v=19$x')`, [], {
        userId: dci.id,
        agencyId: dci.id,
        taskForceId: dci.id,
        roles: [],
      }),
    ).rejects.toThrow(/live session/);
  });
});
