import { col, query, Row, versionedUpdate } from '@app/core';
import type { ServiceCategory, ServiceStatus } from './victims.enums';

/** A victim's services' SQL (victim-services.service.ts). */

const SELECT = `SELECT s.id, s.victim_id, v.code AS victim_code, s.agency_id, s.provider_agency_id, s.category, s.detail, s.status,
  to_char(s.requested_on, 'YYYY-MM-DD') AS requested_on, to_char(s.started_on, 'YYYY-MM-DD') AS started_on,
  to_char(s.ended_on, 'YYYY-MM-DD') AS ended_on, s.outcome, s.version
  FROM services s JOIN victims v ON v.id = s.victim_id`;

const SERVICE = {
  id: col.uuid,
  victim_id: col.uuid,
  victim_code: col.text,
  agency_id: col.uuid,
  provider_agency_id: col.uuid,
  category: col.text.as<ServiceCategory>(),
  detail: col.text.null,
  status: col.text.as<ServiceStatus>(),
  requested_on: col.text,
  started_on: col.text.null,
  ended_on: col.text.null,
  outcome: col.text.null,
  version: col.int,
};

export const serviceById = query(`${SELECT} WHERE s.id = $1`, SERVICE);
export type ServiceRow = Row<typeof serviceById>;

export const servicesOfVictims = query(`${SELECT} WHERE s.victim_id = ANY($1) ORDER BY s.requested_on, s.id`, SERVICE);

/** What the caller's agency was asked to provide ($1: the statuses, or NULL for all). */
export const servicesProvided = query(
  `${SELECT} WHERE s.provider_agency_id = app_agency_id() AND ($1::text[] IS NULL OR s.status = ANY($1)) ORDER BY s.requested_on, s.id LIMIT 500`,
  SERVICE,
);

export const insertService = query(
  `INSERT INTO services (victim_id, agency_id, provider_agency_id, category, detail, requested_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  { id: col.uuid },
);

/** A service the caller's agency keeps or provides, locked. */
export const serviceForUpdate = query(
  `${SELECT} WHERE s.id = $1 AND (s.agency_id = app_agency_id() OR s.provider_agency_id = app_agency_id()) FOR UPDATE OF s`,
  SERVICE,
);

export const updateService = versionedUpdate(
  'services',
  'service',
  { status: 'status', startedOn: 'started_on', endedOn: 'ended_on', outcome: 'outcome' },
  { always: ['updated_at = now()'] },
);

/** The provider's notes (the caller's agency's only). */
export const notesOfServices = query(
  `SELECT n.id, n.service_id, n.body, u.display_name AS author_name, n.created_at FROM service_notes n LEFT JOIN users u ON u.id = n.author_id
   WHERE n.service_id = ANY($1) AND n.agency_id = app_agency_id() ORDER BY n.created_at DESC, n.id DESC`,
  { id: col.uuid, service_id: col.uuid, body: col.text, author_name: col.text.null, created_at: col.timestamptz },
);

export const providerOfService = query(`SELECT provider_agency_id FROM services WHERE id = $1`, { provider_agency_id: col.uuid });

export const insertServiceNote = query(
  `INSERT INTO service_notes (service_id, agency_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
  { id: col.uuid },
);
