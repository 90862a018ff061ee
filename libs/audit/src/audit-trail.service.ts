import { Injectable } from '@nestjs/common';
import { Db, decodeCursor, Errors, toConnection, Connection } from '@app/core';
import { AuditPageFilter, auditPage, verifyAuditChain } from './audit.sql';
import { AuditService } from './audit.service';
import { AuditEvent, AuditEventFilter, AuditVerification } from './graphql/audit.graphql-types';
import { AuditCheckpointer } from './checkpoints/checkpointer.service';
import { checkAgainstCheckpoints } from './checkpoints/check-against-checkpoints';

/** Reading and verifying the trail. Row-level security limits an auditor to their own agency's events. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointer,
  ) {}

  async list(given: AuditEventFilter | null = {}, first: number, after?: string): Promise<Connection<AuditEvent>> {
    const filter: AuditPageFilter = given ?? {}; // a client's `filter: null` is no filter
    const cursor = decodeCursor(after, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0])))
      throw Errors.badInput('The cursor is not valid. Use the endCursor from a previous page.');
    const { stmt, params } = auditPage(filter, cursor ? String(cursor[0]) : undefined, first);
    return this.db.tx(async () => {
      const rows = await this.db.many(stmt, params);
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
    return this.db.tx(async () => {
      const result = await verifyChain(this.db);
      const found = await checkAgainstCheckpoints((stmt, params) => this.db.many(stmt, params), signed, 'app_audit_checkpoint_mismatch');
      const verification: AuditVerification = {
        ok: result.ok,
        checked: result.checked,
        firstBrokenSeq: result.firstBrokenSeq,
        firstBrokenEventId: result.firstBrokenEventId,
        reason: result.reason,
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
export async function verifyChain(db: Pick<Db, 'row'>): Promise<AuditVerification> {
  const r = await db.row(verifyAuditChain);
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
