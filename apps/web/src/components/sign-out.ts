import type { UseNavigateResult } from '@tanstack/react-router';
import { graphql } from '../gql';
import { request } from '../api/client';
import { session } from '../api/session';

const LOGOUT = graphql(`
  mutation SignOut {
    logout
  }
`);

/** Ends the session on the server and in the browser (caches, drafts), then shows sign-in. */
export async function signOut(navigate: UseNavigateResult<string>, because = 'signIn.signedOut'): Promise<void> {
  try {
    await request(LOGOUT);
  } catch {
    // The session may already be over on the server; the browser forgets it either way.
  }
  session.clear(because);
  await navigate({ to: '/signin' });
}
