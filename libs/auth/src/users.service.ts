import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeCursor, Errors, RequestContext, toConnection, uniqueViolation } from '@app/core';
import { AccessPolicy, Role } from '@app/access';
import { AuditService, diffFields } from '@app/audit';
import { PasswordService } from './password.service';
import { AuthService } from './auth.service';
import { NewUserInput, User } from './graphql/user.graphql-types';

interface UserRow {
  id: string;
  agency_id: string;
  username: string;
  display_name: string;
  email: string | null;
  title: string | null;
  roles: Role[];
  active: boolean;
  locked_at: Date | null;
  mfa_enabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  version: number;
}

const COLUMNS = `id, agency_id, username, display_name, email, title, roles, active, locked_at, mfa_enabled, last_login_at, created_at, version`;

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    agencyId: r.agency_id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    title: r.title,
    roles: r.roles,
    active: r.active,
    locked: r.locked_at !== null,
    mfaEnabled: r.mfa_enabled,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** User administration within one's own agency. Admins manage accounts, never case content. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
  ) {}

  async list(first: number, after?: string): Promise<Connection<User>> {
    const p = this.ctx.principal;
    const cursor = decodeCursor(after, 1);
    if (cursor && typeof cursor[0] !== 'string') throw Errors.badInput('The cursor is not valid. Use the endCursor from a previous page.');
    return this.db.tx(async (em) => {
      const rows: UserRow[] = await em.query(
        `SELECT ${COLUMNS} FROM users WHERE agency_id = $1 AND ($2::text IS NULL OR username > $2) ORDER BY username LIMIT $3`,
        [p.agencyId, (cursor?.[0] as string) ?? null, first + 1],
      );
      return toConnection(rows, first, (r) => [r.username], toUser);
    });
  }

  /** Inserts a user in `agencyId` inside the caller's transaction (also used for an agency's first admin). */
  async insertUser(agencyId: string, input: NewUserInput, roles: Role[]): Promise<User> {
    const username = input.username.toLowerCase();
    this.passwords.validate(input.password, username);
    const hash = await this.passwords.hash(input.password);
    // No RETURNING: the task-force admin may insert another agency's first admin but never read it.
    const row: UserRow = {
      id: randomUUID(),
      agency_id: agencyId,
      username,
      display_name: input.displayName,
      email: input.email ?? null,
      title: input.title ?? null,
      roles: [...new Set(roles)],
      active: true,
      locked_at: null,
      mfa_enabled: false,
      last_login_at: null,
      created_at: new Date(),
      version: 1,
    };
    return this.db.tx(async () => {
      try {
        await this.db.exec(
          `INSERT INTO users (id, agency_id, username, display_name, email, title, roles, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [row.id, agencyId, username, row.display_name, row.email, row.title, row.roles, hash, row.created_at],
        );
      } catch (e) {
        if (uniqueViolation(e) !== undefined) {
          throw Errors.conflict(`The username "${username}" is already taken. Choose another one.`, { field: 'username' });
        }
        throw e;
      }
      const user = toUser(row);
      await this.audit.record({
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        subjectAgencyId: agencyId,
        changes: {
          ...diffFields(null, { username, displayName: input.displayName, email: input.email ?? null, roles: user.roles }),
          password: '[confidential]',
        },
      });
      return user;
    });
  }

  async create(input: NewUserInput & { roles: Role[] }): Promise<User> {
    const p = this.ctx.principal;
    this.policy.assertCanGrantRoles(p, input.roles);
    return this.insertUser(p.agencyId, input, input.roles);
  }

  /** Loads a user of the principal's own agency for update, or NOT_FOUND. */
  private async lockOwn(userId: string, action: string): Promise<UserRow> {
    const p = this.ctx.principal;
    const [row]: UserRow[] = await this.db.em.query(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [
      userId,
      p.agencyId,
    ]);
    if (!row) throw Errors.notFound('user', userId, action);
    return row;
  }

  async setRoles(userId: string, roles: Role[], version: number): Promise<User> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const before = await this.lockOwn(userId, 'user.set_roles');
      this.policy.assertCanGrantRoles(
        p,
        roles.filter((r) => !before.roles.includes(r)),
      );
      // Separation of duties: no one grants themselves a role (e.g. an admin making themselves AUDITOR).
      if (before.id === p.userId) throw Errors.badInput('You cannot change your own roles; ask another admin of your agency.');
      const unique = [...new Set(roles)];
      const { rows, rowCount } = await this.db.exec<UserRow>(
        `UPDATE users SET roles = $3, updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
        [userId, version, unique],
      );
      if (rowCount !== 1)
        throw Errors.conflict('This user was changed by someone else since you read it. Reload and try again.', {
          currentVersion: before.version,
        });
      await this.audit.record({
        action: 'user.set_roles',
        recordType: 'user',
        recordId: userId,
        changes: diffFields({ roles: before.roles }, { roles: unique }),
      });
      return toUser(rows[0]);
    });
  }

  async setActive(userId: string, active: boolean): Promise<User> {
    const p = this.ctx.principal;
    const action = active ? 'user.enable' : 'user.disable';
    return this.db.tx(async () => {
      const before = await this.lockOwn(userId, action);
      if (!active && before.id === p.userId) throw Errors.badInput('You cannot disable your own account.');
      const { rows } = await this.db.exec<UserRow>(
        `UPDATE users SET active = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
        [userId, active],
      );
      const revoked = active ? 0 : await this.auth.revokeAllSessions(userId, 'user disabled');
      await this.audit.record({
        action,
        recordType: 'user',
        recordId: userId,
        changes: { ...diffFields({ active: before.active }, { active }), ...(active ? {} : { sessionsRevoked: revoked }) },
      });
      return toUser(rows[0]);
    });
  }

  async unlock(userId: string): Promise<User> {
    return this.db.tx(async () => {
      const before = await this.lockOwn(userId, 'user.unlock');
      const { rows } = await this.db.exec<UserRow>(
        `UPDATE users SET locked_at = NULL, failed_login_count = 0, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
        [userId],
      );
      await this.audit.record({
        action: 'user.unlock',
        recordType: 'user',
        recordId: userId,
        changes: diffFields({ locked: before.locked_at !== null }, { locked: false }),
      });
      return toUser(rows[0]);
    });
  }

  async resetMfa(userId: string): Promise<User> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const before = await this.lockOwn(userId, 'user.reset_mfa');
      // Like roles and disabling: no one removes their own second factor; another admin does.
      if (before.id === p.userId) throw Errors.badInput('You cannot reset your own second factor; ask another admin of your agency.');
      const { rows } = await this.db.exec<UserRow>(
        `UPDATE users SET mfa_enabled = false, mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_step = NULL, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
        [userId],
      );
      const revoked = await this.auth.revokeAllSessions(userId, 'MFA reset');
      await this.audit.record({
        action: 'user.reset_mfa',
        recordType: 'user',
        recordId: userId,
        changes: { ...diffFields({ mfaEnabled: before.mfa_enabled }, { mfaEnabled: false }), sessionsRevoked: revoked },
      });
      return toUser(rows[0]);
    });
  }
}
