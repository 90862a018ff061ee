import { describe, expect, it } from 'vitest';
import { resources } from '../../i18n';
import {
  checkable,
  closeSchema,
  identifierSchema,
  leadSearchSchema,
  newLeadSchema,
  promoteSchema,
  toCreateLeadInput,
  toLeadFilter,
  type NewLeadDraft,
} from './schema';

const UUID = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';
const draft = (over: Partial<NewLeadDraft> = {}): NewLeadDraft => ({
  source: 'HOTLINE',
  receivedAt: '2026-11-02T10:30',
  narrative: 'Ranch hands say the foreman holds their passports.',
  state: 'WY',
  county: ' Laramie ',
  city: '',
  suspectedType: 'LABOR',
  venue: '',
  indicators: ['CONTROLLED_IDENTITY_DOCUMENTS'],
  identifiers: [{ kind: 'PHONE', value: ' (307) 555-0187 ', birthDate: '' }],
  ...over,
});
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
const en = resources.en.translation as unknown as Record<string, unknown>;
const words = (key: string) =>
  key.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), en);

describe('the new-lead form', () => {
  it('accepts a complete lead and sends what the API expects (trimmed, empty places and venue left out)', () => {
    const r = newLeadSchema.safeParse(draft());
    expect(r.success).toBe(true);
    const input = toCreateLeadInput(r.data!);
    expect(input).toEqual({
      source: 'HOTLINE',
      receivedAt: new Date('2026-11-02T10:30').toISOString(),
      narrative: 'Ranch hands say the foreman holds their passports.',
      state: 'WY',
      county: 'Laramie',
      suspectedType: 'LABOR',
      indicators: ['CONTROLLED_IDENTITY_DOCUMENTS'],
      identifiers: [{ kind: 'PHONE', value: '(307) 555-0187' }],
    });
  });

  it('refuses what the API would: no source, an empty or too long narrative, a bad state, long places, a time in the future', () => {
    const r = newLeadSchema.safeParse(
      draft({ source: '', narrative: '   ', state: 'Wyo', county: 'x'.repeat(101), receivedAt: '2999-01-01T00:00' }),
    );
    expect(messages(r)).toEqual({
      source: 'app.required',
      narrative: 'leadForm.errors.narrative',
      state: 'leadForm.errors.state',
      county: 'leadForm.errors.place',
      receivedAt: 'leadForm.errors.future',
    });
    expect(newLeadSchema.safeParse(draft({ narrative: 'x'.repeat(20001) })).success).toBe(false);
    expect(newLeadSchema.safeParse(draft({ receivedAt: '' })).success).toBe(false);
    expect(
      newLeadSchema.safeParse(
        draft({ identifiers: Array.from({ length: 51 }, () => ({ kind: 'PLATE' as const, value: 'WY 2-4471', birthDate: '' })) }),
      ).success,
    ).toBe(false);
  });

  it('every message it can give has words', () => {
    const r = newLeadSchema.safeParse(
      draft({
        source: '',
        narrative: '',
        state: '',
        receivedAt: '',
        identifiers: [
          { kind: 'PERSON', value: 'Cher', birthDate: '' },
          { kind: 'HANDLE', value: 'x' },
        ].map((i) => ({ birthDate: '', ...i })) as NewLeadDraft['identifiers'],
      }),
    );
    for (const m of Object.values(messages(r))) expect(typeof words(m)).toBe('string');
  });
});

