import { col, command, query, Row, versionedUpdate } from '@app/core';
import type { Role } from '@app/access';

/** User administration's SQL (users.service.ts). */
const COLUMNS = `id, agency_id, username, display_name, email, title, roles, active, locked_at, mfa_enabled, last_login_at, created_at, version`;
const USER = {
  id: col.uuid,
  agency_id: col.uuid,
  username: col.text,
  display_name: col.text,
  email: col.text.null,
  title: col.text.null,
  roles: col.textArray.as<Role[]>(),
  active: col.bool,
  locked_at: col.timestamptz.null,
  mfa_enabled: col.bool,
  last_login_at: col.timestamptz.null,
  created_at: col.timestamptz,
  version: col.int,
};

export const usersPage = query(
  `SELECT ${COLUMNS} FROM users WHERE agency_id = $1 AND ($2::text IS NULL OR username > $2) ORDER BY username LIMIT $3`,
  USER,
);
export type UserRow = Row<typeof usersPage>;

/** No RETURNING: the task-force admin may insert another agency's first admin but never read it. */
export const insertUser = command(
  `INSERT INTO users (id, agency_id, username, display_name, email, title, roles, password_hash, created_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

export const ownUserForUpdate = query(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND agency_id = $2 FOR UPDATE`, USER);

export const updateUserRoles = versionedUpdate('users', 'user', { roles: 'roles' }, { always: ['updated_at = now()'] });

export const setUserActive = query(
  `UPDATE users SET active = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
  USER,
);

export const unlockUser = query(
  `UPDATE users SET locked_at = NULL, failed_login_count = 0, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
  USER,
);

/** MFA is reset through the definer (the app role cannot write MFA secrets; docs/adr/0017). */
export const resetUserMfa = query(`SELECT auth_reset_mfa($1) AS reset`, { reset: col.bool });

export const userById = query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, USER);
