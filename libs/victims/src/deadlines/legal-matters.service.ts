import { Injectable } from '@nestjs/common';
import { AuditService, diffFields } from '@app/audit';
import { checkDay, Db, Errors, RequestContext } from '@app/core';
import { VictimsService } from '../victims.service';
import { DeadlinesService } from './deadlines.service';
import { LegalMatterKind, LegalMatterOutcome } from './deadline-rules';
import { LegalMatter, LegalMatterFieldsInput, RecordLegalMatterInput, UpdateLegalMatterInput } from '../graphql/deadline.graphql-types';
import {
  caseAccess,
  insertLegalMatter,
  LEGAL_MATTER_COLUMNS,
  legalMatterById,
  legalMattersOfVictims,
  ownLegalMatterForUpdate,
  updateLegalMatter,
} from './legal-matters.sql';
import type { LegalMatterField } from './legal-matters.sql';

type Fields = LegalMatterFieldsInput;
const FIELD_NAMES = Object.keys(LEGAL_MATTER_COLUMNS) as LegalMatterField[];

/** Which fields each kind of matter takes. */
const KIND_FIELDS: Record<LegalMatterKind, (keyof Fields)[]> = {
  [LegalMatterKind.CONTINUED_PRESENCE]: ['caseId', 'description', 'grantedOn', 'lengthMonths', 'renewalRequestedOn'],
  [LegalMatterKind.T_VISA_DECLARATION]: ['caseId', 'description', 'certifyingAgency', 'requestedOn', 'decidedOn', 'outcome'],
  [LegalMatterKind.U_VISA_CERTIFICATION]: ['caseId', 'description', 'certifyingAgency', 'requestedOn', 'decidedOn', 'outcome'],
  [LegalMatterKind.COURT_DATE]: ['caseId', 'description', 'eventOn'],
};

/**
 * The legal facts deadlines come from: Continued Presence, T/U-visa declaration requests, court
 * dates. Kept by the custodial agency; every change re-computes the victim's deadlines.
 */
