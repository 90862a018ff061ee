import { col, query, timeKeySql } from '@app/core';
import type { IdentifierKind } from './identifiers/identifier-kind';
import type { IdentifierSource } from './cases.enums';

/** Identifiers and deconfliction (identifiers.service.ts, deconfliction.service.ts). */

export const insertIdentifier = query(
  `INSERT INTO identifiers (agency_id, owner_type, owner_id, kind, value, birth_date, blind_index, created_by, case_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
  { id: col.uuid },
);

/** The other agencies holding the identifier just recorded (definer: writes their notices too). */
export const deconflictIdentifier = query(`SELECT other_agency_id, kind FROM deconflict_identifier($1)`, {
  other_agency_id: col.uuid,
  kind: col.text.as<IdentifierKind>(),
});

/** The other agencies holding an identifier (by kind and blind index), recording nothing. */
export const deconflictionCheck = query(`SELECT other_agency_id FROM deconfliction_check($1, $2)`, { other_agency_id: col.uuid });

const IDENTIFIER = {
  id: col.uuid,
  owner_id: col.uuid,
  kind: col.text.as<IdentifierKind>(),
  value: col.text,
  birth_date: col.text.null,
};

export const identifiersOfOwners = query(
  `SELECT id, owner_id, kind, value, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM identifiers
   WHERE owner_type = $1 AND owner_id = ANY($2) ORDER BY created_at, id`,
  IDENTIFIER,
);

/** Identifiers that belong to cases (the case's own, its subjects' and its lead's), by case. */
export const identifiersOfCases = query(
  `SELECT id, case_id, owner_type, owner_id, kind, value, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM identifiers
   WHERE case_id = ANY($1) ORDER BY created_at, id`,
  { ...IDENTIFIER, case_id: col.uuid.null, owner_type: col.text.as<IdentifierSource>() },
);

/** A page of the caller's agency's deconfliction notices (RLS), newest first; $1/$2 the cursor or null, $3 the limit. */
export const deconflictionNoticePage = query(
  `SELECT n.id, n.other_agency_id, n.kind, i.value, n.created_at, ${timeKeySql('n.created_at')} AS created_key, n.acknowledged_at
   FROM deconfliction_notices n JOIN identifiers i ON i.id = n.identifier_id
   WHERE ($1::timestamptz IS NULL OR (n.created_at, n.id) < ($1::timestamptz, $2::uuid))
   ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
  {
    id: col.uuid,
    other_agency_id: col.uuid,
    kind: col.text.as<IdentifierKind>(),
    value: col.text,
    created_at: col.timestamptz,
    created_key: col.text,
    acknowledged_at: col.timestamptz.null,
  },
);
