import { startTestApp, TestApp } from './support/test-app';

/**
 * Row-level security, proven in the database itself: the app's own role (tf_app) owns nothing,
 * cannot bypass RLS, sees nothing without a principal, and with a principal sees and changes only
 * its own agency's rows, whatever SQL it sends. The API is not involved except to create sessions.
 */

type Principal = { userId: string; agencyId: string; taskForceId: string; roles: string[] };

describe('row-level security', () => {
  let t: TestApp;
  let lcso: Principal;
  let dci: Principal;
  let dciUserIds: string[];

  async function principalOf(username: string, roles: string[]): Promise<Principal> {
    const [p] = await t.ownerQuery(
      `SELECT u.id AS "userId", u.agency_id AS "agencyId", a.task_force_id AS "taskForceId" FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`,
      [username],
    );
    expect(p).toBeDefined();
    return { ...p, roles };
  }

  beforeAll(async () => {
    t = await startTestApp();
    // Sessions and audit events of both agencies.
    for (const u of ['lcso.admin', 'lcso.investigator', 'lcso.auditor', 'dci.admin', 'dci.investigator', 'dci.auditor']) await t.login(u);
    lcso = await principalOf('lcso.admin', ['AGENCY_ADMIN']);
    dci = await principalOf('dci.admin', ['AGENCY_ADMIN']);
    dciUserIds = (await t.ownerQuery(`SELECT id FROM users WHERE agency_id = $1`, [dci.agencyId])).map((r) => r.id);
    expect(dciUserIds.length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the app role', () => {
    it('is not superuser, cannot bypass RLS, cannot create roles or databases, and is not a maintenance member', async () => {
      const rows = await t.ownerQuery(
        `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolcanlogin, pg_has_role('tf_app', 'tf_maintenance', 'MEMBER') AS maintenance
         FROM pg_roles WHERE rolname = 'tf_app'`,
      );
      expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true, maintenance: false }]);
      // And the connection the app uses really is that role.
      expect(await t.appRoleQuery(`SELECT current_user AS u, session_user AS s`)).toEqual([{ u: 'tf_app', s: 'tf_app' }]);
    });

    it('owns no table (nor any other relation, function or schema)', async () => {
      expect(await t.ownerQuery(`SELECT schemaname, tablename FROM pg_tables WHERE tableowner = 'tf_app'`)).toEqual([]);
      expect(await t.ownerQuery(`SELECT relname FROM pg_class WHERE relowner = 'tf_app'::regrole`)).toEqual([]);
      expect(await t.ownerQuery(`SELECT proname FROM pg_proc WHERE proowner = 'tf_app'::regrole`)).toEqual([]);
      expect(await t.ownerQuery(`SELECT nspname FROM pg_namespace WHERE nspowner = 'tf_app'::regrole`)).toEqual([]);
      // The tables exist and belong to someone else.
      const owners = await t.ownerQuery(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
      expect(owners.length).toBeGreaterThan(0);
      expect(owners.map((o) => o.tableowner)).not.toContain('tf_app');
    });
  });

  it('every table in public (but the migration log and the chain head) has RLS enabled AND forced', async () => {
    const tables = await t.ownerQuery(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    );
    const names = tables.map((r) => r.relname);
    expect(names).toEqual(expect.arrayContaining(['agencies', 'audit_chain_head', 'audit_events', 'schema_migrations', 'sessions', 'task_forces', 'users']));
    const protectedTables = tables.filter((r) => !['schema_migrations', 'audit_chain_head'].includes(r.relname));
    expect(protectedTables.length).toBeGreaterThanOrEqual(5);
    expect(protectedTables.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname)).toEqual([]);
    // Each of them has at least one policy (RLS with no policy at all would hide everything, also from maintenance).
    const withoutPolicy = await t.ownerQuery(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('schema_migrations', 'audit_chain_head')
         AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)`,
    );
    expect(withoutPolicy).toEqual([]);
  });

  it.each(['users', 'agencies', 'sessions', 'task_forces', 'audit_events'])('with no principal the app role sees no row of %s (fail closed), the owner sees many', async (table) => {
    const [owner] = await t.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`);
    expect(owner.n).toBeGreaterThan(0);
    expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
    expect(await t.appRoleQuery(`SELECT * FROM ${table}`)).toEqual([]);
  });

  it('a principal with only some settings (roles but no agency) still sees nothing', async () => {
    const p = { ...lcso, agencyId: '', taskForceId: '', roles: ['AUDITOR', 'AGENCY_ADMIN', 'TASK_FORCE_ADMIN'] };
    for (const table of ['users', 'sessions', 'audit_events', 'agencies']) {
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM ${table}`, [], p)).toEqual([{ n: 0 }]);
    }
  });

  describe('as a principal of LCSO', () => {
    it('SELECT * FROM users returns exactly the LCSO users, none of DCI', async () => {
      const rows = await t.appRoleQuery(`SELECT * FROM users`, [], lcso);
      const expected = await t.ownerQuery(`SELECT id FROM users WHERE agency_id = $1 ORDER BY id`, [lcso.agencyId]);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      expect(rows.filter((r) => r.agency_id !== lcso.agencyId)).toEqual([]);
      expect(rows.filter((r) => dciUserIds.includes(r.id))).toEqual([]);
      // Asking for them by id does not help.
      expect(await t.appRoleQuery(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [dciUserIds], lcso)).toEqual([]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM users WHERE agency_id = $1`, [dci.agencyId], lcso)).toEqual([{ n: 0 }]);
    });

    it('sessions: only LCSO\'s', async () => {
      const rows = await t.appRoleQuery(`SELECT agency_id FROM sessions`, [], lcso);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.agency_id))).toEqual(new Set([lcso.agencyId]));
      const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE agency_id = $1`, [dci.agencyId]);
      expect(n).toBeGreaterThan(0);
    });

    it('an UPDATE of a DCI user affects no row, and the row is unchanged', async () => {
      const target = dciUserIds[0];
      const [before] = await t.ownerQuery(`SELECT display_name, roles, version FROM users WHERE id = $1`, [target]);
      expect(await t.appRoleQuery(`UPDATE users SET display_name = 'Hijacked', roles = '{AGENCY_ADMIN}' WHERE id = $1 RETURNING id`, [target], lcso)).toEqual([]);
      expect(await t.appRoleQuery(`UPDATE users SET active = false WHERE agency_id = $1 RETURNING id`, [dci.agencyId], lcso)).toEqual([]);
      expect(await t.ownerQuery(`SELECT display_name, roles, version FROM users WHERE id = $1`, [target])).toEqual([before]);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM users WHERE agency_id = $1 AND NOT active`, [dci.agencyId])).toEqual([{ n: 0 }]);
      // The same statement does reach an LCSO row (so the 0 above is RLS, not a broken statement).
      const own = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator2'`);
      expect(await t.appRoleQuery(`UPDATE users SET title = 'Detective II' WHERE id = $1 RETURNING id`, [own[0].id], lcso)).toEqual([{ id: own[0].id }]);
    });

    it('an INSERT of a user into DCI fails the WITH CHECK policy', async () => {
      const insert = `INSERT INTO users (agency_id, username, display_name, roles, password_hash) VALUES ($1, $2, 'Planted', '{AGENCY_ADMIN}', 'x') RETURNING id`;
      await expect(t.appRoleQuery(insert, [dci.agencyId, 'planted.by.lcso'], lcso)).rejects.toThrow(/new row violates row-level security policy for table "users"/);
      expect(await t.ownerQuery(`SELECT id FROM users WHERE username = 'planted.by.lcso'`)).toEqual([]);
      // Into its own agency the same INSERT works (so the refusal above is the policy, not the statement).
      const [row] = await t.appRoleQuery(insert, [lcso.agencyId, 'planted.own'], lcso);
      expect(row.id).toBeDefined();
    });

    it('cannot move its own user into DCI (WITH CHECK on UPDATE)', async () => {
      const [own] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator2'`);
      await expect(t.appRoleQuery(`UPDATE users SET agency_id = $1 WHERE id = $2`, [dci.agencyId, own.id], lcso)).rejects.toThrow(/row-level security/);
      expect(await t.ownerQuery(`SELECT agency_id FROM users WHERE id = $1`, [own.id])).toEqual([{ agency_id: lcso.agencyId }]);
    });

    it('cannot create a session for a DCI user', async () => {
      await expect(
        t.appRoleQuery(
          `INSERT INTO sessions (user_id, agency_id, refresh_hash, mfa_satisfied, expires_at) VALUES ($1, $2, '\\x00', true, now() + interval '1 hour')`,
          [dciUserIds[0], dci.agencyId],
          lcso,
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('an AGENCY_ADMIN cannot change another agency (0 rows), nor add one', async () => {
      expect(await t.appRoleQuery(`UPDATE agencies SET contact_name = 'Hijacked' WHERE id = $1 RETURNING id`, [dci.agencyId], lcso)).toEqual([]);
      expect(await t.ownerQuery(`SELECT contact_name FROM agencies WHERE id = $1`, [dci.agencyId])).not.toEqual([{ contact_name: 'Hijacked' }]);
      await expect(
        t.appRoleQuery(`INSERT INTO agencies (task_force_id, name, short_code, level, kind) VALUES ($1, 'Rogue Agency', 'ROGUE', 'COUNTY', 'OTHER')`, [lcso.taskForceId], lcso),
      ).rejects.toThrow(/row-level security/);
    });
  });

  describe('audit_events for the app role', () => {
    it('an AUDITOR of LCSO reads only LCSO\'s events', async () => {
      const auditor = await principalOf('lcso.auditor', ['AUDITOR']);
      const rows = await t.appRoleQuery(`SELECT id, agency_id, subject_agency_id FROM audit_events ORDER BY seq`, [], auditor);
      const expected = await t.ownerQuery(`SELECT id FROM audit_events WHERE agency_id = $1 OR subject_agency_id = $1 ORDER BY seq`, [lcso.agencyId]);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(rows.filter((r) => r.agency_id !== lcso.agencyId && r.subject_agency_id !== lcso.agencyId)).toEqual([]);
      expect(rows.filter((r) => r.agency_id === dci.agencyId)).toEqual([]);
      const [{ n: dciEvents }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE agency_id = $1`, [dci.agencyId]);
      expect(dciEvents).toBeGreaterThan(0);
      // Asking for DCI's events explicitly returns nothing.
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE agency_id = $1`, [dci.agencyId], auditor)).toEqual([{ n: 0 }]);
    });

    it('an AUDITOR of DCI reads only DCI\'s events', async () => {
      const auditor = await principalOf('dci.auditor', ['AUDITOR']);
      const rows = await t.appRoleQuery(`SELECT agency_id, subject_agency_id FROM audit_events`, [], auditor);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.agency_id !== dci.agencyId && r.subject_agency_id !== dci.agencyId)).toEqual([]);
    });

    it.each([['INVESTIGATOR'], ['AGENCY_ADMIN'], ['SUPERVISOR', 'TASK_FORCE_ADMIN']])('with roles %p (no AUDITOR) zero rows', async (...roles) => {
      const p = { ...lcso, roles };
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events`, [], p)).toEqual([{ n: 0 }]);
    });

    it('a principal appends only as itself: a forged actor or agency is refused', async () => {
      const asInvestigator = { ...lcso, roles: ['INVESTIGATOR'] };
      await expect(t.appRoleQuery(`INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.forged', 'SUCCESS')`, [lcso.userId, dci.agencyId], asInvestigator)).rejects.toThrow(/row-level security/);
      await expect(t.appRoleQuery(`INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.forged', 'SUCCESS')`, [dci.userId, lcso.agencyId], asInvestigator)).rejects.toThrow(/row-level security/);
      // Without a principal, an event may name no user and no agency (e.g. a failed sign-in of an unknown account).
      await expect(t.appRoleQuery(`INSERT INTO audit_events (agency_id, action, outcome) VALUES ($1, 'rls.forged', 'SUCCESS')`, [lcso.agencyId])).rejects.toThrow(/row-level security/);
      await t.appRoleQuery(`INSERT INTO audit_events (action, outcome) VALUES ('rls.anonymous', 'FAILED')`);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.forged'`)).toEqual([{ n: 0 }]);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.anonymous'`)).toEqual([{ n: 1 }]);
    });

    it('anyone may append as themselves, but the event only becomes readable by its agency\'s auditors', async () => {
      await t.appRoleQuery(`INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.probe', 'SUCCESS')`, [lcso.userId, lcso.agencyId], { ...lcso, roles: ['INVESTIGATOR'] });
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`)).toEqual([{ n: 1 }]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], { ...lcso, roles: ['INVESTIGATOR'] })).toEqual([{ n: 0 }]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], { ...lcso, roles: ['AUDITOR'] })).toEqual([{ n: 1 }]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], { ...dci, roles: ['AUDITOR'] })).toEqual([{ n: 0 }]);
    });
  });

  describe('within an agency and across the task force (review findings)', () => {
    it('an investigator cannot change a colleague\'s row (roles, password, lock); only their own or the admin can', async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      const [colleague] = await t.ownerQuery(`SELECT id, roles FROM users WHERE username = 'lcso.investigator2'`);
      const n = await t.appRoleQuery(`UPDATE users SET roles = ARRAY['SUPERVISOR'] WHERE id = $1 RETURNING id`, [colleague.id], inv);
      expect(n).toEqual([]);
      expect((await t.ownerQuery(`SELECT roles FROM users WHERE id = $1`, [colleague.id]))[0].roles).toEqual(colleague.roles);
      expect(await t.appRoleQuery(`UPDATE users SET display_name = display_name WHERE id = $1 RETURNING id`, [inv.userId], inv)).toEqual([{ id: inv.userId }]);
      expect(await t.appRoleQuery(`UPDATE users SET display_name = display_name WHERE id = $1 RETURNING id`, [colleague.id], lcso)).toEqual([{ id: colleague.id }]);
    });

    it('the task-force admin cannot read or change another agency\'s users (it may only insert a first admin)', async () => {
      const tf = await principalOf('dci.tfadmin', ['TASK_FORCE_ADMIN']);
      const lcsoUsers = await t.appRoleQuery(`SELECT id, password_hash FROM users WHERE agency_id = $1`, [lcso.agencyId], tf);
      expect(lcsoUsers).toEqual([]);
      expect(await t.appRoleQuery(`UPDATE users SET locked_at = now() WHERE agency_id = $1 RETURNING id`, [lcso.agencyId], tf)).toEqual([]);
    });

    it('a revoked session stays revoked, MFA satisfaction cannot be undone, a session cannot change owner', async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      const [s] = await t.ownerQuery(`SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [inv.userId]);
      await t.appRoleQuery(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE id = $1`, [s.id], inv);
      await expect(t.appRoleQuery(`UPDATE sessions SET revoked_at = NULL WHERE id = $1`, [s.id], inv)).rejects.toThrow(/stays revoked/);
      await expect(t.ownerQuery(`UPDATE sessions SET revoked_at = NULL WHERE id = $1`, [s.id])).rejects.toThrow(/stays revoked/);
      const [other] = await t.ownerQuery(`SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1`, [lcso.userId]);
      await expect(t.appRoleQuery(`UPDATE sessions SET user_id = $2 WHERE id = $1`, [other.id, inv.userId], lcso)).rejects.toThrow(/owner cannot change/);
      await expect(t.appRoleQuery(`UPDATE sessions SET mfa_satisfied = false WHERE id = $1`, [other.id], lcso)).rejects.toThrow(/only goes from false to true/);
    });
  });

  it.each([
    ['SELECT * FROM audit_chain_head'],
    ['SELECT * FROM schema_migrations'],
    [`UPDATE audit_chain_head SET last_seq = 0`],
    [`DELETE FROM schema_migrations`],
  ])('the app role is refused: %s', async (sql) => {
    await expect(t.appRoleQuery(sql)).rejects.toThrow(/permission denied for table (audit_chain_head|schema_migrations)/);
    await expect(t.appRoleQuery(sql, [], { ...lcso, roles: ['AUDITOR', 'TASK_FORCE_ADMIN'] })).rejects.toThrow(/permission denied/);
  });

  it('the owner still sees the chain head and the migration log (they exist)', async () => {
    expect((await t.ownerQuery(`SELECT last_seq FROM audit_chain_head`)).length).toBe(1);
    expect((await t.ownerQuery(`SELECT * FROM schema_migrations`)).length).toBeGreaterThan(0);
  });
});
