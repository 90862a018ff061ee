import type { AnyRoute } from '@tanstack/react-router';
import { leadsListRoute } from './LeadsList';
import { newLeadRoute } from './NewLead';
import { leadDetailRoute } from './LeadDetail';

/** The Leads area: the list (filters in the URL), a new lead, and one lead with its actions. */
export const leadsRoutes: AnyRoute[] = [leadsListRoute, newLeadRoute, leadDetailRoute];