describe('identifiers, as the API normalises them', () => {
  const ok = (kind: 'PHONE' | 'ADDRESS' | 'HANDLE' | 'PLATE' | 'PERSON', value: string, birthDate = '') =>
    identifierSchema.safeParse({ kind, value, birthDate }).success;
  it('phones need an area code, or + and a country code', () => {
    for (const p of ['(307) 555-0187', '307.555.0187', '1-307-555-0187', '+1 307 555 0187', '+52 1 55 1234 5678', '0052 55 1234 5678'])
      expect(ok('PHONE', p)).toBe(true);
    for (const p of ['555-0187', 'call me', '+0 123 456 789', '+1234567890123456']) expect(ok('PHONE', p)).toBe(false);
  });
  it('handles without spaces, plates of 2 to 10 letters or digits, addresses with a number', () => {
    expect(ok('HANDLE', '@cheyenne_angels')).toBe(true);
    expect(ok('HANDLE', 'two words')).toBe(false);
    expect(ok('PLATE', 'WY 2-4471')).toBe(true);
    expect(ok('PLATE', '-')).toBe(false);
    expect(ok('ADDRESS', '1910 E Lincolnway, Cheyenne, WY')).toBe(true);
    expect(ok('ADDRESS', 'Main Street')).toBe(false);
  });
  it('a person needs a first and last name and a real date of birth', () => {
    expect(ok('PERSON', 'José A. Ramírez-López', '1988-04-12')).toBe(true);
    expect(ok('PERSON', 'Cher', '1988-04-12')).toBe(false);
    expect(ok('PERSON', 'Dale Rourke', '')).toBe(false);
    expect(ok('PERSON', 'Dale Rourke', '1971-02-31')).toBe(false);
    expect(messages(identifierSchema.safeParse({ kind: 'PERSON', value: 'Dale Rourke', birthDate: '' }))).toEqual({
      birthDate: 'leadForm.errors.birthDate',
    });
  });
  it('only a complete, valid identifier is checked against other agencies while typing', () => {
    expect(checkable({ kind: 'PHONE', value: '(307) 555-01', birthDate: '' })).toBe(false);
    expect(checkable({ kind: 'PHONE', value: '(307) 555-0187', birthDate: '' })).toBe(true);
  });
});

describe('the list filters in the URL', () => {
  it('keeps what it understands and drops the rest instead of failing', () => {
    expect(
      leadSearchSchema.parse({
        status: 'NEW',
        source: 'BOGUS',
        county: 'Laramie',
        type: 'LABOR',
        from: '2026-10-01',
        to: 'yesterday',
        assignee: 'not-a-uuid',
      }),
    ).toEqual({ status: 'NEW', county: 'Laramie', type: 'LABOR', from: '2026-10-01' });
    expect(leadSearchSchema.parse({})).toEqual({});
  });
  it('becomes the API filter; the end day is included whole', () => {
    const f = toLeadFilter({ status: 'TRIAGED', type: 'SEX', from: '2026-10-01', to: '2026-10-31', assignee: UUID });
    expect(f).toMatchObject({ status: ['TRIAGED'], suspectedType: 'SEX', assignedToId: UUID });
    expect(new Date(f.receivedTo!).getTime() - new Date(f.receivedFrom!).getTime()).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(new Date(f.receivedTo!).getTime()).toBe(new Date('2026-11-01T00:00:00').getTime());
  });
});

describe('promoting and closing', () => {
  const promote = {
    title: 'Burns ranch',
    traffickingType: 'LABOR',
    venue: '',
    counties: 'Laramie, Albany',
    meansOfControl: [],
    controlDetail: '',
    summary: '',
    assigneeIds: [UUID],
  };
  it('a case needs a title of 3 to 200 characters and counties of 2 to 60', () => {
    expect(promoteSchema.safeParse(promote).success).toBe(true);
    expect(messages(promoteSchema.safeParse({ ...promote, title: 'ab', counties: 'Laramie, X' }))).toEqual({
      title: 'promote.errors.title',
      counties: 'promote.errors.counties',
    });
  });
  it('closing needs a reason, and a duplicate names the lead it duplicates', () => {
    expect(messages(closeSchema.safeParse({ as: 'UNFOUNDED', reason: 'no', duplicateOfId: '' }))).toEqual({
      reason: 'closeLead.errors.reason',
    });
    expect(messages(closeSchema.safeParse({ as: 'DUPLICATE', reason: 'Same tip as last week', duplicateOfId: '' }))).toEqual({
      duplicateOfId: 'closeLead.errors.duplicateOf',
    });
    expect(closeSchema.safeParse({ as: 'DUPLICATE', reason: 'Same tip as last week', duplicateOfId: UUID }).success).toBe(true);
  });
});
