import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and associated data binding the value to its
 * place (table, column, row), so a ciphertext copied to another row does not decrypt.
 * Format: "v1:" + base64(nonce | tag | ciphertext).
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  /** A sub-key for one purpose, derived from a root key with HKDF-SHA-256. */
  static derive(root: Buffer, purpose: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), Buffer.from(purpose), 32)));
  }

  seal(plaintext: string | Buffer, aad: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return 'v1:' + Buffer.concat([nonce, cipher.getAuthTag(), ct]).toString('base64');
  }

  openToBuffer(sealed: string, aad: string): Buffer {
    if (!sealed.startsWith('v1:')) throw new Error('Unknown ciphertext format');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }

  open(sealed: string, aad: string): string {
    return this.openToBuffer(sealed, aad).toString('utf8');
  }

  /** Keyed HMAC-SHA-256 (for blind indexes and token hashes). */
  mac(value: string | Buffer): Buffer {
    return createHmac('sha256', this.key).update(value).digest();
  }
}
