import type { AnyRoute } from '@tanstack/react-router';
import { victimsListRoute } from './VictimsList';
import { registerVictimRoute } from './RegisterVictim';
import { providedServicesRoute } from './ProvidedServices';
import { victimDetailRoute } from './VictimDetail';

/** The Victims area: the list by code (filter in the URL), registering, the services asked of the agency, and one survivor. */
export const victimsRoutes: AnyRoute[] = [victimsListRoute, registerVictimRoute, providedServicesRoute, victimDetailRoute];
