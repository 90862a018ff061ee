import { createRootRoute, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { resume } from '../api/client';
import { session } from '../api/session';
import { Shell } from '../components/Shell';

export const rootRoute = createRootRoute({ component: Outlet });

/** Resumes a session after a reload through the HttpOnly cookie, or sends the person to sign in. */
export async function requireSession(): Promise<void> {
  if (!session.get().accessToken && !(await resume())) throw redirect({ to: '/signin' });
}

/** Everything behind sign-in, inside the shell (navigation, bell, language, account). */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async () => {
    await requireSession();
    if (session.get().enrolmentRequired) throw redirect({ to: '/enrol' });
  },
  component: Shell,
});
