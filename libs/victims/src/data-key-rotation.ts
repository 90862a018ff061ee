import { Client } from 'pg';
import { masterKeyId, newDataKey, SecretBox, unwrapKey, wrapKey } from '@app/core';
import { identityAad } from './identity-vault.service';
import { IDENTITY_FIELDS } from './victims.enums';

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
    const { rows: keys } = await c.query<{ version: number; wrapped: string }>(
      `SELECT version, wrapped FROM key_ring WHERE owner = $1 ORDER BY version FOR UPDATE`,
      [owner],
    );
    const boxes = new Map(keys.map((k) => [k.version, new SecretBox(unwrapKey(master, owner, k.version, k.wrapped))]));
    const version = (keys.at(-1)?.version ?? 0) + 1;
    const fresh = newDataKey();
    await c.query(`INSERT INTO key_ring (owner, version, wrapped, master_key_id) VALUES ($1, $2, $3, $4)`, [
      owner,
      version,
      wrapKey(master, owner, version, fresh),
      masterKeyId(master),
    ]);
    const box = new SecretBox(fresh);
    const { rows } = await c.query<Record<string, string | number | null>>(
      `SELECT * FROM victim_identities WHERE agency_id = $1 FOR UPDATE`,
      [agencyId],
    );
    for (const row of rows) {
      const victimId = String(row.victim_id);
      const old = boxes.get(Number(row.key_version));
      if (!old) throw new Error(`identity ${victimId}: its key version ${row.key_version} is not in the ring`);
      const sealed = COLUMNS.map((col) => {
        const value = row[col];
        if (typeof value !== 'string') return null;
        return box.seal(old.openToBuffer(value, identityAad(victimId, col, Number(row.key_version))), identityAad(victimId, col, version));
      });
      await c.query(
        `UPDATE victim_identities SET key_version = $2, ${COLUMNS.map((col, i) => `${col} = $${i + 3}`).join(', ')}, updated_at = now() WHERE victim_id = $1`,
        [victimId, version, ...sealed],
      );
    }
    await c.query(`UPDATE key_ring SET retired_at = now() WHERE owner = $1 AND version < $2 AND retired_at IS NULL`, [owner, version]);
    await c.query(
      `INSERT INTO audit_events (task_force_id, agency_id, action, record_type, record_id, outcome, changes)
       SELECT a.task_force_id, a.id, 'keys.rotate_data_key', 'agency', a.id::text, 'SUCCESS', $2 FROM agencies a WHERE a.id = $1`,
      [agencyId, JSON.stringify({ version, identities: rows.length })],
    );
    await c.query('COMMIT');
    return { version, identities: rows.length };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
