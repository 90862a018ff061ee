import type { AnyRoute } from '@tanstack/react-router';
import { dashboardRoute } from './dashboard/Dashboard';
import { auditRoute } from './audit/Audit';
import { usersRoute } from './admin/Users';
import { agenciesRoute } from './admin/Agencies';

/** Supervisors' dashboards, agency and task-force administration, and the audit trail. */
export const oversightRoutes: AnyRoute[] = [dashboardRoute, usersRoute, agenciesRoute, auditRoute];
