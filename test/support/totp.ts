import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP computed independently of the server (no otplib): HMAC-SHA1 over the 30-second
 * step counter, dynamic truncation (RFC 4226), 6 digits, with the base32 (RFC 4648) secret that
 * startMfaEnrolment returns.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;

export function base32Decode(input: string): Buffer {
  const clean = input.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = BASE32.indexOf(ch);
    if (idx < 0) throw new Error(`not a base32 character: "${ch}"`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of `key` at `counter`. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', key).update(msg).digest();
  const off = h[h.length - 1] & 0x0f;
  const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code for a base32 secret at `atMs` (default: now). */
export function totp(secretBase32: string, atMs = Date.now(), digits = 6): string {
  return hotp(base32Decode(secretBase32), Math.floor(atMs / 1000 / TOTP_STEP_SECONDS), digits);
}

/**
 * A well-formed 6-digit code that is NOT valid for `secretBase32` anywhere near now (it differs
 * from the codes of the five steps around the current one, wider than any sane server tolerance).
 */
export function wrongTotp(secretBase32: string, atMs = Date.now()): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(secretBase32, atMs + d * TOTP_STEP_SECONDS * 1000)));
  for (const candidate of ['000000', '111111', '222222', '333333', '444444', '555555']) {
    if (!near.has(candidate)) return candidate;
  }
  throw new Error('unreachable: six distinct candidates cannot all collide with five codes');
}
