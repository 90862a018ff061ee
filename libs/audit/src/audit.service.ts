import { Injectable } from '@nestjs/common';
import { AppError, Db, ErrorCode, RequestContext } from '@app/core';
import { insertAuditEvent } from './audit.sql';
import { AuditEntry, AuditOutcome } from './audit.types';
import { AuditCheckpointer } from './checkpoints/checkpointer.service';

/**
 * Writes audit events. `record` joins the caller's transaction (no change without its event, no
 * event for a change that rolled back). Denials are written by DenialAuditInterceptor after the
 * failed operation, in their own transaction, so they survive it.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly checkpoints: AuditCheckpointer,
  ) {}

  /**
   * Appends an event in the current transaction (opening one if none is open). A refusal (DENIED)
   * inside a read request is kept even if that request's transaction rolls back (Db.evenIfRolledBack).
   */
  async record(entry: AuditEntry): Promise<void> {
    if (entry.outcome === AuditOutcome.DENIED) return this.db.evenIfRolledBack(() => this.append(entry));
    return this.append(entry);
  }

  private async append(entry: AuditEntry): Promise<void> {
    await this.db.tx(async () => {
      await this.db.run(insertAuditEvent, this.params(entry));
    });
    this.checkpoints.noteEvent();
  }

  private params(entry: AuditEntry): unknown[] {
    const p = this.ctx.principalOrNull;
    const actor = entry.actor ?? {};
    const subject = entry.subjectAgencyId;
    const agencyId = actor.agencyId ?? p?.agencyId ?? null;
    return [
      actor.taskForceId ?? p?.taskForceId ?? null,
      agencyId,
      subject && subject !== agencyId ? subject : null,
      actor.userId ?? p?.userId ?? null,
      actor.username ?? p?.username ?? null,
      [...(actor.roles ?? p?.roles ?? [])],
      entry.action,
      entry.recordType ?? null,
      entry.recordId ?? null,
      entry.outcome ?? AuditOutcome.SUCCESS,
      entry.changes ? JSON.stringify(entry.changes) : null,
      entry.purpose ?? null,
      this.ctx.requestId ?? null,
      this.ctx.clientAddress ?? null,
    ];
  }

  /**
   * Records a refusal (FORBIDDEN / NOT_FOUND carrying a denial) after the operation failed and its
   * transaction rolled back, in a transaction of its own, so the denial is kept. `purpose` is what
   * the request stated for a confidential read (an identity asked for under a victim it may not
   * see). The agency whose record was targeted is filled in by the database when the event is
   * written (migration 1763860010000), so that agency's auditors see the attempt.
   */
  async recordDenial(error: unknown, requested: { purpose?: string } = {}): Promise<void> {
    if (!(error instanceof AppError) || !error.denial) return;
    if (error.code !== ErrorCode.FORBIDDEN && error.code !== ErrorCode.NOT_FOUND) return;
    const d = error.denial;
    await this.record({
      action: d.action,
      recordType: d.recordType,
      recordId: d.recordId,
      subjectAgencyId: d.subjectAgencyId,
      outcome: AuditOutcome.DENIED,
      changes: d.reason ? { reason: d.reason } : undefined,
      purpose: requested.purpose,
    });
  }
}
