import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, today, isRealDay } from '@app/core';
import { CONSENT_STATE_SQL, VictimsService } from './victims.service';
import { addDays } from './deadlines/deadline-rules';
import { ConsentScope, ConsentStatus } from './victims.enums';
import { Consent, RecordConsentInput, RevokeConsentInput } from './graphql/victim.graphql-types';

interface ConsentRow {
  id: string;
  victim_id: string;
  victim_code: string;
  agency_id: string;
  recipient_agency_id: string;
  scopes: ConsentScope[];
  purpose: string;
  signed_on: string;
  expires_on: string;
  extended_reason: string | null;
  witness: string | null;
  form_reference: string | null;
  state: ConsentStatus;
  revoked_at: Date | null;
  revoked_reason: string | null;
  version: number;
}

const SELECT = `SELECT k.id, k.victim_id, v.code AS victim_code, k.agency_id, k.recipient_agency_id, k.scopes, k.purpose,
  to_char(k.signed_on, 'YYYY-MM-DD') AS signed_on, to_char(k.expires_on, 'YYYY-MM-DD') AS expires_on, k.extended_reason, k.witness,
  k.form_reference, ${CONSENT_STATE_SQL} AS state, k.revoked_at, k.revoked_reason, k.version
  FROM consents k JOIN victims v ON v.id = k.victim_id`;

