import fc from 'fast-check';
import { ConsentState, victimReferralRefusal, VictimReferralFacts } from './victim-referral-consent';

/**
 * The disclosure rule of victim referrals (DOMAIN.md, README "What a victim referral may disclose"),
 * as properties over every combination of sender, disclosure and consents naming the receiver.
 */
const consent = fc.record({
  scopes: fc.subarray(['IDENTITY', 'CONTACT', 'SERVICES'], { minLength: 1 }),
  state: fc.constantFrom<ConsentState>('PENDING', 'LIVE', 'EXPIRED', 'REVOKED'),
});
const facts = fc.record({
  fromVictimServiceProvider: fc.boolean(),
  disclosesIdentity: fc.boolean(),
  consents: fc.array(consent, { maxLength: 6 }),
});
const live = (f: VictimReferralFacts, scope?: string) => f.consents.some((k) => k.state === 'LIVE' && (!scope || k.scopes.includes(scope)));

describe('victim referral consent (unit, property-based)', () => {
  it('goes exactly when: the identity is disclosed under a live IDENTITY consent; or a provider refers under any live consent; or anyone else refers without the identity', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const allowed = f.disclosesIdentity ? live(f, 'IDENTITY') : f.fromVictimServiceProvider ? live(f) : true;
        expect(victimReferralRefusal(f) === null).toBe(allowed);
      }),
    );
  });

  it('a victim-service provider is never allowed what the same referral from the police would be refused', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const police = victimReferralRefusal({ ...f, fromVictimServiceProvider: false });
        const provider = victimReferralRefusal({ ...f, fromVictimServiceProvider: true });
        if (police) expect(provider).not.toBeNull();
      }),
    );
  });

  it('a consent that is not live (pending, expired, revoked) never lets a needed referral go', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const dead = { ...f, consents: f.consents.filter((k) => k.state !== 'LIVE') };
        if (dead.disclosesIdentity || dead.fromVictimServiceProvider) expect(victimReferralRefusal(dead)).not.toBeNull();
      }),
    );
  });

  it('a refusal names what is needed and why it is missing: expired before revoked before not yet started before not on file', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = victimReferralRefusal(f);
        if (!r) return;
        expect(r.needs).toBe(f.disclosesIdentity ? 'IDENTITY' : 'ANY');
        const relevant = f.consents.filter((k) => r.needs === 'ANY' || k.scopes.includes('IDENTITY'));
        const first = (['EXPIRED', 'REVOKED', 'PENDING'] as const).find((s) => relevant.some((k) => k.state === s)) ?? 'MISSING';
        expect(r.why).toBe(first);
      }),
    );
  });

  it('examples: the shelter without a consent, the sheriff without one, a SERVICES consent for a provider, IDENTITY for the identity', () => {
    expect(victimReferralRefusal({ fromVictimServiceProvider: true, disclosesIdentity: false, consents: [] })).toEqual({
      needs: 'ANY',
      why: 'MISSING',
    });
    expect(victimReferralRefusal({ fromVictimServiceProvider: false, disclosesIdentity: false, consents: [] })).toBeNull();
    expect(
      victimReferralRefusal({
        fromVictimServiceProvider: true,
        disclosesIdentity: false,
        consents: [{ scopes: ['SERVICES'], state: 'LIVE' }],
      }),
    ).toBeNull();
    expect(
      victimReferralRefusal({
        fromVictimServiceProvider: true,
        disclosesIdentity: true,
        consents: [{ scopes: ['SERVICES'], state: 'LIVE' }],
      }),
    ).toEqual({ needs: 'IDENTITY', why: 'MISSING' });
    expect(
      victimReferralRefusal({
        fromVictimServiceProvider: false,
        disclosesIdentity: true,
        consents: [{ scopes: ['IDENTITY'], state: 'EXPIRED' }],
      }),
    ).toEqual({ needs: 'IDENTITY', why: 'EXPIRED' });
  });
});
