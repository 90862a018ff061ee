import { describe, expect, it } from 'vitest';
import i18n, { resources } from '../../i18n';
import { caseAbilities, closuresFrom, NEXT_STATUSES } from './access';
import {
  addChargeSchema,
  caseDetailSearch,
  changedFields,
  caseFieldsSchema,
  caseListSearch,
  caseReferralSchema,
  closeCaseSchema,
  emptyCaseFields,
  identifierSchema,
  noteSchema,
  openCaseSchema,
  subjectSchema,
  taskSchema,
  toCaseFieldsInput,
  toIdentifierInput,
  todayUtc,
  updateChargeSchema,
} from './schemas';

/** The messages a parse gives, by field path. */
function problems(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
) {
  const r = schema.safeParse(value);
  return r.success ? {} : Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
}
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const fields = { ...emptyCaseFields(), title: 'Ranch workers' };

describe('case list search (filters in the URL)', () => {
  it('keeps valid filters, turns one status into a list, and drops what the API would refuse', () => {
    expect(
      caseListSearch.parse({
        status: 'OPEN',
        type: 'LABOR',
        county: ' Laramie ',
        scope: 'shared',
        assignee: '9504f1a2-8a16-43a4-af54-6e2a309bdc76',
      }),
    ).toEqual({ status: ['OPEN'], type: 'LABOR', county: 'Laramie', scope: 'shared', assignee: '9504f1a2-8a16-43a4-af54-6e2a309bdc76' });
    expect(caseListSearch.parse({ status: ['OPEN', 'CHARGED'] }).status).toEqual(['OPEN', 'CHARGED']);
    expect(
      caseListSearch.parse({ status: ['OPEN', 'BOGUS'], type: 'X', county: 'x'.repeat(61), scope: 'mine', assignee: 'not-a-uuid' }),
    ).toEqual({});
    expect(caseListSearch.parse({})).toEqual({});
  });

  it('a case opens on a known tab only', () => {
    expect(caseDetailSearch.parse({ tab: 'charges' })).toEqual({ tab: 'charges' });
    expect(caseDetailSearch.parse({ tab: 'secrets' })).toEqual({});
  });
});

describe('opening and editing a case (CaseFieldsInput, OpenCaseInput)', () => {
  it('title 3 to 200 characters, at most 23 counties of 2 to 60, kept once each', () => {
    expect(problems(caseFieldsSchema, { ...fields, title: 'ab' })).toEqual({ title: 'cases.v.title' });
    expect(problems(caseFieldsSchema, { ...fields, title: 'x'.repeat(201) })).toEqual({ title: 'cases.v.title' });
    expect(problems(caseFieldsSchema, { ...fields, counties: ['L'] })).toEqual({ 'counties.0': 'cases.v.county' });
    expect(problems(caseFieldsSchema, { ...fields, counties: Array.from({ length: 24 }, (_, i) => `County ${i}`) })).toEqual({
      counties: 'cases.v.counties',
    });
    expect(caseFieldsSchema.parse({ ...fields, counties: [' Laramie', 'Laramie '] }).counties).toEqual(['Laramie']);
    expect(problems(caseFieldsSchema, { ...fields, meansOfControl: ['FORCE', 'FORCE'] })).toEqual({ meansOfControl: 'cases.v.unique' });
    expect(problems(caseFieldsSchema, { ...fields, summary: 'x'.repeat(20001), controlDetail: 'x'.repeat(5001) })).toEqual({
      summary: 'cases.v.tooLong',
      controlDetail: 'cases.v.tooLong',
    });
  });

  it('empty texts and venue go to the API as none', () => {
    expect(toCaseFieldsInput(caseFieldsSchema.parse({ ...fields, summary: '  ', venue: '' }))).toMatchObject({
      summary: null,
      venue: null,
      controlDetail: null,
      title: 'Ranch workers',
    });
  });

  it('the state is two capital letters; identifiers at most 50', () => {
    const open = { ...fields, state: 'WY', assignToMe: true, identifiers: [] };
    expect(openCaseSchema.safeParse(open).success).toBe(true);
    expect(problems(openCaseSchema, { ...open, state: 'wy' })).toEqual({ state: 'cases.v.state' });
    expect(
      problems(openCaseSchema, {
        ...open,
        identifiers: Array.from({ length: 51 }, () => ({ kind: 'HANDLE', value: '@crew', birthDate: '' })),
      }),
    ).toEqual({ identifiers: 'cases.v.identifiers' });
  });

  it('an edit sends only the fields that changed', () => {
    expect(changedFields(fields, { ...fields, summary: 'New', counties: ['Laramie'] })).toEqual(['summary', 'counties']);
    expect(changedFields(fields, { ...fields })).toEqual([]);
  });
});

