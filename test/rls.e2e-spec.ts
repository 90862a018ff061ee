import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import { expect } from '@jest/globals';

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
    const [p] = await t.ownerQuery<Omit<Principal, 'roles'>>(
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
    dciUserIds = (await t.ownerQuery<{ id: string }>(`SELECT id FROM users WHERE agency_id = $1`, [dci.agencyId])).map((r) => r.id);
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
      expect(rows).toEqual([
        { rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true, maintenance: false },
      ]);
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
    const tables = await t.ownerQuery<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    );
    const names = tables.map((r) => r.relname);
    expect(names).toEqual(
      expect.arrayContaining(['agencies', 'audit_chain_head', 'audit_events', 'schema_migrations', 'sessions', 'task_forces', 'users']),
    );
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

  it.each(['users', 'agencies', 'sessions', 'task_forces', 'audit_events'])(
    'with no principal the app role sees no row of %s (fail closed), the owner sees many',
    async (table) => {
      const [owner] = await t.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`);
      expect(owner.n).toBeGreaterThan(0);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
      // users: every column but the credentials, which the app role cannot select at all.
      expect(await t.appRoleQuery(`SELECT ${table === 'users' ? 'id, username, roles' : '*'} FROM ${table}`)).toEqual([]);
    },
  );

  it('a principal with only some settings (roles but no agency) still sees nothing', async () => {
    const p = { ...lcso, agencyId: '', taskForceId: '', roles: ['AUDITOR', 'AGENCY_ADMIN', 'TASK_FORCE_ADMIN'] };
    for (const table of ['users', 'sessions', 'audit_events', 'agencies']) {
      expect(await t.forgedQuery(`SELECT count(*)::int AS n FROM ${table}`, [], p)).toEqual([{ n: 0 }]);
    }
  });

  it('a whole principal forged with set_config (real ids, every role) sees nothing either: only a live session binds one', async () => {
    const p = { ...lcso, roles: ['AUDITOR', 'AGENCY_ADMIN', 'TASK_FORCE_ADMIN', 'SUPERVISOR', 'INVESTIGATOR'] };
    for (const table of ['users', 'sessions', 'audit_events', 'agencies', 'task_forces']) {
      expect({ table, rows: await t.forgedQuery(`SELECT count(*)::int AS n FROM ${table}`, [], p) }).toEqual({ table, rows: [{ n: 0 }] });
    }
    // The same user through their live session does see their agency's users.
    expect((await t.appRoleQuery(`SELECT count(*)::int AS n FROM users`, [], lcso))[0].n).toBeGreaterThan(3);
  });

  describe('as a principal of LCSO', () => {
    it('SELECT id, agency_id FROM users returns exactly the LCSO users, none of DCI', async () => {
      const rows = await t.appRoleQuery<{ id: string; agency_id: string }>(`SELECT id, agency_id FROM users`, [], lcso);
      const expected = await t.ownerQuery(`SELECT id FROM users WHERE agency_id = $1 ORDER BY id`, [lcso.agencyId]);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      expect(rows.filter((r) => r.agency_id !== lcso.agencyId)).toEqual([]);
      expect(rows.filter((r) => dciUserIds.includes(r.id))).toEqual([]);
      // Asking for them by id does not help.
      expect(await t.appRoleQuery(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [dciUserIds], lcso)).toEqual([]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM users WHERE agency_id = $1`, [dci.agencyId], lcso)).toEqual([{ n: 0 }]);
    });

    it("no colleague's credentials: password hashes and MFA secrets are not readable by the app role, not even one's own", async () => {
      for (const column of ['password_hash', 'mfa_secret', 'mfa_pending_secret']) {
        await expect(t.appRoleQuery(`SELECT ${column} FROM users WHERE id = $1`, [lcso.userId], lcso)).rejects.toThrow(
          /permission denied for table users/,
        );
      }
      await expect(t.appRoleQuery(`SELECT * FROM users`, [], lcso)).rejects.toThrow(/permission denied for table users/);
      // The bound user's own authenticator, through the definer: one row, theirs (sealed; the seal key is not in the database).
      const own = await t.appRoleQuery<{ mfa_enabled: boolean }>(`SELECT mfa_enabled FROM auth_own_authenticator()`, [], lcso);
      const [expected] = await t.ownerQuery<{ mfa_enabled: boolean }>(`SELECT mfa_enabled FROM users WHERE id = $1`, [lcso.userId]);
      expect(own).toEqual([expected]);
    });

    it("sessions: only LCSO's", async () => {
      const rows = await t.appRoleQuery(`SELECT agency_id FROM sessions`, [], lcso);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.agency_id))).toEqual(new Set([lcso.agencyId]));
      const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE agency_id = $1`, [dci.agencyId]);
      expect(n).toBeGreaterThan(0);
    });

    it('an UPDATE of a DCI user affects no row, and the row is unchanged', async () => {
      const target = dciUserIds[0];
      const [before] = await t.ownerQuery(`SELECT display_name, roles, version FROM users WHERE id = $1`, [target]);
      expect(
        await t.appRoleQuery(
          `UPDATE users SET display_name = 'Hijacked', roles = '{AGENCY_ADMIN}' WHERE id = $1 RETURNING id`,
          [target],
          lcso,
        ),
      ).toEqual([]);
      expect(await t.appRoleQuery(`UPDATE users SET active = false WHERE agency_id = $1 RETURNING id`, [dci.agencyId], lcso)).toEqual([]);
      expect(await t.ownerQuery(`SELECT display_name, roles, version FROM users WHERE id = $1`, [target])).toEqual([before]);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM users WHERE agency_id = $1 AND NOT active`, [dci.agencyId])).toEqual([
        { n: 0 },
      ]);
      // The same statement does reach an LCSO row (so the 0 above is RLS, not a broken statement).
      const own = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator2'`);
      expect(await t.appRoleQuery(`UPDATE users SET title = 'Detective II' WHERE id = $1 RETURNING id`, [own[0].id], lcso)).toEqual([
        { id: own[0].id },
      ]);
    });

    it('an INSERT of a user into DCI fails the WITH CHECK policy', async () => {
      const insert = `INSERT INTO users (agency_id, username, display_name, roles, password_hash) VALUES ($1, $2, 'Planted', '{AGENCY_ADMIN}', 'x') RETURNING id`;
      await expect(t.appRoleQuery(insert, [dci.agencyId, 'planted.by.lcso'], lcso)).rejects.toThrow(
        /new row violates row-level security policy for table "users"/,
      );
      expect(await t.ownerQuery(`SELECT id FROM users WHERE username = 'planted.by.lcso'`)).toEqual([]);
      // Into its own agency the same INSERT works (so the refusal above is the policy, not the statement).
      const [row] = await t.appRoleQuery(insert, [lcso.agencyId, 'planted.own'], lcso);
      expect(row.id).toBeDefined();
    });

    it('cannot move its own user into DCI (no UPDATE of agency_id for the app role at all; WITH CHECK on UPDATE behind it)', async () => {
      const [own] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator2'`);
      await expect(t.appRoleQuery(`UPDATE users SET agency_id = $1 WHERE id = $2`, [dci.agencyId, own.id], lcso)).rejects.toThrow(
        /permission denied for table users/,
      );
      expect(await t.ownerQuery(`SELECT agency_id FROM users WHERE id = $1`, [own.id])).toEqual([{ agency_id: lcso.agencyId }]);
    });

    it('cannot create a session for a DCI user (nor for anyone: only auth_sign_in creates sessions)', async () => {
      await expect(
        t.appRoleQuery(
          `INSERT INTO sessions (user_id, agency_id, refresh_hash, mfa_satisfied, expires_at) VALUES ($1, $2, '\\x00', true, now() + interval '1 hour')`,
          [dciUserIds[0], dci.agencyId],
          lcso,
        ),
      ).rejects.toThrow(/permission denied|row-level security/);
      await expect(
        t.appRoleQuery(
          `INSERT INTO sessions (user_id, agency_id, refresh_hash, mfa_satisfied, expires_at) VALUES ($1, $2, '\\x00', true, now() + interval '1 hour')`,
          [lcso.userId, lcso.agencyId],
          lcso,
        ),
      ).rejects.toThrow(/permission denied/);
    });

    it('an AGENCY_ADMIN cannot change another agency (0 rows), nor add one', async () => {
      expect(
        await t.appRoleQuery(`UPDATE agencies SET contact_name = 'Hijacked' WHERE id = $1 RETURNING id`, [dci.agencyId], lcso),
      ).toEqual([]);
      expect(await t.ownerQuery(`SELECT contact_name FROM agencies WHERE id = $1`, [dci.agencyId])).not.toEqual([
        { contact_name: 'Hijacked' },
      ]);
      await expect(
        t.appRoleQuery(
          `INSERT INTO agencies (task_force_id, name, short_code, level, kind) VALUES ($1, 'Rogue Agency', 'ROGUE', 'COUNTY', 'OTHER')`,
          [lcso.taskForceId],
          lcso,
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  describe('audit_events for the app role', () => {
    it("an AUDITOR of LCSO reads only LCSO's events", async () => {
      const auditor = await principalOf('lcso.auditor', ['AUDITOR']);
      const rows = await t.appRoleQuery(`SELECT id, agency_id, subject_agency_id FROM audit_events ORDER BY seq`, [], auditor);
      const expected = await t.ownerQuery(`SELECT id FROM audit_events WHERE agency_id = $1 OR subject_agency_id = $1 ORDER BY seq`, [
        lcso.agencyId,
      ]);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(rows.filter((r) => r.agency_id !== lcso.agencyId && r.subject_agency_id !== lcso.agencyId)).toEqual([]);
      expect(rows.filter((r) => r.agency_id === dci.agencyId)).toEqual([]);
      const [{ n: dciEvents }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE agency_id = $1`, [dci.agencyId]);
      expect(dciEvents).toBeGreaterThan(0);
      // Asking for DCI's events explicitly returns nothing.
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE agency_id = $1`, [dci.agencyId], auditor)).toEqual([
        { n: 0 },
      ]);
    });

    it("an AUDITOR of DCI reads only DCI's events", async () => {
      const auditor = await principalOf('dci.auditor', ['AUDITOR']);
      const rows = await t.appRoleQuery(`SELECT agency_id, subject_agency_id FROM audit_events`, [], auditor);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.agency_id !== dci.agencyId && r.subject_agency_id !== dci.agencyId)).toEqual([]);
    });

    it.each(['lcso.investigator', 'lcso.admin', 'lcso.supervisor', 'dci.tfadmin', 'dci.coordinator'])(
      'as %s (no AUDITOR role) zero rows',
      async (username) => {
        expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events`, [], username)).toEqual([{ n: 0 }]);
      },
    );

    it('a principal appends only as itself: a forged actor or agency is refused', async () => {
      const asInvestigator = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      await expect(
        t.appRoleQuery(
          `INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.forged', 'SUCCESS')`,
          [asInvestigator.userId, dci.agencyId],
          asInvestigator,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        t.appRoleQuery(
          `INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.forged', 'SUCCESS')`,
          [dci.userId, lcso.agencyId],
          asInvestigator,
        ),
      ).rejects.toThrow(/row-level security/);
      // Without a principal, an event may name no user and no agency (e.g. a failed sign-in of an unknown account).
      await expect(
        t.appRoleQuery(`INSERT INTO audit_events (agency_id, action, outcome) VALUES ($1, 'rls.forged', 'SUCCESS')`, [lcso.agencyId]),
      ).rejects.toThrow(/row-level security/);
      await t.appRoleQuery(`INSERT INTO audit_events (action, outcome) VALUES ('rls.anonymous', 'FAILED')`);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.forged'`)).toEqual([{ n: 0 }]);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.anonymous'`)).toEqual([{ n: 1 }]);
    });

    it("anyone may append as themselves, but the event only becomes readable by its agency's auditors", async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      await t.appRoleQuery(
        `INSERT INTO audit_events (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, 'rls.probe', 'SUCCESS')`,
        [inv.userId, inv.agencyId],
        inv,
      );
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`)).toEqual([{ n: 1 }]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], inv)).toEqual([{ n: 0 }]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], 'lcso.auditor')).toEqual([
        { n: 1 },
      ]);
      expect(await t.appRoleQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.probe'`, [], 'dci.auditor')).toEqual([
        { n: 0 },
      ]);
    });
  });

  describe('audit_pending (events chained when their transaction commits, ADR 0023)', () => {
    const pendingInsert = `INSERT INTO audit_pending (actor_user_id, agency_id, action, outcome) VALUES ($1, $2, $3, 'SUCCESS')`;

    it('an event appended as oneself is in the chain after COMMIT, and nothing stays pending', async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      await t.appRoleQuery(pendingInsert, [inv.userId, inv.agencyId, 'rls.pending'], inv);
      const rows = await t.ownerQuery<{ seq: string; actor_user_id: string }>(
        `SELECT seq::text, actor_user_id FROM audit_events WHERE action = 'rls.pending'`,
      );
      expect(rows.map((r) => r.actor_user_id)).toEqual([inv.userId]);
      const [{ top }] = await t.ownerQuery<{ top: string }>(`SELECT max(seq)::text AS top FROM audit_events`);
      const [{ last_seq }] = await t.ownerQuery<{ last_seq: string }>(`SELECT last_seq::text FROM audit_chain_head`);
      expect(last_seq).toBe(top);
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_pending`)).toEqual([{ n: 0 }]);
      expect(await t.ownerQuery(`SELECT first_broken_seq FROM audit_verify_chain()`)).toEqual([{ first_broken_seq: null }]);
    });

    it('a forged actor or agency is refused at the INSERT, as on audit_events', async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      await expect(t.appRoleQuery(pendingInsert, [inv.userId, dci.agencyId, 'rls.pending_forged'], inv)).rejects.toThrow(
        /row-level security/,
      );
      await expect(t.appRoleQuery(pendingInsert, [dci.userId, lcso.agencyId, 'rls.pending_forged'], inv)).rejects.toThrow(
        /row-level security/,
      );
      expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rls.pending_forged'`)).toEqual([{ n: 0 }]);
    });

    it('the app role cannot read, change or remove a pending event (its own included)', async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      for (const sql of [
        `SELECT count(*) FROM audit_pending`,
        `UPDATE audit_pending SET action = 'x'`,
        `DELETE FROM audit_pending`,
        `TRUNCATE audit_pending`,
      ]) {
        await expect(t.appRoleQuery(sql, [], inv)).rejects.toThrow(/permission denied/);
      }
    });
  });

  describe('within an agency and across the task force (review findings)', () => {
    it("an investigator cannot change a colleague's row (roles, password, lock); only their own or the admin can", async () => {
      const inv = await principalOf('lcso.investigator', ['INVESTIGATOR']);
      const [colleague] = await t.ownerQuery(`SELECT id, roles FROM users WHERE username = 'lcso.investigator2'`);
      const n = await t.appRoleQuery(`UPDATE users SET roles = ARRAY['SUPERVISOR'] WHERE id = $1 RETURNING id`, [colleague.id], inv);
      expect(n).toEqual([]);
      expect((await t.ownerQuery(`SELECT roles FROM users WHERE id = $1`, [colleague.id]))[0].roles).toEqual(colleague.roles);
      expect(await t.appRoleQuery(`UPDATE users SET display_name = display_name WHERE id = $1 RETURNING id`, [inv.userId], inv)).toEqual([
        { id: inv.userId },
      ]);
      expect(await t.appRoleQuery(`UPDATE users SET display_name = display_name WHERE id = $1 RETURNING id`, [colleague.id], lcso)).toEqual(
        [{ id: colleague.id }],
      );
    });

    it("the task-force admin cannot read or change another agency's users (it may only insert a first admin)", async () => {
      const tf = await principalOf('dci.tfadmin', ['TASK_FORCE_ADMIN']);
      const lcsoUsers = await t.appRoleQuery(`SELECT id, username FROM users WHERE agency_id = $1`, [lcso.agencyId], tf);
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
      // The app role may not write those columns at all now; the trigger still holds them for the owner.
      await expect(t.appRoleQuery(`UPDATE sessions SET user_id = $2 WHERE id = $1`, [other.id, inv.userId], lcso)).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.appRoleQuery(`UPDATE sessions SET mfa_satisfied = false WHERE id = $1`, [other.id], lcso)).rejects.toThrow(
        /permission denied/,
      );
      const [satisfied] = await t.ownerQuery(`SELECT id FROM sessions WHERE mfa_satisfied LIMIT 1`);
      await expect(t.ownerQuery(`UPDATE sessions SET user_id = $2 WHERE id = $1`, [other.id, inv.userId])).rejects.toThrow(
        /owner cannot change/,
      );
      await expect(t.ownerQuery(`UPDATE sessions SET mfa_satisfied = false WHERE id = $1`, [satisfied.id])).rejects.toThrow(
        /only goes from false to true/,
      );
    });
  });

  describe('SECURITY DEFINER functions, called by the app role with no principal', () => {
    /**
     * Every definer function in the schema, with a call that would reach real rows of several agencies
     * (ids from the seed) and what the app role without a principal must get: nothing (no row, NULL,
     * false, 0, an empty set), a refusal (insufficient_privilege, or "only as a trigger"), or, for the
     * sign-in path that runs before there is a principal, its answer.
     */
    type Outcome = 'nothing' | 'refused' | 'pre-principal';
    let calls: Record<string, [sql: string, params: unknown[], outcome: Outcome]>;
    let notifiedReferral: string;

    beforeAll(async () => {
      const one = async (sql: string) => {
        const [r] = await t.ownerQuery<Record<string, string>>(sql);
        expect({ sql, found: !!r }).toEqual({ sql, found: true });
        return r;
      };
      const identifier = await one(`SELECT i.id, i.kind, i.blind_index FROM identifiers i
        WHERE EXISTS (SELECT 1 FROM identifiers o WHERE o.blind_index = i.blind_index AND o.agency_id <> i.agency_id) LIMIT 1`);
      const shared = await one(`SELECT case_id FROM case_participants WHERE revoked_at IS NULL LIMIT 1`);
      const consented = await one(
        `SELECT victim_id FROM consents WHERE revoked_at IS NULL AND current_date >= signed_on AND current_date < expires_on LIMIT 1`,
      );
      const linked = await one(`SELECT victim_id FROM victim_cases LIMIT 1`);
      const service = await one(`SELECT id, victim_id FROM services WHERE provider_agency_id <> agency_id LIMIT 1`);
      const caseReferral = await one(`SELECT id FROM referrals WHERE kind = 'CASE' AND status = 'ACCEPTED' LIMIT 1`);
      const victimReferral = await one(`SELECT id, victim_id FROM referrals WHERE kind = 'MANDATORY_CHILD_WELFARE' LIMIT 1`);
      await t.login('lcso.supervisor');
      const session = await one(
        `SELECT s.id, s.agency_id, s.user_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'lcso.supervisor' AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`,
      );
      // A referral whose SENT notifications are gone: a notifier that answered would write them again.
      notifiedReferral = caseReferral.id;
      await t.ownerQuery(`DELETE FROM notifications WHERE referral_id = $1 AND event = 'SENT'`, [notifiedReferral]);
      // ... of a case closed since (so that app_referral_case_closed has something to tell).
      await t.ownerQuery(
        `UPDATE cases SET status = 'CLOSED', closure = 'UNFOUNDED', closed_at = now() WHERE id = (SELECT case_id FROM referrals WHERE id = $1)`,
        [notifiedReferral],
      );
      calls = {
        // Sign-in's first step names the user (no password digest: see auth.e2e); the second and
        // refresh answer with an outcome (an unknown user, a wrong refresh hash) and bind nothing.
        'auth_sign_in_candidate(text)': [`SELECT * FROM auth_sign_in_candidate($1)`, ['lcso.investigator'], 'pre-principal'],
        'auth_sign_in(uuid,text,text,bigint,uuid,bytea,bytea,text,text)': [
          `SELECT * FROM auth_sign_in(gen_random_uuid(), 'x', 'NONE', NULL, gen_random_uuid(), $1, $1, NULL, NULL)`,
          [randomBytes(32)],
          'pre-principal',
        ],
        'auth_refresh_session(uuid,integer,bytea,boolean,bytea,bytea)': [
          `SELECT * FROM auth_refresh_session($1, 0, $2, false, $2, $2)`,
          [session.id, randomBytes(32)],
          'pre-principal',
        ],
        // Without the session's secret, the session's id alone binds and tells nothing.
        'auth_bind_session(uuid,bytea)': [`SELECT auth_bind_session($1, $2)`, [session.id, randomBytes(32)], 'nothing'],
        'auth_touch_session(uuid,bytea)': [`SELECT * FROM auth_touch_session($1, $2)`, [session.id, randomBytes(32)], 'nothing'],
        'auth_open_request(uuid,bytea,uuid)': [
          `SELECT * FROM auth_open_request($1, $2, $3)`,
          [session.id, randomBytes(32), session.user_id],
          'nothing',
        ],
        'auth_change_password(text,text)': [`SELECT auth_change_password('x', '$argon2id$v=19$x')`, [], 'refused'],
        'auth_mfa_begin(text)': [`SELECT auth_mfa_begin('x')`, [], 'refused'],
        'auth_mfa_confirm(bigint)': [`SELECT auth_mfa_confirm(99999999999)`, [], 'refused'],
        'auth_reset_mfa(uuid)': [`SELECT auth_reset_mfa($1)`, [dci.userId], 'refused'],
        'auth_mfa_verify(bigint)': [`SELECT auth_mfa_verify(99999999999)`, [], 'refused'],
        'auth_own_authenticator()': [`SELECT * FROM auth_own_authenticator()`, [], 'refused'],
        // Federated sign-in's session: only for an account bound to that provider identity (none here), so only an outcome.
        'auth_start_federated_session(uuid,text,text,text,boolean,uuid,bytea,bytea,text,text)': [
          `SELECT outcome FROM auth_start_federated_session($1, 'https://idp.example', 'sub', NULL, true, gen_random_uuid(), $2, $2, NULL, NULL)`,
          [dci.userId, randomBytes(32)],
          'pre-principal',
        ],
        'auth_live_session(uuid)': [`SELECT * FROM auth_live_session($1)`, [session.id], 'refused'],
        'principal_bind(uuid,uuid,uuid,text[],uuid)': [
          `SELECT principal_bind(u.id, u.agency_id, a.task_force_id, u.roles, NULL) FROM users u JOIN agencies a ON a.id = u.agency_id`,
          [],
          'refused',
        ],
        // A success (or any other action) needs a session principal.
        'auth_pre_session_event_ok(uuid,uuid,text,text)': [
          `SELECT auth_pre_session_event_ok($1, $2, 'auth.login', 'SUCCESS') AS a, auth_pre_session_event_ok($1, $2, 'case.create', 'FAILED') AS b`,
          [dci.userId, dci.agencyId],
          'nothing',
        ],
        // Federated sign-in (ADR 0018): with no provider connected they answer nothing, or only an outcome.
        'auth_oidc_sign_in_options()': [`SELECT * FROM auth_oidc_sign_in_options()`, [], 'nothing'],
        'auth_oidc_provider(text)': [`SELECT * FROM auth_oidc_provider('LCSO')`, [], 'nothing'],
        'auth_oidc_flow_begin(text,uuid,jsonb)': [
          `SELECT auth_oidc_flow_begin(repeat('x', 40), (SELECT id FROM agencies LIMIT 1), '{}')`,
          [],
          'nothing',
        ],
        'auth_oidc_flow_take(text,uuid)': [`SELECT * FROM auth_oidc_flow_take(repeat('x', 40), $1)`, [session.agency_id], 'pre-principal'],
        'auth_oidc_resolve_user(uuid,text,text,text,boolean,text,text,text[])': [
          `SELECT * FROM auth_oidc_resolve_user($1, 'https://idp.example', 'sub', 'a@b.example', true, 'someone', 'Someone', NULL)`,
          [session.agency_id],
          'pre-principal',
        ],
        'auth_oidc_end_sessions(uuid,text,text,text)': [
          `SELECT * FROM auth_oidc_end_sessions($1, 'https://idp.example', 'sub', NULL)`,
          [session.agency_id],
          'nothing',
        ],
        'audit_events_chain()': [`SELECT audit_events_chain()`, [], 'refused'],
        'audit_pending_chain()': [`SELECT audit_pending_chain()`, [], 'refused'],
        'app_case_counts_track()': [`SELECT app_case_counts_track()`, [], 'refused'],
        'audit_verify_chain()': [`SELECT * FROM audit_verify_chain()`, [], 'refused'],
        'app_audit_verify_chain()': [`SELECT * FROM app_audit_verify_chain()`, [], 'refused'],
        'app_audit_checkpoint_mismatch(bigint[],bytea[])': [`SELECT * FROM app_audit_checkpoint_mismatch('{1}', '{}')`, [], 'refused'],
        'app_audit_denied_subject()': [`SELECT app_audit_denied_subject()`, [], 'refused'],
        'deconflict_identifier(uuid)': [`SELECT * FROM deconflict_identifier($1)`, [identifier.id], 'nothing'],
        'deconfliction_check(text,bytea)': [
          `SELECT * FROM deconfliction_check($1, $2)`,
          [identifier.kind, identifier.blind_index],
          'nothing',
        ],
        'case_access(uuid)': [`SELECT case_access($1)`, [shared.case_id], 'nothing'],
        'app_shared_case_ids()': [`SELECT app_shared_case_ids()`, [], 'nothing'],
        'app_consent_live(uuid,text)': [
          `SELECT app_consent_live($1, s) FROM unnest(ARRAY['IDENTITY','CONTACT','SERVICES']) s`,
          [consented.victim_id],
          'nothing',
        ],
        'app_victim_on_my_case(uuid)': [`SELECT app_victim_on_my_case($1)`, [linked.victim_id], 'nothing'],
        'service_provider(uuid)': [`SELECT service_provider($1)`, [service.id], 'nothing'],
        'app_victim_served_by_me(uuid)': [`SELECT app_victim_served_by_me($1)`, [service.victim_id], 'nothing'],
        'app_refresh_deadlines(uuid[])': [`SELECT app_refresh_deadlines(NULL)`, [], 'refused'],
        'app_sweep_deadlines()': [`SELECT * FROM app_sweep_deadlines()`, [], 'refused'],
        'app_refresh_my_deadlines(uuid)': [`SELECT app_refresh_my_deadlines($1)`, [service.victim_id], 'nothing'],
        'app_referral_party(uuid)': [`SELECT app_referral_party($1)`, [caseReferral.id], 'nothing'],
        'app_notify_referral(uuid,text)': [`SELECT app_notify_referral($1, 'SENT')`, [notifiedReferral], 'refused'],
        'app_notify_my_referral(uuid,text)': [`SELECT app_notify_my_referral($1, 'SENT')`, [notifiedReferral], 'nothing'],
        'app_referral_case_closed(uuid)': [`SELECT app_referral_case_closed($1)`, [notifiedReferral], 'nothing'],
        'app_accept_case_referral(uuid)': [`SELECT app_accept_case_referral($1)`, [caseReferral.id], 'refused'],
        'app_accept_victim_referral(uuid)': [`SELECT app_accept_victim_referral($1)`, [victimReferral.id], 'refused'],
        'app_expire_referrals()': [`SELECT app_expire_referrals()`, [], 'refused'],
        'app_mandatory_referral_to_me(uuid)': [`SELECT app_mandatory_referral_to_me($1)`, [victimReferral.victim_id], 'nothing'],
        'app_dashboard_counts(boolean,date,date)': [`SELECT * FROM app_dashboard_counts(true, '2000-01-01', '2100-01-01')`, [], 'refused'],
        'app_dashboard_counts_raw(boolean,date,date)': [
          `SELECT * FROM app_dashboard_counts_raw(true, '2000-01-01', '2100-01-01')`,
          [],
          'refused',
        ],
        'app_dashboard_task_force(date,date)': [`SELECT * FROM app_dashboard_task_force('2026-07-01', '2026-09-30')`, [], 'refused'],
        'app_dash_track()': [`SELECT app_dash_track()`, [], 'refused'],
        'app_dashboard_compact()': [`SELECT app_dashboard_compact()`, [], 'refused'],
        'app_victim_case_agency()': [`SELECT app_victim_case_agency()`, [], 'refused'],
        'app_reachable_victim_ids()': [`SELECT * FROM app_reachable_victim_ids()`, [], 'nothing'],
      };
    });

    it('the list above is every SECURITY DEFINER function there is (a new one must say how it fails closed)', async () => {
      const rows = await t.ownerQuery<{
        sig: string;
      }>(`SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`);
      expect(rows.map((r) => r.sig.replace(/, /g, ','))).toEqual(Object.keys(calls).sort());
    });

    it('each returns nothing or refuses; only the sign-in path answers, with ids only', async () => {
      const empty = (v: unknown) => v === null || v === false || v === 0 || (Array.isArray(v) && v.length === 0);
      const outcomes: Record<string, string> = {};
      for (const [sig, [sql, params, expected]] of Object.entries(calls)) {
        let got: string;
        try {
          const rows = await t.appRoleQuery(sql, params);
          got = rows.every((r) => Object.values(r).every(empty)) ? 'nothing' : `data: ${JSON.stringify(rows).slice(0, 200)}`;
          if (expected === 'pre-principal' && rows.length === 1) got = 'pre-principal';
        } catch (e) {
          const code = (e as { code?: string }).code;
          got = code === '42501' || code === '0A000' ? 'refused' : `error ${code}: ${(e as Error).message}`;
        }
        outcomes[sig] = got;
      }
      expect(outcomes).toEqual(Object.fromEntries(Object.entries(calls).map(([sig, [, , expected]]) => [sig, expected])));
      // The notifier wrote nothing back.
      expect(
        await t.ownerQuery(`SELECT count(*)::int AS n FROM notifications WHERE referral_id = $1 AND event = 'SENT'`, [notifiedReferral]),
      ).toEqual([{ n: 0 }]);
    });

    it('with a principal the same calls still answer where they should (so "nothing" above is the missing principal)', async () => {
      const [sp] = await t.ownerQuery<{
        id: string;
        provider_agency_id: string;
        username: string;
      }>(`SELECT s.id, s.provider_agency_id, u.username FROM services s JOIN users u ON u.agency_id = s.provider_agency_id
        WHERE s.provider_agency_id <> s.agency_id AND 'VICTIM_ADVOCATE' = ANY (u.roles) LIMIT 1`);
      expect(await t.appRoleQuery(`SELECT service_provider($1) AS p`, [sp.id], sp.username)).toEqual([{ p: sp.provider_agency_id }]);
      // Not a side of the service: nothing, even signed in.
      expect(await t.appRoleQuery(`SELECT service_provider($1) AS p`, [sp.id], 'dci.investigator')).toEqual([{ p: null }]);
      const [party] = await t.ownerQuery<{ username: string }>(
        `SELECT u.username FROM referrals r JOIN users u ON u.agency_id = r.to_agency_id AND u.roles && ARRAY['SUPERVISOR','PROSECUTOR']
        WHERE r.id = $1 LIMIT 1`,
        [notifiedReferral],
      );
      expect(await t.appRoleQuery(`SELECT app_referral_case_closed($1) AS closed`, [notifiedReferral], party.username)).toEqual([
        { closed: true },
      ]);
      const [{ n }] = await t.appRoleQuery(`SELECT app_notify_my_referral($1, 'SENT') AS n`, [notifiedReferral], party.username);
      expect(n).toBeGreaterThan(0);
      expect(await t.appRoleQuery(`SELECT app_notify_my_referral($1, 'SENT') AS n`, [notifiedReferral], 'dci.supervisor')).toEqual([
        { n: 0 },
      ]);
      const [verified] = await t.appRoleQuery(`SELECT checked::int, reason FROM app_audit_verify_chain()`, [], 'lcso.auditor');
      expect(verified.checked).toBeGreaterThan(0);
      await expect(t.appRoleQuery(`SELECT * FROM app_audit_verify_chain()`, [], 'lcso.investigator')).rejects.toThrow(
        /needs a signed-in auditor/,
      );
    });
  });

  it.each([
    ['SELECT * FROM audit_chain_head'],
    ['SELECT * FROM schema_migrations'],
    [`UPDATE audit_chain_head SET last_seq = 0`],
    [`DELETE FROM schema_migrations`],
  ])('the app role is refused: %s', async (sql) => {
    await expect(t.appRoleQuery(sql)).rejects.toThrow(/permission denied for table (audit_chain_head|schema_migrations)/);
    for (const who of ['lcso.auditor', 'dci.tfadmin', 'lcso.admin'])
      await expect(t.appRoleQuery(sql, [], who)).rejects.toThrow(/permission denied/);
  });

  it('the owner still sees the chain head and the migration log (they exist)', async () => {
    expect((await t.ownerQuery(`SELECT last_seq FROM audit_chain_head`)).length).toBe(1);
    expect((await t.ownerQuery(`SELECT * FROM schema_migrations`)).length).toBeGreaterThan(0);
  });
});
