import { Client } from 'pg';
import { masterKeyId, newDataKey, Row, SecretBox, unwrapKey, wrapKey } from '@app/core';
import { identityAad } from './identity-vault.service';
import { IDENTITY_FIELDS } from './victims.enums';
import { identitiesOfAgencyForUpdate } from './victims.sql';
import {
  agencyKeysForUpdate,
  auditDataKeyRotation,
  insertDataKey,
  resealIdentityForRotation,
  retireOlderKeys,
} from './data-key-rotation.sql';

const COLUMNS = Object.values(IDENTITY_FIELDS).map((f) => f.column);

/**
 * The re-encryption job: gives an agency a new data key version, re-seals every identity value of
 * its victims under it (the key version is part of each value's associated data), and retires the
 * old versions, in one transaction as the owner. Returns the identities re-encrypted.
 */
export async function rotateAgencyDataKey(c: Client, master: Buffer, agencyId: string): Promise<{ version: number; identities: number }> {
  const owner = `agency:${agencyId}`;
  await c.query('BEGIN');
  try {
    const { rows: keys } = await c.query<Row<typeof agencyKeysForUpdate>>(agencyKeysForUpdate.text, [owner]);
    const boxes = new Map(keys.map((k) => [k.version, new SecretBox(unwrapKey(master, owner, k.version, k.wrapped))]));
    const version = (keys.at(-1)?.version ?? 0) + 1;
    const fresh = newDataKey();
    await c.query(insertDataKey.text, [owner, version, wrapKey(master, owner, version, fresh), masterKeyId(master)]);
    const box = new SecretBox(fresh);
    const { rows } = await c.query<Row<typeof identitiesOfAgencyForUpdate>>(identitiesOfAgencyForUpdate.text, [agencyId]);
    for (const row of rows) {
      const victimId = row.victim_id;
      const old = boxes.get(row.key_version);
      if (!old) throw new Error(`identity ${victimId}: its key version ${String(row.key_version)} is not in the ring`);
      const sealed = COLUMNS.map((column) => {
        const value = row[column];
        if (value === null) return null;
        return box.seal(old.openToBuffer(value, identityAad(victimId, column, row.key_version)), identityAad(victimId, column, version));
      });
      await c.query(resealIdentityForRotation.text, [victimId, version, ...sealed]);
    }
    await c.query(retireOlderKeys.text, [owner, version]);
    await c.query(auditDataKeyRotation.text, [agencyId, JSON.stringify({ version, identities: rows.length })]);
    await c.query('COMMIT');
    return { version, identities: rows.length };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
