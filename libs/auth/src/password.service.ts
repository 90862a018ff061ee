import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { Errors } from '@app/core';
import { COMMON_PASSWORDS } from './common-passwords';

/** OWASP's argon2id floor (19 MiB, 2 passes): strong, and cheap enough to log in quickly on 2 cores. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A hash to verify against when the account does not exist, so timing does not tell. */
  private dummyHash?: Promise<string>;

  /** Length 12..128, not a known-common password, not the username. No composition rules. */
  validate(password: string, username?: string): void {
    if (typeof password !== 'string' || password.length < 12)
      throw Errors.badInput('The password must be at least 12 characters long.', { field: 'password' });
    if (password.length > 128) throw Errors.badInput('The password must be at most 128 characters long.', { field: 'password' });
    const lower = password.toLowerCase();
    if (COMMON_PASSWORDS.has(lower))
      throw Errors.badInput('This password is too common. Please choose a less predictable one.', { field: 'password' });
    if (username && lower.includes(username.toLowerCase()))
      throw Errors.badInput('The password must not contain the username.', { field: 'password' });
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /**
   * The encoded hash of `password` under stored parameters (`$argon2id$v=19$m=..,t=..,p=..$salt`, the
   * stored hash without its digest): the database compares it with the stored hash, so the app role
   * never reads a digest (auth_sign_in). Null when the parameters are not an argon2 hash's.
   */
  async hashWithParams(params: string, digestLength: number, password: string): Promise<string | null> {
    const m = /^\$(argon2id|argon2i|argon2d)\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$([A-Za-z0-9+/]+)$/.exec(params);
    if (!m || digestLength < 4 || digestLength > 1024) return null;
    const p = Object.fromEntries(m[3].split(',').map((kv) => [kv[0], Number(kv.slice(2))]));
    if (!p.m || !p.t || !p.p) return null;
    const type = ({ argon2d: argon2.argon2d, argon2i: argon2.argon2i, argon2id: argon2.argon2id } as const)[
      m[1] as 'argon2id' | 'argon2i' | 'argon2d'
    ];
    try {
      return await argon2.hash(password, {
        type,
        version: Number(m[2]),
        memoryCost: p.m,
        timeCost: p.t,
        parallelism: p.p,
        salt: Buffer.from(m[4], 'base64'),
        hashLength: digestLength,
      });
    } catch {
      return null;
    }
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash(`not-a-real-password-${Math.random()}`);
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
