/**
 * A library's own line in `/health` (the audit trail's checkpoints and integrity alarms). It stays
 * `up` while the service works; `alarm` says what an operator must look at now.
 */
export interface HealthReporter {
  readonly healthKey: string;
  health(): { alarm: string | null } & Record<string, unknown>;
}

export const AUDIT_TRAIL_HEALTH = Symbol('AUDIT_TRAIL_HEALTH');
