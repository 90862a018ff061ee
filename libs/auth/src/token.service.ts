import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/core';

export interface AccessClaims {
  sub: string;
  sid: string;
  /** The session's secret (base64url): the database binds the principal only for its holder. */
  sk: string;
}

/** A new session secret, and the SHA-256 the database keeps of it. */
export interface SessionSecret {
  secret: Buffer;
  encoded: string;
  hash: Buffer;
}

export interface ParsedRefreshToken {
  sessionId: string;
  generation: number;
  raw: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONCE_BYTES = 32;
const TAG_BYTES = 16;
/** Access tokens remembered as verified, oldest forgotten first (a few hundred bytes each). */
const VERIFIED_TOKENS = 10_000;

/**
 * Access tokens: short-lived JWTs naming the user and the session (the session is checked on
 * every request, so logout and disable take effect at once). Refresh tokens: opaque
 * `<session>.<generation>.<nonce+tag>`, stored only as an HMAC; each is good for one use. The
 * tag (an HMAC of session, generation and nonce) proves a token of ANY generation was issued
 * here, so a spent token can be told from a made-up one naming a known session id.
 */
@Injectable()
export class TokenService {
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims): Promise<string> {
    return this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
  }

  /**
   * The claims of a genuine, unexpired access token, else null. A token verified once is remembered
   * by its exact text until it expires (issue 17: the signature check was a tenth of the CPU of a
   * signed-in request): the same bytes carry the same valid signature, and the session it names is
   * still checked in the database on every request, so signing out or a disabled user takes effect
   * at once as before. Tokens that fail are not remembered.
   */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
      return null;
    }
    let c: AccessClaims & { exp?: number };
    try {
      c = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!(
      typeof c.sub === 'string' &&
      UUID.test(c.sub) &&
      typeof c.sid === 'string' &&
      UUID.test(c.sid) &&
      typeof c.sk === 'string' &&
      c.sk.length >= 22 &&
      typeof c.exp === 'number'
    ))
      return null;
    const claims: AccessClaims = Object.freeze({ sub: c.sub, sid: c.sid, sk: c.sk });
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims, expiresAtMs: c.exp * 1000 });
    return claims;
  }

  /** A fresh session secret (sign-in and each refresh); it travels only inside the access token. */
  newSessionSecret(): SessionSecret {
    const secret = randomBytes(32);
    return { secret, encoded: secret.toString('base64url'), hash: createHash('sha256').update(secret).digest() };
  }

  newRefresh(sessionId: string, generation: number): { token: string; hash: Buffer } {
    const nonce = randomBytes(NONCE_BYTES);
    const body = Buffer.concat([nonce, this.issueTag(sessionId, generation, nonce)]);
    const token = `${sessionId}.${generation}.${body.toString('base64url')}`;
    return { token, hash: this.hashRefresh(token) };
  }

  /** True when this server issued the token (whatever its generation, spent or not). */
  wasIssued(p: ParsedRefreshToken): boolean {
    const body = Buffer.from(p.raw.split('.')[2] ?? '', 'base64url');
    if (body.length !== NONCE_BYTES + TAG_BYTES) return false;
    return this.sameHash(body.subarray(NONCE_BYTES), this.issueTag(p.sessionId, p.generation, body.subarray(0, NONCE_BYTES)));
  }

  private issueTag(sessionId: string, generation: number, nonce: Buffer): Buffer {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`refresh-issued:${sessionId}.${generation}.`)
      .update(nonce)
      .digest()
      .subarray(0, TAG_BYTES);
  }

  parseRefresh(token: string): ParsedRefreshToken | null {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 3 || !UUID.test(parts[0]) || !/^\d{1,9}$/.test(parts[1])) return null;
    return { sessionId: parts[0], generation: Number(parts[1]), raw: token };
  }

  hashRefresh(token: string): Buffer {
    return createHmac('sha256', this.config.jwtSecret)
      .update('refresh:' + token)
      .digest();
  }

  sameHash(a: Buffer, b: Buffer): boolean {
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
