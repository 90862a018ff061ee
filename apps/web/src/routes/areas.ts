import type { AnyRoute } from '@tanstack/react-router';
import { casesRoutes } from './cases';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [...casesRoutes];
