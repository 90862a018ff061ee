import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/core';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export interface ParsedRefreshToken {
  sessionId: string;
  generation: number;
  raw: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Access tokens: short-lived JWTs naming the user and the session (the session is checked on
 * every request, so logout and disable take effect at once). Refresh tokens: opaque
 * `<session>.<generation>.<random>`, stored only as an HMAC; each is good for one use.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims): Promise<string> {
    return this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
  }

  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const c = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return typeof c.sub === 'string' && typeof c.sid === 'string' && UUID.test(c.sid) ? c : null;
    } catch {
      return null;
    }
  }

  newRefresh(sessionId: string, generation: number): { token: string; hash: Buffer } {
    const token = `${sessionId}.${generation}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: this.hashRefresh(token) };
  }

  parseRefresh(token: string): ParsedRefreshToken | null {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 3 || !UUID.test(parts[0]) || !/^\d{1,9}$/.test(parts[1])) return null;
    return { sessionId: parts[0], generation: Number(parts[1]), raw: token };
  }

  hashRefresh(token: string): Buffer {
    return createHmac('sha256', this.config.jwtSecret).update('refresh:' + token).digest();
  }

  sameHash(a: Buffer, b: Buffer): boolean {
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
