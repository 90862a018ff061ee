import { registerEnumType } from '@nestjs/graphql';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
  FAILED = 'FAILED',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

export const MASKED = '[confidential]';

/** One field's change: before and after, or masked for confidential fields. */
export type FieldChange = { from?: unknown; to?: unknown } | typeof MASKED;

export interface AuditEntry {
  action: string;
  recordType?: string;
  recordId?: string;
  /** The agency whose record this is, when it is not the actor's (so its auditors see it). */
  subjectAgencyId?: string;
  outcome?: AuditOutcome;
  changes?: Record<string, unknown>;
  purpose?: string;
  /** Who acted, when there is no authenticated principal yet (logins). */
  actor?: { userId?: string; username?: string; agencyId?: string; taskForceId?: string; roles?: readonly string[] };
}

/**
 * The changed fields of a record, confidential ones masked: the audit says THAT a confidential
 * field changed, never its value.
 */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  confidential: readonly string[] = [],
): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const key of Object.keys(after)) {
    const a = after[key];
    const b = before ? before[key] : undefined;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out[key] = confidential.includes(key) ? MASKED : before ? { from: b ?? null, to: a ?? null } : { to: a ?? null };
  }
  return out;
}
