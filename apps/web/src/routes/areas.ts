import type { AnyRoute } from '@tanstack/react-router';
import { leadsRoutes } from './leads';
import { casesRoutes } from './cases';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [...leadsRoutes, ...casesRoutes];
