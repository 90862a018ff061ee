import { z } from 'zod';
import type { SessionUser } from '../../api/session';
import type { ReferralsFilter } from '../../gql/graphql';

export const DIRECTIONS = ['INCOMING', 'OUTGOING'] as const;
export const REFERRAL_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED', 'COMPLETED'] as const;
export const URGENCIES = ['EMERGENCY', 'URGENT', 'ROUTINE'] as const;
export const SERVICE_CATEGORIES = [
  'HOUSING',
  'EMERGENCY_SHELTER',
  'CRISIS_INTERVENTION',
  'FOOD_AND_BASIC_NEEDS',
  'MEDICAL',
  'DENTAL',
  'MENTAL_HEALTH',
  'SUBSTANCE_USE_TREATMENT',
  'INTERPRETATION',
  'LEGAL_ADVOCACY',
  'IMMIGRATION_RELIEF',
  'CRIMINAL_JUSTICE_ACCOMPANIMENT',
  'CRIME_VICTIMS_COMPENSATION',
  'INTENSIVE_CASE_MANAGEMENT',
  'EDUCATION',
  'EMPLOYMENT_AND_TRAINING',
  'CHILDCARE',
  'TRANSPORTATION',
  'CHILD_WELFARE_REFERRAL',
] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's URL: which box, and optionally one status or only the overdue ones. Anything else in the URL is dropped. */
export const referralSearchSchema = z.object({
  direction: z.enum(DIRECTIONS).catch('INCOMING'),
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  overdue: z.literal(true).optional().catch(undefined),
});
export type ReferralSearch = z.infer<typeof referralSearchSchema>;

export function toReferralsFilter(s: ReferralSearch): ReferralsFilter {
  return { direction: s.direction, ...(s.status ? { status: [s.status] } : {}), ...(s.overdue ? { overdue: true } : {}) };
}

/** The sending form's URL: the survivor it starts from, by id (never an identity value). */
export const newReferralSearchSchema = z.object({ victim: z.string().regex(ID).optional().catch(undefined) });

// The API refuses blank text and counts 3 to 2000 characters: the same rule, on what is left after trimming.
const TEXT_MAX = 2000;
const requiredText = (message: string) => z.string().trim().min(3, message).max(TEXT_MAX, 'referrals.answers.tooLong');

/** Declining needs a reason the sending agency can read: spaces alone are no reason. */
export const declineSchema = z.object({ reason: requiredText('referrals.answers.reasonRequired') });

/** Withdrawing may say why; an empty reason is sent as none. */
export const withdrawSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(TEXT_MAX, 'referrals.answers.tooLong')
    .refine((v) => v === '' || v.length >= 3, 'referrals.answers.tooShort')
    .transform((v) => v || undefined),
});

export const completeSchema = z.object({ outcome: requiredText('referrals.answers.outcomeRequired') });

/** A survivor referral as typed; the receiver, service and urgency are chosen from lists. */
export const sendVictimReferralSchema = z.object({
  victimId: z.string().regex(ID, 'referrals.send.chooseVictim'),
  toAgencyId: z.string().regex(ID, 'referrals.send.chooseAgency'),
  category: z.string().pipe(z.enum(SERVICE_CATEGORIES, { error: 'referrals.send.chooseCategory' })),
  urgency: z.string().pipe(z.enum(URGENCIES, { error: 'referrals.send.chooseUrgency' })),
  reason: requiredText('referrals.send.reasonRequired'),
  disclosesIdentity: z.boolean(),
});
export type SendVictimReferralForm = z.input<typeof sendVictimReferralSchema>;
export type SendVictimReferralValues = z.output<typeof sendVictimReferralSchema>;

// What the console offers; the API still decides ------------------------------------------

export interface ConsentFacts {
  scopes: readonly string[];
  status: string;
  expiresOn: string;
  recipientAgency: { id: string };
}

/** The live IDENTITY consent naming the receiver, if there is one: only then is sharing the identity offered. */
export function liveIdentityConsent<C extends ConsentFacts>(consents: readonly C[], toAgencyId: string | undefined): C | undefined {
  if (!toAgencyId) return undefined;
  return consents.find((c) => c.recipientAgency.id === toAgencyId && c.status === 'LIVE' && c.scopes.includes('IDENTITY'));
}

/** A victim-service provider refers only under a live consent naming the receiver (any scope), even without the identity. */
export function providerLacksConsent(
  consents: readonly ConsentFacts[],
  toAgencyId: string | undefined,
  senderKind: string | undefined,
): boolean {
  if (!toAgencyId || senderKind !== 'VICTIM_SERVICES') return false;
  return !consents.some((c) => c.recipientAgency.id === toAgencyId && c.status === 'LIVE');
}

export type Answer = 'accept' | 'decline' | 'withdraw' | 'complete';

interface ReferralFacts {
  kind: string;
  status: string;
  direction: string;
  fromUser: { id: string };
}

/**
 * The answers the API would take from this person (REFERRAL_STEPS and AccessPolicy.assertReferralStep):
 * the receiving side accepts, declines and completes (a case: supervisors and prosecutors; a survivor:
 * advocates and supervisors); the sender or a supervisor of the sending side withdraws a pending one.
 */
export function answersFor(r: ReferralFacts, user: Pick<SessionUser, 'userId' | 'roles' | 'permissions'> | null): Answer[] {
  if (!user) return [];
  const has = (...roles: string[]) => roles.some((role) => user.roles.includes(role));
  const receiverRole = r.kind === 'CASE' ? has('SUPERVISOR', 'PROSECUTOR') : has('VICTIM_ADVOCATE', 'SUPERVISOR');
  if (r.direction === 'INCOMING') {
    if (!user.permissions.includes('REFERRAL_ANSWER') || !receiverRole) return [];
    if (r.status === 'PENDING') return ['accept', 'decline'];
    if (r.status === 'ACCEPTED') return ['complete'];
    return [];
  }
  if (r.status === 'PENDING' && user.permissions.includes('REFERRAL_SEND') && (r.fromUser.id === user.userId || has('SUPERVISOR')))
    return ['withdraw'];
  return [];
}
