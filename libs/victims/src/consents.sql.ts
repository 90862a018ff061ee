import { col, query, Row, versionedUpdate } from '@app/core';
import type { ConsentScope, ConsentStatus } from './victims.enums';
import { CONSENT_STATE_SQL } from './victims.sql';

/** Consents' SQL (consents.service.ts). */

const SELECT = `SELECT k.id, k.victim_id, v.code AS victim_code, k.agency_id, k.recipient_agency_id, k.scopes, k.purpose,
  to_char(k.signed_on, 'YYYY-MM-DD') AS signed_on, to_char(k.expires_on, 'YYYY-MM-DD') AS expires_on, k.extended_reason, k.witness,
  k.form_reference, ${CONSENT_STATE_SQL} AS state, k.revoked_at, k.revoked_reason, k.version
  FROM consents k JOIN victims v ON v.id = k.victim_id`;

const CONSENT = {
  id: col.uuid,
  victim_id: col.uuid,
  victim_code: col.text,
  agency_id: col.uuid,
  recipient_agency_id: col.uuid,
  scopes: col.textArray.as<ConsentScope[]>(),
  purpose: col.text,
  signed_on: col.text,
  expires_on: col.text,
  extended_reason: col.text.null,
  witness: col.text.null,
  form_reference: col.text.null,
  state: col.text.as<ConsentStatus>(),
  revoked_at: col.timestamptz.null,
  revoked_reason: col.text.null,
  version: col.int,
};

export const consentById = query(`${SELECT} WHERE k.id = $1`, CONSENT);
export type ConsentRow = Row<typeof consentById>;

/** A victim's consents: all of them for the custodial agency, the ones naming it for a recipient. */
export const consentsOfVictims = query(
  `${SELECT} WHERE k.victim_id = ANY($1) AND (k.agency_id = app_agency_id() OR k.recipient_agency_id = app_agency_id())
   ORDER BY k.signed_on DESC, k.id`,
  CONSENT,
);

/** Live consents of the caller's agency's victims that end within $1 days. */
export const consentsExpiring = query(
  `${SELECT} WHERE k.agency_id = app_agency_id() AND k.revoked_at IS NULL AND current_date >= k.signed_on
     AND current_date < k.expires_on AND k.expires_on <= current_date + $1::int ORDER BY k.expires_on, k.id`,
  CONSENT,
);

export const insertConsent = query(
  `INSERT INTO consents (victim_id, agency_id, recipient_agency_id, scopes, purpose, signed_on, expires_on, extended_reason, witness, form_reference, created_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
  { id: col.uuid },
);

export const ownConsentForUpdate = query(`${SELECT} WHERE k.id = $1 AND k.agency_id = app_agency_id() FOR UPDATE OF k`, CONSENT);

/** Revocation: who revoked (now) and why. */
export const revokeConsent = versionedUpdate('consents', 'consent', {
  revokedBy: 'revoked_at = now(), revoked_by = ?',
  reason: 'revoked_reason',
});
