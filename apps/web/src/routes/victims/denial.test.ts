import { describe, expect, it } from 'vitest';
import { explainDenial, explainGone, type ConsentFacts } from './denial';

const custodian = { name: 'High Plains Safe Harbor', contactName: 'Beth Sandoval', contactPhone: '+1 307 555 0200' };
const consent = (o: Partial<ConsentFacts>): ConsentFacts => ({
  recipientAgency: { id: 'dci' },
  scopes: ['IDENTITY'],
  status: 'LIVE',
  signedOn: '2026-01-01',
  expiresOn: '2026-07-01',
  revokedAt: null,
  ...o,
});
const explain = (denial: Parameters<typeof explainDenial>[0], consents: ConsentFacts[], custodial = false) =>
  explainDenial(denial, { custodial, myAgencyId: 'dci', custodian, consents });

describe('an identity refusal in words', () => {
  it('says no consent was recorded, and who to call', () => {
    expect(explain('NO_CONSENT', [])).toEqual({
      why: 'victims.denial.noConsent',
      change: 'victims.denial.signRelease',
      values: { agency: custodian.name, contact: 'Beth Sandoval, +1 307 555 0200' },
    });
  });

  it('says a consent was revoked, and when (the API answers NO_CONSENT; the consents naming the reader say why)', () => {
    const r = explain('NO_CONSENT', [consent({ status: 'REVOKED', revokedAt: '2026-03-04T17:00:00Z' })]);
    expect(r.why).toBe('victims.denial.revoked');
    expect(r.values.day).toBe('2026-03-04');
  });

  it('says when a consent expired', () => {
    const r = explain('CONSENT_EXPIRED', [
      consent({ status: 'EXPIRED', expiresOn: '2026-02-01' }),
      consent({ status: 'EXPIRED', expiresOn: '2025-02-01' }),
    ]);
    expect(r).toMatchObject({ why: 'victims.denial.expiredOn', values: { day: '2026-02-01' } });
  });

  it('tells a consent that covers services only from none, and ignores consents naming other agencies', () => {
    expect(explain('NO_CONSENT', [consent({ scopes: ['SERVICES'] })]).why).toBe('victims.denial.otherScopes');
    expect(
      explain('NO_CONSENT', [consent({ recipientAgency: { id: 'hsi' }, status: 'REVOKED', revokedAt: '2026-03-04T17:00:00Z' })]).why,
    ).toBe('victims.denial.noConsent');
  });

  it('tells the custodial agency that the role is the reason', () => {
    expect(explain('NOT_PERMITTED', [], true).why).toBe('victims.denial.notPermittedOwn');
    expect(explain('NOT_PERMITTED', []).why).toBe('victims.denial.notPermittedOther');
  });

  it('a survivor gone from sight while a consent naming the reader was to run: that consent stopped', () => {
    expect(explainGone({ myAgencyId: 'dci', custodian, consentsSeen: [consent({})], today: '2026-03-05' })).toMatchObject({
      why: 'victims.denial.goneRevoked',
      values: { day: '2026-07-01' },
    });
    expect(explainGone({ myAgencyId: 'dci', custodian, consentsSeen: [], today: '2026-03-05' }).why).toBe('victims.denial.gone');
  });
});
