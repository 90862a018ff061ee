import { col, query } from '@app/core';
import type { Role } from '@app/access';

/**
 * Federated sign-in's SQL (auth.service.ts): both through definer functions that check the account
 * and write the credentials the app role cannot write itself (docs/adr/0017).
 */

/**
 * Starts a federated session: the account's standing and the provider identity bound to it are
 * checked, the session created with its secret's hash and its provider session, the principal bound.
 */
export const startFederatedSession = query(`SELECT * FROM auth_start_federated_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, {
  outcome: col.text.as<'SIGNED_IN' | 'UNKNOWN' | 'NO_IDENTITY' | 'DISABLED' | 'LOCKED' | 'AGENCY_INACTIVE'>(),
  mfa_satisfied: col.bool,
  mfa_enabled: col.bool,
  username: col.text.null,
  display_name: col.text.null,
  roles: col.textArray.as<Role[]>().null,
  agency_id: col.uuid.null,
  task_force_id: col.uuid.null,
});

/** The bound user's authenticator (sealed) and the last time step it accepted, for the local code after a federated sign-in. */
export const ownAuthenticator = query(
  `SELECT u.id, u.username, u.display_name, u.roles, u.agency_id, a.task_force_id, m.mfa_enabled, m.mfa_secret, m.mfa_last_step
   FROM auth_own_authenticator() m, users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
  {
    id: col.uuid,
    username: col.text,
    display_name: col.text,
    roles: col.textArray.as<Role[]>(),
    agency_id: col.uuid,
    task_force_id: col.uuid,
    mfa_enabled: col.bool,
    mfa_secret: col.text.null,
    mfa_last_step: col.bigint.null,
  },
);

/**
 * The bound user's pending enrolment (sealed) and last accepted step, the row locked: the app role
 * reads no MFA secret but through this definer, and only the live session's own user's.
 */
export const ownEnrolment = query(`SELECT mfa_enabled, mfa_pending_secret, mfa_last_step FROM auth_own_authenticator()`, {
  mfa_enabled: col.bool,
  mfa_pending_secret: col.text.null,
  mfa_last_step: col.bigint.null,
});

/** Accepts the authenticator's time step for the bound user and marks the bound session MFA-satisfied. */
export const verifyMfaStep = query(`SELECT auth_mfa_verify($1) AS ok`, { ok: col.bool });
