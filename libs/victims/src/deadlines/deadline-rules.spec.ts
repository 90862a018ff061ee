import { addDays, addMonths, computeDeadlines, DeadlineRule, LegalMatterKind, VictimFacts } from './deadline-rules';

const base: VictimFacts = { minorAtExploitation: false, sexTrafficking: false, crimeDate: null, identifiedOn: '2026-03-01', matters: [] };
const matter = (over: Partial<VictimFacts['matters'][number]>) => ({
  id: 'm1',
  kind: LegalMatterKind.COURT_DATE,
  description: null,
  certifyingAgency: null,
  requestedOn: null,
  decidedOn: null,
  grantedOn: null,
  lengthMonths: null,
  renewalRequestedOn: null,
  eventOn: null,
  ...over,
});

describe('deadline rules (unit)', () => {
  it('calendar arithmetic keeps to the end of shorter months and across leap days', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-15', 24)).toBe('2028-11-15');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('no facts, no deadlines', () => expect(computeDeadlines(base)).toEqual([]));

  it('compensation claim: one year from the crime, reminded 60 days before', () => {
    expect(computeDeadlines({ ...base, crimeDate: '2026-02-10' })).toEqual([
      expect.objectContaining({ rule: DeadlineRule.CVC_CLAIM, dueOn: '2027-02-10', remindOn: '2026-12-12', factsMetOn: null }),
    ]);
  });

  it('a minor sex-trafficking victim: DFS referral the next day; a minor labor victim gets none', () => {
    expect(computeDeadlines({ ...base, minorAtExploitation: true, sexTrafficking: true }).map((d) => [d.rule, d.dueOn])).toEqual([
      [DeadlineRule.DFS_REFERRAL, '2026-03-02'],
    ]);
    expect(computeDeadlines({ ...base, minorAtExploitation: true, sexTrafficking: false })).toEqual([]);
  });

  it('civil-action window: the 21st birthday for a minor; none once it closed before identification; none without a birth date', () => {
    expect(computeDeadlines({ ...base, minorAtExploitation: true, birthDate: '2010-07-04' }).map((d) => [d.rule, d.dueOn])).toEqual([
      [DeadlineRule.CIVIL_ACTION_WINDOW, '2031-07-04'],
    ]);
    expect(computeDeadlines({ ...base, minorAtExploitation: true, birthDate: '1990-07-04' })).toEqual([]);
    expect(computeDeadlines({ ...base, minorAtExploitation: true, birthDate: null })).toEqual([]);
    expect(computeDeadlines({ ...base, minorAtExploitation: false, birthDate: '2010-07-04' })).toEqual([]);
  });

  it('Continued Presence: expiry after the months granted, renewal 90 days ahead; met by a renewal request or a later grant', () => {
    const cp = matter({ kind: LegalMatterKind.CONTINUED_PRESENCE, grantedOn: '2026-01-15', lengthMonths: 24 });
    const [expiry, renewal] = computeDeadlines({ ...base, matters: [cp] });
    expect(expiry).toMatchObject({
      rule: DeadlineRule.CONTINUED_PRESENCE_EXPIRY,
      dueOn: '2028-01-15',
      remindOn: '2027-12-16',
      factsMetOn: null,
    });
    expect(renewal).toMatchObject({ rule: DeadlineRule.CONTINUED_PRESENCE_RENEWAL, dueOn: '2027-10-17', factsMetOn: null });
    const asked = computeDeadlines({ ...base, matters: [{ ...cp, renewalRequestedOn: '2027-09-01' }] });
    expect(asked[1].factsMetOn).toBe('2027-09-01');
    const renewed = computeDeadlines({
      ...base,
      matters: [cp, matter({ id: 'm2', kind: LegalMatterKind.CONTINUED_PRESENCE, grantedOn: '2027-12-01', lengthMonths: 24 })],
    });
    expect(renewed.filter((d) => d.matterId === 'm1').map((d) => d.factsMetOn)).toEqual(['2027-12-01', '2027-12-01']);
  });

  it('a visa declaration request: follow up 90 days after asking, met by the answer; a court date on its day, a week of reminder', () => {
    const [visa, court] = computeDeadlines({
      ...base,
      matters: [
        matter({ kind: LegalMatterKind.U_VISA_CERTIFICATION, requestedOn: '2026-04-01', certifyingAgency: 'CPD' }),
        matter({ id: 'm2', eventOn: '2026-05-20', description: 'Preliminary hearing' }),
      ],
    });
    expect(visa).toMatchObject({ rule: DeadlineRule.VISA_DECLARATION_ANSWER, dueOn: '2026-06-30', factsMetOn: null });
    expect(visa.description).toContain('U-visa certification');
    expect(court).toMatchObject({ rule: DeadlineRule.COURT_DATE, matterId: 'm2', dueOn: '2026-05-20', remindOn: '2026-05-13' });
    const answered = computeDeadlines({
      ...base,
      matters: [matter({ kind: LegalMatterKind.T_VISA_DECLARATION, requestedOn: '2026-04-01', decidedOn: '2026-04-20' })],
    });
    expect(answered[0].factsMetOn).toBe('2026-04-20');
  });
});
