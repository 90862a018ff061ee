import { Injectable } from '@nestjs/common';
import { Db, decodeCursor, Errors, SqlWhere, toConnection, Connection } from '@app/core';
import { EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { AuditEvent, AuditEventFilter, AuditVerification } from './graphql/audit.graphql-types';
import { AuditOutcome } from './audit.types';
import { AuditCheckpointer } from './checkpoints/checkpointer.service';
import { checkAgainstCheckpoints } from './checkpoints/check-against-checkpoints';

interface AuditRow {
  id: string;
  seq: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  agency_id: string | null;
  subject_agency_id: string | null;
  actor_roles: string[];
  action: string;
  record_type: string | null;
  record_id: string | null;
  outcome: AuditOutcome;
  changes: Record<string, unknown> | null;
  purpose: string | null;
  request_id: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
}

/** Reading and verifying the trail. Row-level security limits an auditor to their own agency's events. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointer,
  ) {}

  async list(filter: AuditEventFilter | null = {}, first: number, after?: string): Promise<Connection<AuditEvent>> {
    filter ??= {}; // a client's `filter: null` is no filter
    const cursor = decodeCursor(after, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0])))
      throw Errors.badInput('The cursor is not valid. Use the endCursor from a previous page.');
    const w = new SqlWhere();
    if (filter.actorUserId) w.add('actor_user_id = ?', filter.actorUserId);
    if (filter.action) w.add('action = ?', filter.action);
    if (filter.recordType) w.add('record_type = ?', filter.recordType);
    if (filter.recordId) w.add('record_id = ?', filter.recordId);
    if (filter.outcome) w.add('outcome = ?', filter.outcome);
    if (filter.from) w.add('occurred_at >= ?', filter.from);
    if (filter.to) w.add('occurred_at < ?', filter.to);
    if (cursor) w.add('seq < ?', String(cursor[0]));
    const limit = w.param(first + 1);
    const sql = `SELECT id, seq::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
        actor_user_id, actor_username, agency_id, subject_agency_id, actor_roles, action, record_type, record_id,
        outcome, changes, purpose, request_id, client_address, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash
      FROM audit_events ${w.toSql()}
      ORDER BY audit_events.seq DESC LIMIT ${limit}`;
    return this.db.tx(async (em: EntityManager) => {
      const rows: AuditRow[] = await em.query(sql, w.params);
      await this.audit.record({ action: 'audit.list', recordType: 'audit_events', changes: { filter: { ...filter } } });
      return toConnection(
        rows,
        first,
        (r) => [r.seq],
        (r) => ({
          id: r.id,
          seq: r.seq,
          occurredAt: r.occurred_at,
          actorUserId: r.actor_user_id,
          actorUsername: r.actor_username,
          agencyId: r.agency_id,
          subjectAgencyId: r.subject_agency_id,
          actorRoles: r.actor_roles,
          action: r.action,
          recordType: r.record_type,
          recordId: r.record_id,
          outcome: r.outcome,
          changes: r.changes,
          purpose: r.purpose,
          requestId: r.request_id,
          clientAddress: r.client_address,
          prevHash: r.prev_hash,
          hash: r.hash,
        }),
      );
    });
  }

  /**
   * The chain's own links first (an edit, a gap, a stray row), then the table against every
   * checkpoint this server signed (kept outside the database): a rewound, re-hashed or wiped trail
   * is consistent in itself and only the checkpoints show it.
   */
  async verify(): Promise<AuditVerification> {
    const signed = await this.checkpoints.signedByMe();
    return this.db.tx(async (em) => {
      const result = await verifyChain(em);
      const found = await checkAgainstCheckpoints((sql, params) => em.query(sql, params), signed, 'app_audit_checkpoint_mismatch');
      const verification: AuditVerification = {
        ...result,
        checkpointsChecked: found.compared,
        checkpointSeq: found.latest?.seq ?? null,
        checkpointSignedAt: found.latest?.time ?? null,
        checkpointKeyId: found.latest?.keyId ?? this.checkpoints.publicKey.keyId,
      };
      if (result.ok && found.firstDifferingSeq !== null) {
        Object.assign(verification, { ok: false, firstBrokenSeq: found.firstDifferingSeq, firstBrokenEventId: null, reason: found.reason });
      }
      await this.audit.record({
        action: 'audit.verify',
        recordType: 'audit_events',
        changes: { checked: verification.checked, ok: verification.ok },
      });
      return verification;
    });
  }
}

/** Runs the database's verifier over the whole chain, for a signed-in auditor (`npm run audit:verify` runs audit_verify_chain() as the owner). */
export async function verifyChain(em: Pick<EntityManager, 'query'>): Promise<AuditVerification> {
  const [r] = await em.query(
    `SELECT checked::int AS checked, first_broken_seq::text AS seq, first_broken_id AS id, reason FROM app_audit_verify_chain()`,
  );
  return {
    ok: r.seq === null,
    checked: r.checked,
    firstBrokenSeq: r.seq,
    firstBrokenEventId: r.id,
    reason: r.reason,
    checkpointsChecked: 0,
    checkpointSeq: null,
    checkpointSignedAt: null,
    checkpointKeyId: null,
  };
}
