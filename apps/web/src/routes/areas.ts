import type { AnyRoute } from '@tanstack/react-router';
import { leadsRoutes } from './leads';
import { casesRoutes } from './cases';
import { victimsRoutes } from './victims';
import { referralsRoutes } from './referrals';
import { deadlinesRoutes } from './deadlines';
import { oversightRoutes } from './oversight';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [
  ...leadsRoutes,
  ...casesRoutes,
  ...victimsRoutes,
  ...referralsRoutes,
  ...deadlinesRoutes,
  ...oversightRoutes,
];
