import { describe, expect, it } from 'vitest';
import {
  answersFor,
  completeSchema,
  declineSchema,
  liveIdentityConsent,
  newReferralSearchSchema,
  providerLacksConsent,
  referralSearchSchema,
  sendVictimReferralSchema,
  toReferralsFilter,
  withdrawSchema,
} from './schema';

const ID = '1567852e-1520-4f32-87d5-73161bab7bf9';
const SHELTER = '595ced4e-a97a-4b63-9f83-833b1cdcd0ec';
const HSI = '25af3b6b-8bfe-4084-9a2b-147e35744e9a';

describe('the referral list URL', () => {
  it('defaults to the inbox and drops what it does not know', () => {
    expect(referralSearchSchema.parse({})).toEqual({ direction: 'INCOMING' });
    expect(referralSearchSchema.parse({ direction: 'SIDEWAYS', status: 'LOST', overdue: 'yes', name: 'x' })).toEqual({
      direction: 'INCOMING',
    });
    expect(referralSearchSchema.parse({ direction: 'OUTGOING', status: 'PENDING', overdue: true })).toEqual({
      direction: 'OUTGOING',
      status: 'PENDING',
      overdue: true,
    });
  });
  it('becomes the API filter', () => {
    expect(toReferralsFilter({ direction: 'INCOMING' })).toEqual({ direction: 'INCOMING' });
    expect(toReferralsFilter({ direction: 'OUTGOING', status: 'ACCEPTED', overdue: true })).toEqual({
      direction: 'OUTGOING',
      status: ['ACCEPTED'],
      overdue: true,
    });
  });
  it('the sending form takes a survivor by id only', () => {
    expect(newReferralSearchSchema.parse({ victim: ID })).toEqual({ victim: ID });
    expect(newReferralSearchSchema.parse({ victim: 'Jesús Marín' })).toEqual({ victim: undefined });
  });
});

describe('answers, checked before sending', () => {
  it('a decline needs a reason: spaces alone are refused, the reason is sent trimmed', () => {
    expect(declineSchema.safeParse({ reason: '     ' }).error?.issues[0].message).toBe('referrals.answers.reasonRequired');
    expect(declineSchema.safeParse({ reason: '' }).success).toBe(false);
    expect(declineSchema.safeParse({ reason: ' ok ' }).success).toBe(false);
    expect(declineSchema.parse({ reason: '  No bed free until March.  ' })).toEqual({ reason: 'No bed free until March.' });
    expect(declineSchema.safeParse({ reason: 'x'.repeat(2001) }).error?.issues[0].message).toBe('referrals.answers.tooLong');
  });
  it('a withdrawal may say why; blank is sent as no reason', () => {
    expect(withdrawSchema.parse({ reason: '   ' })).toEqual({ reason: undefined });
    expect(withdrawSchema.parse({ reason: ' Placed elsewhere ' })).toEqual({ reason: 'Placed elsewhere' });
    expect(withdrawSchema.safeParse({ reason: 'no' }).error?.issues[0].message).toBe('referrals.answers.tooShort');
  });
  it('completing needs the outcome', () => {
    expect(completeSchema.safeParse({ outcome: ' \n ' }).error?.issues[0].message).toBe('referrals.answers.outcomeRequired');
    expect(completeSchema.parse({ outcome: 'Housed at the transitional site.' }).outcome).toBe('Housed at the transitional site.');
  });
});

