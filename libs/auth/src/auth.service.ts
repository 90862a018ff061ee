import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import {
  APP_CONFIG,
  AppConfig,
  Db,
  Errors,
  Principal,
  RequestContext,
  SecretBox,
  Statement,
  SYSTEM_KEYS_TOKEN,
  SystemKeys,
} from '@app/core';
import { AuditOutcome, AuditService } from '@app/audit';
import { permissionsOf, Role } from '@app/access';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import {
  beginMfa,
  changeOwnPassword,
  confirmMfaStep,
  ownAuthenticator,
  ownEnrolment,
  ownMfaEnabledForUpdate,
  refreshSession,
  revokeOwnSession,
  revokeUserSessions,
  signIn,
  signInCandidate,
  startFederatedSession,
  touchSession,
  openReadRequest,
  verifyMfaStep,
} from './auth.sql';
import { AuthPayload, LoginStatus, Me, MfaEnrolment } from './graphql/auth.graphql-types';

/** The live session's principal, as the session checks return it. */
type SessionRow = typeof touchSession extends Statement<infer R> ? R : never;

/** auth_sign_in_candidate: what sign-in needs, without the password digest. */

/** Who the identity provider says signed in, and whether it asserted MFA. */
export interface FederatedIdentity {
  issuer: string;
  subject: string;
  sid: string | null;
  mfaAsserted: boolean;
}

/** The session a federated sign-in started (the refresh token goes into the console's cookie). */
export interface FederatedSession {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  status: LoginStatus;
}

const INVALID_LOGIN = 'The username or password is not correct, or the account cannot sign in. Ask your agency admin if this persists.';

export function toMe(u: {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  agency_id: string;
  task_force_id: string;
  mfa_enabled: boolean;
}): Me {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    permissions: [...permissionsOf(u.roles)],
    agencyId: u.agency_id,
    taskForceId: u.task_force_id,
    mfaEnabled: u.mfa_enabled,
  };
}

