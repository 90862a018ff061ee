import { createRouter } from '@tanstack/react-router';
import { appRoute, rootRoute } from './routes/app-route';
import { signInRoute } from './routes/auth/SignIn';
import { enrolRoute } from './routes/auth/Enrol';
import { homeRoute } from './routes/home/Home';
import { accountRoute } from './routes/account/Account';
import { areaRoutes } from './routes/areas';

/** Every screen, by area. Filters live in the URL (validated search params); identity values never do. */
const routeTree = rootRoute.addChildren([signInRoute, enrolRoute, appRoute.addChildren([homeRoute, accountRoute, ...areaRoutes])]);

// No scroll restoration: it writes to sessionStorage, and the console keeps nothing in browser storage.
export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
