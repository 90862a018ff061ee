import type { ConsentScope, ConsentStatus, IdentityDenial } from '../../gql/graphql';

/** What the console knows of a consent when it explains a refusal. */
export interface ConsentFacts {
  recipientAgency: { id: string };
  scopes: readonly ConsentScope[];
  status: ConsentStatus;
  signedOn: string;
  expiresOn: string;
  revokedAt?: string | null;
}

export interface CustodianFacts {
  name: string;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** A refusal in words: why (an i18n key), what would change it (another), and the values they name. */
export interface Explanation {
  why: string;
  change: string;
  values: Record<string, string>;
}

/** Scopes that release identity fields (libs/access IDENTITY_SCOPES). */
const RELEASING: readonly ConsentScope[] = ['IDENTITY', 'CONTACT'];

function contact(c: CustodianFacts): string {
  return [c.contactName, c.contactPhone].filter(Boolean).join(', ') || c.name;
}

function latest<T>(list: T[], day: (x: T) => string): T | undefined {
  return [...list].sort((a, b) => day(b).localeCompare(day(a)))[0];
}

/**
 * Why the API withheld an identity, in words, from its denial and the consents naming the reader's
 * agency as they stand now. The API's denial has no "revoked": a revoked consent answers NO_CONSENT,
 * and the consents say it was revoked (recipients see the consents that name them).
 */
export function explainDenial(
  denial: IdentityDenial,
  facts: { custodial: boolean; myAgencyId: string; custodian: CustodianFacts; consents: readonly ConsentFacts[] },
): Explanation {
  const values: Record<string, string> = { agency: facts.custodian.name, contact: contact(facts.custodian) };
  if (denial === 'NOT_PERMITTED') {
    return facts.custodial
      ? { why: 'victims.denial.notPermittedOwn', change: 'victims.denial.notPermittedOwnChange', values }
      : { why: 'victims.denial.notPermittedOther', change: 'victims.denial.askCustodian', values };
  }
  const mine = facts.consents.filter((c) => c.recipientAgency.id === facts.myAgencyId);
  const releasing = mine.filter((c) => c.scopes.some((s) => RELEASING.includes(s)));
  if (denial === 'CONSENT_EXPIRED') {
    const ended = latest(
      releasing.filter((c) => c.status === 'EXPIRED'),
      (c) => c.expiresOn,
    );
    return ended
      ? { why: 'victims.denial.expiredOn', change: 'victims.denial.newRelease', values: { ...values, day: ended.expiresOn } }
      : { why: 'victims.denial.expired', change: 'victims.denial.newRelease', values };
  }
  const revoked = latest(
    releasing.flatMap((c) => (c.status === 'REVOKED' && c.revokedAt ? [{ ...c, revokedAt: c.revokedAt }] : [])),
    (c) => c.revokedAt,
  );
  if (revoked)
    return {
      why: 'victims.denial.revoked',
      change: 'victims.denial.newRelease',
      values: { ...values, day: revoked.revokedAt.slice(0, 10) },
    };
  const pending = latest(
    releasing.filter((c) => c.status === 'PENDING'),
    (c) => c.signedOn,
  );
  if (pending) return { why: 'victims.denial.pending', change: 'victims.denial.waitPending', values: { ...values, day: pending.signedOn } };
  if (mine.some((c) => c.status === 'LIVE')) return { why: 'victims.denial.otherScopes', change: 'victims.denial.wideRelease', values };
  return { why: 'victims.denial.noConsent', change: 'victims.denial.signRelease', values };
}

/**
 * The survivor went out of the reader's sight since the record was opened (NOT_FOUND when the identity
 * was asked for). If the record showed a consent naming the reader's agency that had not yet ended,
 * that consent is what stopped: the custodial agency revoked it (or it ended another way).
 */
export function explainGone(facts: {
  myAgencyId: string;
  custodian: CustodianFacts;
  consentsSeen: readonly ConsentFacts[];
  today: string;
}): Explanation {
  const values: Record<string, string> = { agency: facts.custodian.name, contact: contact(facts.custodian) };
  const held = latest(
    facts.consentsSeen.filter((c) => c.recipientAgency.id === facts.myAgencyId && c.status === 'LIVE' && c.expiresOn > facts.today),
    (c) => c.expiresOn,
  );
  return held
    ? { why: 'victims.denial.goneRevoked', change: 'victims.denial.newRelease', values: { ...values, day: held.expiresOn } }
    : { why: 'victims.denial.gone', change: 'victims.denial.askCustodian', values };
}
