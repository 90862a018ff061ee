import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import {
  APP_CONFIG,
  AppConfig,
  Db,
  DbPrincipal,
  Errors,
  Principal,
  RequestContext,
  SecretBox,
  SYSTEM_KEYS_TOKEN,
  SystemKeys,
} from '@app/core';
import { AuditOutcome, AuditService } from '@app/audit';
import { permissionsOf, Role } from '@app/access';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { AuthPayload, LoginStatus, Me, MfaEnrolment } from './graphql/auth.graphql-types';

interface UserRow {
  id: string;
  agency_id: string;
  task_force_id: string;
  username: string;
  display_name: string;
  roles: Role[];
  password_hash: string;
  active: boolean;
  failed_login_count: number;
  locked_at: Date | null;
  mfa_enabled: boolean;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_last_step: string | null;
  agency_active: boolean;
}

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

/** The account and its agency's standing, locked for the sign-in or MFA step that changes it. */
async function lockUser(em: { query: (q: string, p?: unknown[]) => Promise<UserRow[]> }, userId: string): Promise<UserRow> {
  const [u] = await em.query(
    `SELECT u.*, a.task_force_id, a.active AS agency_active FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 FOR UPDATE OF u`,
    [userId],
  );
  return u;
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
    const [who] = await this.db.narrow<{ user_id: string; agency_id: string; task_force_id: string }>(
      `SELECT * FROM auth_principal_for_username($1)`,
      [username],
    );
    if (!who) {
      await this.passwords.verify(null, password);
      await this.audit.record({
        action: 'auth.login',
        outcome: AuditOutcome.FAILED,
        actor: { username: this.auditableUsername(username) },
        changes: { reason: 'unknown account' },
      });
      throw Errors.unauthenticated(INVALID_LOGIN);
    }
    const as: DbPrincipal = { userId: who.user_id, agencyId: who.agency_id, taskForceId: who.task_force_id, roles: [] };
    const outcome = await this.db.tx(
      async (em) => {
        const u = await lockUser(em, who.user_id);
        const actor = { userId: u.id, username: u.username, agencyId: u.agency_id, taskForceId: u.task_force_id, roles: u.roles };
        if (!u.active || u.locked_at || !u.agency_active) {
          await this.passwords.verify(u.password_hash, password);
          const reason = !u.active ? 'account disabled' : u.locked_at ? 'account locked' : 'agency inactive';
          await this.audit.record({
            action: 'auth.login',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'user',
            recordId: u.id,
            changes: { reason },
          });
          return { ok: false as const };
        }
        const passwordOk = await this.passwords.verify(u.password_hash, password);
        let totpOk = true;
        let totpStep: number | null = null;
        if (passwordOk && u.mfa_enabled) {
          if (!totp) {
            await this.audit.record({
              action: 'auth.login',
              outcome: AuditOutcome.FAILED,
              actor,
              recordType: 'user',
              recordId: u.id,
              changes: { reason: 'MFA code required' },
            });
            return { ok: true as const, mfaCodeRequired: true as const };
          }
          totpStep = await this.checkTotp(this.openMfaSecret(u.id, u.mfa_secret!), totp, u.mfa_last_step);
          totpOk = totpStep !== null;
        }
        if (!passwordOk || !totpOk) {
          const failures = u.failed_login_count + 1;
          const lock = failures >= this.config.maxFailedLogins;
          await em.query(`UPDATE users SET failed_login_count = $2, locked_at = CASE WHEN $3 THEN now() ELSE locked_at END WHERE id = $1`, [
            u.id,
            failures,
            lock,
          ]);
          await this.audit.record({
            action: 'auth.login',
            outcome: AuditOutcome.FAILED,
            actor,
            recordType: 'user',
            recordId: u.id,
            changes: { reason: passwordOk ? 'wrong MFA code' : 'wrong password', consecutiveFailures: failures },
          });
          if (lock)
            await this.audit.record({
              action: 'auth.lockout',
              outcome: AuditOutcome.SUCCESS,
              actor,
              recordType: 'user',
              recordId: u.id,
              changes: { consecutiveFailures: failures },
            });
          return { ok: false as const };
        }
        await em.query(
          `UPDATE users SET failed_login_count = 0, last_login_at = now(), mfa_last_step = coalesce($2, mfa_last_step) WHERE id = $1`,
          [u.id, totpStep],
        );
        const mfaSatisfied = u.mfa_enabled || !this.config.mfaRequired;
        const tokens = await this.createSession(em, u, mfaSatisfied);
        await this.audit.record({
          action: 'auth.login',
          actor,
          recordType: 'session',
          recordId: tokens.sessionId,
          changes: { mfa: u.mfa_enabled },
        });
        return { ok: true as const, user: u, tokens, mfaSatisfied };
      },
      { as },
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
    const u = outcome.user;
    this.ctx.setPrincipal({
      userId: u.id,
      agencyId: u.agency_id,
      taskForceId: u.task_force_id,
      roles: u.roles,
      username: u.username,
      displayName: u.display_name,
      sessionId: outcome.tokens.sessionId,
      mfaSatisfied: outcome.mfaSatisfied,
      mfaEnabled: u.mfa_enabled,
    });
    return {
      status: outcome.mfaSatisfied ? LoginStatus.SIGNED_IN : LoginStatus.MFA_ENROLMENT_REQUIRED,
      accessToken: outcome.tokens.accessToken,
      refreshToken: outcome.tokens.refreshToken,
      accessTokenExpiresIn: this.config.accessTokenTtlSeconds,
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
      me: toMe(outcome.user),
    };
  }

  /**
   * A sign-in through the agency's identity provider (libs/auth/src/oidc): the account was found or
   * created by the provider identity; the same checks (enabled, unlocked, agency active), the same
   * session and the same audit trail as a password sign-in. The provider's MFA assertion satisfies
   * MFA; without it, an account with an authenticator must still give its code (`verifyMfa`), and
   * the agency's MFA requirement applies as to a password sign-in.
   */
  async startFederatedSession(as: DbPrincipal, idp: FederatedIdentity): Promise<FederatedSession | null> {
    return this.db.tx(
      async (em) => {
        const u = await lockUser(em, as.userId);
        const actor = { userId: u.id, username: u.username, agencyId: u.agency_id, taskForceId: u.task_force_id, roles: u.roles };
        if (!u.active || u.locked_at || !u.agency_active) {
          const reason = !u.active ? 'account disabled' : u.locked_at ? 'account locked' : 'agency inactive';
          await this.audit.record({
            action: 'auth.sso_login',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'user',
            recordId: u.id,
            changes: { reason },
          });
          return null;
        }
        await em.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [u.id]);
        const mfaSatisfied = idp.mfaAsserted || (!u.mfa_enabled && !this.config.mfaRequired);
        const tokens = await this.createSession(em, u, mfaSatisfied);
        await em.query(`UPDATE sessions SET idp_issuer = $2, idp_subject = $3, idp_sid = $4 WHERE id = $1`, [
          tokens.sessionId,
          idp.issuer,
          idp.subject,
          idp.sid,
        ]);
        await this.audit.record({
          action: 'auth.sso_login',
          actor,
          recordType: 'session',
          recordId: tokens.sessionId,
          changes: {
            issuer: idp.issuer,
            mfa: idp.mfaAsserted ? 'asserted by the provider' : u.mfa_enabled ? 'code still required' : 'none',
          },
        });
        return {
          ...tokens,
          status: mfaSatisfied ? LoginStatus.SIGNED_IN : u.mfa_enabled ? LoginStatus.MFA_CODE_REQUIRED : LoginStatus.MFA_ENROLMENT_REQUIRED,
        };
      },
      { as },
    );
  }

  /** After a federated sign-in without the provider's MFA: the authenticator's code satisfies MFA for this session. */
  async verifyMfa(code: string): Promise<Me> {
    const p = this.ctx.principal;
    return this.db.tx(async (em) => {
      const u = await lockUser(em, p.userId);
      if (!u.mfa_enabled || !u.mfa_secret)
        throw Errors.badInput('This account has no authenticator app set up. Set one up with startMfaEnrolment.');
      const step = await this.checkTotp(this.openMfaSecret(u.id, u.mfa_secret), code, u.mfa_last_step);
      if (step === null) {
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
      await em.query(`UPDATE users SET mfa_last_step = $2 WHERE id = $1`, [u.id, step]);
      await em.query(`UPDATE sessions SET mfa_satisfied = true WHERE id = $1`, [p.sessionId]);
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

  private async createSession(em: { query: (q: string, p?: unknown[]) => Promise<any> }, u: UserRow, mfaSatisfied: boolean) {
    const [{ id }] = await em.query(
      `INSERT INTO sessions (user_id, agency_id, refresh_hash, mfa_satisfied, expires_at, client_address, user_agent)
       VALUES ($1, $2, '\\x00', $3, now() + make_interval(secs => $4), $5, $6) RETURNING id`,
      [u.id, u.agency_id, mfaSatisfied, this.config.refreshTokenTtlSeconds, this.ctx.clientAddress ?? null, this.ctx.userAgent ?? null],
    );
    const refresh = this.tokens.newRefresh(id, 0);
    await em.query(`UPDATE sessions SET refresh_hash = $2 WHERE id = $1`, [id, refresh.hash]);
    const accessToken = await this.tokens.signAccess({ sub: u.id, sid: id });
    return { sessionId: id as string, accessToken, refreshToken: refresh.token };
  }

  /**
   * Exchanges a refresh token for a new pair. Each refresh token works once; presenting one that
   * was already used means it leaked, so the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const parsed = this.tokens.parseRefresh(refreshToken);
    if (!parsed) throw Errors.unauthenticated();
    const [who] = await this.db.narrow<{ user_id: string; agency_id: string; task_force_id: string }>(
      `SELECT * FROM auth_principal_for_session($1)`,
      [parsed.sessionId],
    );
    if (!who) throw Errors.unauthenticated();
    const as: DbPrincipal = { userId: who.user_id, agencyId: who.agency_id, taskForceId: who.task_force_id, roles: [] };
    const result = await this.db.tx(
      async (em) => {
        const [s] = await em.query(
          `SELECT s.*, u.username, u.display_name, u.roles, u.active, u.locked_at, u.mfa_enabled, a.task_force_id, a.active AS agency_active,
                (s.expires_at <= now() OR s.last_seen_at <= now() - make_interval(secs => $2)) AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id WHERE s.id = $1 FOR UPDATE OF s`,
          [parsed.sessionId, this.config.idleTimeoutSeconds],
        );
        const actor = { userId: s.user_id, username: s.username, agencyId: s.agency_id, taskForceId: s.task_force_id, roles: s.roles };
        if (s.revoked_at || s.stale || !s.active || s.locked_at || !s.agency_active) {
          await this.audit.record({
            action: 'auth.refresh',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'session',
            recordId: s.id,
            changes: { reason: s.revoked_at ? 'session revoked' : s.stale ? 'session expired' : 'account cannot sign in' },
          });
          return null;
        }
        // Only a token this server issued proves a leak; a made-up one naming the session must not end it.
        if (parsed.generation < s.refresh_generation && this.tokens.wasIssued(parsed)) {
          await em.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1`, [s.id]);
          await this.audit.record({
            action: 'auth.refresh_reuse',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'session',
            recordId: s.id,
            changes: { reason: 'a spent refresh token was presented; session revoked' },
          });
          return null;
        }
        if (parsed.generation !== s.refresh_generation || !this.tokens.sameHash(this.tokens.hashRefresh(parsed.raw), s.refresh_hash)) {
          await this.audit.record({
            action: 'auth.refresh',
            outcome: AuditOutcome.DENIED,
            actor,
            recordType: 'session',
            recordId: s.id,
            changes: { reason: 'invalid refresh token' },
          });
          return null;
        }
        const next = this.tokens.newRefresh(s.id, s.refresh_generation + 1);
        await em.query(
          `UPDATE sessions SET refresh_generation = refresh_generation + 1, refresh_hash = $2, last_seen_at = now() WHERE id = $1`,
          [s.id, next.hash],
        );
        await this.audit.record({ action: 'auth.refresh', actor, recordType: 'session', recordId: s.id });
        const accessToken = await this.tokens.signAccess({ sub: s.user_id, sid: s.id });
        return { s, accessToken, refreshToken: next.token };
      },
      { as },
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
      sessionId: s.id,
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
    await this.db.tx(async (em) => {
      await em.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`, [
        p.sessionId,
      ]);
      await this.audit.record({ action: 'auth.logout', recordType: 'session', recordId: p.sessionId });
    });
    return true;
  }

  /** Revokes every live session of a user (disable, MFA reset, password change). */
  async revokeAllSessions(userId: string, reason: string, exceptSessionId?: string): Promise<number> {
    return this.db.tx(async () => {
      const { rowCount } = await this.db.exec(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3)`,
        [userId, reason, exceptSessionId ?? null],
      );
      return rowCount;
    });
  }

  me(p: Principal): Me {
    return toMe({
      id: p.userId,
      username: p.username,
      display_name: p.displayName,
      roles: p.roles as Role[],
      agency_id: p.agencyId,
      task_force_id: p.taskForceId,
      mfa_enabled: p.mfaEnabled,
    });
  }

  async startMfaEnrolment(): Promise<MfaEnrolment> {
    const p = this.ctx.principal;
    const secret = generateSecret();
    await this.db.tx(async (em) => {
      const [u] = await em.query(`SELECT mfa_enabled FROM users WHERE id = $1 FOR UPDATE`, [p.userId]);
      // Replacing a working second factor needs more than a stolen access token: an admin resets it.
      if (u.mfa_enabled)
        throw Errors.badInput('MFA is already set up for your account. If you lost your device, ask your agency admin to reset it.');
      await em.query(`UPDATE users SET mfa_pending_secret = $2, updated_at = now() WHERE id = $1`, [
        p.userId,
        this.sealMfaSecret(p.userId, secret),
      ]);
      await this.audit.record({ action: 'auth.mfa_enrolment_started', recordType: 'user', recordId: p.userId });
    });
    return { secret, otpauthUri: generateURI({ issuer: this.config.mfaIssuer, label: p.username, secret }) };
  }

  async confirmMfa(code: string): Promise<Me> {
    const p = this.ctx.principal;
    const ok = await this.db.tx(async (em) => {
      const [u] = await em.query(`SELECT mfa_pending_secret, mfa_enabled, mfa_last_step FROM users WHERE id = $1 FOR UPDATE`, [p.userId]);
      if (u.mfa_enabled) throw Errors.badInput('MFA is already set up for your account.');
      if (!u?.mfa_pending_secret) throw Errors.badInput('There is no MFA enrolment to confirm. Start one with startMfaEnrolment.');
      const step = await this.checkTotp(this.openMfaSecret(p.userId, u.mfa_pending_secret), code, u.mfa_last_step);
      if (step === null) {
        await this.audit.record({ action: 'auth.mfa_confirm', outcome: AuditOutcome.FAILED, recordType: 'user', recordId: p.userId });
        return false;
      }
      await em.query(
        `UPDATE users SET mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL, mfa_enabled = true, mfa_last_step = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        [p.userId, step],
      );
      await em.query(`UPDATE sessions SET mfa_satisfied = true WHERE id = $1`, [p.sessionId]);
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
    const [u] = await this.db.tx((em) => em.query(`SELECT password_hash FROM users WHERE id = $1`, [p.userId]));
    if (!(await this.passwords.verify(u.password_hash, currentPassword))) {
      await this.audit.record({
        action: 'auth.password_change',
        outcome: AuditOutcome.FAILED,
        recordType: 'user',
        recordId: p.userId,
        changes: { reason: 'wrong current password' },
      });
      throw Errors.badInput('The current password is not correct.', { field: 'currentPassword' });
    }
    const hash = await this.passwords.hash(newPassword);
    await this.db.tx(async (em) => {
      await em.query(
        `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
        [p.userId, hash],
      );
      await this.revokeAllSessions(p.userId, 'password changed', p.sessionId);
      await this.audit.record({
        action: 'auth.password_change',
        recordType: 'user',
        recordId: p.userId,
        changes: { password: '[confidential]' },
      });
    });
    return true;
  }

  /** Resolves an access token to a live principal, or null (expired, revoked, idle, disabled, locked). */
  async authenticate(accessToken: string): Promise<Principal | null> {
    const claims = await this.tokens.verifyAccess(accessToken);
    if (!claims) return null;
    const [row] = await this.db.narrow<any>(`SELECT * FROM auth_touch_session($1, $2)`, [claims.sid, this.config.idleTimeoutSeconds]);
    if (!row || row.user_id !== claims.sub) return null;
    return {
      userId: row.user_id,
      agencyId: row.agency_id,
      taskForceId: row.task_force_id,
      roles: row.roles,
      username: row.username,
      displayName: row.display_name,
      sessionId: claims.sid,
      mfaSatisfied: row.mfa_satisfied,
      mfaEnabled: row.mfa_enabled,
    };
  }
}