/** Sign-in, token refresh, sign-out and MFA. Every outcome is an audit event. */
@Injectable()
export class AuthService {
  private readonly mfaBox: SecretBox;

  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SYSTEM_KEYS_TOKEN) keys: SystemKeys,
  ) {
    this.mfaBox = new SecretBox(keys['mfa-secret']);
  }

  sealMfaSecret(userId: string, secret: string): string {
    return this.mfaBox.seal(secret, `users.mfa_secret:${userId}`);
  }

  private openMfaSecret(userId: string, sealed: string): string {
    return this.mfaBox.open(sealed, `users.mfa_secret:${userId}`);
  }

  /** What an audit event may say of a typed username: never something that could be a pasted password. */
  private auditableUsername(username: string): string {
    const u = username.toLowerCase();
    return /^[a-z0-9][a-z0-9._@-]{2,63}$/.test(u) ? u : '[not a valid username]';
  }

  private async checkLoginRate(username: string): Promise<void> {
    const { perAccount, perAddress, windowSeconds } = this.config.loginRateLimit;
    const ttl = windowSeconds * 1000;
    const byAccount = await this.throttle.increment(`login:account:${username.toLowerCase()}`, ttl, perAccount, ttl, 'login');
    const byAddress = await this.throttle.increment(`login:address:${this.ctx.clientAddress ?? 'unknown'}`, ttl, perAddress, ttl, 'login');
    if (byAccount.isBlocked || byAddress.isBlocked) {
      await this.audit.record({
        action: 'auth.login',
        outcome: AuditOutcome.DENIED,
        actor: { username: this.auditableUsername(username) },
        changes: { reason: byAccount.isBlocked ? 'rate limited (account)' : 'rate limited (address)' },
      });
      throw Errors.rateLimited('Too many sign-in attempts. Please wait a minute and try again.');
    }
  }

  async login(username: string, password: string, totp?: string): Promise<AuthPayload> {
    await this.checkLoginRate(username);
    const c = await this.db.narrowOne(signInCandidate, [username]);
    if (!c) {
      await this.passwords.verify(null, password);
      await this.audit.record({
        action: 'auth.login',
        outcome: AuditOutcome.FAILED,
        actor: { username: this.auditableUsername(username) },
        changes: { reason: 'unknown account' },
      });
      throw Errors.unauthenticated(INVALID_LOGIN);
    }
    // The database compares the hash: the app role never reads a password digest (docs/adr/0017).
    const presented = await this.passwords.hashWithParams(c.password_params, c.password_digest_length, password);
    let mfa: 'NONE' | 'WRONG' | 'OK' = 'NONE';
    let mfaStep: number | null = null;
    if (c.mfa_enabled && totp) {
      mfaStep = c.mfa_secret ? await this.checkTotp(this.openMfaSecret(c.user_id, c.mfa_secret), totp, c.mfa_last_step) : null;
      mfa = mfaStep === null ? 'WRONG' : 'OK';
    }
    const sessionId = randomUUID();
    const secret = this.tokens.newSessionSecret();
    const refresh = this.tokens.newRefresh(sessionId, 0);
    const actor = { userId: c.user_id, username: c.username, agencyId: c.agency_id, taskForceId: c.task_force_id, roles: c.roles };
    const outcome = await this.db.tx(
      async () => {
        const r = await this.db.row(signIn, [
          c.user_id,
          presented,
          mfa,
          mfaStep,
          sessionId,
          secret.hash,
          refresh.hash,
          this.ctx.clientAddress ?? null,
          this.ctx.userAgent ?? null,
        ]);
        const denied = { DISABLED: 'account disabled', LOCKED: 'account locked', AGENCY_INACTIVE: 'agency inactive' }[r.outcome];
        if (denied || r.outcome === 'UNKNOWN') {
          await this.audit.record({
            action: 'auth.login',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'user',
            recordId: c.user_id,
            changes: { reason: denied ?? 'unknown account' },
          });
          return { ok: false as const };
        }
        if (r.outcome === 'MFA_CODE_REQUIRED') {
          await this.audit.record({
            action: 'auth.login',
            outcome: AuditOutcome.FAILED,
            actor,
            recordType: 'user',
            recordId: c.user_id,
            changes: { reason: 'MFA code required' },
          });
          return { ok: true as const, mfaCodeRequired: true as const };
        }
        if (r.outcome !== 'SIGNED_IN') {
          await this.audit.record({
            action: 'auth.login',
            outcome: AuditOutcome.FAILED,
            actor,
            recordType: 'user',
            recordId: c.user_id,
            changes: { reason: r.outcome === 'WRONG_MFA' ? 'wrong MFA code' : 'wrong password', consecutiveFailures: r.failures },
          });
          if (r.locked)
            await this.audit.record({
              action: 'auth.lockout',
              outcome: AuditOutcome.SUCCESS,
              actor,
              recordType: 'user',
              recordId: c.user_id,
              changes: { consecutiveFailures: r.failures },
            });
          return { ok: false as const };
        }
        // auth_sign_in bound the new session's principal for this transaction.
        const accessToken = await this.tokens.signAccess({ sub: c.user_id, sid: sessionId, sk: secret.encoded });
        await this.audit.record({
          action: 'auth.login',
          actor,
          recordType: 'session',
          recordId: sessionId,
          changes: { mfa: c.mfa_enabled },
        });
        return { ok: true as const, tokens: { sessionId, accessToken, refreshToken: refresh.token }, mfaSatisfied: r.mfa_satisfied };
      },
      { as: null },
    );
    if (!outcome.ok) throw Errors.unauthenticated(INVALID_LOGIN);
    if ('mfaCodeRequired' in outcome)
      return {
        status: LoginStatus.MFA_CODE_REQUIRED,
        accessToken: null,
        refreshToken: null,
        accessTokenExpiresIn: null,
        idleTimeoutSeconds: null,
        me: null,
      };
    // The rest of this request (e.g. `me { agency }` in the payload) runs as the user who signed in.
    this.ctx.setPrincipal({
      userId: c.user_id,
      agencyId: c.agency_id,
      taskForceId: c.task_force_id,
      roles: c.roles,
      username: c.username,
      displayName: c.display_name,
      sessionId,
      sessionSecret: secret.secret,
      mfaSatisfied: outcome.mfaSatisfied,
      mfaEnabled: c.mfa_enabled,
    });
    return {
      status: outcome.mfaSatisfied ? LoginStatus.SIGNED_IN : LoginStatus.MFA_ENROLMENT_REQUIRED,
      accessToken: outcome.tokens.accessToken,
      refreshToken: outcome.tokens.refreshToken,
      accessTokenExpiresIn: this.config.accessTokenTtlSeconds,
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
      me: toMe({ ...c, id: c.user_id }),
    };
  }

  /**
   * A sign-in through the agency's identity provider (libs/auth/src/oidc): the account was found or
   * created by the provider identity; the same checks (enabled, unlocked, agency active), the same
   * session and the same audit trail as a password sign-in. The provider's MFA assertion satisfies
   * MFA; without it, an account with an authenticator must still give its code (`verifyMfa`), and
   * the agency's MFA requirement applies as to a password sign-in. The database checks the account
   * and that the identity is bound to it, creates the session and binds its principal
   * (auth_start_federated_session): the app role cannot create a session itself (docs/adr/0017).
   */
  async startFederatedSession(userId: string, idp: FederatedIdentity): Promise<FederatedSession | null> {
    const sessionId = randomUUID();
    const secret = this.tokens.newSessionSecret();
    const refresh = this.tokens.newRefresh(sessionId, 0);
    return this.db.tx(
      async () => {
        const r = await this.db.one(startFederatedSession, [
          userId,
          idp.issuer,
          idp.subject,
          idp.sid,
          idp.mfaAsserted,
          sessionId,
          secret.hash,
          refresh.hash,
          this.ctx.clientAddress ?? null,
          this.ctx.userAgent ?? null,
        ]);
        if (!r || r.outcome === 'UNKNOWN' || !r.username || !r.display_name || !r.roles || !r.agency_id || !r.task_force_id) return null;
        const actor = { userId, username: r.username, agencyId: r.agency_id, taskForceId: r.task_force_id, roles: r.roles };
        if (r.outcome !== 'SIGNED_IN') {
          const reason = {
            NO_IDENTITY: 'identity not bound to the account',
            DISABLED: 'account disabled',
            LOCKED: 'account locked',
            AGENCY_INACTIVE: 'agency inactive',
          }[r.outcome];
          await this.audit.record({
            action: 'auth.sso_login',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'user',
            recordId: userId,
            changes: { reason },
          });
          return null;
        }
        // auth_start_federated_session bound the new session's principal for this transaction.
        const accessToken = await this.tokens.signAccess({ sub: userId, sid: sessionId, sk: secret.encoded });
        await this.audit.record({
          action: 'auth.sso_login',
          actor,
          recordType: 'session',
          recordId: sessionId,
          changes: {
            issuer: idp.issuer,
            // The roles this session holds (with roles mapped from a claim, as the provider set them).
            roles: r.roles,
            mfa: idp.mfaAsserted ? 'asserted by the provider' : r.mfa_enabled ? 'code still required' : 'none',
          },
        });
        return {
          sessionId,
          accessToken,
          refreshToken: refresh.token,
          status: r.mfa_satisfied
            ? LoginStatus.SIGNED_IN
            : r.mfa_enabled
              ? LoginStatus.MFA_CODE_REQUIRED
              : LoginStatus.MFA_ENROLMENT_REQUIRED,
        };
      },
      { as: null },
    );
  }

  /**
   * After a federated sign-in without the provider's MFA: the authenticator's code satisfies MFA for
   * this session. The app checks the code (the seal key is not in the database); the database takes
   * its time step once and marks only the bound session satisfied (auth_mfa_verify).
   */
  async verifyMfa(code: string): Promise<Me> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const u = await this.db.one(ownAuthenticator, [p.userId]);
      if (!u?.mfa_enabled || !u.mfa_secret)
        throw Errors.badInput('This account has no authenticator app set up. Set one up with startMfaEnrolment.');
      const step = await this.checkTotp(this.openMfaSecret(u.id, u.mfa_secret), code, u.mfa_last_step);
      const accepted = step !== null && (await this.db.one(verifyMfaStep, [step]))?.ok === true;
      if (!accepted) {
        await this.audit.record({
          action: 'auth.mfa_verify',
          outcome: AuditOutcome.FAILED,
          recordType: 'session',
          recordId: p.sessionId,
          changes: { reason: 'wrong MFA code' },
        });
        throw Errors.badInput('That code is not correct, or it was already used. Enter the current code from your authenticator app.', {
          field: 'code',
        });
      }
      await this.audit.record({ action: 'auth.mfa_verify', recordType: 'session', recordId: p.sessionId });
      return toMe(u);
    });
  }

  /**
   * Verifies a TOTP code (one step of clock drift either way) and returns its time step, or null.
   * A code whose step is not after the last one accepted is refused: each code works once.
   */
  private async checkTotp(secret: string, token: string, lastStep: string | number | null): Promise<number | null> {
    try {
      const r = await verifyTotp({ secret, token, epochTolerance: 30 });
      if (!r.valid) return null;
      const step = (r as { timeStep?: number }).timeStep ?? Math.floor(Date.now() / 30000) + r.delta;
      return lastStep !== null && step <= Number(lastStep) ? null : step;
    } catch {
      return null;
    }
  }

  /**
   * Exchanges a refresh token for a new pair. Each refresh token works once; presenting one that
   * was already used means it leaked, so the whole session is revoked. The database checks the
   * token's hash and rotates the session secret (auth_refresh_session).
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const parsed = this.tokens.parseRefresh(refreshToken);
    if (!parsed) throw Errors.unauthenticated();
    const next = this.tokens.newRefresh(parsed.sessionId, parsed.generation + 1);
    const secret = this.tokens.newSessionSecret();
    const result = await this.db.tx(
      async () => {
        const rows = await this.db.many(refreshSession, [
          parsed.sessionId,
          parsed.generation,
          this.tokens.hashRefresh(parsed.raw),
          this.tokens.wasIssued(parsed),
          next.hash,
          secret.hash,
        ]);
        const s = rows.at(0);
        if (!s) return null;
        const actor = { userId: s.user_id, username: s.username, agencyId: s.agency_id, taskForceId: s.task_force_id, roles: s.roles };
        if (s.outcome === 'REUSED') {
          await this.audit.record({
            action: 'auth.refresh_reuse',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'session',
            recordId: parsed.sessionId,
            changes: { reason: 'a spent refresh token was presented; session revoked' },
          });
          return null;
        }
        if (s.outcome !== 'OK') {
          const reasons: Partial<Record<string, string>> = {
            REVOKED: 'session revoked',
            EXPIRED: 'session expired',
            CANNOT_SIGN_IN: 'account cannot sign in',
            INVALID: 'invalid refresh token',
          };
          const reason = reasons[s.outcome];
          await this.audit.record({
            action: 'auth.refresh',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'session',
            recordId: parsed.sessionId,
            changes: { reason: reason ?? 'invalid refresh token' },
          });
          return null;
        }
        await this.audit.record({ action: 'auth.refresh', actor, recordType: 'session', recordId: parsed.sessionId });
        const accessToken = await this.tokens.signAccess({ sub: s.user_id, sid: parsed.sessionId, sk: secret.encoded });
        return { s, accessToken, refreshToken: next.token };
      },
      { as: null },
    );
    if (!result) throw Errors.unauthenticated();
    const { s } = result;
    this.ctx.setPrincipal({
      userId: s.user_id,
      agencyId: s.agency_id,
      taskForceId: s.task_force_id,
      roles: s.roles,
      username: s.username,
      displayName: s.display_name,
      sessionId: parsed.sessionId,
      sessionSecret: secret.secret,
      mfaSatisfied: s.mfa_satisfied,
      mfaEnabled: s.mfa_enabled,
    });
    return {
      status: s.mfa_satisfied ? LoginStatus.SIGNED_IN : s.mfa_enabled ? LoginStatus.MFA_CODE_REQUIRED : LoginStatus.MFA_ENROLMENT_REQUIRED,
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      accessTokenExpiresIn: this.config.accessTokenTtlSeconds,
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
      me: toMe({
        id: s.user_id,
        username: s.username,
        display_name: s.display_name,
        roles: s.roles,
        agency_id: s.agency_id,
        task_force_id: s.task_force_id,
        mfa_enabled: s.mfa_enabled,
      }),
    };
  }

  async logout(): Promise<boolean> {
    const p = this.ctx.principal;
    await this.db.tx(async () => {
      await this.db.run(revokeOwnSession, [p.sessionId]);
      await this.audit.record({ action: 'auth.logout', recordType: 'session', recordId: p.sessionId });
    });
    return true;
  }

  /** Revokes every live session of a user (disable, MFA reset, password change). */
  async revokeAllSessions(userId: string, reason: string, exceptSessionId?: string): Promise<number> {
    return this.db.tx(async () => {
      return this.db.run(revokeUserSessions, [userId, reason, exceptSessionId ?? null]);
    });
  }

  me(p: Principal): Me {
    return toMe({
      id: p.userId,
      username: p.username,
      display_name: p.displayName,
      roles: p.roles.filter((r): r is Role => (Object.values(Role) as string[]).includes(r)),
      agency_id: p.agencyId,
      task_force_id: p.taskForceId,
      mfa_enabled: p.mfaEnabled,
    });
  }

  async startMfaEnrolment(): Promise<MfaEnrolment> {
    const p = this.ctx.principal;
    const secret = generateSecret();
    await this.db.tx(async () => {
      const u = await this.db.row(ownMfaEnabledForUpdate, [p.userId]);
      // Replacing a working second factor needs more than a stolen access token: an admin resets it.
      if (u.mfa_enabled)
        throw Errors.badInput('MFA is already set up for your account. If you lost your device, ask your agency admin to reset it.');
      // Only the bound user's own row (auth_mfa_begin): the app role cannot write MFA secrets itself.
      await this.db.run(beginMfa, [this.sealMfaSecret(p.userId, secret)]);
      await this.audit.record({ action: 'auth.mfa_enrolment_started', recordType: 'user', recordId: p.userId });
    });
    return { secret, otpauthUri: generateURI({ issuer: this.config.mfaIssuer, label: p.username, secret }) };
  }

  async confirmMfa(code: string): Promise<Me> {
    const p = this.ctx.principal;
    const ok = await this.db.tx(async () => {
      const u = await this.db.one(ownEnrolment, []);
      if (!u) throw Errors.badInput('There is no MFA enrolment to confirm. Start one with startMfaEnrolment.');
      if (u.mfa_enabled) throw Errors.badInput('MFA is already set up for your account.');
      if (!u.mfa_pending_secret) throw Errors.badInput('There is no MFA enrolment to confirm. Start one with startMfaEnrolment.');
      const step = await this.checkTotp(this.openMfaSecret(p.userId, u.mfa_pending_secret), code, u.mfa_last_step);
      if (step === null) {
        await this.audit.record({ action: 'auth.mfa_confirm', outcome: AuditOutcome.FAILED, recordType: 'user', recordId: p.userId });
        return false;
      }
      // The bound user's own enrolment, and the bound session marked MFA-satisfied (auth_mfa_confirm).
      const { ok: confirmed } = await this.db.row(confirmMfaStep, [step]);
      if (!confirmed) {
        await this.audit.record({ action: 'auth.mfa_confirm', outcome: AuditOutcome.FAILED, recordType: 'user', recordId: p.userId });
        return false;
      }
      await this.audit.record({
        action: 'auth.mfa_enabled',
        recordType: 'user',
        recordId: p.userId,
        changes: { mfaEnabled: { from: false, to: true } },
      });
      return true;
    });
    if (!ok) throw Errors.badInput('The code is not correct. Check the time on your device and try the current code.');
    return this.me({ ...p, mfaEnabled: true, mfaSatisfied: true });
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<boolean> {
    const p = this.ctx.principal;
    // A stolen access token must not become a password-guessing oracle: same limits as sign-in.
    await this.checkLoginRate(p.username);
    this.passwords.validate(newPassword, p.username);
    // The database compares the current password's hash and writes the new one for the bound user only.
    const c = await this.db.narrowOne(signInCandidate, [p.username]);
    const current = c ? await this.passwords.hashWithParams(c.password_params, c.password_digest_length, currentPassword) : null;
    const hash = await this.passwords.hash(newPassword);
    const changed = await this.db.tx(async () => {
      const { n } = await this.db.row(changeOwnPassword, [current, hash]);
      if (n < 0) {
        await this.audit.record({
          action: 'auth.password_change',
          outcome: AuditOutcome.FAILED,
          recordType: 'user',
          recordId: p.userId,
          changes: { reason: 'wrong current password' },
        });
        return false;
      }
      await this.audit.record({
        action: 'auth.password_change',
        recordType: 'user',
        recordId: p.userId,
        changes: { password: '[confidential]' },
      });
      return true;
    });
    if (!changed) throw Errors.badInput('The current password is not correct.', { field: 'currentPassword' });
    return true;
  }

  /** Resolves an access token to a live principal, or null (expired, revoked, idle, disabled, locked). */
  async authenticate(accessToken: string): Promise<Principal | null> {
    const claims = await this.tokens.verifyAccess(accessToken);
    if (!claims) return null;
    const sessionSecret = Buffer.from(claims.sk, 'base64url');
    const row = await this.db.narrowOne(touchSession, [claims.sid, sessionSecret]);
    if (!row || row.user_id !== claims.sub) return null;
    return this.principalOf(row, claims.sid, sessionSecret);
  }

  /**
   * The same for a read request (a GraphQL query), once per request: the check opens the request's
   * one transaction with the principal bound (Db.openRequest; docs/adr/0025), where `authenticate`
   * checks on a connection of its own and each transaction binds again.
   */
  authenticateRead(accessToken: string): Promise<Principal | null> {
    return this.db.oncePerRequest(async () => {
      const claims = await this.tokens.verifyAccess(accessToken);
      if (!claims) return null;
      const sessionSecret = Buffer.from(claims.sk, 'base64url');
      const row = await this.db.openRequest(openReadRequest, [claims.sid, sessionSecret, claims.sub]);
      return row ? this.principalOf(row, claims.sid, sessionSecret) : null;
    });
  }

  private principalOf(row: SessionRow, sessionId: string, sessionSecret: Buffer): Principal {
    return {
      userId: row.user_id,
      agencyId: row.agency_id,
      taskForceId: row.task_force_id,
      roles: row.roles,
      username: row.username,
      displayName: row.display_name,
      sessionId,
      sessionSecret,
      mfaSatisfied: row.mfa_satisfied,
      mfaEnabled: row.mfa_enabled,
    };
  }
}