@Injectable()
export class LegalMattersService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly victims: VictimsService,
  ) {}

  private validate(kind: LegalMatterKind, m: Fields): void {
    const extra = FIELD_NAMES.filter((f) => m[f] !== undefined && m[f] !== null && !KIND_FIELDS[kind].includes(f));
    if (extra.length) throw Errors.badInput(`A ${kind} matter does not take ${extra.join(', ')}.`, { fields: extra });
    /** The field's value; BAD_USER_INPUT saying why when it is missing. */
    const need = <F extends keyof Fields>(f: F, why: string): NonNullable<Fields[F]> => {
      const value = m[f];
      if (value == null) throw Errors.badInput(why, { field: f });
      return value;
    };
    for (const f of ['requestedOn', 'decidedOn', 'grantedOn', 'renewalRequestedOn'] as const) checkDay(m[f], f, { notFuture: true });
    checkDay(m.eventOn, 'eventOn');
    switch (kind) {
      case LegalMatterKind.CONTINUED_PRESENCE: {
        const grantedOn = need('grantedOn', 'Continued Presence needs its grant date (grantedOn).');
        if (m.renewalRequestedOn && m.renewalRequestedOn < grantedOn)
          throw Errors.badInput('The renewal cannot be requested before the grant.', { field: 'renewalRequestedOn' });
        break;
      }
      case LegalMatterKind.T_VISA_DECLARATION:
      case LegalMatterKind.U_VISA_CERTIFICATION: {
        const requestedOn = need('requestedOn', 'A declaration request needs the day it was requested (requestedOn).');
        need('certifyingAgency', 'Name the agency asked to sign (certifyingAgency).');
        if (!m.decidedOn !== !m.outcome)
          throw Errors.badInput('An answer needs both its day (decidedOn) and its outcome.', {
            field: m.decidedOn ? 'outcome' : 'decidedOn',
          });
        if (m.outcome && ![LegalMatterOutcome.SIGNED, LegalMatterOutcome.DECLINED].includes(m.outcome)) {
          throw Errors.badInput('A certifying agency either SIGNED or DECLINED.', { field: 'outcome' });
        }
        if (m.decidedOn && m.decidedOn < requestedOn)
          throw Errors.badInput('The answer cannot come before the request.', { field: 'decidedOn' });
        break;
      }
      case LegalMatterKind.COURT_DATE:
        need('eventOn', 'A court date needs its day (eventOn).');
        need('description', 'Say what the hearing is (description).');
        break;
    }
  }

  private async checkCase(caseId: string | undefined | null, action: string): Promise<void> {
    if (!caseId) return;
    const r = await this.db.one(caseAccess, [caseId]);
    if (!r?.a) throw Errors.notFound('case', caseId, action);
  }

  /** A matter just written, as the caller now reads it. */
  private async reread(id: string): Promise<LegalMatter> {
    const m = await this.db.one(legalMatterById, [id]);
    if (!m) throw Errors.notFound('legal matter', id);
    return m;
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, LegalMatter[]>> {
    return this.db.tx(async () => {
      const rows: LegalMatter[] = await this.db.many(legalMattersOfVictims, [victimIds]);
      const out = new Map<string, LegalMatter[]>(victimIds.map((id) => [id, []]));
      for (const r of rows) out.get(r.victimId)?.push(r);
      return out;
    });
  }

  async record(input: RecordLegalMatterInput): Promise<LegalMatter> {
    const fields: Fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, input[f]]));
    if (input.kind === LegalMatterKind.CONTINUED_PRESENCE) fields.lengthMonths ??= 24;
    this.validate(input.kind, fields);
    const given = FIELD_NAMES.filter((f) => fields[f] !== undefined && fields[f] !== null);
    return this.db.tx(async () => {
      await this.victims.requireCustodial(input.victimId, 'legal_matter.record', "records the victim's legal matters");
      await this.checkCase(fields.caseId, 'legal_matter.record');
      const p = this.ctx.principal;
      const inserted = await this.db.one(insertLegalMatter(given), [
        input.victimId,
        p.agencyId,
        input.kind,
        p.userId,
        ...given.map((f) => fields[f]),
      ]);
      if (!inserted) throw new Error('the legal matter insert returned no row');
      const { id } = inserted;
      await this.audit.record({
        action: 'legal_matter.record',
        recordType: 'legal_matter',
        recordId: id,
        changes: diffFields(null, { victimId: input.victimId, kind: input.kind, ...Object.fromEntries(given.map((f) => [f, fields[f]])) }),
      });
      await this.deadlines.recompute(input.victimId);
      return this.reread(id);
    });
  }

  async update(input: UpdateLegalMatterInput): Promise<LegalMatter> {
    const changed = FIELD_NAMES.filter((f) => input[f] !== undefined);
    if (!changed.length) throw Errors.badInput('Nothing to change: give at least one field.');
    return this.db.tx(async () => {
      const before = await this.db.one(ownLegalMatterForUpdate, [input.id]);
      if (!before) throw Errors.notFound('legal matter', input.id, 'legal_matter.update');
      this.db.checkVersion('legal matter', before, input.version);
      const after: Fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, input[f] !== undefined ? input[f] : (before[f] ?? undefined)]));
      this.validate(before.kind, after);
      await this.checkCase(input.caseId, 'legal_matter.update');
      await this.db.update(updateLegalMatter, input.id, input.version, Object.fromEntries(changed.map((f) => [f, input[f]])));
      await this.audit.record({
        action: 'legal_matter.update',
        recordType: 'legal_matter',
        recordId: input.id,
        changes: diffFields(Object.fromEntries(changed.map((f) => [f, before[f]])), Object.fromEntries(changed.map((f) => [f, input[f]]))),
      });
      await this.deadlines.recompute(before.victimId);
      return this.reread(input.id);
    });
  }
}
