import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, today, isRealDay } from '@app/core';
import { VictimsService } from './victims.service';
import { addDays } from './deadlines/deadline-rules';
import { ConsentStatus } from './victims.enums';
import { loaded } from './loaded';
import { consentById, consentsExpiring, consentsOfVictims, insertConsent, ownConsentForUpdate, revokeConsent } from './consents.sql';
import type { ConsentRow } from './consents.sql';
import { Consent, RecordConsentInput, RevokeConsentInput } from './graphql/victim.graphql-types';

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
      custodialAgency: loaded(agencies, r.agency_id, 'agency'),
      recipientAgency: loaded(agencies, r.recipient_agency_id, 'agency'),
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

  /** A consent just written, as the caller now reads it. */
  private async reread(id: string): Promise<Consent> {
    const consent = (await this.toConsents(await this.db.many(consentById, [id]))).at(0);
    if (!consent) throw Errors.notFound('consent', id);
    return consent;
  }

  /** A victim's consents: all of them for the custodial agency, the ones naming it for a recipient. */
  async ofVictims(victimIds: readonly string[]): Promise<Map<string, Consent[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(consentsOfVictims, [victimIds]);
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
    return this.db.tx(async () => {
      const rows = await this.db.many(consentsExpiring, [days]);
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
      const inserted = await this.db.one(insertConsent, [
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
      ]);
      if (!inserted) throw new Error('the consent insert returned no row');
      const { id } = inserted;
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
      return this.reread(id);
    });
  }

  async revoke(input: RevokeConsentInput): Promise<Consent> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const before = await this.db.one(ownConsentForUpdate, [input.id]);
      if (!before) throw Errors.notFound('consent', input.id, 'consent.revoke');
      if (before.state === ConsentStatus.REVOKED)
        throw Errors.badInput('This consent is already revoked.', { currentStatus: before.state });
      // The row is locked: a version other than the one read is the only way the update can miss.
      this.db.checkVersion('consent', before, input.version);
      await this.db.update(revokeConsent, input.id, input.version, { revokedBy: p.userId, reason: input.reason });
      await this.audit.record({
        action: 'consent.revoke',
        recordType: 'consent',
        recordId: input.id,
        subjectAgencyId: before.recipient_agency_id,
        changes: { ...diffFields({ status: before.state }, { status: ConsentStatus.REVOKED }), reason: '[confidential]' },
      });
      return this.reread(input.id);
    });
  }
}
