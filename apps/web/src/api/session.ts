import { useSyncExternalStore } from 'react';

/** The signed-in person, as the API describes them (never stored anywhere but in memory). */
export interface SessionUser {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  agencyId: string;
  mfaEnabled: boolean;
}

export interface SessionState {
  accessToken: string | null;
  user: SessionUser | null;
  /** Signed in, but MFA is mandatory and not set up: only enrolment is open. */
  enrolmentRequired: boolean;
  idleTimeoutSeconds: number;
  /** Why the last session ended, for the sign-in page (an i18n key). */
  endedBecause: string | null;
}

const initial: SessionState = { accessToken: null, user: null, enrolmentRequired: false, idleTimeoutSeconds: 1800, endedBecause: null };
let state: SessionState = initial;
const listeners = new Set<() => void>();
const onClear = new Set<() => void>();

function emit(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

/**
 * Tokens live in this module's memory only: never localStorage, sessionStorage, IndexedDB or a
 * cookie a script can read. A reload resumes through the server's HttpOnly refresh cookie.
 */
export const session = {
  get: (): SessionState => state,
  signedIn(accessToken: string, user: SessionUser, opts: { enrolmentRequired: boolean; idleTimeoutSeconds?: number | null }): void {
    emit({
      accessToken,
      user,
      enrolmentRequired: opts.enrolmentRequired,
      idleTimeoutSeconds: opts.idleTimeoutSeconds ?? state.idleTimeoutSeconds,
      endedBecause: null,
    });
  },
  setToken(accessToken: string): void {
    emit({ ...state, accessToken });
  },
  enrolled(): void {
    emit({ ...state, enrolmentRequired: false, user: state.user && { ...state.user, mfaEnabled: true } });
  },
  /** Ends the session in the browser: every cache and draft registered with onClear goes too. */
  clear(endedBecause: string | null = null): void {
    for (const f of onClear) f();
    emit({ ...initial, endedBecause });
  },
  onClear(f: () => void): () => void {
    onClear.add(f);
    return () => onClear.delete(f);
  },
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** The signed-in person, for work done behind sign-in (the app route lets no one in without one). */
  user(): SessionUser {
    if (!state.user) throw new Error('No one is signed in.');
    return state.user;
  },
  can: (permission: string): boolean => {
    return !!state.user?.permissions.includes(permission);
  },
};

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}
