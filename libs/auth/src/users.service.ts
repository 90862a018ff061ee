import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeCursor, Errors, RequestContext, toConnection, uniqueViolation } from '@app/core';
import { AccessPolicy, Role } from '@app/access';
import { AuditService, diffFields } from '@app/audit';
import { PasswordService } from './password.service';
import { AuthService } from './auth.service';
import {
  insertUser,
  ownUserForUpdate,
  resetUserMfa,
  userById,
  setUserActive,
  unlockUser,
  updateUserRoles,
  UserRow,
  usersPage,
} from './users.sql';
import { NewUserInput, User } from './graphql/user.graphql-types';

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
    return this.db.tx(async () => {
      const rows = await this.db.many(usersPage, [p.agencyId, cursor ? (cursor[0] as string) : null, first + 1]);
      return toConnection(rows, first, (r) => [r.username], toUser);
    });
  }

  /** Inserts a user in `agencyId` inside the caller's transaction (also used for an agency's first admin). */
  async insertUser(agencyId: string, input: NewUserInput, roles: Role[]): Promise<User> {
    const username = input.username.toLowerCase();
    this.passwords.validate(input.password, username);
    const hash = await this.passwords.hash(input.password);
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
        await this.db.run(insertUser, [
          row.id,
          agencyId,
          username,
          row.display_name,
          row.email,
          row.title,
          row.roles,
          hash,
          row.created_at,
        ]);
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
    const row = await this.db.one(ownUserForUpdate, [userId, p.agencyId]);
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
      this.db.checkVersion('user', before, version);
      const newVersion = await this.db.update(updateUserRoles, userId, version, { roles: unique });
      await this.audit.record({
        action: 'user.set_roles',
        recordType: 'user',
        recordId: userId,
        changes: diffFields({ roles: before.roles }, { roles: unique }),
      });
      return toUser({ ...before, roles: unique, version: newVersion });
    });
  }

  async setActive(userId: string, active: boolean): Promise<User> {
    const p = this.ctx.principal;
    const action = active ? 'user.enable' : 'user.disable';
    return this.db.tx(async () => {
      const before = await this.lockOwn(userId, action);
      if (!active && before.id === p.userId) throw Errors.badInput('You cannot disable your own account.');
      const rows = await this.db.many(setUserActive, [userId, active]);
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
      const rows = await this.db.many(unlockUser, [userId]);
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
      // Through the definer (the app role cannot write MFA secrets): an admin of the user's agency, bound to a live session.
      await this.db.one(resetUserMfa, [userId]);
      const rows = await this.db.many(userById, [userId]);
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
