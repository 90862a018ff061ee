import type { AnyRoute } from '@tanstack/react-router';
import { referralsListRoute } from './ReferralsList';

/** The Referrals area: the inbox and outbox (direction and status in the URL). */
export const referralsRoutes: AnyRoute[] = [referralsListRoute];
