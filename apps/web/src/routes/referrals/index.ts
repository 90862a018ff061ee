import type { AnyRoute } from '@tanstack/react-router';
import { referralsListRoute } from './ReferralsList';
import { newReferralRoute } from './SendVictimReferral';
import { referralDetailRoute } from './ReferralDetail';

export { SendVictimReferralButton } from './SendVictimReferral';

/** The Referrals area: the inbox and outbox (direction and status in the URL), sending a survivor referral, one referral with its answers. */
export const referralsRoutes: AnyRoute[] = [referralsListRoute, newReferralRoute, referralDetailRoute];
