import { col, command, query } from '@app/core';
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

/**
 * Password sign-in's outcome: the database compares the presented hash, counts the failure or
 * locks, and on success creates the session with its secrets' hashes and binds its principal.
 */
export const signIn = query(`SELECT * FROM auth_sign_in($1, $2, $3, $4, $5, $6, $7, $8, $9)`, {
  outcome: col.text,
  failures: col.int,
  locked: col.bool,
  mfa_satisfied: col.bool,
});

/** A session's principal as auth_refresh_session and auth_touch_session answer it (in their column order). */
const SESSION_PRINCIPAL = {
  user_id: col.uuid,
  agency_id: col.uuid,
  task_force_id: col.uuid,
  roles: col.textArray.as<Role[]>(),
  username: col.text,
  display_name: col.text,
  mfa_satisfied: col.bool,
  mfa_enabled: col.bool,
};

/** A refresh: the session rotated (or why not), its user, and the new principal bound. */
export const refreshSession = query(`SELECT * FROM auth_refresh_session($1, $2, $3, $4, $5, $6)`, {
  outcome: col.text.as<'OK' | 'REVOKED' | 'EXPIRED' | 'CANNOT_SIGN_IN' | 'REUSED' | 'INVALID'>(),
  ...SESSION_PRINCIPAL,
});

/** Signing out: the bound session, revoked. */
export const revokeOwnSession = command(
  `UPDATE sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`,
);

/** Every live session of a user, but one, revoked (disable, MFA reset, password change). */
export const revokeUserSessions = command(
  `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3)`,
);

/** Whether the user already has an authenticator, the row locked for the enrolment. */
export const ownMfaEnabledForUpdate = query(`SELECT mfa_enabled FROM users WHERE id = $1 FOR UPDATE`, { mfa_enabled: col.bool });

/** Keeps a new enrolment's sealed secret on the bound user's own row. */
export const beginMfa = command(`SELECT FROM auth_mfa_begin($1)`);

/** Confirms the bound user's enrolment with the code's time step and marks the bound session MFA-satisfied. */
export const confirmMfaStep = query(`SELECT auth_mfa_confirm($1) AS ok`, { ok: col.bool });

/** The bound user's own password: the database compares the current hash and stores the new one (rows changed). */
export const changeOwnPassword = query(`SELECT auth_change_password($1, $2) AS n`, { n: col.int });

/**
 * Who would sign in with this username: the password hash's parameters (never the digest) and the
 * sealed authenticator, through the definer (the app role reads no credential column).
 */
export const signInCandidate = query(`SELECT * FROM auth_sign_in_candidate($1)`, {
  user_id: col.uuid,
  agency_id: col.uuid,
  task_force_id: col.uuid,
  username: col.text,
  display_name: col.text,
  roles: col.textArray.as<Role[]>(),
  password_params: col.text,
  password_digest_length: col.int,
  mfa_enabled: col.bool,
  mfa_secret: col.text.null,
  mfa_last_step: col.bigint.null,
});

/** A request's session: live, not idle past the database's limit, its secret matching; touched, with its principal. */
/**
 * A read request's first statement, sent with its BEGIN (Db.openRequest): the same check as
 * touchSession, and the principal bound for the request's one transaction (docs/adr/0025).
 */
export const openReadRequest = query(`SELECT * FROM auth_open_request($1::uuid, $2::bytea, $3::uuid)`, {
  ...SESSION_PRINCIPAL,
  idle_timeout_seconds: col.int,
});

export const touchSession = query(`SELECT * FROM auth_touch_session($1, $2)`, {
  ...SESSION_PRINCIPAL,
  idle_timeout_seconds: col.int,
});
