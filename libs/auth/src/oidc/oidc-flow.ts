import { ALL_ROLES, Role } from '@app/access';

/**
 * What a federated sign-in can end in, and what each refusal tells the person (the reason codes
 * also go into the audit event). Pure: no I/O.
 */
export type SsoRefusal =
  | 'NO_PROVIDER'
  | 'STATE_MISSING'
  | 'STATE_MISMATCH'
  | 'STATE_UNKNOWN'
  | 'STATE_REPLAYED'
  | 'STATE_EXPIRED'
  | 'PROVIDER_DENIED'
  | 'PROVIDER_UNREACHABLE'
  | 'TOKEN_REFUSED'
  | 'EMAIL_NOT_ALLOWED'
  | 'NO_ACCOUNT'
  | 'OTHER_AGENCY'
  | 'NO_ROLE'
  | 'ACCOUNT_CANNOT_SIGN_IN';

export const SSO_REFUSAL_WORDS: Record<SsoRefusal, string> = {
  NO_PROVIDER: 'This agency does not sign in through its own identity provider.',
  STATE_MISSING: 'The sign-in did not come back to the browser that started it. Start again from the sign-in page.',
  STATE_MISMATCH: 'The sign-in did not come back to the browser that started it. Start again from the sign-in page.',
  STATE_UNKNOWN: 'This sign-in link is not one this server started. Start again from the sign-in page.',
  STATE_REPLAYED: 'This sign-in link was already used. Start again from the sign-in page.',
  STATE_EXPIRED: 'The sign-in took longer than ten minutes. Start again from the sign-in page.',
  PROVIDER_DENIED: 'Your agency’s identity provider did not sign you in.',
  PROVIDER_UNREACHABLE: 'Your agency’s identity provider cannot be reached just now. Try again in a few minutes.',
  TOKEN_REFUSED: 'The answer from the identity provider could not be verified, so you were not signed in.',
  EMAIL_NOT_ALLOWED: 'Your e-mail address is not one of the domains your agency allows here.',
  NO_ACCOUNT: 'You have no account here yet. Ask your agency admin to create one.',
  OTHER_AGENCY: 'This identity belongs to an account of another agency.',
  NO_ROLE: 'Your identity provider gives you no role here. Ask your agency admin.',
  ACCOUNT_CANNOT_SIGN_IN: 'This account cannot sign in. Ask your agency admin if this persists.',
};

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly detail?: string,
  ) {
    super(SSO_REFUSAL_WORDS[reason]);
  }
}

/** The claims of a verified ID token this module reads. */
export interface VerifiedClaims {
  iss: string;
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  preferred_username?: unknown;
  amr?: unknown;
  acr?: unknown;
  sid?: unknown;
  [claim: string]: unknown;
}

/** The provider asserted multi-factor authentication: an `acr` or an `amr` value the agency counts as MFA. */
export function mfaAsserted(claims: VerifiedClaims, acrValues: readonly string[], amrValues: readonly string[]): boolean {
  const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
  if (acr && acrValues.includes(acr)) return true;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  return amr.some((v) => amrValues.includes(v));
}

/** Whether the e-mail's domain is one the agency allows (no list: any domain). */
export function emailAllowed(email: string | undefined, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  if (!email) return false;
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domains.some((d) => domain === d.toLowerCase());
}

const AGENCY_ROLES: readonly string[] = ALL_ROLES.filter((r) => r !== Role.TASK_FORCE_ADMIN);

/** Roles from a claim: known roles only, never the task-force admin (that stays a local decision). */
export function rolesFromClaim(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = raw.filter((r): r is string => typeof r === 'string').map((r) => r.trim().toUpperCase());
  return [...new Set(roles.filter((r) => AGENCY_ROLES.includes(r)))].sort();
}

/** A username for a new account: the e-mail's local part (or the subject), made valid and bounded. */
export function usernameFor(email: string | undefined, subject: string, agencyCode: string): string {
  const base = (email ?? subject)
    .toLowerCase()
    .replace(/[^a-z0-9._@-]/g, '')
    .replace(/^[^a-z0-9]+/, '');
  const name = base.length >= 3 ? base : `${agencyCode.toLowerCase()}-${base || 'user'}`;
  return name.slice(0, 64).padEnd(3, '0');
}

export function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;
}
