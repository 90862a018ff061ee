import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { session } from './session';

/** One cache for the console, in memory only, emptied whenever the session ends. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) =>
        n < 1 && !(e instanceof ApiError && ['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'UNAUTHENTICATED'].includes(e.code)),
      staleTime: 15_000,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

session.onClear(() => queryClient.clear());
