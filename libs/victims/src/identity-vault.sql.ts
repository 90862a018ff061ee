import { col, query } from '@app/core';

/** The identity vault's SQL (identity-vault.service.ts); the key ring's own rules are core's (key-ring.sql.ts). */

/** One version of a key ring owner's wrapped key. */
export const wrappedKey = query(`SELECT wrapped FROM key_ring WHERE owner = $1 AND version = $2`, { wrapped: col.text });
