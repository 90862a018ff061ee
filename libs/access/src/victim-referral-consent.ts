/** A consent's state today (CONSENT_STATE_SQL). */
export type ConsentState = 'PENDING' | 'LIVE' | 'EXPIRED' | 'REVOKED';

/** A victim referral about to be sent: who sends it, whether it carries the identity, the victim's consents naming the receiver. */
export interface VictimReferralFacts {
  fromVictimServiceProvider: boolean;
  disclosesIdentity: boolean;
  consents: { scopes: string[]; state: ConsentState }[];
}

/** Why a victim referral may not go: the consent it needs (IDENTITY scope, or any) and what became of it. */
export interface VictimReferralRefusal {
  needs: 'IDENTITY' | 'ANY';
  why: 'MISSING' | 'EXPIRED' | 'REVOKED' | 'PENDING';
}

/**
 * Whether a victim referral may go (DOMAIN.md). Disclosing the identity needs a live IDENTITY consent
 * naming the receiver, whoever sends it. A victim-service provider needs a live consent naming the
 * receiver (any scope) for every referral, whatever it discloses: VAWA/VOCA confidentiality binds
 * providers, not police, and a provider's referral alone tells the receiver that the survivor is its
 * client. Anyone else refers without the identity freely. Null: it may go; otherwise what is needed
 * and why it is missing.
 */
export function victimReferralRefusal(facts: VictimReferralFacts): VictimReferralRefusal | null {
  const needs = facts.disclosesIdentity ? 'IDENTITY' : facts.fromVictimServiceProvider ? 'ANY' : null;
  if (!needs) return null;
  const relevant = needs === 'IDENTITY' ? facts.consents.filter((k) => k.scopes.includes('IDENTITY')) : facts.consents;
  if (relevant.some((k) => k.state === 'LIVE')) return null;
  const has = (state: ConsentState) => relevant.some((k) => k.state === state);
  return { needs, why: has('EXPIRED') ? 'EXPIRED' : has('REVOKED') ? 'REVOKED' : has('PENDING') ? 'PENDING' : 'MISSING' };
}
