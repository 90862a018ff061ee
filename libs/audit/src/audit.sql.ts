import { col, command, query, Row, SqlWhere } from '@app/core';
import { AuditOutcome } from './audit.types';

/** The audit trail's SQL (audit.service.ts, audit-trail.service.ts). */

export const insertAuditEvent =
  command(`INSERT INTO audit_pending (task_force_id, agency_id, subject_agency_id, actor_user_id, actor_username,
  actor_roles, action, record_type, record_id, outcome, changes, purpose, request_id, client_address)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`);

const EVENT = {
  id: col.uuid,
  seq: col.text,
  occurred_at: col.text,
  actor_user_id: col.uuid.null,
  actor_username: col.text.null,
  agency_id: col.uuid.null,
  subject_agency_id: col.uuid.null,
  actor_roles: col.textArray,
  action: col.text,
  record_type: col.text.null,
  record_id: col.text.null,
  outcome: col.text.as<AuditOutcome>(),
  changes: col.jsonb.as<Record<string, unknown>>().null,
  purpose: col.text.null,
  request_id: col.text.null,
  client_address: col.text.null,
  prev_hash: col.text,
  hash: col.text,
};

/** What the trail is filtered by (AuditEventFilter, with the decoded cursor). */
export interface AuditPageFilter {
  actorUserId?: string | null;
  action?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  outcome?: AuditOutcome | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

/** A page of the trail, newest first. */
export function auditPage(filter: AuditPageFilter, beforeSeq: string | undefined, first: number) {
  const w = new SqlWhere();
  if (filter.actorUserId) w.add('actor_user_id = ?', filter.actorUserId);
  if (filter.action) w.add('action = ?', filter.action);
  if (filter.recordType) w.add('record_type = ?', filter.recordType);
  if (filter.recordId) w.add('record_id = ?', filter.recordId);
  if (filter.outcome) w.add('outcome = ?', filter.outcome);
  if (filter.from) w.add('occurred_at >= ?', filter.from);
  if (filter.to) w.add('occurred_at < ?', filter.to);
  if (beforeSeq !== undefined) w.add('seq < ?', beforeSeq);
  const limit = w.param(first + 1);
  const text = `SELECT id, seq::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
      actor_user_id, actor_username, agency_id, subject_agency_id, actor_roles, action, record_type, record_id,
      outcome, changes, purpose, request_id, client_address, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash
    FROM audit_events ${w.toSql()}
    ORDER BY audit_events.seq DESC LIMIT ${limit}`;
  return { stmt: query(text, EVENT), params: w.params };
}
/** Page statements with no filter and with every filter, for the schema check. */
export const auditPageExamples = [
  auditPage({}, undefined, 10).stmt,
  auditPage(
    { actorUserId: 'x', action: 'x', recordType: 'x', recordId: 'x', outcome: AuditOutcome.SUCCESS, from: new Date(0), to: new Date(0) },
    '1',
    10,
  ).stmt,
];

export const verifyAuditChain = query(
  `SELECT checked::int AS checked, first_broken_seq::text AS seq, first_broken_id AS id, reason FROM app_audit_verify_chain()`,
  { checked: col.int, seq: col.text.null, id: col.uuid.null, reason: col.text.null },
);

// Checkpoints (checkpoints/*.ts): the checkpointer's own connection and the owner's CLI ----------

const MISMATCH = { seq: col.text, found: col.text.null, top: col.text };
/** The first checkpoint the table no longer matches, as a signed-in auditor sees it ($1 seqs, $2 heads). */
export const appCheckpointMismatch = query(
  `SELECT checkpoint_seq::text AS seq, encode(found_hash, 'hex') AS found, top_seq::text AS top FROM app_audit_checkpoint_mismatch($1::bigint[], $2::bytea[])`,
  MISMATCH,
);
/** The same, as the owner (npm run audit:verify). */
export const ownerCheckpointMismatch = query(
  `SELECT checkpoint_seq::text AS seq, encode(found_hash, 'hex') AS found, top_seq::text AS top FROM audit_checkpoint_mismatch($1::bigint[], $2::bytea[])`,
  MISMATCH,
);
export type CheckpointMismatchRow = Row<typeof appCheckpointMismatch>;

export const auditChainHead = query(
  `SELECT last_seq::text AS seq, encode(last_hash, 'hex') AS head FROM audit_chain_head WHERE singleton`,
  {
    seq: col.text,
    head: col.text,
  },
);

/** Whether the chain still extends a checkpoint ($1 its seq, $2 its head in hex). */
export const verifyAuditChainFrom = query(
  `SELECT first_broken_seq::text AS seq, reason FROM audit_verify_chain_from($1::bigint, decode($2, 'hex'), false)`,
  { seq: col.text.null, reason: col.text.null },
);

/** The first row not written by the chain: a recorded stray, or an event past the head ($1). */
export const firstAuditStray = query(
  `SELECT least((SELECT min(from_seq) FROM audit_chain_strays), (SELECT min(seq) FROM audit_events WHERE seq > $1::bigint))::text AS seq`,
  { seq: col.text.null },
);
