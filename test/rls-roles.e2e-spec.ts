import { expect } from '@jest/globals';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Row-level security per role, not only per agency (docs/adr/0020). For every table with RLS (read
 * from pg_class, so a new table cannot be missed), every role, and the rows of the caller's own
 * agency and of the others, the app role (tf_app) sees exactly the rows the rules below give that
 * role: the rules are DOMAIN.md's and the access policy's (libs/access ROLE_PERMISSIONS), written
 * as plain SQL the owner runs. A table with no rule fails the suite.
 */

type Role =
  | 'INVESTIGATOR'
  | 'VICTIM_ADVOCATE'
  | 'PROSECUTOR'
  | 'SUPERVISOR'
  | 'AGENCY_ADMIN'
  | 'AUDITOR'
  | 'TASK_FORCE_COORDINATOR'
  | 'TASK_FORCE_ADMIN';
const ROLES: Role[] = [
  'INVESTIGATOR',
  'VICTIM_ADVOCATE',
  'PROSECUTOR',
  'SUPERVISOR',
  'AGENCY_ADMIN',
  'AUDITOR',
  'TASK_FORCE_COORDINATOR',
  'TASK_FORCE_ADMIN',
];
/** The roles with CASE_READ / VICTIM_READ / REFERRAL_READ (the database's app_case_worker()). */
const CASE_WORKERS: Role[] = ['INVESTIGATOR', 'VICTIM_ADVOCATE', 'PROSECUTOR', 'SUPERVISOR'];
/** LEAD_READ and DECONFLICTION. */
const INVESTIGATION: Role[] = ['INVESTIGATOR', 'SUPERVISOR'];

// Rule predicates run by the owner with $1 = the caller's agency, $2 = the caller, $3 = their task
// force, $4 = the app connection's backend pid.
const A = '$1::uuid';
const U = '$2::uuid';
const TF = '$3::uuid';
const PID = '$4::int';

const CASE_VISIBLE = (col: string) =>
  `${col} IN (SELECT c.id FROM cases c WHERE c.agency_id = ${A}
     OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = ${A} AND p.revoked_at IS NULL))`;
const LIVE_CONSENT = (victim: string, scopes: string[]) =>
  `EXISTS (SELECT 1 FROM consents k WHERE k.victim_id = ${victim} AND k.recipient_agency_id = ${A} AND k.revoked_at IS NULL
     AND k.scopes && ARRAY[${scopes.map((s) => `'${s}'`).join(',')}]::text[] AND current_date >= k.signed_on AND current_date < k.expires_on)`;
const MANDATORY_TO_ME = (victim: string) =>
  `EXISTS (SELECT 1 FROM referrals r WHERE r.victim_id = ${victim} AND r.to_agency_id = ${A} AND r.kind = 'MANDATORY_CHILD_WELFARE'
     AND r.status IN ('PENDING','ACCEPTED','COMPLETED'))`;
/** Another agency's identity: released to this agency by a live IDENTITY/CONTACT consent or a mandatory referral. */
const IDENTITY_RELEASED = (victim: string) => `(${LIVE_CONSENT(victim, ['IDENTITY', 'CONTACT'])} OR ${MANDATORY_TO_ME(victim)})`;
/** The custodial agency's investigator assigned to a case of that agency the victim is linked to. */
const ASSIGNED = `EXISTS (SELECT 1 FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
   WHERE vc.victim_id = x.victim_id AND c.agency_id = x.agency_id AND ${U} = ANY (c.assignee_ids))`;
const VICTIM_REACHABLE = `(x.agency_id = ${A}
   OR EXISTS (SELECT 1 FROM victim_cases vc WHERE vc.victim_id = x.id AND ${CASE_VISIBLE('vc.case_id')})
   OR EXISTS (SELECT 1 FROM services s WHERE s.victim_id = x.id AND s.provider_agency_id = ${A})
   OR ${LIVE_CONSENT('x.id', ['IDENTITY', 'CONTACT', 'SERVICES'])} OR ${MANDATORY_TO_ME('x.id')})`;
const NONE = 'false';

