import { col, command, query } from '@app/core';
import { IDENTITY_FIELDS } from './victims.enums';

/** The data key rotation's SQL (data-key-rotation.ts), run by the owner on its own connection. */

const COLUMNS = Object.values(IDENTITY_FIELDS).map((f) => f.column);

export const agencyKeysForUpdate = query(`SELECT version, wrapped FROM key_ring WHERE owner = $1 ORDER BY version FOR UPDATE`, {
  version: col.int,
  wrapped: col.text,
});

/** A new key version: fails if it exists (two rotations at once). */
export const insertDataKey = command(`INSERT INTO key_ring (owner, version, wrapped, master_key_id) VALUES ($1, $2, $3, $4)`);

/** One identity's values sealed under key version $2 (values $3 on, in IDENTITY_FIELDS' order); the record's version stays. */
export const resealIdentityForRotation = command(
  `UPDATE victim_identities SET key_version = $2, ${COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now() WHERE victim_id = $1`,
);

export const retireOlderKeys = command(`UPDATE key_ring SET retired_at = now() WHERE owner = $1 AND version < $2 AND retired_at IS NULL`);

export const auditDataKeyRotation = command(
  `INSERT INTO audit_events (task_force_id, agency_id, action, record_type, record_id, outcome, changes)
   SELECT a.task_force_id, a.id, 'keys.rotate_data_key', 'agency', a.id::text, 'SUCCESS', $2 FROM agencies a WHERE a.id = $1`,
);
