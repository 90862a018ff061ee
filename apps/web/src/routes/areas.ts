import type { AnyRoute } from '@tanstack/react-router';

/** The areas' routes (each area folder exports its own list). */
export const areaRoutes: AnyRoute[] = [];