describe("identifiers (the API's normalisation)", () => {
  const ok = (kind: string, value: string, birthDate = '') => identifierSchema.safeParse({ kind, value, birthDate }).success;
  it('accepts what the API can deconflict', () => {
    expect(ok('PHONE', '(307) 555-0142')).toBe(true);
    expect(ok('PHONE', '+52 1 55 1234 5678')).toBe(true);
    expect(ok('ADDRESS', '1910 East Lincolnway, Cheyenne')).toBe(true);
    expect(ok('HANDLE', '@travel_earn_crew')).toBe(true);
    expect(ok('PLATE', 'WY 2-9135')).toBe(true);
    expect(ok('PERSON', 'José A. Ramírez-López', '1988-04-12')).toBe(true);
  });
  it('refuses what the API would, with a message that says why', () => {
    expect(problems(identifierSchema, { kind: 'PHONE', value: '555-0142', birthDate: '' })).toEqual({ value: 'cases.v.phone' });
    expect(problems(identifierSchema, { kind: 'ADDRESS', value: 'Main Street', birthDate: '' })).toEqual({ value: 'cases.v.address' });
    expect(problems(identifierSchema, { kind: 'HANDLE', value: 'two words', birthDate: '' })).toEqual({ value: 'cases.v.handle' });
    expect(problems(identifierSchema, { kind: 'PLATE', value: '--', birthDate: '' })).toEqual({ value: 'cases.v.plate' });
    expect(problems(identifierSchema, { kind: 'PERSON', value: 'Cher', birthDate: '1988-04-12' })).toEqual({ value: 'cases.v.person' });
    expect(problems(identifierSchema, { kind: 'PERSON', value: 'Dale Rourke', birthDate: '' })).toEqual({ birthDate: 'cases.v.birthDate' });
    expect(problems(identifierSchema, { kind: 'PERSON', value: 'Dale Rourke', birthDate: '1971-02-30' })).toEqual({
      birthDate: 'cases.v.birthDate',
    });
    expect(problems(identifierSchema, { kind: 'PHONE', value: 'x', birthDate: '' })).toEqual({ value: 'cases.v.identifierLength' });
  });
  it('a birth date goes to the API only for a person', () => {
    expect(toIdentifierInput({ kind: 'PHONE', value: ' 307-555-0187 ', birthDate: '1971-03-09' })).toEqual({
      kind: 'PHONE',
      value: '307-555-0187',
    });
    expect(toIdentifierInput({ kind: 'PERSON', value: 'Dale Rourke', birthDate: '1971-03-09' })).toEqual({
      kind: 'PERSON',
      value: 'Dale Rourke',
      birthDate: '1971-03-09',
    });
  });
});

describe('subjects, charges, notes, tasks, closure, referrals', () => {
  it('a subject needs a name of at most 200 characters', () => {
    const s = {
      displayName: 'Dale Rourke (foreman)',
      role: 'TRAFFICKER',
      status: 'ARRESTED',
      description: '',
      identifiers: [{ kind: 'PHONE', value: '(307) 555-0187', birthDate: '' }],
    };
    expect(subjectSchema.safeParse(s).success).toBe(true);
    expect(problems(subjectSchema, { ...s, displayName: ' ' })).toEqual({ displayName: 'app.required' });
    expect(problems(subjectSchema, { ...s, identifiers: [{ kind: 'PHONE', value: '12', birthDate: '' }] })).toEqual({
      'identifiers.0.value': 'cases.v.phone',
    });
  });

  it('a charge: a statute, 1 to 500 counts, not filed in the future', () => {
    const c = { subjectId: 's1', statuteCode: 'US-18-1589', counts: 6, filedOn: '2026-11-10' };
    expect(addChargeSchema.safeParse(c).success).toBe(true);
    expect(problems(addChargeSchema, { ...c, statuteCode: '' })).toEqual({ statuteCode: 'app.required' });
    expect(problems(addChargeSchema, { ...c, counts: 0 })).toEqual({ counts: 'cases.v.counts' });
    expect(problems(addChargeSchema, { ...c, counts: Number.NaN })).toEqual({ counts: 'cases.v.counts' });
    expect(problems(addChargeSchema, { ...c, counts: 1.5 })).toEqual({ counts: 'cases.v.counts' });
    expect(problems(addChargeSchema, { ...c, filedOn: tomorrow() })).toEqual({ filedOn: 'cases.v.future' });
    expect(problems(addChargeSchema, { ...c, filedOn: '2026-13-01' })).toEqual({ filedOn: 'cases.v.day' });
  });

  it('a disposition needs its date, a sentence a conviction or plea, and no disposition before the filing', () => {
    const u = { filedOn: '2026-11-10', disposition: 'PENDING', dispositionOn: '', sentence: '' };
    expect(updateChargeSchema.safeParse(u).success).toBe(true);
    expect(problems(updateChargeSchema, { ...u, disposition: 'PLEA' })).toEqual({ dispositionOn: 'cases.v.dispositionOn' });
    expect(problems(updateChargeSchema, { ...u, disposition: 'DISMISSED', dispositionOn: todayUtc(), sentence: '5 years' })).toEqual({
      sentence: 'cases.v.sentence',
    });
    expect(problems(updateChargeSchema, { ...u, disposition: 'CONVICTED', dispositionOn: '2026-11-01' })).toEqual({
      dispositionOn: 'cases.v.beforeFiled',
    });
    expect(problems(updateChargeSchema, { ...u, disposition: 'CONVICTED', dispositionOn: tomorrow() })).toEqual({
      dispositionOn: 'cases.v.future',
    });
    expect(updateChargeSchema.safeParse({ ...u, disposition: 'PLEA', dispositionOn: todayUtc(), sentence: '36 months' }).success).toBe(
      true,
    );
  });

  it("notes, tasks, closure and referrals keep the API's lengths", () => {
    expect(problems(noteSchema, { body: '   ' })).toEqual({ body: 'app.required' });
    expect(problems(taskSchema, { title: 'x'.repeat(301), assigneeId: '', dueOn: '' })).toEqual({ title: 'cases.v.tooLong' });
    expect(taskSchema.safeParse({ title: 'Payroll records', assigneeId: '', dueOn: tomorrow() }).success).toBe(true);
    expect(problems(closeCaseSchema, { as: 'UNFOUNDED', reason: 'no' })).toEqual({ reason: 'cases.v.reason' });
    expect(problems(caseReferralSchema, { toAgencyId: '', access: 'READ', urgency: 'ROUTINE', reason: 'Federal prosecution' })).toEqual({
      toAgencyId: 'app.required',
    });
  });

  it('every message is a key with words in both languages', () => {
    const en = resources.en.translation.cases.v;
    const es = resources.es.translation.cases.v;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    expect(i18n.t('cases.v.dispositionOn')).toBe('A disposition needs its date.');
  });
});

