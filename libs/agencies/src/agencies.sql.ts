import { col, command, query, Row, versionedUpdate } from '@app/core';
import { AgencyKind, AgencyLevel } from './agency.enums';

const COLUMNS = 'id, name, short_code, level, kind, ori, contact_name, contact_phone, contact_email, active, version';
const AGENCY = {
  id: col.uuid,
  name: col.text,
  short_code: col.text,
  level: col.text.as<AgencyLevel>(),
  kind: col.text.as<AgencyKind>(),
  ori: col.text.null,
  contact_name: col.text.null,
  contact_phone: col.text.null,
  contact_email: col.text.null,
  active: col.bool,
  version: col.int,
};

/** An agency as one JSON row inside another statement (e.g. a list's lead agency), for toAgency(). */
export const agencyRowSql = (idExpr: string): string =>
  `(SELECT row_to_json(a) FROM (SELECT ${COLUMNS} FROM agencies WHERE id = ${idExpr}) a)`;

export const allAgencies = query(`SELECT ${COLUMNS} FROM agencies ORDER BY name`, AGENCY);
export const agenciesByIds = query(`SELECT ${COLUMNS} FROM agencies WHERE id = ANY($1)`, AGENCY, { prepared: true });
export const agencyForUpdate = query(`SELECT ${COLUMNS} FROM agencies WHERE id = $1 FOR UPDATE`, AGENCY);
export type AgencyRow = Row<typeof allAgencies>;

export const taskForceById = query(`SELECT id, name, region FROM task_forces WHERE id = $1`, {
  id: col.uuid,
  name: col.text,
  region: col.text.null,
});

export const insertAgency = query(
  `INSERT INTO agencies (task_force_id, name, short_code, level, kind, ori, contact_name, contact_phone, contact_email)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
  AGENCY,
);

export const updateAgency = versionedUpdate(
  'agencies',
  'agency',
  { name: 'name', ori: 'ori', contactName: 'contact_name', contactPhone: 'contact_phone', contactEmail: 'contact_email', active: 'active' },
  { always: ['updated_at = now()'] },
);

export const revokeAgencySessions = command(
  `UPDATE sessions SET revoked_at = now(), revoked_reason = 'agency deactivated' WHERE agency_id = $1 AND revoked_at IS NULL`,
);