describe('sending a survivor referral', () => {
  const ok = {
    victimId: ID,
    toAgencyId: SHELTER,
    category: 'HOUSING',
    urgency: 'URGENT',
    reason: ' Transitional housing needed. ',
    disclosesIdentity: false,
  };
  it('takes a complete form and trims the reason', () => {
    expect(sendVictimReferralSchema.parse(ok)).toEqual({ ...ok, reason: 'Transitional housing needed.' });
  });
  it('names what is missing', () => {
    const r = sendVictimReferralSchema.safeParse({
      victimId: '',
      toAgencyId: '',
      category: '',
      urgency: '',
      reason: '   ',
      disclosesIdentity: false,
    });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['victimId', 'referrals.send.chooseVictim'],
      ['toAgencyId', 'referrals.send.chooseAgency'],
      ['category', 'referrals.send.chooseCategory'],
      ['urgency', 'referrals.send.chooseUrgency'],
      ['reason', 'referrals.send.reasonRequired'],
    ]);
  });
  it('offers the identity only under a live IDENTITY consent naming the receiver', () => {
    const consents = [
      { scopes: ['IDENTITY', 'CONTACT'], status: 'LIVE', expiresOn: '2027-11-21', recipientAgency: { id: HSI } },
      { scopes: ['CONTACT'], status: 'LIVE', expiresOn: '2027-01-01', recipientAgency: { id: SHELTER } },
    ];
    expect(liveIdentityConsent(consents, HSI)?.expiresOn).toBe('2027-11-21');
    expect(liveIdentityConsent(consents, SHELTER)).toBeUndefined();
    expect(liveIdentityConsent(consents, undefined)).toBeUndefined();
    expect(liveIdentityConsent([{ ...consents[0], status: 'EXPIRED' }], HSI)).toBeUndefined();
    expect(liveIdentityConsent([{ ...consents[0], status: 'REVOKED' }], HSI)).toBeUndefined();
  });
  it('warns a victim-service provider that a referral needs a live consent naming the receiver', () => {
    const consents = [{ scopes: ['CONTACT'], status: 'LIVE', expiresOn: '2027-01-01', recipientAgency: { id: SHELTER } }];
    expect(providerLacksConsent(consents, HSI, 'VICTIM_SERVICES')).toBe(true);
    expect(providerLacksConsent(consents, SHELTER, 'VICTIM_SERVICES')).toBe(false);
    expect(providerLacksConsent(consents, HSI, 'LAW_ENFORCEMENT')).toBe(false);
  });
});

describe('the answers offered to the viewer', () => {
  const advocate = { userId: 'u1', roles: ['VICTIM_ADVOCATE'], permissions: ['REFERRAL_READ', 'REFERRAL_SEND', 'REFERRAL_ANSWER'] };
  const prosecutor = { userId: 'u2', roles: ['PROSECUTOR'], permissions: ['REFERRAL_READ', 'REFERRAL_ANSWER'] };
  const investigator = { userId: 'u3', roles: ['INVESTIGATOR'], permissions: ['REFERRAL_READ', 'REFERRAL_SEND'] };
  const supervisor = { userId: 'u4', roles: ['SUPERVISOR'], permissions: ['REFERRAL_READ', 'REFERRAL_SEND', 'REFERRAL_ANSWER'] };
  const victimIn = { kind: 'VICTIM_SERVICE', status: 'PENDING', direction: 'INCOMING', fromUser: { id: 'x' } };
  const caseIn = { ...victimIn, kind: 'CASE' };
  it('the receiving side accepts or declines a pending one, completes an accepted one', () => {
    expect(answersFor(victimIn, advocate)).toEqual(['accept', 'decline']);
    expect(answersFor({ ...victimIn, status: 'ACCEPTED' }, advocate)).toEqual(['complete']);
    expect(answersFor({ ...victimIn, status: 'DECLINED' }, advocate)).toEqual([]);
    expect(answersFor(caseIn, prosecutor)).toEqual(['accept', 'decline']);
  });
  it('by role: a case is for supervisors and prosecutors, a survivor for advocates and supervisors', () => {
    expect(answersFor(caseIn, advocate)).toEqual([]);
    expect(answersFor(victimIn, prosecutor)).toEqual([]);
    expect(answersFor(victimIn, investigator)).toEqual([]);
    expect(answersFor(caseIn, supervisor)).toEqual(['accept', 'decline']);
  });
  it('the sender, or a supervisor of the sending side, withdraws a pending one', () => {
    const out = { ...victimIn, direction: 'OUTGOING', fromUser: { id: 'u1' } };
    expect(answersFor(out, advocate)).toEqual(['withdraw']);
    expect(answersFor({ ...out, fromUser: { id: 'other' } }, advocate)).toEqual([]);
    expect(answersFor({ ...out, fromUser: { id: 'other' } }, supervisor)).toEqual(['withdraw']);
    expect(answersFor({ ...out, status: 'ACCEPTED' }, advocate)).toEqual([]);
    expect(answersFor(out, null)).toEqual([]);
  });
});
