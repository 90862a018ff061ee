import { describe, expect, it } from 'vitest';
import {
  addDays,
  consentSchema,
  correctionSchema,
  emptyConsentDraft,
  emptyRegisterDraft,
  findSchema,
  localToday,
  purposeSchema,
  registerSchema,
  SERVICE_TRANSITIONS,
  serviceMoveSchema,
  serviceSchema,
  toConsentInput,
  toIdentityChanges,
  toRegisterInput,
  toServiceUpdate,
  validDay,
  victimsSearchSchema,
  victimTabSchema,
} from './schema';

const today = localToday();
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('victims: the URL', () => {
  it('keeps only a known filter and tab, and drops anything else', () => {
    expect(victimsSearchSchema.parse({ keeps: 'mine' })).toEqual({ keeps: 'mine' });
    expect(victimsSearchSchema.parse({ keeps: 'Li Wen Zhao' })).toEqual({ keeps: undefined });
    expect(victimsSearchSchema.parse({ name: 'Li Wen Zhao' })).toEqual({});
    expect(victimTabSchema.parse({ tab: 'consents' })).toEqual({ tab: 'consents' });
    expect(victimTabSchema.parse({ tab: 'identity' })).toEqual({ tab: undefined });
  });
});

describe('victims: registering', () => {
  const valid = {
    ...emptyRegisterDraft(),
    legalName: '  Ana María Ruiz ',
    birthDate: '1990-02-03',
    ageBand: 'AGE_35_49',
    gender: 'FEMALE',
    traffickingType: 'LABOR',
    phone: '   ',
  };

  it('sends trimmed values and nothing for blank or space-only fields (the API refuses blank strings)', () => {
    const input = toRegisterInput(registerSchema.parse(valid));
    expect(input.identity).toEqual({ legalName: 'Ana María Ruiz', birthDate: '1990-02-03' });
    expect(input).not.toHaveProperty('crimeDate');
    expect(input).not.toHaveProperty('identifiedOn');
    expect(input).toMatchObject({
      ageBand: 'AGE_35_49',
      gender: 'FEMALE',
      traffickingType: 'LABOR',
      minorAtExploitation: false,
      riskFactors: [],
      safetyFlags: [],
    });
  });

  it('needs a legal name and the profile, real past dates, an email that is one, and the crime no later than the identification', () => {
    expect(messages(registerSchema.safeParse({ ...emptyRegisterDraft(), legalName: '   ' }))).toMatchObject({
      legalName: 'app.required',
      ageBand: 'app.required',
      gender: 'app.required',
      traffickingType: 'app.required',
    });
    expect(messages(registerSchema.safeParse({ ...valid, birthDate: '1990-02-30' }))).toEqual({ birthDate: 'victims.errors.day' });
    expect(messages(registerSchema.safeParse({ ...valid, birthDate: addDays(today, 2) }))).toEqual({ birthDate: 'victims.errors.future' });
    expect(messages(registerSchema.safeParse({ ...valid, email: 'not-an-email' }))).toEqual({ email: 'victims.errors.email' });
    expect(messages(registerSchema.safeParse({ ...valid, crimeDate: '2025-05-02', identifiedOn: '2025-05-01' }))).toEqual({
      crimeDate: 'victims.errors.crimeAfterIdentified',
    });
    expect(
      registerSchema.safeParse({
        ...valid,
        riskFactors: ['SUBSTANCE_USE'],
        safetyFlags: ['IN_SHELTER'],
        crimeDate: '2025-05-01',
        identifiedOn: '2025-05-01',
      }).success,
    ).toBe(true);
  });
});

describe('victims: finding and the purpose of an identity read', () => {
  it('finds only by a full name and a real birth date', () => {
    expect(messages(findSchema.safeParse({ legalName: 'Ana', birthDate: '1990-02-03' }))).toEqual({ legalName: 'victims.errors.fullName' });
    expect(messages(findSchema.safeParse({ legalName: 'Ana Ruiz', birthDate: '' }))).toEqual({ birthDate: 'victims.errors.day' });
    expect(findSchema.safeParse({ legalName: 'Jesús Marín', birthDate: '1994-06-12' }).success).toBe(true);
  });

  it('asks for a purpose of 3 to 300 characters, spaces not counted', () => {
    expect(purposeSchema.safeParse({ purpose: '  ab  ' }).success).toBe(false);
    expect(purposeSchema.safeParse({ purpose: 'x'.repeat(301) }).success).toBe(false);
    expect(purposeSchema.safeParse({ purpose: 'Safety planning' }).success).toBe(true);
  });
});