interface Rule {
  /** The agency a row belongs to (SQL over the row `x`), for the own / other split; null: none. */
  agency: string | null;
  /** What a caller with no principal sees (default nothing). */
  anonymous?: string;
  /** What every role sees. */
  everyone?: string;
  /** What one role sees, on top of `everyone`. */
  roles?: Partial<Record<Role, string>>;
  /** Tables another migration adds (the live-session binding): the rule may be ahead of the schema. */
  optional?: boolean;
}
const forRoles = (roles: Role[], pred: string): Partial<Record<Role, string>> => Object.fromEntries(roles.map((r) => [r, pred]));

/** What each role may read, table by table (DOMAIN.md, libs/access). */
const RULES: Record<string, Rule> = {
  agencies: { agency: 'x.id', everyone: `x.task_force_id = ${TF}` },
  agency_counters: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, `x.agency_id = ${A}`) },
  agency_identity_providers: {
    agency: 'x.agency_id',
    roles: { TASK_FORCE_ADMIN: `x.task_force_id = ${TF}`, AGENCY_ADMIN: `x.agency_id = ${A} AND x.task_force_id = ${TF}` },
  },
  audit_chain_strays: { agency: null },
  // Events of open transactions, chained at their COMMIT (ADR 0023): the app role may only INSERT.
  audit_pending: { agency: null },
  audit_events: { agency: 'x.agency_id', roles: { AUDITOR: `x.agency_id = ${A} OR x.subject_agency_id = ${A}` } },
  case_notes: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.case_id')) },
  case_participants: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.case_id')) },
  case_tasks: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.case_id')) },
  cases: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.id')) },
  charges: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.case_id')) },
  consents: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, `x.agency_id = ${A} OR x.recipient_agency_id = ${A}`) },
  dashboard_deltas: { agency: 'x.agency_id' },
  dashboard_tf_counts: { agency: null },
  dashboard_tf_frozen: { agency: null },
  dashboard_totals: { agency: null },
  deadlines: {
    agency: 'x.agency_id',
    roles: {
      ...forRoles(['VICTIM_ADVOCATE', 'SUPERVISOR'], `x.agency_id = ${A}`),
      ...forRoles(['INVESTIGATOR', 'PROSECUTOR'], `x.agency_id = ${A} AND x.rule <> 'CIVIL_ACTION_WINDOW'`),
    },
  },
  deconfliction_notices: { agency: 'x.agency_id', roles: forRoles(INVESTIGATION, `x.agency_id = ${A}`) },
  identifiers: {
    agency: 'x.agency_id',
    roles: {
      ...forRoles(INVESTIGATION, `x.agency_id = ${A} OR (x.case_id IS NOT NULL AND ${CASE_VISIBLE('x.case_id')})`),
      ...forRoles(['VICTIM_ADVOCATE', 'PROSECUTOR'], `x.case_id IS NOT NULL AND (x.agency_id = ${A} OR ${CASE_VISIBLE('x.case_id')})`),
    },
  },
  key_ring: {
    agency: `CASE WHEN x.owner LIKE 'agency:%' THEN substr(x.owner, 8) END`,
    anonymous: `x.owner LIKE 'system:%'`,
    everyone: `x.owner LIKE 'system:%'`,
    roles: forRoles(
      CASE_WORKERS,
      `x.owner = 'agency:' || ${A} OR x.owner IN (SELECT 'agency:' || vi.agency_id FROM victim_identities vi
         WHERE vi.agency_id <> ${A} AND ${IDENTITY_RELEASED('vi.victim_id')})`,
    ),
  },
  leads: { agency: 'x.agency_id', roles: forRoles(INVESTIGATION, `x.agency_id = ${A}`) },
  legal_matters: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, `x.agency_id = ${A}`) },
  notifications: { agency: 'x.agency_id', everyone: `x.user_id = ${U}` },
  oidc_login_flows: { agency: 'x.agency_id' },
  referral_events: {
    agency: 'x.actor_agency_id',
    roles: forRoles(CASE_WORKERS, `x.referral_id IN (SELECT r.id FROM referrals r WHERE ${A} IN (r.from_agency_id, r.to_agency_id))`),
  },
  referrals: { agency: 'x.from_agency_id', roles: forRoles(CASE_WORKERS, `${A} IN (x.from_agency_id, x.to_agency_id)`) },
  reminders: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, `x.agency_id = ${A} AND (x.user_id IS NULL OR x.user_id = ${U})`) },
  service_notes: {
    agency: 'x.agency_id',
    roles: forRoles(CASE_WORKERS, `x.agency_id = ${A} AND x.service_id IN (SELECT s.id FROM services s WHERE s.provider_agency_id = ${A})`),
  },
  services: {
    agency: 'x.agency_id',
    roles: forRoles(CASE_WORKERS, `x.agency_id = ${A} OR x.provider_agency_id = ${A} OR ${LIVE_CONSENT('x.victim_id', ['SERVICES'])}`),
  },
  sessions: {
    agency: 'x.agency_id',
    everyone: `x.user_id = ${U}`,
    roles: {
      AGENCY_ADMIN: `x.agency_id = ${A}`,
      TASK_FORCE_ADMIN: `x.agency_id IN (SELECT a.id FROM agencies a WHERE a.task_force_id = ${TF})`,
    },
  },
  statutes: { agency: null, everyone: 'true' },
  subjects: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, CASE_VISIBLE('x.case_id')) },
  task_force_counters: { agency: null, roles: forRoles(CASE_WORKERS, `x.task_force_id = ${TF}`) },
  task_forces: { agency: null, everyone: `x.id = ${TF}` },
  user_identities: {
    agency: 'x.agency_id',
    everyone: `x.agency_id = ${A} AND x.user_id = ${U}`,
    roles: { AGENCY_ADMIN: `x.agency_id = ${A}` },
  },
  users: { agency: 'x.agency_id', everyone: `x.agency_id = ${A}` },
  victim_cases: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, `x.agency_id = ${A} OR ${CASE_VISIBLE('x.case_id')}`) },
  victim_identities: {
    agency: 'x.agency_id',
    roles: {
      ...forRoles(['VICTIM_ADVOCATE', 'SUPERVISOR'], `x.agency_id = ${A} OR ${IDENTITY_RELEASED('x.victim_id')}`),
      INVESTIGATOR: `(x.agency_id = ${A} AND ${ASSIGNED}) OR (x.agency_id <> ${A} AND ${IDENTITY_RELEASED('x.victim_id')})`,
      PROSECUTOR: `x.agency_id <> ${A} AND ${IDENTITY_RELEASED('x.victim_id')}`,
    },
  },
  victims: { agency: 'x.agency_id', roles: forRoles(CASE_WORKERS, VICTIM_REACHABLE) },
  // The live-session binding (docs/adr/0017): the settings are the definer functions' alone; a
  // binding is read only by the backend it belongs to.
  app_settings: { agency: null, optional: true },
  principal_bindings: { agency: 'x.agency_id', anonymous: `x.backend_pid = ${PID}`, everyone: `x.backend_pid = ${PID}`, optional: true },
};

