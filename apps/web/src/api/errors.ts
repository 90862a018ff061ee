import type { TFunction } from 'i18next';
import { ApiError } from './client';

/**
 * Every API error code in words. Where the API's own message is the most precise thing to say
 * (what was refused, which field, how long a lockout lasts), it is shown as the detail.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  'NETWORK',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

/** Codes whose API message is addressed to the person and shown as it is. */
const API_WORDS = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'NOT_FOUND']);

export function errorMessage(e: unknown, t: TFunction): { title: string; detail: string | null } {
  if (!(e instanceof ApiError)) return { title: t('errors.INTERNAL'), detail: null };
  const known = (ERROR_CODES as readonly string[]).includes(e.code) ? e.code : 'INTERNAL';
  // A refused sign-in: the API's words are the whole story (they never say whether the account exists).
  if (known === 'UNAUTHENTICATED' && e.message) return { title: e.message, detail: null };
  return { title: t(`errors.${known}`), detail: API_WORDS.has(known) && e.message ? e.message : null };
}