describe('victims: correcting the identity', () => {
  const before = { legalName: 'Ana Ruiz', phone: '+1 307 555 0100', email: null, address: 'Shelter' };
  const form = {
    legalName: 'Ana María Ruiz',
    aliases: '',
    birthDate: '',
    languages: '',
    immigrationStatus: '',
    phone: '+1 307 555 0100',
    email: '',
    address: '   ',
    healthNotes: '',
    reason: 'Passport',
  };

  it('sends only what changed; an emptied field is cleared (null); fields not released are never sent', () => {
    expect(toIdentityChanges(before, form, ['legalName', 'phone', 'email', 'address'])).toEqual({
      legalName: 'Ana María Ruiz',
      address: null,
    });
    expect(toIdentityChanges(before, form, ['phone'])).toEqual({});
  });

  it('needs a reason, and keeps the legal name', () => {
    expect(messages(correctionSchema.safeParse({ ...form, reason: '  ' }))).toEqual({ reason: 'app.required' });
    expect(messages(correctionSchema.safeParse({ ...form, legalName: '' }))).toEqual({ legalName: 'app.required' });
  });
});

describe('victims: consents', () => {
  const draft = {
    ...emptyConsentDraft(today),
    recipientAgencyId: 'dci',
    scopes: ['IDENTITY' as const],
    purpose: ' Victim interview ',
    witness: '  ',
  };

  it('defaults to signed today for 180 days, and sends blank optional fields as nothing', () => {
    expect(draft.signedOn).toBe(today);
    expect(draft.expiresOn).toBe(addDays(today, 180));
    const input = toConsentInput('v1', consentSchema.parse(draft));
    expect(input).toEqual({
      victimId: 'v1',
      recipientAgencyId: 'dci',
      scopes: ['IDENTITY'],
      purpose: 'Victim interview',
      signedOn: today,
      expiresOn: addDays(today, 180),
      extendedReason: undefined,
      witness: undefined,
      formReference: undefined,
    });
  });

  it('follows the API: a recipient, a scope, signed not in the future, ending after signing and after today, a year at most unless a reason says why', () => {
    expect(messages(consentSchema.safeParse({ ...draft, recipientAgencyId: '', scopes: [] }))).toEqual({
      recipientAgencyId: 'app.required',
      scopes: 'victims.errors.scopes',
    });
    expect(messages(consentSchema.safeParse({ ...draft, signedOn: addDays(today, 1), expiresOn: addDays(today, 30) }))).toEqual({
      signedOn: 'victims.errors.signedFuture',
    });
    expect(messages(consentSchema.safeParse({ ...draft, signedOn: addDays(today, -30), expiresOn: today }))).toEqual({
      expiresOn: 'victims.errors.alreadyExpired',
    });
    expect(messages(consentSchema.safeParse({ ...draft, expiresOn: addDays(today, 400) }))).toEqual({
      extendedReason: 'victims.errors.extendedReason',
    });
    expect(consentSchema.safeParse({ ...draft, expiresOn: addDays(today, 400), extendedReason: 'Court order for the trial' }).success).toBe(
      true,
    );
    expect(consentSchema.safeParse({ ...draft, expiresOn: addDays(today, 366) }).success).toBe(true);
  });
});

describe('victims: services', () => {
  it('a need names its category and provider', () => {
    expect(messages(serviceSchema.safeParse({ category: '', providerAgencyId: '', detail: '', requestedOn: '' }))).toEqual({
      category: 'app.required',
      providerAgencyId: 'app.required',
    });
  });

  it('moves only along the transitions the API allows, and something must change', () => {
    expect(SERVICE_TRANSITIONS.PROVIDED).toEqual([]);
    const fromProgress = serviceMoveSchema('IN_PROGRESS');
    expect(fromProgress.safeParse({ status: 'PROVIDED', startedOn: '', endedOn: '', outcome: '' }).success).toBe(true);
    expect(messages(fromProgress.safeParse({ status: 'REQUESTED', startedOn: '', endedOn: '', outcome: '' }))).toEqual({
      status: 'victims.errors.transition',
    });
    expect(messages(fromProgress.safeParse({ status: '', startedOn: '', endedOn: '', outcome: ' ' }))).toEqual({
      status: 'victims.errors.nothingToChange',
    });
    expect(messages(fromProgress.safeParse({ status: '', startedOn: '2025-05-02', endedOn: '2025-05-01', outcome: '' }))).toEqual({
      endedOn: 'victims.errors.endBeforeStart',
    });
    expect(toServiceUpdate('s1', 3, { status: 'PROVIDED', startedOn: '', endedOn: '', outcome: '  ' })).toEqual({
      id: 's1',
      version: 3,
      status: 'PROVIDED',
      outcome: undefined,
    });
  });
});

describe('victims: days', () => {
  it('knows a real day from a typo', () => {
    expect(validDay('2024-02-29')).toBe(true);
    expect(validDay('2023-02-29')).toBe(false);
    expect(validDay('2024-2-9')).toBe(false);
  });
});
