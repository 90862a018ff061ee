import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Row, Statement } from '../database/sql';
import { must } from '../errors/app-error';
import { SecretBox } from './secret-box';
import { allKeysForUpdate, auditMasterRotation, currentKeyOf, currentSystemKeys, insertKey, rewrapKey } from './key-ring.sql';

/**
 * The key hierarchy (ADR 0005): a master key (environment or key file) wraps data keys kept in the
 * `key_ring` table. Agency data keys encrypt victim identities; system keys serve the blind indexes
 * and MFA secrets. Rotating the master key re-wraps the rows and touches no data; rotating an
 * agency's data key re-encrypts that agency's values under a new version.
 */
export const SYSTEM_KEYS = ['deconfliction-blind-index', 'mfa-secret', 'victim-blind-index', 'oidc-client-secret'] as const;
export type SystemKeyName = (typeof SYSTEM_KEYS)[number];
export type SystemKeys = Record<SystemKeyName, Buffer>;
export const SYSTEM_KEYS_TOKEN = Symbol('SYSTEM_KEYS');

/** A short, non-secret name of a master key, stored with every row it wraps. */
export function masterKeyId(master: Buffer): string {
  return createHmac('sha256', master).update('master-key-id').digest('hex').slice(0, 16);
}

function wrapper(master: Buffer): SecretBox {
  return SecretBox.derive(master, 'key-ring-wrap');
}

const wrapAad = (owner: string, version: number) => `key_ring|${owner}|${version}`;

export function wrapKey(master: Buffer, owner: string, version: number, key: Buffer): string {
  return wrapper(master).seal(key, wrapAad(owner, version));
}

export function unwrapKey(master: Buffer, owner: string, version: number, wrapped: string): Buffer {
  try {
    return wrapper(master).openToBuffer(wrapped, wrapAad(owner, version));
  } catch {
    throw new Error(`The master key does not open key ${owner} v${version}. Is MASTER_KEY the key this database was written with?`);
  }
}

/**
 * Makes sure the system keys exist and returns them, as the owner (before the app starts). A
 * system key created here starts as the value the app derived from the master key before the key
 * ring existed (HKDF of the master key and the key's name), so data written earlier still reads.
 */
export async function loadSystemKeys(ownerUrl: string, master: Buffer): Promise<SystemKeys> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return await ensureSystemKeys((sql, params) => c.query(sql, params), master);
  } finally {
    await c.end();
  }
}

/** Runs one statement of key-ring.sql.ts: a `pg` client's query, or the Db inside a transaction. */
export type RunSql = (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

/** A key-ring statement's rows, as it declares them (key-ring.sql.ts). */
async function rowsOf<R>(run: RunSql, stmt: Statement<R>, params: unknown[]): Promise<R[]> {
  return (await run(stmt.text, params)).rows as R[];
}

/** loadSystemKeys on a connection the caller already holds (the scale seed's). */
export async function ensureSystemKeys(run: RunSql, master: Buffer): Promise<SystemKeys> {
  const id = masterKeyId(master);
  for (const name of SYSTEM_KEYS) {
    const initial = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(name), 32));
    await run(insertKey.text, [`system:${name}`, 1, wrapKey(master, `system:${name}`, 1, initial), id]);
  }
  const rows = await rowsOf(run, currentSystemKeys, []);
  const keys = {} as SystemKeys;
  for (const r of rows) keys[r.owner.slice('system:'.length) as SystemKeyName] = unwrapKey(master, r.owner, r.version, r.wrapped);
  return keys;
}

/**
 * An agency's current data key (owner `agency:<id>`), created at version 1 on first use: the one
 * rule for the API's identity vault and the seeds. Returns it wrapped; the caller unwraps.
 */
export async function currentAgencyKey(
  run: RunSql,
  master: Buffer,
  agencyId: string,
): Promise<{ owner: string; version: number; wrapped: string }> {
  const owner = `agency:${agencyId}`;
  const find = async () => (await rowsOf(run, currentKeyOf, [owner])).at(0);
  let row = await find();
  if (!row) {
    await run(insertKey.text, [owner, 1, wrapKey(master, owner, 1, newDataKey()), masterKeyId(master)]);
    row = must(await find(), `the key of ${owner}`);
  }
  return { owner, version: row.version, wrapped: row.wrapped };
}

/** A fresh 256-bit data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * Re-wraps every key of the ring under a new master key, in one transaction, and records it in
 * the audit trail. No data is re-encrypted: data keys do not change. Returns the rows re-wrapped.
 */
export async function rotateMasterKey(c: Client, oldMaster: Buffer, newMaster: Buffer): Promise<number> {
  if (oldMaster.equals(newMaster)) throw new Error('The new master key is the current one.');
  await c.query('BEGIN');
  try {
    const { rows } = await c.query<Row<typeof allKeysForUpdate>>(allKeysForUpdate.text);
    const newId = masterKeyId(newMaster);
    for (const r of rows) {
      const key = unwrapKey(oldMaster, r.owner, r.version, r.wrapped);
      await c.query(rewrapKey.text, [r.owner, r.version, wrapKey(newMaster, r.owner, r.version, key), newId]);
    }
    await c.query(auditMasterRotation.text, [JSON.stringify({ keys: rows.length, from: masterKeyId(oldMaster), to: newId })]);
    await c.query('COMMIT');
    return rows.length;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
