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

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('not-a-real-password-' + Math.random());
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