interface Persona {
  label: string;
  username?: string;
  role?: Role;
  agencyId: string | null;
  userId: string | null;
  taskForceId: string | null;
}

/** One table's rows as keys, by whose they are: the caller's agency, another agency, or no agency's. */
type Seen = { own: string[]; other: string[]; any: string[] };

describe('row-level security per role', () => {
  let t: TestApp;
  const personas: Persona[] = [];
  let tables: { name: string; key: string; readable: boolean }[];

  /**
   * The ONE way this suite acts as someone: a real user signed in through the API (the app's own
   * connection then presents that user's principal: set from the user's row today, bound through
   * the user's live session once the principal is session-bound). No persona: no principal at all.
   */
  async function asPrincipal<R>(persona: Persona, sql: string, params: unknown[]): Promise<R[]> {
    return t.appRoleQuery<R>(sql, params, persona.username);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const tf = await t.ownerQuery<{ id: string }>(`SELECT id FROM task_forces`);
    expect(tf).toHaveLength(1);
    // Every role in two agencies unlike each other: a sheriff's office (leads, cases, victims it keeps)
    // and a non-profit victim-service provider (survivors, consents, services).
    for (const agency of ['lcso', 'safeharbor']) {
      for (const role of ROLES) {
        const username = `rls.${agency}.${role.toLowerCase().replace(/_/g, '-')}`;
        const [u] = await t.ownerQuery<{ id: string; agency_id: string }>(
          `INSERT INTO users (agency_id, username, display_name, roles, password_hash)
           SELECT agency_id, $2, $3, ARRAY[$4]::text[], password_hash FROM users WHERE username = $1 RETURNING id, agency_id`,
          [`${agency}.admin`, username, `RLS ${role}`, role],
        );
        expect(u).toBeDefined();
        personas.push({ label: `${agency} ${role}`, username, role, agencyId: u.agency_id, userId: u.id, taskForceId: tf[0].id });
      }
    }
    // A real investigator assigned to cases (the identity rule turns on the assignment).
    const [inv] = await t.ownerQuery<{ id: string; agency_id: string }>(
      `SELECT id, agency_id FROM users WHERE username = 'lcso.investigator'`,
    );
    personas.push({
      label: 'lcso INVESTIGATOR (assigned)',
      username: 'lcso.investigator',
      role: 'INVESTIGATOR',
      agencyId: inv.agency_id,
      userId: inv.id,
      taskForceId: tf[0].id,
    });
    personas.push({ label: 'no principal', agencyId: null, userId: null, taskForceId: null });
    // Each signs in for real (their own session is one of the rows the rules give them).
    for (const p of personas) if (p.username) await t.login(p.username);

    const rows = await t.ownerQuery<{ name: string; pk: string[] | null; readable: boolean }>(
      `SELECT c.relname AS name, has_any_column_privilege('tf_app', c.oid, 'SELECT') AS readable,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
               WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity ORDER BY 1`,
    );
    tables = rows.map((r) => ({
      name: r.name,
      readable: r.readable,
      key: r.pk?.length ? `row(${r.pk.map((c) => `x.${c}`).join(', ')})::text` : 'x.ctid::text',
    }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every table with row-level security has a rule (a new table must say who reads it)', () => {
    expect(tables.length).toBeGreaterThan(30);
    expect(tables.map((x) => x.name).filter((n) => !RULES[n])).toEqual([]);
    // And every rule is for a table there is (but those of a migration that may not have landed yet).
    const names = new Set(tables.map((x) => x.name));
    expect(Object.keys(RULES).filter((n) => !names.has(n) && !RULES[n].optional)).toEqual([]);
  });

  function predicateOf(rule: Rule, persona: Persona): string {
    if (!persona.role) return rule.anonymous ?? NONE;
    const parts = [rule.everyone, rule.roles?.[persona.role]].filter((p): p is string => !!p);
    return parts.length ? parts.map((p) => `(${p})`).join(' OR ') : NONE;
  }

  const bucket = (rule: Rule) =>
    rule.agency === null
      ? `'any'`
      : `CASE WHEN (${rule.agency}) IS NULL THEN 'any' WHEN (${rule.agency})::text = $1::text THEN 'own' ELSE 'other' END`;

  function split(rows: { k: string; b: 'own' | 'other' | 'any' }[]): Seen {
    const out: Seen = { own: [], other: [], any: [] };
    for (const r of rows) out[r.b].push(r.k);
    for (const v of Object.values(out)) v.sort();
    return out;
  }

  /** What the rule gives a persona on one table, as the owner reads it. */
  async function expected(table: { name: string; key: string }, rule: Rule, persona: Persona, pid: number | null): Promise<Seen> {
    const rows = await t.ownerQuery<{ k: string; b: 'own' | 'other' | 'any' }>(
      `SELECT ${table.key} AS k, ${bucket(rule)} AS b FROM ${table.name} x
       WHERE (${predicateOf(rule, persona)}) AND coalesce($1::uuid::text, $2::uuid::text, $3::uuid::text, $4::int::text, '') IS NOT NULL`,
      [persona.agencyId, persona.userId, persona.taskForceId, pid],
    );
    return split(rows);
  }

  /** What the app role shows the persona of one table (and its connection's backend pid). */
  async function visible(table: { name: string; key: string }, rule: Rule, persona: Persona): Promise<{ seen: Seen; pid: number }> {
    const [r] = await asPrincipal<{ pid: number; rows: { k: string; b: 'own' | 'other' | 'any' }[] }>(
      persona,
      `SELECT pg_backend_pid() AS pid, $1::text AS me,
              (SELECT coalesce(json_agg(json_build_object('k', ${table.key}, 'b', ${bucket(rule)})), '[]') FROM ${table.name} x) AS rows`,
      [persona.agencyId],
    );
    return { seen: split(r.rows), pid: r.pid };
  }

  const count = (s: Seen) => `${s.own.length} own, ${s.other.length} other, ${s.any.length} of no agency`;

  it('as tf_app, each role of each agency sees exactly its rule on every table (own agency and the others)', async () => {
    const mismatches: Record<string, unknown>[] = [];
    const matrix: Record<string, Record<string, string>> = {};
    for (const table of tables) {
      const rule = RULES[table.name];
      if (!rule) continue; // reported by the test above
      matrix[table.name] = {};
      for (const persona of personas) {
        if (!table.readable) {
          // No grant at all: stronger than any policy. The rule must give nobody anything either.
          expect({ table: table.name, persona: persona.label, rule: predicateOf(rule, persona) }).toEqual({
            table: table.name,
            persona: persona.label,
            rule: NONE,
          });
          await expect(asPrincipal(persona, `SELECT 1 FROM ${table.name} LIMIT 1`, [])).rejects.toThrow(/permission denied/);
          matrix[table.name][persona.label] = 'no grant';
          continue;
        }
        // The server's jobs may write while the suite reads: on a difference, look again (a few times).
        let got: Seen | undefined;
        let want: Seen | undefined;
        for (let attempt = 0; attempt < 3; attempt++) {
          const v = await visible(table, rule, persona);
          got = v.seen;
          want = await expected(table, rule, persona, v.pid);
          if (JSON.stringify(got) === JSON.stringify(want)) break;
        }
        matrix[table.name][persona.label] = count(got!);
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          const diff = (k: keyof Seen) => ({
            unexpected: got![k].filter((x) => !want![k].includes(x)).slice(0, 3),
            missing: want![k].filter((x) => !got![k].includes(x)).slice(0, 3),
          });
          mismatches.push({
            table: table.name,
            persona: persona.label,
            saw: count(got!),
            rule: count(want!),
            own: diff('own'),
            other: diff('other'),
            any: diff('any'),
          });
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The data exercised the rules: each of these has rows for some role and none for others.
    const seen = (table: string, label: string) => matrix[table][label];
    expect(seen('leads', 'lcso INVESTIGATOR')).not.toMatch(/^0 own/);
    expect(seen('leads', 'lcso VICTIM_ADVOCATE')).toMatch(/^0 own, 0 other/);
    expect(seen('consents', 'safeharbor VICTIM_ADVOCATE')).not.toMatch(/^0 own/);
    expect(seen('consents', 'safeharbor AGENCY_ADMIN')).toMatch(/^0 own, 0 other/);
    expect(seen('sessions', 'lcso INVESTIGATOR')).toMatch(/^[1-9]\d* own, 0 other/);
  }, 600_000);

  describe('the examples of issue 14, one by one', () => {
    const persona = (label: string) => {
      const p = personas.find((x) => x.label === label);
      if (!p) throw new Error(`no persona ${label}`);
      return p;
    };
    const n = async (p: Persona, sql: string, params: unknown[] = []) =>
      (await asPrincipal<{ n: number }>(p, `SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
    const ownerN = async (sql: string, params: unknown[] = []) =>
      (await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

    it('an advocate reads neither leads nor deconfliction notices of their agency; an investigator does', async () => {
      const lcso = persona('lcso VICTIM_ADVOCATE').agencyId;
      expect(await ownerN(`leads WHERE agency_id = $1`, [lcso])).toBeGreaterThan(0);
      expect(await n(persona('lcso VICTIM_ADVOCATE'), `leads`)).toBe(0);
      expect(await n(persona('lcso INVESTIGATOR'), `leads`)).toBe(await ownerN(`leads WHERE agency_id = $1`, [lcso]));
      const notices = await ownerN(`deconfliction_notices WHERE agency_id = $1`, [lcso]);
      expect(notices).toBeGreaterThan(0);
      expect(await n(persona('lcso VICTIM_ADVOCATE'), `deconfliction_notices`)).toBe(0);
      expect(await n(persona('lcso SUPERVISOR'), `deconfliction_notices`)).toBe(notices);
    });

    it('admins, auditors and the task-force roles read no consent and no victim-case link', async () => {
      for (const agency of ['lcso', 'safeharbor']) {
        const a = persona(`${agency} AGENCY_ADMIN`).agencyId;
        expect(await ownerN(`consents WHERE agency_id = $1 OR recipient_agency_id = $1`, [a])).toBeGreaterThan(0);
        for (const role of ['AGENCY_ADMIN', 'AUDITOR', 'TASK_FORCE_COORDINATOR', 'TASK_FORCE_ADMIN']) {
          expect({ agency, role, consents: await n(persona(`${agency} ${role}`), `consents`) }).toEqual({ agency, role, consents: 0 });
          expect({ agency, role, links: await n(persona(`${agency} ${role}`), `victim_cases`) }).toEqual({ agency, role, links: 0 });
        }
        expect(await n(persona(`${agency} VICTIM_ADVOCATE`), `consents`)).toBeGreaterThan(0);
      }
    });

    it('an investigator reads the sealed identities only of victims on a case of theirs', async () => {
      const assigned = persona('lcso INVESTIGATOR (assigned)');
      const own = await ownerN(`victim_identities x WHERE x.agency_id = $1`, [assigned.agencyId]);
      const mine = await ownerN(
        `victim_identities x WHERE x.agency_id = $1 AND EXISTS (SELECT 1 FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
           WHERE vc.victim_id = x.victim_id AND c.agency_id = x.agency_id AND $2 = ANY (c.assignee_ids))`,
        [assigned.agencyId, assigned.userId],
      );
      expect(mine).toBeGreaterThan(0);
      expect(own).toBeGreaterThan(mine);
      expect(await n(assigned, `victim_identities WHERE agency_id = $1`, [assigned.agencyId])).toBe(mine);
      expect(await n(persona('lcso INVESTIGATOR'), `victim_identities WHERE agency_id = $1`, [assigned.agencyId])).toBe(0);
      expect(await n(persona('lcso VICTIM_ADVOCATE'), `victim_identities WHERE agency_id = $1`, [assigned.agencyId])).toBe(own);
    });

    it("nobody but an admin reads a colleague's session (refresh hash), and no role but a case worker an agency's wrapped data key", async () => {
      for (const p of personas.filter((x) => x.role)) {
        const others = await n(p, `sessions WHERE user_id <> $1`, [p.userId]);
        if (p.role === 'AGENCY_ADMIN' || p.role === 'TASK_FORCE_ADMIN')
          expect({ p: p.label, others: others > 0 }).toEqual({ p: p.label, others: true });
        else expect({ p: p.label, others }).toEqual({ p: p.label, others: 0 });
        expect(await n(p, `sessions WHERE user_id = $1`, [p.userId])).toBeGreaterThan(0);
        const keys = await n(p, `key_ring WHERE owner LIKE 'agency:%'`);
        if (!CASE_WORKERS.includes(p.role!)) expect({ p: p.label, keys }).toEqual({ p: p.label, keys: 0 });
      }
      const lcsoKeys = await ownerN(`key_ring WHERE owner = 'agency:' || $1`, [persona('lcso AGENCY_ADMIN').agencyId]);
      expect(lcsoKeys).toBeGreaterThan(0);
      expect(
        await n(persona('lcso VICTIM_ADVOCATE'), `key_ring WHERE owner = 'agency:' || $1`, [persona('lcso AGENCY_ADMIN').agencyId]),
      ).toBe(lcsoKeys);
      // Another agency's key only when one of its identities is released to the reader.
      const cpd = (await t.ownerQuery<{ id: string }>(`SELECT agency_id AS id FROM users WHERE username = 'cpd.admin'`))[0].id;
      expect(await n(persona('lcso VICTIM_ADVOCATE'), `key_ring WHERE owner = 'agency:' || $1`, [cpd])).toBe(
        await ownerN(
          `key_ring k WHERE k.owner = 'agency:' || $2::uuid AND EXISTS (SELECT 1 FROM victim_identities vi JOIN consents c ON c.victim_id = vi.victim_id
             WHERE vi.agency_id = $2::uuid AND c.recipient_agency_id = $1::uuid AND c.revoked_at IS NULL AND current_date >= c.signed_on
               AND current_date < c.expires_on AND c.scopes && ARRAY['IDENTITY','CONTACT'])`,
          [persona('lcso VICTIM_ADVOCATE').agencyId, cpd],
        ),
      );
    });
  });
});
