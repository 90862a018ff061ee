import type { AnyRoute } from '@tanstack/react-router';
import { dashboardRoute } from './dashboard/Dashboard';
import { auditRoute } from './audit/Audit';

/** Supervisors' dashboards, agency and task-force administration, and the audit trail. */
export const oversightRoutes: AnyRoute[] = [dashboardRoute, auditRoute];
