import { col, command, query } from '../database/sql';

/** The key ring's SQL (key-ring.ts); run by the owner before the app starts, and by the seeds and the vault. */
export const insertKey = command(
  `INSERT INTO key_ring (owner, version, wrapped, master_key_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
);

export const currentSystemKeys = query(
  `SELECT DISTINCT ON (owner) owner, version, wrapped FROM key_ring WHERE owner LIKE 'system:%' AND retired_at IS NULL ORDER BY owner, version DESC`,
  { owner: col.text, version: col.int, wrapped: col.text },
);

export const currentKeyOf = query(
  `SELECT version, wrapped FROM key_ring WHERE owner = $1 AND retired_at IS NULL ORDER BY version DESC LIMIT 1`,
  {
    version: col.int,
    wrapped: col.text,
  },
);

export const allKeysForUpdate = query(`SELECT owner, version, wrapped FROM key_ring ORDER BY owner, version FOR UPDATE`, {
  owner: col.text,
  version: col.int,
  wrapped: col.text,
});

export const rewrapKey = command(`UPDATE key_ring SET wrapped = $3, master_key_id = $4 WHERE owner = $1 AND version = $2`);

export const auditMasterRotation = command(
  `INSERT INTO audit_events (task_force_id, action, record_type, outcome, changes)
   SELECT id, 'keys.rotate_master', 'key_ring', 'SUCCESS', $1 FROM task_forces`,
);
