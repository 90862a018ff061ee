import { Injectable } from '@nestjs/common';
import { AuditService, diffFields } from '@app/audit';
import { checkDay, Db, Errors, RequestContext } from '@app/core';
import { VictimsService } from '../victims.service';
import { DeadlinesService } from './deadlines.service';
import { LegalMatterKind, LegalMatterOutcome } from './deadline-rules';
import { LegalMatter, LegalMatterFieldsInput, RecordLegalMatterInput, UpdateLegalMatterInput } from '../graphql/deadline.graphql-types';

type Fields = LegalMatterFieldsInput;
const FIELD_COLUMNS: Record<keyof Fields, string> = {
  caseId: 'case_id',
  certifyingAgency: 'certifying_agency',
  description: 'description',
  requestedOn: 'requested_on',
  decidedOn: 'decided_on',
  outcome: 'outcome',
  grantedOn: 'granted_on',
  lengthMonths: 'length_months',
  renewalRequestedOn: 'renewal_requested_on',
  eventOn: 'event_on',
};
const FIELD_NAMES = Object.keys(FIELD_COLUMNS) as (keyof Fields)[];

/** Which fields each kind of matter takes. */
const KIND_FIELDS: Record<LegalMatterKind, (keyof Fields)[]> = {
  [LegalMatterKind.CONTINUED_PRESENCE]: ['caseId', 'description', 'grantedOn', 'lengthMonths', 'renewalRequestedOn'],
  [LegalMatterKind.T_VISA_DECLARATION]: ['caseId', 'description', 'certifyingAgency', 'requestedOn', 'decidedOn', 'outcome'],
  [LegalMatterKind.U_VISA_CERTIFICATION]: ['caseId', 'description', 'certifyingAgency', 'requestedOn', 'decidedOn', 'outcome'],
  [LegalMatterKind.COURT_DATE]: ['caseId', 'description', 'eventOn'],
};

