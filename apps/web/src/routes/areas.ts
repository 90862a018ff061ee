import type { AnyRoute } from '@tanstack/react-router';
import { oversightRoutes } from './oversight';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [...oversightRoutes];
