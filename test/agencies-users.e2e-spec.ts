import { randomUUID } from 'node:crypto';
import { codes, DEMO_PASSWORD, Doc, GqlResult, Row, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import type { AgenciesUsersUsers2Query } from './gql/graphql';
import { expect } from '@jest/globals';

/**
 * Agencies and users, as the demo personas: who sees which agencies, who creates agencies and
 * users, what an agency admin may touch (own agency only, never revealing others), optimistic
 * locking, deactivation, and that admins hold no case or audit permissions.
 */

const TASK_FORCE_NAME = 'Southeast Wyoming Human Trafficking Task Force';
const ORI = /^[A-Z]{2}[A-Z0-9]{7}$/;
/** Text that must never reach a client: database internals, driver errors, stack frames. */
const LEAKS = /duplicate key|violates|constraint|QueryFailedError|relation "|\bSELECT\b|\bINSERT\b|\bUPDATE users\b|\n\s+at /i;

const CREATE_AGENCY = graphql(`
  mutation AgenciesUsersCreateAgency($i: CreateAgencyInput!) {
    createAgency(input: $i) {
      firstAdminUserId
      agency {
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
  }
`);
const CREATE_USER = graphql(`
  mutation AgenciesUsersCreateUser($i: CreateUserInput!) {
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
const SET_ROLES = graphql(`
  mutation AgenciesUsersSetUserRoles($i: SetUserRolesInput!) {
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
const UPDATE_AGENCY = graphql(`
  mutation AgenciesUsersUpdateAgency($i: UpdateAgencyInput!) {
    updateAgency(input: $i) {
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
`);

/** The role → permission map of libs/access/src/permissions.ts, written out as the spec. */
const EXPECTED_PERMISSIONS: Record<string, string[]> = {
  INVESTIGATOR: [
    'AGENCY_READ',
    'CASE_NOTE',
    'CASE_READ',
    'CASE_WRITE',
    'CHARGE_WRITE',
    'DECONFLICTION',
    'LEAD_READ',
    'LEAD_WRITE',
    'REFERRAL_READ',
    'REFERRAL_SEND',
    'SELF',
    'VICTIM_READ',
    'VICTIM_WRITE',
  ],
  SUPERVISOR: [
    'AGENCY_READ',
    'CASE_CLOSE',
    'CASE_NOTE',
    'CASE_READ',
    'CASE_WRITE',
    'CHARGE_WRITE',
    'CONSENT_MANAGE',
    'DASHBOARD_READ',
    'DECONFLICTION',
    'LEAD_READ',
    'LEAD_WRITE',
    'REFERRAL_ANSWER',
    'REFERRAL_READ',
    'REFERRAL_SEND',
    'SELF',
    'USER_READ',
    'VICTIM_READ',
    'VICTIM_WRITE',
  ],
  VICTIM_ADVOCATE: [
    'AGENCY_READ',
    'CASE_READ',
    'CONSENT_MANAGE',
    'REFERRAL_ANSWER',
    'REFERRAL_READ',
    'REFERRAL_SEND',
    'SELF',
    'VICTIM_READ',
    'VICTIM_WRITE',
  ],
  PROSECUTOR: ['AGENCY_READ', 'CASE_NOTE', 'CASE_READ', 'CHARGE_WRITE', 'REFERRAL_ANSWER', 'REFERRAL_READ', 'SELF', 'VICTIM_READ'],
  AGENCY_ADMIN: ['AGENCY_READ', 'AGENCY_UPDATE', 'SELF', 'USER_MANAGE', 'USER_READ'],
  AUDITOR: ['AGENCY_READ', 'AUDIT_READ', 'AUDIT_VERIFY', 'SELF'],
  TASK_FORCE_COORDINATOR: ['AGENCY_READ', 'DASHBOARD_READ', 'SELF'],
  TASK_FORCE_ADMIN: ['AGENCY_CREATE', 'AGENCY_READ', 'AGENCY_UPDATE', 'IDENTITY_PROVIDER_MANAGE', 'SELF'],
};
/** Permissions about accounts, agencies and the audit trail: everything that is not case content. */
const ADMINISTRATIVE = new Set([
  'SELF',
  'AGENCY_READ',
  'AGENCY_CREATE',
  'AGENCY_UPDATE',
  'IDENTITY_PROVIDER_MANAGE',
  'USER_READ',
  'USER_MANAGE',
  'AUDIT_READ',
  'AUDIT_VERIFY',
]);

function newAgency(over: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) {
  return {
    name: 'Rawlins Police Department',
    shortCode: 'RPD',
    level: 'MUNICIPAL',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WY0040100',
    contactName: 'Sgt. Ada Voss',
    contactPhone: '+1 307 555 0400',
    contactEmail: 'desk@rpd.example.org',
    ...over,
    firstAdmin: {
      username: 'rpd.admin',
      displayName: 'Ada Voss',
      email: 'ada.voss@rpd.example.org',
      title: 'Systems Administrator',
      password: 'Rawlins-Admin-Pass-2026',
      ...admin,
    },
  };
}

function expectRefused(r: GqlResult, code: string) {
  expect(codes(r)).toEqual([code]);
  expect(r.data ?? null).toBeNull();
}

describe('agencies and users, as the personas', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let agencyIds: Record<string, string>;

  const count = async (table: 'agencies' | 'users') => Number((await t.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const userRow = async (username: string) =>
    (
      await t.ownerQuery<{
        id: string;
        agency_id: string;
        roles: string[];
        active: boolean;
        locked_at: Date | null;
        failed_login_count: number;
        mfa_enabled: boolean;
        mfa_secret: string | null;
        version: number;
      }>(
        `SELECT id, agency_id, roles, active, locked_at, failed_login_count, mfa_enabled, mfa_secret, version FROM users WHERE username = $1`,
        [username],
      )
    )[0];
  const agencyRow = async (shortCode: string) =>
    (await t.ownerQuery<Row & { version: number }>(`SELECT * FROM agencies WHERE short_code = $1`, [shortCode]))[0];
  const auditCount = async (action: string) =>
    Number((await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1`, [action]))[0].n);

  beforeAll(async () => {
    // Many sign-ins from one address in this file; the sign-in limit is tested elsewhere.
    t = await startTestApp({ LOGIN_RATE_PER_ADDRESS: '1000', LOGIN_RATE_PER_ACCOUNT: '100' });
    ids = Object.fromEntries(
      (await t.ownerQuery<{ username: string; id: string }>(`SELECT username, id FROM users`)).map((r) => [r.username, r.id]),
    );
    agencyIds = Object.fromEntries(
      (await t.ownerQuery<{ short_code: string; id: string }>(`SELECT short_code, id FROM agencies`)).map((r) => [r.short_code, r.id]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe('everyone in the task force sees its agencies', () => {
    const personas = [
      'lcso.investigator',
      'lcso.supervisor',
      'lcso.auditor',
      'lcso.admin',
      'dci.tfadmin',
      'dci.coordinator',
      'usao.prosecutor',
      'safeharbor.advocate',
      'wrpd.investigator',
      'dfs.admin',
    ];

    it.each(personas)('%s lists the agencies with level, kind and ORI, and sees the task force and their own agency', async (username) => {
      const token = await t.login(username);
      const r = await t.gql(
        graphql(`
          query AgenciesUsersAgencies4 {
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
            taskForce {
              id
              name
              region
            }
            me {
              username
              agencyId
              agency {
                id
                name
              }
            }
          }
        `),
        {},
        token,
      );
      expect(r.errors).toBeUndefined();
      const agencies = r.data!.agencies;
      expect(agencies.length).toBeGreaterThanOrEqual(8);
      expect(agencies.length).toBe(await count('agencies'));
      // sorted by name, every field present
      expect(agencies.map((a) => a.name)).toEqual([...agencies.map((a) => a.name)].sort((a, b) => a.localeCompare(b)));
      for (const a of agencies) {
        expect(['MUNICIPAL', 'COUNTY', 'STATE', 'FEDERAL', 'TRIBAL']).toContain(a.level);
        expect(['LAW_ENFORCEMENT', 'PROSECUTION', 'VICTIM_SERVICES', 'CHILD_WELFARE', 'OTHER']).toContain(a.kind);
        if (a.kind === 'LAW_ENFORCEMENT') expect(a.ori).toMatch(ORI);
      }
      expect(agencies.find((a) => a.shortCode === 'LCSO')).toMatchObject({
        name: "Laramie County Sheriff's Office",
        level: 'COUNTY',
        kind: 'LAW_ENFORCEMENT',
        ori: 'WY0110000',
        active: true,
      });
      expect(agencies.find((a) => a.shortCode === 'USAO')).toMatchObject({ level: 'FEDERAL', kind: 'PROSECUTION', ori: null });
      expect(agencies.find((a) => a.shortCode === 'WRPD')).toMatchObject({ level: 'TRIBAL', kind: 'LAW_ENFORCEMENT', ori: 'WY0130400' });
      expect(r.data!.taskForce.name).toBe(TASK_FORCE_NAME);
      const ownAgency = (
        await t.ownerQuery(`SELECT a.id, a.name FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`, [username])
      )[0];
      expect(r.data!.me).toEqual({ username, agencyId: ownAgency.id, agency: { id: ownAgency.id, name: ownAgency.name } });
    });

    it('reads one agency by id, including one of another agency', async () => {
      const token = await t.login('lcso.investigator');
      const r = await t.gql(
        graphql(`
          query AgenciesUsersAgency($id: ID!) {
            agency(id: $id) {
              name
              shortCode
              contactName
              contactPhone
            }
          }
        `),
        { id: agencyIds.DCI },
        token,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.agency).toEqual({
        name: 'Wyoming Division of Criminal Investigation',
        shortCode: 'DCI',
        contactName: 'SA Carla Nez',
        contactPhone: '+1 307 555 0130',
      });
    });

    it('refuses the agency list to an anonymous caller', async () => {
      const r = await t.gql(
        graphql(`
          query AgenciesUsersAgencies {
            agencies {
              name
            }
          }
        `),
      );
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.data?.agencies ?? null).toBeNull();
    });
  });

  describe('the task-force admin adds an agency with its first admin', () => {
    let agencyId: string;
    let adminId: string;

    it('dci.tfadmin creates the agency and its first AGENCY_ADMIN, both audited', async () => {
      const agenciesBefore = await count('agencies');
      const token = await t.login('dci.tfadmin');
      const input = newAgency(
        { name: 'Casper Police Department', shortCode: 'CSPD', ori: 'WY0010100', contactEmail: 'desk@cspd.example.org' },
        { username: 'cspd.admin', displayName: 'Pat Rowe', email: 'pat.rowe@cspd.example.org', password: 'Casper-Admin-Pass-2026' },
      );
      const r = await t.gql(CREATE_AGENCY, { i: input }, token);
      expect(r.errors).toBeUndefined();
      const { agency, firstAdminUserId } = r.data!.createAgency;
      expect(agency).toMatchObject({
        name: 'Casper Police Department',
        shortCode: 'CSPD',
        level: 'MUNICIPAL',
        kind: 'LAW_ENFORCEMENT',
        ori: 'WY0010100',
        active: true,
        version: 1,
      });
      agencyId = agency.id;
      adminId = firstAdminUserId;
      expect(await count('agencies')).toBe(agenciesBefore + 1);

      const admin = (await t.ownerQuery(`SELECT agency_id, roles, active, password_hash FROM users WHERE username = 'cspd.admin'`))[0];
      expect(admin).toMatchObject({ agency_id: agencyId, roles: ['AGENCY_ADMIN'], active: true });
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
      expect(admin.password_hash).not.toContain('Casper-Admin-Pass-2026');

      const audit = await t.ownerQuery(
        `SELECT action, actor_username, record_id, outcome, changes FROM audit_events WHERE action IN ('agency.create', 'user.create') AND record_id IN ($1, $2) ORDER BY seq`,
        [agencyId, adminId],
      );
      expect(audit.map((e) => [e.action, e.actor_username, e.record_id, e.outcome])).toEqual([
        ['agency.create', 'dci.tfadmin', agencyId, 'SUCCESS'],
        ['user.create', 'dci.tfadmin', adminId, 'SUCCESS'],
      ]);
      expect(JSON.stringify(audit)).not.toContain('Casper-Admin-Pass-2026');

      // every member sees the new agency
      const seen = await t.gql(
        graphql(`
          query AgenciesUsersAgencies2 {
            agencies {
              shortCode
            }
          }
        `),
        {},
        await t.login('lcso.investigator'),
      );
      expect(seen.data!.agencies.map((a: { shortCode: string }) => a.shortCode)).toContain('CSPD');
    });

    it('the new admin signs in, sees only their own agency and its users, and creates an investigator who can sign in', async () => {
      const token = await t.login('cspd.admin', 'Casper-Admin-Pass-2026');
      const me = await t.gql(
        graphql(`
          query AgenciesUsersMe {
            me {
              userId
              roles
              agency {
                name
              }
            }
            users {
              edges {
                node {
                  username
                  agencyId
                  roles
                }
              }
            }
          }
        `),
        {},
        token,
      );
      expect(me.errors).toBeUndefined();
      expect(me.data!.me).toEqual({ userId: adminId, roles: ['AGENCY_ADMIN'], agency: { name: 'Casper Police Department' } });
      expect(me.data!.users.edges.map((e) => e.node)).toEqual([{ username: 'cspd.admin', agencyId, roles: ['AGENCY_ADMIN'] }]);

      const created = await t.gql(
        CREATE_USER,
        {
          i: {
            username: 'cspd.investigator',
            displayName: 'Det. Lee Ames',
            email: 'lee.ames@cspd.example.org',
            title: 'Detective',
            password: 'Casper-Investigator-2026',
            roles: ['INVESTIGATOR'],
          },
        },
        token,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createUser).toMatchObject({
        username: 'cspd.investigator',
        agencyId,
        roles: ['INVESTIGATOR'],
        active: true,
        locked: false,
        mfaEnabled: false,
        version: 1,
      });

      const list = await t.gql(
        graphql(`
          query AgenciesUsersUsers {
            users {
              edges {
                node {
                  username
                  agencyId
                }
              }
            }
          }
        `),
        {},
        token,
      );
      expect(list.data!.users.edges.map((e) => e.node)).toEqual([
        { username: 'cspd.admin', agencyId },
        { username: 'cspd.investigator', agencyId },
      ]);

      const invToken = await t.login('cspd.investigator', 'Casper-Investigator-2026');
      const who = await t.gql(
        graphql(`
          query AgenciesUsersMe2 {
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
        invToken,
      );
      expect(who.data!.me).toEqual({ username: 'cspd.investigator', roles: ['INVESTIGATOR'], agency: { shortCode: 'CSPD' } });

      const audit = await t.ownerQuery(
        `SELECT actor_username, agency_id FROM audit_events WHERE action = 'user.create' AND record_id = $1`,
        [created.data!.createUser.id],
      );
      expect(audit).toEqual([{ actor_username: 'cspd.admin', agency_id: agencyId }]);
    });
  });

  describe('operations a role does not allow are refused, and change nothing', () => {
    it('an agency admin who is not the task-force admin cannot create an agency', async () => {
      const [agencies, users] = [await count('agencies'), await count('users')];
      for (const username of ['lcso.admin', 'dci.coordinator', 'lcso.auditor']) {
        const r = await t.gql(
          CREATE_AGENCY,
          { i: newAgency({ name: `Agency by ${username}`, shortCode: 'NOPE', ori: 'WY0990000' }, { username: `nope.${username}` }) },
          await t.login(username),
        );
        expectRefused(r, 'FORBIDDEN');
      }
      expect(await count('agencies')).toBe(agencies);
      expect(await count('users')).toBe(users);
      expect(await agencyRow('NOPE')).toBeUndefined();
      const denials = await t.ownerQuery(
        `SELECT actor_username FROM audit_events WHERE action = 'operation.createAgency' AND outcome = 'DENIED' ORDER BY seq`,
      );
      expect(denials.map((d) => d.actor_username)).toEqual(['lcso.admin', 'dci.coordinator', 'lcso.auditor']);
    });

    it('an investigator (and an auditor, a supervisor) cannot create a user', async () => {
      const users = await count('users');
      for (const username of ['lcso.investigator', 'lcso.auditor', 'lcso.supervisor', 'dci.tfadmin']) {
        const r = await t.gql(
          CREATE_USER,
          { i: { username: `made.by.${username}`, displayName: 'Nobody', password: 'Not-Allowed-Pass-2026', roles: ['INVESTIGATOR'] } },
          await t.login(username),
        );
        expectRefused(r, 'FORBIDDEN');
      }
      expect(await count('users')).toBe(users);
      expect(await t.ownerQuery(`SELECT username FROM users WHERE username LIKE 'made.by.%'`)).toEqual([]);
    });
  });

  describe('bad input to createAgency is refused with a readable message and changes nothing', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string, RegExp][] = [
      ['an ORI in the wrong format', { ori: 'WY12' }, {}, 'BAD_USER_INPUT', /ori must be 9 characters/],
      ['a lower-case ORI', { ori: 'wy0040100' }, {}, 'BAD_USER_INPUT', /ori must be 9 characters/],
      ['a law-enforcement agency without an ORI', { ori: null }, {}, 'BAD_USER_INPUT', /law-enforcement agency needs its ORI/],
      ['a bad short code', { shortCode: 'r-p' }, {}, 'BAD_USER_INPUT', /shortCode must be 2-10 capital letters/],
      ['a bad contact e-mail', { contactEmail: 'not-an-address' }, {}, 'BAD_USER_INPUT', /contactEmail must be a valid e-mail address/],
      [
        'the name of an existing agency',
        { name: "Laramie County Sheriff's Office" },
        {},
        'CONFLICT',
        /agency with this name is already in the task force/,
      ],
      ['the short code of an existing agency', { shortCode: 'LCSO' }, {}, 'CONFLICT', /short code is already used/],
      ['the ORI of an existing agency', { ori: 'WY0110000' }, {}, 'CONFLICT', /ORI is already registered/],
      ['a first admin whose username is taken', {}, { username: 'lcso.admin' }, 'CONFLICT', /username "lcso.admin" is already taken/],
      ['a first admin with a short password', {}, { password: 'Short-pw1' }, 'BAD_USER_INPUT', /password must be at least 12 characters/],
      ['a first admin with a common password', {}, { password: 'Password1234' }, 'BAD_USER_INPUT', /password is too common/],
      [
        'a first admin whose password contains the username',
        {},
        { password: 'rpd.admin-is-me-2026' },
        'BAD_USER_INPUT',
        /must not contain the username/,
      ],
      ['a first admin with a bad username', {}, { username: 'A!' }, 'BAD_USER_INPUT', /username must be 3-64 characters/],
    ];

    it.each(cases)('%s', async (_label, over, admin, code, message) => {
      const token = await t.login('dci.tfadmin');
      const before = {
        agencies: await count('agencies'),
        users: await count('users'),
        agencyAudits: await auditCount('agency.create'),
        userAudits: await auditCount('user.create'),
      };
      const r = await t.gql(CREATE_AGENCY, { i: newAgency(over, admin) }, token);
      expectRefused(r, code);
      expect(r.errors![0].message).toMatch(message);
      expect(r.errors![0].message).not.toMatch(LEAKS);
      expect(r.errors![0].extensions).not.toHaveProperty('stacktrace');
      expect({
        agencies: await count('agencies'),
        users: await count('users'),
        agencyAudits: await auditCount('agency.create'),
        userAudits: await auditCount('user.create'),
      }).toEqual(before);
      expect(await agencyRow('RPD')).toBeUndefined();
      expect(await userRow('rpd.admin')).toBeUndefined();
    });

    it('the same input without the defect is accepted (the refusals above were for the defect)', async () => {
      const r = await t.gql(CREATE_AGENCY, { i: newAgency() }, await t.login('dci.tfadmin'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.createAgency.agency).toMatchObject({ shortCode: 'RPD', ori: 'WY0040100' });
      expect((await userRow('rpd.admin')).agency_id).toBe(r.data!.createAgency.agency.id);
    });
  });

  describe('an agency admin manages the users of their own agency only', () => {
    let admin: string;
    beforeAll(async () => {
      admin = await t.login('lcso.admin');
    });

    it('a DCI user is NOT_FOUND for lcso.admin, exactly like a user that does not exist, and is left unchanged', async () => {
      const target = 'dci.investigator';
      const before = await userRow(target);
      const missing = randomUUID();
      const attempts: [string, Doc<unknown>, (id: string) => Record<string, unknown>][] = [
        ['setUserRoles', SET_ROLES, (id) => ({ userId: id, roles: ['SUPERVISOR'], version: before.version })],
        [
          'disableUser',
          graphql(`
            mutation AgenciesUsersDisableUser($i: UserIdInput!) {
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
          `),
          (id) => ({ userId: id }),
        ],
        [
          'enableUser',
          graphql(`
            mutation AgenciesUsersEnableUser($i: UserIdInput!) {
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
          `),
          (id) => ({ userId: id }),
        ],
        [
          'unlockUser',
          graphql(`
            mutation AgenciesUsersUnlockUser($i: UserIdInput!) {
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
          `),
          (id) => ({ userId: id }),
        ],
        [
          'resetUserMfa',
          graphql(`
            mutation AgenciesUsersResetUserMfa($i: UserIdInput!) {
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
          `),
          (id) => ({ userId: id }),
        ],
      ];
      for (const [name, mutation, input] of attempts) {
        const other = await t.gql(mutation, { i: input(ids[target]) }, admin);
        const none = await t.gql(mutation, { i: input(missing) }, admin);
        expectRefused(other, 'NOT_FOUND');
        expectRefused(none, 'NOT_FOUND');
        // Same answer whether the user exists elsewhere or not at all: existence is not revealed.
        expect({ name, message: other.errors![0].message, ext: other.errors![0].extensions }).toEqual({
          name,
          message: none.errors![0].message,
          ext: none.errors![0].extensions,
        });
        expect(other.errors![0].message).not.toMatch(/dci|forbidden|another agency/i);
      }
      expect(await userRow(target)).toEqual(before);
      // The probes are on the audit trail as denials.
      const denied = await t.ownerQuery(
        `SELECT action FROM audit_events WHERE outcome = 'DENIED' AND actor_username = 'lcso.admin' AND record_id = $1 ORDER BY seq`,
        [ids[target]],
      );
      expect(denied.map((d) => d.action)).toEqual(['user.set_roles', 'user.disable', 'user.enable', 'user.unlock', 'user.reset_mfa']);
      // and the DCI investigator can still sign in
      await expect(t.login(target)).resolves.toEqual(expect.any(String));
    });

    it('the DCI admin gets the same NOT_FOUND for an LCSO user', async () => {
      const r = await t.gql(
        graphql(`
          mutation AgenciesUsersDisableUser2($i: UserIdInput!) {
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
        `),
        { i: { userId: ids['lcso.investigator'] } },
        await t.login('dci.admin'),
      );
      expectRefused(r, 'NOT_FOUND');
      expect((await userRow('lcso.investigator')).active).toBe(true);
    });

    it('changes the roles of an LCSO user with the version read; a stale version is a CONFLICT and changes nothing', async () => {
      const target = 'lcso.investigator2';
      const v = (await userRow(target)).version;
      const ok = await t.gql(SET_ROLES, { i: { userId: ids[target], roles: ['INVESTIGATOR', 'SUPERVISOR'], version: v } }, admin);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.setUserRoles).toMatchObject({ username: target, roles: ['INVESTIGATOR', 'SUPERVISOR'], version: v + 1 });
      expect((await userRow(target)).roles).toEqual(['INVESTIGATOR', 'SUPERVISOR']);

      const stale = await t.gql(SET_ROLES, { i: { userId: ids[target], roles: ['PROSECUTOR'], version: v } }, admin);
      expectRefused(stale, 'CONFLICT');
      expect(stale.errors![0].message).toMatch(/changed by someone else/);
      expect(stale.errors![0].extensions?.currentVersion).toBe(v + 1);
      expect(await userRow(target)).toMatchObject({ roles: ['INVESTIGATOR', 'SUPERVISOR'], version: v + 1 });

      // the new role is live on the user's next request
      const me = await t.gql(
        graphql(`
          query AgenciesUsersMe3 {
            me {
              roles
              permissions
            }
          }
        `),
        {},
        await t.login(target),
      );
      expect(me.data!.me.roles).toEqual(['INVESTIGATOR', 'SUPERVISOR']);
      expect(me.data!.me.permissions).toContain('USER_READ');
    });

    it('an agency admin cannot grant task-force roles', async () => {
      const target = 'lcso.investigator2';
      const before = await userRow(target);
      for (const role of ['TASK_FORCE_ADMIN', 'TASK_FORCE_COORDINATOR']) {
        const r = await t.gql(SET_ROLES, { i: { userId: ids[target], roles: ['INVESTIGATOR', role], version: before.version } }, admin);
        expectRefused(r, 'FORBIDDEN');
      }
      const created = await t.gql(
        CREATE_USER,
        { i: { username: 'lcso.wannabe', displayName: 'Wannabe', password: 'Wannabe-Pass-2026', roles: ['TASK_FORCE_ADMIN'] } },
        admin,
      );
      expectRefused(created, 'FORBIDDEN');
      expect(await userRow(target)).toEqual(before);
      expect(await userRow('lcso.wannabe')).toBeUndefined();
      // all three refusals are on the audit trail
      const denied = await t.ownerQuery(
        `SELECT actor_username, changes FROM audit_events WHERE action = 'user.grant_role' AND outcome = 'DENIED'`,
      );
      expect(denied).toEqual(Array(3).fill({ actor_username: 'lcso.admin', changes: { reason: 'task-force role' } }));
    });

    it('an admin cannot disable themselves, nor remove their own admin role', async () => {
      const before = await userRow('lcso.admin');
      const r = await t.gql(
        graphql(`
          mutation AgenciesUsersDisableUser3($i: UserIdInput!) {
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
        `),
        { i: { userId: ids['lcso.admin'] } },
        admin,
      );
      expectRefused(r, 'BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/cannot disable your own account/);
      const roles = await t.gql(SET_ROLES, { i: { userId: ids['lcso.admin'], roles: ['INVESTIGATOR'], version: before.version } }, admin);
      expectRefused(roles, 'BAD_USER_INPUT');
      expect(await userRow('lcso.admin')).toEqual(before);
      expect(
        (
          await t.gql(
            graphql(`
              query AgenciesUsersMe4 {
                me {
                  username
                }
              }
            `),
            {},
            admin,
          )
        ).data!.me.username,
      ).toBe('lcso.admin');
    });

    it('an admin cannot reset their own second factor (like roles and disabling): BAD_USER_INPUT, MFA stays on, their session lives, nothing audited as done', async () => {
      await t.ownerQuery(`UPDATE users SET mfa_enabled = true, mfa_secret = 'sealed-secret-placeholder' WHERE username = 'lcso.admin'`);
      const before = await userRow('lcso.admin');
      const sessions = await t.ownerQuery(`SELECT id, revoked_at FROM sessions WHERE user_id = $1 ORDER BY id`, [ids['lcso.admin']]);
      const r = await t.gql(
        graphql(`
          mutation AgenciesUsersResetUserMfa2($i: UserIdInput!) {
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
        `),
        { i: { userId: ids['lcso.admin'] } },
        admin,
      );
      expectRefused(r, 'BAD_USER_INPUT');
      expect(r.errors![0].message).toBe('You cannot reset your own second factor; ask another admin of your agency.');
      expect(await userRow('lcso.admin')).toEqual(before);
      expect(await t.ownerQuery(`SELECT id, revoked_at FROM sessions WHERE user_id = $1 ORDER BY id`, [ids['lcso.admin']])).toEqual(
        sessions,
      );
      expect(
        (
          await t.gql(
            graphql(`
              query AgenciesUsersMe5 {
                me {
                  username
                }
              }
            `),
            {},
            admin,
          )
        ).data!.me.username,
      ).toBe('lcso.admin');
      expect(
        await t.ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'user.reset_mfa' AND outcome = 'SUCCESS' AND record_id = $1`, [
          ids['lcso.admin'],
        ]),
      ).toEqual([]);
      await t.ownerQuery(`UPDATE users SET mfa_enabled = false, mfa_secret = NULL WHERE username = 'lcso.admin'`);
    });

    it('disables an LCSO user (sign-in and existing tokens stop at once) and enables them again', async () => {
      const target = 'lcso.investigator2';
      const theirToken = await t.login(target);
      const off = await t.gql(
        graphql(`
          mutation AgenciesUsersDisableUser4($i: UserIdInput!) {
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
        `),
        { i: { userId: ids[target] } },
        admin,
      );
      expect(off.errors).toBeUndefined();
      expect(off.data!.disableUser).toMatchObject({ username: target, active: false });
      expect(
        codes(
          await t.gql(
            graphql(`
              query AgenciesUsersMe6 {
                me {
                  username
                }
              }
            `),
            {},
            theirToken,
          ),
        ),
      ).toEqual(['UNAUTHENTICATED']);
      await expect(t.login(target)).rejects.toThrow(/UNAUTHENTICATED/);

      const on = await t.gql(
        graphql(`
          mutation AgenciesUsersEnableUser2($i: UserIdInput!) {
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
        `),
        { i: { userId: ids[target] } },
        admin,
      );
      expect(on.data!.enableUser).toMatchObject({ active: true });
      // the old session stays ended; a new sign-in works
      expect(
        codes(
          await t.gql(
            graphql(`
              query AgenciesUsersMe7 {
                me {
                  username
                }
              }
            `),
            {},
            theirToken,
          ),
        ),
      ).toEqual(['UNAUTHENTICATED']);
      await expect(t.login(target)).resolves.toEqual(expect.any(String));
      const audit = await t.ownerQuery(
        `SELECT action FROM audit_events WHERE record_id = $1 AND action IN ('user.disable', 'user.enable') ORDER BY seq`,
        [ids[target]],
      );
      expect(audit.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    });

    it('unlocks a locked LCSO user', async () => {
      const target = 'lcso.advocate';
      await t.ownerQuery(`UPDATE users SET locked_at = now(), failed_login_count = 5 WHERE username = $1`, [target]);
      await expect(t.login(target)).rejects.toThrow(/UNAUTHENTICATED/);
      const r = await t.gql(
        graphql(`
          mutation AgenciesUsersUnlockUser2($i: UserIdInput!) {
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
        `),
        { i: { userId: ids[target] } },
        admin,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.unlockUser).toMatchObject({ username: target, locked: false });
      expect(await userRow(target)).toMatchObject({ locked_at: null, failed_login_count: 0 });
      await expect(t.login(target)).resolves.toEqual(expect.any(String));
      const audit = await t.ownerQuery(
        `SELECT actor_username, changes FROM audit_events WHERE action = 'user.unlock' AND outcome = 'SUCCESS' AND record_id = $1`,
        [ids[target]],
      );
      expect(audit).toEqual([{ actor_username: 'lcso.admin', changes: { locked: { from: true, to: false } } }]);
    });

    it("resets an LCSO user's MFA and ends their sessions", async () => {
      const target = 'lcso.advocate';
      const theirToken = await t.login(target);
      await t.ownerQuery(`UPDATE users SET mfa_enabled = true, mfa_secret = 'sealed-secret-placeholder' WHERE username = $1`, [target]);
      const r = await t.gql(
        graphql(`
          mutation AgenciesUsersResetUserMfa3($i: UserIdInput!) {
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
        `),
        { i: { userId: ids[target] } },
        admin,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.resetUserMfa).toMatchObject({ username: target, mfaEnabled: false });
      expect(await userRow(target)).toMatchObject({ mfa_enabled: false, mfa_secret: null });
      expect(
        codes(
          await t.gql(
            graphql(`
              query AgenciesUsersMe8 {
                me {
                  username
                }
              }
            `),
            {},
            theirToken,
          ),
        ),
      ).toEqual(['UNAUTHENTICATED']);
      await expect(t.login(target)).resolves.toEqual(expect.any(String));
    });

    it('pages through the users of its own agency only, in username order, without overlap', async () => {
      const expected = (await t.ownerQuery(`SELECT username FROM users WHERE agency_id = $1 ORDER BY username`, [agencyIds.LCSO])).map(
        (r) => r.username,
      );
      expect(expected.length).toBeGreaterThanOrEqual(6);
      const seen: { username: string; agencyId: string }[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const r: GqlResult<AgenciesUsersUsers2Query> = await t.gql(
          graphql(`
            query AgenciesUsersUsers2($first: Int!, $after: String) {
              users(first: $first, after: $after) {
                edges {
                  cursor
                  node {
                    username
                    agencyId
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
          `),
          { first: 2, after },
          admin,
        );
        expect(r.errors).toBeUndefined();
        const page = r.data!.users;
        expect(page.edges.length).toBeLessThanOrEqual(2);
        seen.push(...page.edges.map((e) => e.node));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(20);
      }
      expect(pages).toBe(Math.ceil(expected.length / 2));
      const names = seen.map((s) => s.username);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toEqual(expected);
      expect(names).toEqual([...names].sort());
      expect(seen.every((s) => s.agencyId === agencyIds.LCSO)).toBe(true);
    });

    it('refuses a bad page size or cursor', async () => {
      for (const [vars, message] of [
        [{ first: 0 }, /first must not be less than 1/],
        [{ first: 101 }, /first must not be greater than 100/],
        [{ first: 2, after: 'not-a-cursor' }, /cursor is not valid/],
      ] as const) {
        const r = await t.gql(
          graphql(`
            query AgenciesUsersUsers3($first: Int!, $after: String) {
              users(first: $first, after: $after) {
                edges {
                  cursor
                }
              }
            }
          `),
          vars,
          admin,
        );
        expectRefused(r, 'BAD_USER_INPUT');
        expect(r.errors![0].message).toMatch(message);
      }
    });
  });

  describe('updateAgency', () => {
    let admin: string;
    beforeAll(async () => {
      admin = await t.login('lcso.admin');
    });

    it("lcso.admin updates LCSO's contact with the version read; a stale version is a CONFLICT", async () => {
      const before = await agencyRow('LCSO');
      const contact = { contactName: 'Lt. Maya Ortiz', contactPhone: '+1 307 555 0999', contactEmail: 'htf-desk2@lcso.example.org' };
      const r = await t.gql(UPDATE_AGENCY, { i: { id: agencyIds.LCSO, version: before.version, ...contact } }, admin);
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateAgency).toMatchObject({ ...contact, ori: 'WY0110000', active: true, version: before.version + 1 });
      expect(await agencyRow('LCSO')).toMatchObject({
        contact_name: contact.contactName,
        contact_phone: contact.contactPhone,
        contact_email: contact.contactEmail,
        version: before.version + 1,
      });
      const audit = await t.ownerQuery(
        `SELECT actor_username, changes FROM audit_events WHERE action = 'agency.update' AND record_id = $1`,
        [agencyIds.LCSO],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_username).toBe('lcso.admin');

      const stale = await t.gql(UPDATE_AGENCY, { i: { id: agencyIds.LCSO, version: before.version, contactName: 'Someone Else' } }, admin);
      expectRefused(stale, 'CONFLICT');
      expect((await agencyRow('LCSO')).contact_name).toBe(contact.contactName);
    });

    it('updating another agency is NOT_FOUND (like an agency that does not exist)', async () => {
      const cpd = await agencyRow('CPD');
      const other = await t.gql(UPDATE_AGENCY, { i: { id: cpd.id, version: cpd.version, contactName: 'Hijacked' } }, admin);
      const none = await t.gql(UPDATE_AGENCY, { i: { id: randomUUID(), version: 1, contactName: 'Hijacked' } }, admin);
      expectRefused(other, 'NOT_FOUND');
      expectRefused(none, 'NOT_FOUND');
      expect(other.errors![0].message).toBe(none.errors![0].message);
      expect(await agencyRow('CPD')).toEqual(cpd);
      // the probes are audited as denials, like those on users
      const denied = await t.ownerQuery(
        `SELECT record_id FROM audit_events WHERE action = 'agency.update' AND outcome = 'DENIED' AND actor_username = 'lcso.admin' ORDER BY seq`,
      );
      expect(denied.map((d) => d.record_id)).toEqual([cpd.id, expect.any(String)]);
    });

    it('an agency admin may not change active or the ORI (FORBIDDEN), nor send bad contact data', async () => {
      const before = await agencyRow('LCSO');
      for (const change of [{ active: false }, { active: true }, { ori: 'WY0119999' }]) {
        const r = await t.gql(UPDATE_AGENCY, { i: { id: agencyIds.LCSO, version: before.version, ...change } }, admin);
        expectRefused(r, 'FORBIDDEN');
      }
      const bad = await t.gql(
        UPDATE_AGENCY,
        { i: { id: agencyIds.LCSO, version: before.version, contactEmail: 'nope', contactPhone: 'call me' } },
        admin,
      );
      expectRefused(bad, 'BAD_USER_INPUT');
      expect(bad.errors![0].message).toMatch(/contactPhone must be a phone number/);
      expect(bad.errors![0].message).toMatch(/contactEmail must be a valid e-mail address/);
      expect(await agencyRow('LCSO')).toEqual(before);
      const denied = await t.ownerQuery(
        `SELECT changes FROM audit_events WHERE action = 'agency.update' AND outcome = 'DENIED' AND actor_username = 'lcso.admin' AND record_id = $1`,
        [agencyIds.LCSO],
      );
      expect(denied).toEqual(Array(3).fill({ changes: { reason: 'restricted field' } }));
    });

    it('an investigator cannot update even their own agency', async () => {
      const before = await agencyRow('LCSO');
      const r = await t.gql(
        UPDATE_AGENCY,
        { i: { id: agencyIds.LCSO, version: before.version, contactName: 'Me' } },
        await t.login('lcso.investigator'),
      );
      expectRefused(r, 'FORBIDDEN');
      expect(await agencyRow('LCSO')).toEqual(before);
    });

    it('dci.tfadmin deactivates an agency: its users cannot sign in and their tokens stop working', async () => {
      const tf = await t.login('dci.tfadmin');
      const hsiInvestigator = await t.login('hsi.investigator');
      const signIn = await t.gql(
        graphql(`
          mutation AgenciesUsersLogin($i: LoginInput!) {
            login(input: $i) {
              refreshToken
            }
          }
        `),
        {
          i: { username: 'hsi.admin', password: DEMO_PASSWORD },
        },
      );
      const hsiAdmin = await t.login('hsi.admin');
      expect(
        (
          await t.gql(
            graphql(`
              query AgenciesUsersMe9 {
                me {
                  username
                }
              }
            `),
            {},
            hsiInvestigator,
          )
        ).data!.me.username,
      ).toBe('hsi.investigator');

      const before = await agencyRow('HSI');
      const r = await t.gql(UPDATE_AGENCY, { i: { id: agencyIds.HSI, version: before.version, active: false } }, tf);
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateAgency).toMatchObject({ shortCode: 'HSI', active: false, version: before.version + 1 });

      for (const token of [hsiInvestigator, hsiAdmin]) {
        const me = await t.gql(
          graphql(`
            query AgenciesUsersMe10 {
              me {
                username
              }
              agencies {
                name
              }
            }
          `),
          {},
          token,
        );
        expect(codes(me)).toContain('UNAUTHENTICATED');
        expect(me.data?.me ?? null).toBeNull();
      }
      await expect(t.login('hsi.investigator')).rejects.toThrow(/UNAUTHENTICATED/);
      await expect(t.login('hsi.admin')).rejects.toThrow(/UNAUTHENTICATED/);
      const refresh = await t.gql(
        graphql(`
          mutation AgenciesUsersRefreshSession($i: RefreshInput!) {
            refreshSession(input: $i) {
              accessToken
            }
          }
        `),
        {
          i: { refreshToken: signIn.data!.login.refreshToken },
        },
      );
      expect(codes(refresh)).toEqual(['UNAUTHENTICATED']);

      // still listed (history), marked inactive
      const list = await t.gql(
        graphql(`
          query AgenciesUsersAgencies3 {
            agencies {
              shortCode
              active
            }
          }
        `),
        {},
        await t.login('lcso.investigator'),
      );
      expect(list.data!.agencies).toContainEqual({ shortCode: 'HSI', active: false });
      const audit = await t.ownerQuery(
        `SELECT actor_username, changes FROM audit_events WHERE action = 'agency.update' AND record_id = $1`,
        [agencyIds.HSI],
      );
      expect(audit).toEqual([{ actor_username: 'dci.tfadmin', changes: { active: { from: true, to: false }, sessionsRevoked: 3 } }]);
      const live = await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE agency_id = $1 AND revoked_at IS NULL`, [
        agencyIds.HSI,
      ]);
      expect(live).toEqual([{ n: 0 }]);
      // other agencies are unaffected
      await expect(t.login('lcso.investigator')).resolves.toEqual(expect.any(String));

      // Reactivating lets users sign in again, but the sessions of before stay ended.
      const again = await t.gql(UPDATE_AGENCY, { i: { id: agencyIds.HSI, version: before.version + 1, active: true } }, tf);
      expect(again.errors).toBeUndefined();
      expect(
        codes(
          await t.gql(
            graphql(`
              query AgenciesUsersMe11 {
                me {
                  username
                }
              }
            `),
            {},
            hsiInvestigator,
          ),
        ),
      ).toEqual(['UNAUTHENTICATED']);
      await expect(t.login('hsi.investigator')).resolves.toEqual(expect.any(String));
    });

    it('the task-force admin cannot deactivate their own agency', async () => {
      const before = await agencyRow('DCI');
      const r = await t.gql(
        UPDATE_AGENCY,
        { i: { id: agencyIds.DCI, version: before.version, active: false } },
        await t.login('dci.tfadmin'),
      );
      expectRefused(r, 'BAD_USER_INPUT');
      expect(await agencyRow('DCI')).toEqual(before);
    });
  });

  describe('admins read no case content and no audit trail', () => {
    const personas: [string, string][] = [
      ['lcso.admin', 'AGENCY_ADMIN'],
      ['dci.admin', 'AGENCY_ADMIN'],
      ['dci.tfadmin', 'TASK_FORCE_ADMIN'],
      ['lcso.auditor', 'AUDITOR'],
      ['lcso.investigator', 'INVESTIGATOR'],
      ['lcso.supervisor', 'SUPERVISOR'],
      ['dci.coordinator', 'TASK_FORCE_COORDINATOR'],
      ['safeharbor.advocate', 'VICTIM_ADVOCATE'],
      ['usao.prosecutor', 'PROSECUTOR'],
    ];

    it.each(personas)('%s (%s) holds exactly the permissions of the role map', async (username, role) => {
      const r = await t.gql(
        graphql(`
          query AgenciesUsersMe12 {
            me {
              roles
              permissions
            }
          }
        `),
        {},
        await t.login(username),
      );
      expect(r.data!.me.roles).toEqual([role]);
      expect([...r.data!.me.permissions].sort()).toEqual(EXPECTED_PERMISSIONS[role]);
    });

    it('admins and auditors hold only administrative permissions (no case permission), and admins no AUDIT_*', async () => {
      const enumValues = await t.gql(
        graphql(`
          query AgenciesUsersType {
            __type(name: "Permission") {
              enumValues {
                name
              }
            }
          }
        `),
      );
      const all: string[] = enumValues.data!.__type!.enumValues!.map((v: { name: string }) => v.name);
      expect(all).toEqual(expect.arrayContaining([...ADMINISTRATIVE]));
      for (const [username, isAdmin] of [
        ['lcso.admin', true],
        ['dci.admin', true],
        ['dci.tfadmin', true],
        ['lcso.auditor', false],
        ['dci.auditor', false],
      ] as const) {
        const perms: string[] = (
          await t.gql(
            graphql(`
              query AgenciesUsersMe13 {
                me {
                  permissions
                }
              }
            `),
            {},
            await t.login(username),
          )
        ).data!.me.permissions;
        expect({ username, outside: perms.filter((p) => !ADMINISTRATIVE.has(p)) }).toEqual({ username, outside: [] });
        if (isAdmin) expect({ username, audit: perms.filter((p) => p.startsWith('AUDIT_')) }).toEqual({ username, audit: [] });
      }
    });

    it('lcso.admin (and the task-force admin) get FORBIDDEN on the audit trail; the auditor reads it', async () => {
      for (const username of ['lcso.admin', 'dci.tfadmin']) {
        const token = await t.login(username);
        expectRefused(
          await t.gql(
            graphql(`
              query AgenciesUsersAuditEvents {
                auditEvents(first: 5) {
                  edges {
                    node {
                      action
                    }
                  }
                }
              }
            `),
            {},
            token,
          ),
          'FORBIDDEN',
        );
        expectRefused(
          await t.gql(
            graphql(`
              query AgenciesUsersAuditTrailVerification {
                auditTrailVerification {
                  ok
                }
              }
            `),
            {},
            token,
          ),
          'FORBIDDEN',
        );
      }
      const auditor = await t.gql(
        graphql(`
          query AgenciesUsersAuditEvents2 {
            auditEvents(first: 5) {
              edges {
                node {
                  action
                }
              }
            }
          }
        `),
        {},
        await t.login('lcso.auditor'),
      );
      expect(auditor.errors).toBeUndefined();
      expect(auditor.data!.auditEvents.edges.length).toBeGreaterThan(0);
      const denied = await t.ownerQuery(
        `SELECT actor_username FROM audit_events WHERE action = 'operation.auditEvents' AND outcome = 'DENIED' ORDER BY seq`,
      );
      expect(denied.map((d) => d.actor_username)).toEqual(['lcso.admin', 'dci.tfadmin']);
    });
  });
});
