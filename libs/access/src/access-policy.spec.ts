import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const BUILT_POLICY = join(ROOT, 'dist/libs/access/src/access-policy.service.js');

interface Principal {
  userId: string;
  agencyId: string;
  taskForceId: string;
  roles: string[];
  sessionId: string;
  username: string;
  displayName: string;
  mfaSatisfied: boolean;
  mfaEnabled: boolean;
}

function principal(roles: string[], over: Partial<Principal> = {}): Principal {
  return {
    userId: 'u-1',
    agencyId: 'agency-a',
    taskForceId: 'tf-1',
    roles,
    sessionId: 's-1',
    username: 'someone',
    displayName: 'Someone',
    mfaSatisfied: true,
    mfaEnabled: true,
    ...over,
  };
}

/** What one call of a policy method did: returned (with its value) or refused (code, message, denial). */
interface Answer {
  returned?: unknown;
  code?: string;
  message?: string;
  denial?: { action?: string; recordType?: string; recordId?: string; reason?: string };
}

/**
 * Asks the built policy (the code the server runs; `npx nest build` first, as for every suite):
 * NestJS 12 is ES modules, which jest's module loader cannot require, so the calls run in a plain
 * Node process and come back as data. Every assertion is made here.
 */
type Call = [method: string, ...args: unknown[]];

