import { describe, expect, it } from 'vitest';
import {
  deadlinesSearchSchema,
  EMPTY_LEGAL_MATTER,
  legalMatterSchema,
  markMetSchema,
  overdueFirst,
  toDeadlinesFilter,
  toLegalMatterForm,
  toRecordInput,
  toUpdateInput,
  type LegalMatterFacts,
} from './schema';

const TODAY = '2026-12-01';
const VICTIM = '1567852e-1520-4f32-87d5-73161bab7bf9';
const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path[0], i.message]) ?? [];

describe('the deadlines list', () => {
  it("the URL says mine or my agency's, open or met", () => {
    expect(deadlinesSearchSchema.parse({})).toEqual({ scope: 'mine', show: 'open' });
    expect(deadlinesSearchSchema.parse({ scope: 'everyone', show: 'all' })).toEqual({ scope: 'mine', show: 'open' });
    expect(toDeadlinesFilter({ scope: 'mine', show: 'open' })).toEqual({ mine: true, status: ['OPEN', 'OVERDUE'] });
    expect(toDeadlinesFilter({ scope: 'agency', show: 'met' })).toEqual({ status: ['MET'] });
  });
  it('puts the overdue first, then the soonest', () => {
    const rows = [
      { status: 'OPEN', dueOn: '2026-12-06' },
      { status: 'OVERDUE', dueOn: '2026-11-26' },
      { status: 'OPEN', dueOn: '2026-12-02' },
      { status: 'OVERDUE', dueOn: '2026-11-30' },
    ];
    expect(overdueFirst(rows).map((r) => r.dueOn)).toEqual(['2026-11-26', '2026-11-30', '2026-12-02', '2026-12-06']);
  });
});

describe('marking a deadline met', () => {
  const schema = markMetSchema(TODAY);
  it('needs what was done, and a day not after today', () => {
    expect(schema.parse({ metOn: TODAY, note: '  Claim filed on paper.  ' })).toEqual({ metOn: TODAY, note: 'Claim filed on paper.' });
    expect(issues(schema.safeParse({ metOn: '2026-12-02', note: '   ' }))).toEqual([
      ['metOn', 'deadlines.notFuture'],
      ['note', 'deadlines.noteRequired'],
    ]);
    expect(issues(schema.safeParse({ metOn: '', note: 'x'.repeat(1001) }))).toEqual([
      ['metOn', 'deadlines.dayRequired'],
      ['note', 'deadlines.noteTooLong'],
    ]);
  });
});

describe('legal matters', () => {
  const schema = legalMatterSchema(TODAY);
  const form = (v: Partial<typeof EMPTY_LEGAL_MATTER>) => ({ ...EMPTY_LEGAL_MATTER, ...v });
  it('needs a kind', () => {
    expect(issues(schema.safeParse(form({})))).toEqual([['kind', 'legal.errors.kind']]);
  });
  it('Continued Presence: the grant date, not in the future; a renewal not before it; 1 to 60 months', () => {
    expect(issues(schema.safeParse(form({ kind: 'CONTINUED_PRESENCE' })))).toEqual([['grantedOn', 'legal.errors.grantedOn']]);
    expect(issues(schema.safeParse(form({ kind: 'CONTINUED_PRESENCE', grantedOn: '2027-01-01' })))).toEqual([
      ['grantedOn', 'deadlines.notFuture'],
    ]);
    expect(
      issues(
        schema.safeParse(
          form({ kind: 'CONTINUED_PRESENCE', grantedOn: '2026-08-23', renewalRequestedOn: '2026-08-01', lengthMonths: '61' }),
        ),
      ),
    ).toEqual([
      ['lengthMonths', 'legal.errors.lengthMonths'],
      ['renewalRequestedOn', 'legal.errors.renewalBefore'],
    ]);
    expect(schema.safeParse(form({ kind: 'CONTINUED_PRESENCE', grantedOn: '2026-08-23', lengthMonths: '24' })).success).toBe(true);
  });
  it('a T/U-visa request: the agency asked and the day; an answer has both its day and what it was', () => {
    expect(issues(schema.safeParse(form({ kind: 'T_VISA_DECLARATION', certifyingAgency: '  ' })))).toEqual([
      ['certifyingAgency', 'legal.errors.certifyingAgency'],
      ['requestedOn', 'legal.errors.requestedOn'],
    ]);
    expect(
      issues(
        schema.safeParse(
          form({ kind: 'U_VISA_CERTIFICATION', certifyingAgency: 'CPD', requestedOn: '2026-11-24', decidedOn: '2026-11-30' }),
        ),
      ),
    ).toEqual([['outcome', 'legal.errors.answerBoth']]);
    expect(
      issues(
        schema.safeParse(
          form({
            kind: 'T_VISA_DECLARATION',
            certifyingAgency: 'HSI',
            requestedOn: '2026-08-28',
            decidedOn: '2026-08-01',
            outcome: 'SIGNED',
          }),
        ),
      ),
    ).toEqual([['decidedOn', 'legal.errors.answerBefore']]);
  });
  it('a court date: the day (the future is fine) and what the hearing is', () => {
    expect(issues(schema.safeParse(form({ kind: 'COURT_DATE', description: '   ' })))).toEqual([
      ['eventOn', 'legal.errors.eventOn'],
      ['description', 'legal.errors.description'],
    ]);
    expect(schema.safeParse(form({ kind: 'COURT_DATE', eventOn: '2027-02-10', description: 'Sentencing' })).success).toBe(true);
  });
  it('records only what the kind takes, blanks left out, the usual 24 months', () => {
    expect(
      toRecordInput(
        VICTIM,
        form({ kind: 'COURT_DATE', eventOn: '2027-02-10', description: ' Sentencing hearing ', certifyingAgency: 'ignored' }),
      ),
    ).toEqual({ victimId: VICTIM, kind: 'COURT_DATE', eventOn: '2027-02-10', description: 'Sentencing hearing' });
    expect(toRecordInput(VICTIM, form({ kind: 'CONTINUED_PRESENCE', grantedOn: '2026-08-23', description: '   ' }))).toEqual({
      victimId: VICTIM,
      kind: 'CONTINUED_PRESENCE',
      grantedOn: '2026-08-23',
      lengthMonths: 24,
    });
  });
  it('changes only what differs, a cleared field as null, nothing when nothing changed', () => {
    const before: LegalMatterFacts = {
      id: 'm1',
      version: 3,
      kind: 'T_VISA_DECLARATION',
      certifyingAgency: 'HSI Casper',
      requestedOn: '2026-08-28',
      decidedOn: null,
      outcome: null,
      description: 'Asked twice',
    };
    const same = toLegalMatterForm(before);
    expect(toUpdateInput(before, same)).toBeNull();
    expect(toUpdateInput(before, { ...same, decidedOn: '2026-11-30', outcome: 'SIGNED', description: '  ' })).toEqual({
      id: 'm1',
      version: 3,
      decidedOn: '2026-11-30',
      outcome: 'SIGNED',
      description: null,
    });
  });
});