/**
 * Consents (releases of information): the custodial agency records that a survivor agreed to share
 * named scopes with a named agency, for a purpose, until a date. Enforced at query time by the
 * database clock: the moment a consent expires or is revoked, the recipient's next request sees less.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly victims: VictimsService,
  ) {}

  private async toConsents(rows: ConsentRow[]): Promise<Consent[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.flatMap((r) => [r.agency_id, r.recipient_agency_id]))]);
    return rows.map((r) => ({
      id: r.id,
      victimId: r.victim_id,
      victimCode: r.victim_code,
      custodialAgency: agencies.get(r.agency_id)!,
      recipientAgency: agencies.get(r.recipient_agency_id)!,
      scopes: r.scopes,
      purpose: r.purpose,
      signedOn: r.signed_on,
      expiresOn: r.expires_on,
      extendedReason: r.extended_reason,
      witness: r.witness,
      formReference: r.form_reference,
      status: r.state,
      revokedAt: r.revoked_at,
      revokedReason: r.revoked_reason,
      version: r.version,
    }));
  }

  /** A victim's consents: all of them for the custodial agency, the ones naming it for a recipient. */
  async ofVictims(victimIds: readonly string[]): Promise<Map<string, Consent[]>> {
    return this.db.tx(async (em) => {
      const rows: ConsentRow[] = await em.query(
        `${SELECT} WHERE k.victim_id = ANY($1) AND (k.agency_id = app_agency_id() OR k.recipient_agency_id = app_agency_id())
         ORDER BY k.signed_on DESC, k.id`,
        [victimIds],
      );
      const consents = await this.toConsents(rows);
      const out = new Map<string, Consent[]>(victimIds.map((id) => [id, []]));
      for (const c of consents) out.get(c.victimId)?.push(c);
      return out;
    });
  }

  /** Live consents of the caller's agency's victims that end within `days` days: the advocate's reminders. */
  async expiring(days: number): Promise<Consent[]> {
    if (!Number.isInteger(days) || days < 1 || days > 90)
      throw Errors.badInput('withinDays must be between 1 and 90.', { field: 'withinDays' });
    return this.db.tx(async (em) => {
      const rows: ConsentRow[] = await em.query(
        `${SELECT} WHERE k.agency_id = app_agency_id() AND k.revoked_at IS NULL AND current_date >= k.signed_on
           AND current_date < k.expires_on AND k.expires_on <= current_date + $1::int ORDER BY k.expires_on, k.id`,
        [days],
      );
      return this.toConsents(rows);
    });
  }

  async record(input: RecordConsentInput): Promise<Consent> {
    const p = this.ctx.principal;
    for (const [field, value] of [
      ['signedOn', input.signedOn],
      ['expiresOn', input.expiresOn],
    ] as const) {
      if (!isRealDay(value)) throw Errors.badInput(`${field} is not a real date.`, { field });
    }
    if (input.signedOn > today())
      throw Errors.badInput('signedOn cannot be in the future: record a consent once it is signed.', { field: 'signedOn' });
    if (input.expiresOn <= input.signedOn) throw Errors.badInput('expiresOn must be after signedOn.', { field: 'expiresOn' });
    if (input.expiresOn <= today())
      throw Errors.badInput('This consent has already expired; a new signed release is needed.', { field: 'expiresOn' });
    if (input.expiresOn > addDays(input.signedOn, 366) && !input.extendedReason) {
      throw Errors.badInput('A consent lasts at most one year; give extendedReason to record a longer one.', { field: 'expiresOn' });
    }
    return this.db.tx(async () => {
      await this.victims.requireCustodial(input.victimId, 'consent.record', 'records consents');
      if (input.recipientAgencyId === p.agencyId)
        throw Errors.badInput('Your own agency needs no consent.', { field: 'recipientAgencyId' });
      const recipient = (await this.agencies.byIds([input.recipientAgencyId])).get(input.recipientAgencyId);
      if (!recipient) throw Errors.notFound('agency', input.recipientAgencyId, 'consent.record');
      if (!recipient.active) throw Errors.badInput(`${recipient.name} is not active in the task force.`, { field: 'recipientAgencyId' });
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO consents (victim_id, agency_id, recipient_agency_id, scopes, purpose, signed_on, expires_on, extended_reason, witness, form_reference, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          input.victimId,
          p.agencyId,
          input.recipientAgencyId,
          input.scopes,
          input.purpose,
          input.signedOn,
          input.expiresOn,
          input.extendedReason ?? null,
          input.witness ?? null,
          input.formReference ?? null,
          p.userId,
        ],
      );
      await this.audit.record({
        action: 'consent.record',
        recordType: 'consent',
        recordId: id,
        subjectAgencyId: input.recipientAgencyId,
        changes: diffFields(null, {
          victimId: input.victimId,
          recipientAgencyId: input.recipientAgencyId,
          scopes: input.scopes,
          signedOn: input.signedOn,
          expiresOn: input.expiresOn,
        }),
      });
      return (await this.toConsents(await this.db.em.query(`${SELECT} WHERE k.id = $1`, [id])))[0];
    });
  }

  async revoke(input: RevokeConsentInput): Promise<Consent> {
    const p = this.ctx.principal;
    return this.db.tx(async (em) => {
      const [before]: ConsentRow[] = await em.query(`${SELECT} WHERE k.id = $1 AND k.agency_id = app_agency_id() FOR UPDATE OF k`, [
        input.id,
      ]);
      if (!before) throw Errors.notFound('consent', input.id, 'consent.revoke');
      if (before.state === ConsentStatus.REVOKED)
        throw Errors.badInput('This consent is already revoked.', { currentStatus: before.state });
      const { rowCount } = await this.db.exec(
        `UPDATE consents SET revoked_at = now(), revoked_by = $3, revoked_reason = $4, version = version + 1 WHERE id = $1 AND version = $2`,
        [input.id, input.version, p.userId, input.reason],
      );
      if (rowCount !== 1)
        throw Errors.conflict('This consent was changed by someone else since you read it. Reload and try again.', {
          currentVersion: before.version,
        });
      await this.audit.record({
        action: 'consent.revoke',
        recordType: 'consent',
        recordId: input.id,
        subjectAgencyId: before.recipient_agency_id,
        changes: { ...diffFields({ status: before.state }, { status: ConsentStatus.REVOKED }), reason: '[confidential]' },
      });
      return (await this.toConsents(await this.db.em.query(`${SELECT} WHERE k.id = $1`, [input.id])))[0];
    });
  }
}
