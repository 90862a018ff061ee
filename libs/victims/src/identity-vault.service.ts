import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, currentAgencyKey, currentKeyOf, Db, insertKey, RunSql, SecretBox, Statement, unwrapKey } from '@app/core';
import { wrappedKey } from './identity-vault.sql';

/** The key ring's statements currentAgencyKey runs (core's key-ring.sql.ts), by their text. */
const KEY_RING_STATEMENTS = new Map<string, Statement<unknown>>([currentKeyOf, insertKey].map((s) => [s.text, s]));

/** Associated data of one identity value: its table, column, row and key version. */
export function identityAad(victimId: string, column: string, keyVersion: number): string {
  return `victim_identities|${column}|${victimId}|k${keyVersion}`;
}

/**
 * Victim identities are sealed value by value (AES-256-GCM, fresh nonce) under the custodial
 * agency's data key, which lives wrapped in the key ring (ADR 0005). Unwrapped keys are cached in
 * this process only.
 */
@Injectable()
export class IdentityVault {
  private readonly keys = new Map<string, Buffer>();
  private readonly master: Buffer;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.master = config.masterKey;
  }

  /** Runs the key ring's rule (currentAgencyKey) through Db: only its own declared statements. */
  private readonly keyRing: RunSql = (sql, params) => {
    const stmt = KEY_RING_STATEMENTS.get(sql);
    if (!stmt) throw new Error('The identity vault runs only the key ring statements');
    return this.db.query(stmt, params);
  };

  private async load(agencyId: string, version: number): Promise<Buffer> {
    const cacheKey = `${agencyId}|${version}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const owner = `agency:${agencyId}`;
    const row = await this.db.one(wrappedKey, [owner, version]);
    if (!row) throw new Error(`No data key ${owner} v${version}`);
    const key = unwrapKey(this.master, owner, version, row.wrapped);
    this.keys.set(cacheKey, key);
    return key;
  }

  /** The caller's agency's current data key, created on first use. */
  async current(agencyId: string): Promise<{ version: number; box: SecretBox }> {
    const { version } = await currentAgencyKey(this.keyRing, this.master, agencyId);
    return { version, box: new SecretBox(await this.load(agencyId, version)) };
  }

  async box(agencyId: string, version: number): Promise<SecretBox> {
    return new SecretBox(await this.load(agencyId, version));
  }
}