describe('which controls a case shows (the API decides; the console hides what it would refuse)', () => {
  const perms =
    (...p: string[]) =>
    (x: string) =>
      p.includes(x);
  const investigator = perms('CASE_READ', 'CASE_WRITE', 'CASE_NOTE', 'CHARGE_WRITE', 'REFERRAL_SEND', 'DECONFLICTION');
  const prosecutor = perms('CASE_READ', 'CASE_NOTE', 'CHARGE_WRITE');
  it('the lead agency edits, shares and refers; a supervisor closes', () => {
    expect(caseAbilities({ myAccess: 'LEAD', status: 'ACTIVE' }, investigator)).toEqual({
      edit: true,
      revoke: true,
      close: false,
      work: true,
      charge: true,
      note: true,
      refer: true,
      deconflict: true,
    });
    expect(caseAbilities({ myAccess: 'LEAD', status: 'ACTIVE' }, perms('CASE_WRITE', 'CASE_CLOSE')).close).toBe(true);
  });
  it('a contributor works the case but does not edit or share it; a reader changes nothing', () => {
    expect(caseAbilities({ myAccess: 'CONTRIBUTE', status: 'ACTIVE' }, investigator)).toMatchObject({
      edit: false,
      revoke: false,
      refer: false,
      work: true,
      charge: true,
      note: true,
    });
    expect(caseAbilities({ myAccess: 'READ', status: 'ACTIVE' }, investigator)).toMatchObject({
      edit: false,
      revoke: false,
      close: false,
      work: false,
      charge: false,
      note: false,
      refer: false,
    });
  });
  it('a prosecutor on a CONTRIBUTE share records charges and notes only', () => {
    expect(caseAbilities({ myAccess: 'CONTRIBUTE', status: 'REFERRED_FOR_PROSECUTION' }, prosecutor)).toEqual({
      edit: false,
      revoke: false,
      close: false,
      work: false,
      charge: true,
      note: true,
      refer: false,
      deconflict: false,
    });
  });
  it('a closed case is read-only: no control at all', () => {
    expect(
      caseAbilities(
        { myAccess: 'LEAD', status: 'CLOSED' },
        perms('CASE_WRITE', 'CASE_CLOSE', 'CASE_NOTE', 'CHARGE_WRITE', 'REFERRAL_SEND'),
      ),
    ).toMatchObject({ edit: false, close: false, work: false, charge: false, refer: false, note: false, revoke: false });
  });
  it('status moves and closures follow the API', () => {
    expect(NEXT_STATUSES.REFERRED_FOR_PROSECUTION).toEqual(['CHARGED', 'ACTIVE']);
    expect(NEXT_STATUSES.ADJUDICATED).toEqual([]);
    expect(closuresFrom('ACTIVE')).toEqual(['UNFOUNDED', 'INSUFFICIENT_EVIDENCE']);
    expect(closuresFrom('ADJUDICATED')).toContain('RESOLVED');
  });
});