function ask(calls: Call[]): Answer[] {
  const driver = `
    const { AccessPolicy } = require(${JSON.stringify(BUILT_POLICY)});
    const policy = new AccessPolicy();
    const calls = JSON.parse(process.argv[1]);
    const out = calls.map(([method, ...args]) => {
      try { const r = policy[method](...args) ?? null; return { returned: r instanceof Error ? { code: r.code, message: r.message } : r }; }
      catch (e) { return { code: e.code, message: e.message, denial: e.denial }; }
    });
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', driver, JSON.stringify(calls)], { encoding: 'utf8' })) as Answer[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sources(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('who decides: FORBIDDEN comes from the access policy only', () => {
  // Building a refusal anywhere else means a service decided a permission itself.
  const FORBIDDEN_BUILT = /Errors\.forbidden\(|new AppError\(\s*ErrorCode\.FORBIDDEN|ForbiddenException/;
  // The access lib owns the refusals; the factory itself is defined in core's error vocabulary.
  const ALLOWED = (file: string) => file.startsWith('libs/access/') || file === 'libs/core/src/errors/app-error.ts';

  it('no source outside libs/access builds a FORBIDDEN (the policy throws it; services and the guard ask)', () => {
    const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps/api/src'))].map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => !ALLOWED(f)).filter((f) => FORBIDDEN_BUILT.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the policy itself does build them (the scan would notice if the pattern stopped matching)', () => {
    expect(FORBIDDEN_BUILT.test(readFileSync(join(__dirname, 'access-policy.service.ts'), 'utf8'))).toBe(true);
  });

  it('no caller can skip a check: no optional "checked" flag on the case lock', () => {
    const cases = readFileSync(join(ROOT, 'libs/cases/src/cases.service.ts'), 'utf8');
    expect(cases).not.toMatch(/checked\s*=\s*false/);
  });
});

const sup = principal(['SUPERVISOR']);
const noMfa = principal(['SUPERVISOR'], { mfaSatisfied: false });
const admin = principal(['AGENCY_ADMIN']);
const tfAdmin = principal(['TASK_FORCE_ADMIN']);
const about = { from: { name: 'Safe Harbor' }, to: { name: 'DCI', shortCode: 'DCI' }, victimCode: 'V-2026-0001', victimId: 'v-1' };

/** The calls each test below asserts on (answers[i] for PLAN[i]), in the order of the tests. */
const PLAN: Call[][] = [
  [
    ['operationRefusal', sup, undefined],
    ['operationRefusal', sup, 'CASE_CLOSE'],
    ['operationRefusal', sup, 'AUDIT_READ'],
    ['operationRefusal', noMfa, 'CASE_READ'],
    ['operationRefusal', noMfa, 'SELF'],
  ],
  [
    ['has', principal(['INVESTIGATOR']), 'CASE_WRITE'],
    ['has', principal(['INVESTIGATOR'], { userId: 'u-2' }), 'CASE_WRITE'],
    ['has', principal(['INVESTIGATOR']), 'CASE_CLOSE'],
    ['has', principal(['INVESTIGATOR', 'SUPERVISOR']), 'CASE_CLOSE'],
    ['has', principal(['INVESTIGATOR']), 'CASE_CLOSE'],
  ],
  [
    ['operationDenied', 'MFA enrolment required'],
    ['operationDenied', 'missing permission CASE_READ'],
  ],
  [
    ['assertCanUpdateAgency', admin, 'agency-a', false],
    ['assertCanUpdateAgency', admin, 'agency-b', false],
    ['assertCanUpdateAgency', admin, 'agency-b', true],
    ['assertCanUpdateAgency', admin, 'agency-a', true],
    ['assertCanUpdateAgency', principal(['TASK_FORCE_ADMIN']), 'agency-b', true],
  ],
  [
    ['assertCanGrantRoles', admin, ['INVESTIGATOR', 'AUDITOR']],
    ['assertCanGrantRoles', admin, ['INVESTIGATOR', 'TASK_FORCE_ADMIN']],
    ['assertCanGrantRoles', admin, ['TASK_FORCE_COORDINATOR']],
    ['assertCanGrantRoles', tfAdmin, ['TASK_FORCE_ADMIN', 'TASK_FORCE_COORDINATOR']],
  ],
  [
    ['assertCaseStanding', null, 'READ', 'c-1', 'x'],
    ['assertCaseStanding', 'READ', 'CONTRIBUTE', 'c-1', 'x'],
    ['assertCaseStanding', 'LEAD', 'CONTRIBUTE', 'c-1', 'x'],
    ['assertCanCloseCase', principal(['SUPERVISOR']), 'LEAD', 'c-1', 'case.close'],
    ['assertCanCloseCase', principal(['INVESTIGATOR']), 'LEAD', 'c-1', 'case.close'],
    ['assertCanCloseCase', principal(['SUPERVISOR']), 'CONTRIBUTE', 'c-1', 'case.close'],
  ],
  [
    ['assertTaskOfOwnAgency', principal(['INVESTIGATOR']), 'agency-a', 't-1'],
    ['assertTaskOfOwnAgency', principal(['INVESTIGATOR']), 'agency-b', 't-1'],
  ],
  [
    ['assertCanEditIdentity', principal(['VICTIM_ADVOCATE']), 'agency-a', 'v-1'],
    ['assertCanEditIdentity', principal(['SUPERVISOR']), 'agency-a', 'v-1'],
    ['assertCanEditIdentity', principal(['INVESTIGATOR']), 'agency-a', 'v-1'],
    ['assertCanEditIdentity', principal(['VICTIM_ADVOCATE']), 'agency-b', 'v-1'],
  ],
  [
    ['assertServiceProvider', principal(['VICTIM_ADVOCATE']), 'agency-a', 's-1'],
    ['assertServiceProvider', principal(['VICTIM_ADVOCATE']), 'agency-b', 's-1'],
  ],
  [
    [
      'assertVictimReferralAllowed',
      { fromVictimServiceProvider: false, disclosesIdentity: true, consents: [{ scopes: ['IDENTITY'], state: 'EXPIRED' }] },
      about,
    ],
    ['assertVictimReferralAllowed', { fromVictimServiceProvider: true, disclosesIdentity: false, consents: [] }, about],
    ['assertVictimReferralAllowed', { fromVictimServiceProvider: false, disclosesIdentity: false, consents: [] }, about],
  ],
];

describe('AccessPolicy (unit, the built policy)', () => {
  // One Node process answers every call of the plan (loading the built server's modules takes seconds).
  let answers: Answer[][];
  beforeAll(() => {
    if (!existsSync(BUILT_POLICY)) throw new Error('Build first: npx nest build');
    const flat = ask(PLAN.flat());
    let at = 0;
    answers = PLAN.map((calls) => flat.slice(at, (at += calls.length)));
  });

  it('operations and fields: refuses what declares nothing, anything but SELF before MFA, and what the roles lack', () => {
    expect(answers[0].map((a) => a.returned)).toEqual([
      'operation declares no permission',
      null,
      'missing permission AUDIT_READ',
      'MFA enrolment required',
      null,
    ]);
  });

  it('answers the same for the same roles however often it is asked (the per-roles cache)', () => {
    expect(answers[1].map((a) => a.returned)).toEqual([true, true, false, true, false]);
  });

  it('the refusal the guard throws says why: the MFA message, or the role message', () => {
    const [mfa, role] = answers[2].map((a) => a.returned as { code: string; message: string });
    expect(mfa.message).toMatch(/multi-factor authentication/);
    expect(role).toMatchObject({ code: 'FORBIDDEN', message: 'Your role does not allow this operation.' });
  });

  it('an agency admin changes only their own agency, and never its ORI or active flag; the task-force admin any', () => {
    const [own, other, otherRestricted, restricted, tfAdmin] = answers[3];
    expect(own).toEqual({ returned: null });
    expect(other.code).toBe('NOT_FOUND');
    // Another agency is not revealed even when the restricted fields are asked for.
    expect(otherRestricted.code).toBe('NOT_FOUND');
    expect(restricted).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only a task-force admin may change an agency's ORI or active flag.",
      denial: { action: 'agency.update', recordId: 'agency-a', reason: 'restricted field' },
    });
    expect(tfAdmin).toEqual({ returned: null });
  });

  it('task-force roles are granted by the task-force admin only', () => {
    const grants = answers[4];
    expect(grants[0]).toEqual({ returned: null });
    for (const refused of [grants[1], grants[2]]) {
      expect(refused).toMatchObject({ code: 'FORBIDDEN', denial: { action: 'user.grant_role', reason: 'task-force role' } });
    }
    expect(grants[3]).toEqual({ returned: null });
  });

  it("cases: no standing is NOT_FOUND, too little is FORBIDDEN naming what is needed; closing is a lead supervisor's", () => {
    const [none, tooLittle, enough, close, notSupervisor, notLead] = answers[5];
    expect(none.code).toBe('NOT_FOUND');
    expect(tooLittle).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the lead agency or a contributing participant may do this on this case; your agency has READ access.',
    });
    expect([enough, close]).toEqual([{ returned: null }, { returned: null }]);
    expect(notSupervisor).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a supervisor of the lead agency may close a case.',
      denial: { reason: 'closure needs SUPERVISOR' },
    });
    expect(notLead.code).toBe('FORBIDDEN');
  });

  it('a task is changed by the agency that created it', () => {
    const [own, other] = answers[6];
    expect(own).toEqual({ returned: null });
    expect(other).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the agency that created a task may change it.',
      denial: { action: 'case_task.update', recordType: 'case_task', recordId: 't-1', reason: 'task of another agency' },
    });
  });

  it("an identity is corrected by the custodial agency's advocates and supervisors only", () => {
    const [advocate, supervisor, investigator, elsewhere] = answers[7];
    expect([advocate, supervisor]).toEqual([{ returned: null }, { returned: null }]);
    expect(investigator).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only the custodial agency's victim advocates and supervisors correct an identity.",
      denial: { action: 'victim.identity.update', recordId: 'v-1', reason: 'needs VICTIM_ADVOCATE or SUPERVISOR' },
    });
    expect(elsewhere).toMatchObject({ code: 'FORBIDDEN', denial: { reason: 'not the custodial agency' } });
  });

  it("a service's notes are the provider's", () => {
    const [provider, other] = answers[8];
    expect(provider).toEqual({ returned: null });
    expect(other).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Service notes are kept by the provider agency only.',
      denial: { action: 'service_note.add', recordType: 'service', recordId: 's-1', reason: 'not the provider' },
    });
  });

  it('a victim referral that needs a consent says which, and what became of it', () => {
    const [identity, provider, police] = answers[9];
    expect(identity).toMatchObject({
      code: 'FORBIDDEN',
      message:
        "Sharing V-2026-0001's identity with DCI needs a live IDENTITY consent to DCI, and it has expired. Record the signed release first, or refer without the identity.",
      denial: { action: 'referral.send', recordType: 'victim', recordId: 'v-1', reason: 'no live IDENTITY consent to DCI' },
    });
    expect(provider).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(
        'Safe Harbor is a victim-service provider: referring V-2026-0001 to DCI needs a live consent naming DCI',
      ) as string,
      denial: { reason: 'victim-service provider: no live consent to DCI' },
    });
    expect(police).toEqual({ returned: null });
  });
});
