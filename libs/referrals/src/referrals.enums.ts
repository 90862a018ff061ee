import { registerEnumType } from '@nestjs/graphql';

export enum ReferralKind {
  /** A case to another agency, for investigation or prosecution. */
  CASE = 'CASE',
  /** A victim to a provider, for a service. */
  VICTIM_SERVICE = 'VICTIM_SERVICE',
  /** Made by the system when a minor is identified as a victim of sex trafficking. */
  MANDATORY_CHILD_WELFARE = 'MANDATORY_CHILD_WELFARE',
}
registerEnumType(ReferralKind, { name: 'ReferralKind' });

export enum ReferralStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });

export enum ReferralUrgency {
  EMERGENCY = 'EMERGENCY',
  URGENT = 'URGENT',
  ROUTINE = 'ROUTINE',
}
registerEnumType(ReferralUrgency, { name: 'ReferralUrgency', description: 'Answer within 1 hour, 24 hours, 72 hours (configurable).' });

export enum ReferralDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection' });

/** The answer each step needs from whom: 'receiver' or 'sender', and the status it moves from. */
export const REFERRAL_STEPS = {
  accept: { side: 'receiver', from: ReferralStatus.PENDING, to: ReferralStatus.ACCEPTED, event: 'ACCEPTED' },
  decline: { side: 'receiver', from: ReferralStatus.PENDING, to: ReferralStatus.DECLINED, event: 'DECLINED' },
  withdraw: { side: 'sender', from: ReferralStatus.PENDING, to: ReferralStatus.WITHDRAWN, event: 'WITHDRAWN' },
  complete: { side: 'receiver', from: ReferralStatus.ACCEPTED, to: ReferralStatus.COMPLETED, event: 'COMPLETED' },
} as const;
export type ReferralStep = keyof typeof REFERRAL_STEPS;
