import type { AnyRoute } from '@tanstack/react-router';
import { victimsRoutes } from './victims';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [...victimsRoutes];