const SELECT = `SELECT m.id, m.victim_id AS "victimId", m.kind, m.case_id AS "caseId", m.certifying_agency AS "certifyingAgency", m.description,
  to_char(m.requested_on, 'YYYY-MM-DD') AS "requestedOn", to_char(m.decided_on, 'YYYY-MM-DD') AS "decidedOn", m.outcome,
  to_char(m.granted_on, 'YYYY-MM-DD') AS "grantedOn", m.length_months AS "lengthMonths", to_char(m.renewal_requested_on, 'YYYY-MM-DD') AS "renewalRequestedOn",
  to_char(m.event_on, 'YYYY-MM-DD') AS "eventOn", m.version FROM legal_matters m`;

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
    const need = (f: keyof Fields, why: string) => {
      if (m[f] === undefined || m[f] === null) throw Errors.badInput(why, { field: f });
    };
    for (const f of ['requestedOn', 'decidedOn', 'grantedOn', 'renewalRequestedOn'] as const) checkDay(m[f], f, { notFuture: true });
    checkDay(m.eventOn, 'eventOn');
    switch (kind) {
      case LegalMatterKind.CONTINUED_PRESENCE:
        need('grantedOn', 'Continued Presence needs its grant date (grantedOn).');
        if (m.renewalRequestedOn && m.renewalRequestedOn < m.grantedOn!)
          throw Errors.badInput('The renewal cannot be requested before the grant.', { field: 'renewalRequestedOn' });
        break;
      case LegalMatterKind.T_VISA_DECLARATION:
      case LegalMatterKind.U_VISA_CERTIFICATION:
        need('requestedOn', 'A declaration request needs the day it was requested (requestedOn).');
        need('certifyingAgency', 'Name the agency asked to sign (certifyingAgency).');
        if (!m.decidedOn !== !m.outcome)
          throw Errors.badInput('An answer needs both its day (decidedOn) and its outcome.', {
            field: m.decidedOn ? 'outcome' : 'decidedOn',
          });
        if (m.outcome && ![LegalMatterOutcome.SIGNED, LegalMatterOutcome.DECLINED].includes(m.outcome)) {
          throw Errors.badInput('A certifying agency either SIGNED or DECLINED.', { field: 'outcome' });
        }
        if (m.decidedOn && m.decidedOn < m.requestedOn!)
          throw Errors.badInput('The answer cannot come before the request.', { field: 'decidedOn' });
        break;
      case LegalMatterKind.COURT_DATE:
        need('eventOn', 'A court date needs its day (eventOn).');
        need('description', 'Say what the hearing is (description).');
        break;
    }
  }

  private async checkCase(caseId: string | undefined | null, action: string): Promise<void> {
    if (!caseId) return;
    const {
      rows: [r],
    } = await this.db.exec<{ a: string | null }>(`SELECT case_access($1) AS a`, [caseId]);
    if (!r?.a) throw Errors.notFound('case', caseId, action);
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, LegalMatter[]>> {
    return this.db.tx(async (em) => {
      const rows: LegalMatter[] = await em.query(`${SELECT} WHERE m.victim_id = ANY($1) ORDER BY m.created_at, m.id`, [victimIds]);
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
    return this.db.tx(async (em) => {
      await this.victims.requireCustodial(input.victimId, 'legal_matter.record', "records the victim's legal matters");
      await this.checkCase(fields.caseId, 'legal_matter.record');
      const p = this.ctx.principal;
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO legal_matters (victim_id, agency_id, kind, created_by${given.map((f) => `, ${FIELD_COLUMNS[f]}`).join('')})
         VALUES ($1, $2, $3, $4${given.map((_, i) => `, $${i + 5}`).join('')}) RETURNING id`,
        [input.victimId, p.agencyId, input.kind, p.userId, ...given.map((f) => fields[f])],
      );
      await this.audit.record({
        action: 'legal_matter.record',
        recordType: 'legal_matter',
        recordId: id,
        changes: diffFields(null, { victimId: input.victimId, kind: input.kind, ...Object.fromEntries(given.map((f) => [f, fields[f]])) }),
      });
      await this.deadlines.recompute(input.victimId);
      const [m]: LegalMatter[] = await em.query(`${SELECT} WHERE m.id = $1`, [id]);
      return m;
    });
  }

  async update(input: UpdateLegalMatterInput): Promise<LegalMatter> {
    const changed = FIELD_NAMES.filter((f) => input[f] !== undefined);
    if (!changed.length) throw Errors.badInput('Nothing to change: give at least one field.');
    return this.db.tx(async (em) => {
      const [before]: LegalMatter[] = await em.query(`${SELECT} WHERE m.id = $1 AND m.agency_id = app_agency_id() FOR UPDATE OF m`, [
        input.id,
      ]);
      if (!before) throw Errors.notFound('legal matter', input.id, 'legal_matter.update');
      if (before.version !== input.version)
        throw Errors.conflict('This matter changed since you read it. Reload and try again.', { currentVersion: before.version });
      const after: Fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, input[f] !== undefined ? input[f] : (before[f] ?? undefined)]));
      this.validate(before.kind, after);
      await this.checkCase(input.caseId, 'legal_matter.update');
      const { rowCount } = await this.db.exec(
        `UPDATE legal_matters SET ${changed.map((f, i) => `${FIELD_COLUMNS[f]} = $${i + 3}`).join(', ')}, updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2`,
        [input.id, input.version, ...changed.map((f) => input[f])],
      );
      if (rowCount !== 1) throw Errors.conflict('This matter changed since you read it. Reload and try again.');
      await this.audit.record({
        action: 'legal_matter.update',
        recordType: 'legal_matter',
        recordId: input.id,
        changes: diffFields(Object.fromEntries(changed.map((f) => [f, before[f]])), Object.fromEntries(changed.map((f) => [f, input[f]]))),
      });
      await this.deadlines.recompute(before.victimId);
      const [m]: LegalMatter[] = await em.query(`${SELECT} WHERE m.id = $1`, [input.id]);
      return m;
    });
  }
}
