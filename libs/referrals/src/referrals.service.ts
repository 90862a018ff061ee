import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { Agency, AgenciesService, AgencyKind } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { caseClosed, CasesService } from '@app/cases';
import { APP_CONFIG, AppConfig, Connection, Db, decodeTimeIdCursor, Errors, RequestContext, toBatchConnection } from '@app/core';
import { consentsNaming, DeadlinesService, ServiceCategory } from '@app/victims';
import { BriefOfVictim, caseBrief, victimBrief } from './referral-brief';
import { REFERRAL_STEPS, ReferralDirection, ReferralKind, ReferralStatus, ReferralStep, ReferralUrgency } from './referrals.enums';
import {
  acceptCaseReferral,
  acceptVictimReferral,
  caseForReferral,
  childWelfareAgency,
  incomingCounts,
  insertReferral,
  insertReferralEvent,
  liveMandatoryReferral,
  markNotificationsRead,
  myNotifications,
  notifyReferral,
  outgoingCounts,
  pendingCaseReferral,
  referralById,
  referralCaseClosed,
  referralHistory,
  referralPage,
  referralStep,
  victimForReferral,
} from './referrals.sql';
import type { ReferralRow } from './referrals.sql';
import {
  CompleteReferralInput,
  MarkNotificationsReadInput,
  Notification,
  Referral,
  ReferralAnswerInput,
  ReferralBrief,
  ReferralEvent,
  ReferralsFilter,
  ReferralStatusCount,
  SendCaseReferralInput,
  SendVictimReferralInput,
} from './graphql/referral.graphql-types';

const ANSWERED = [ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED];

/** An agency byIds loaded for an id it was given (a missing one is a bug: INTERNAL, not undefined). */
function loaded(agencies: ReadonlyMap<string, Agency>, id: string): Agency {
  const agency = agencies.get(id);
  if (!agency) throw new Error(`agency ${id} was not loaded`);
  return agency;
}

/**
 * Referrals between agencies. The sender names the receiver and what it gets; the receiver sees a
 * brief (nothing identifying) until it accepts; each step belongs to one side and certain roles,
 * is version-checked (two people answering at once: one wins, the other gets CONFLICT), written
 * to the history and the audit trail, and told to the other side after the commit.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async toReferrals(rows: ReferralRow[]): Promise<Referral[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.flatMap((r) => [r.from_agency_id, r.to_agency_id]))]);
    const me = this.ctx.principal.agencyId;
    return rows.map((r) => {
      const outgoing = r.from_agency_id === me;
      // The receiver learns which case or victim only once it has accepted.
      const revealed = outgoing || ANSWERED.includes(r.status);
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        urgency: r.urgency,
        reason: r.reason,
        respondBy: r.respond_by,
        overdue: r.overdue,
        direction: outgoing ? ReferralDirection.OUTGOING : ReferralDirection.INCOMING,
        fromAgency: loaded(agencies, r.from_agency_id),
        fromUser: { id: r.from_user_id, displayName: r.from_user_name },
        toAgency: loaded(agencies, r.to_agency_id),
        brief: r.brief,
        caseId: revealed ? r.case_id : null,
        victimId: revealed ? r.victim_id : null,
        offeredAccess: r.offered_access,
        serviceCategory: r.service_category,
        disclosesIdentity: r.discloses_identity,
        answerReason: r.answer_reason,
        answeredAt: r.answered_at,
        outcome: r.outcome,
        completedAt: r.completed_at,
        serviceId: revealed ? r.service_id : null,
        createdAt: r.created_at,
        version: r.version,
        fromAgencyId: r.from_agency_id,
        toAgencyId: r.to_agency_id,
      };
    });
  }

  private async one(id: string): Promise<Referral> {
    const r = (await this.toReferrals(await this.db.many(referralById, [id]))).at(0);
    if (!r) throw Errors.notFound('referral', id);
    return r;
  }

  // Reading --------------------------------------------------------------------------------

  async get(id: string): Promise<Referral> {
    return this.db.tx(() => this.one(id));
  }

  async list(filter: ReferralsFilter, first: number, after?: string): Promise<Connection<Referral>> {
    const { stmt, params } = referralPage(filter, decodeTimeIdCursor(after), first);
    return this.db.tx(async () => {
      const rows = await this.db.many(stmt, params);
      return toBatchConnection(rows, await this.toReferrals(rows), first, (r) => [r.created_key, r.id]);
    });
  }

  async counts(direction: ReferralDirection): Promise<ReferralStatusCount[]> {
    const stmt = direction === ReferralDirection.INCOMING ? incomingCounts : outgoingCounts;
    return this.db.tx(() => this.db.many(stmt, [Object.values(ReferralStatus)]));
  }

  async historyOf(ids: readonly string[]): Promise<Map<string, ReferralEvent[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(referralHistory, [ids]);
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.actor_agency_id).filter((a): a is string => !!a))]);
      const out = new Map<string, ReferralEvent[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        out.get(r.referral_id)?.push({
          action: r.action,
          at: r.at,
          note: r.note,
          actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name } : null,
          actorAgency: r.actor_agency_id ? (agencies.get(r.actor_agency_id) ?? null) : null,
        });
      }
      return out;
    });
  }

  // Sending --------------------------------------------------------------------------------

  private respondBy(urgency: ReferralUrgency): Date {
    return new Date(Date.now() + this.config.referralResponseMinutes[urgency] * 60_000);
  }

  private async receiver(toAgencyId: string): Promise<Agency> {
    const to = (await this.agencies.byIds([toAgencyId])).get(toAgencyId);
    if (!to) throw Errors.notFound('agency', toAgencyId, 'referral.send');
    if (!to.active) throw Errors.badInput(`${to.name} is not active in the task force.`, { field: 'toAgencyId' });
    if (to.id === this.ctx.principal.agencyId) throw Errors.badInput('A referral goes to another agency.', { field: 'toAgencyId' });
    return to;
  }

  private async insert(fields: {
    kind: ReferralKind;
    to: string;
    caseId?: string;
    victimId?: string;
    category?: ServiceCategory;
    reason: string;
    urgency: ReferralUrgency;
    access?: string;
    disclosesIdentity?: boolean;
    brief: ReferralBrief;
  }): Promise<string> {
    const p = this.ctx.principal;
    const inserted = await this.db.one(insertReferral, [
      p.taskForceId,
      fields.kind,
      p.agencyId,
      p.userId,
      fields.to,
      fields.caseId ?? null,
      fields.victimId ?? null,
      fields.category ?? null,
      fields.reason,
      fields.urgency,
      this.respondBy(fields.urgency),
      fields.access ?? null,
      fields.disclosesIdentity ?? false,
      JSON.stringify(fields.brief),
    ]);
    if (!inserted) throw new Error('the referral insert returned no row');
    const { id } = inserted;
    await this.event(id, 'SENT', null);
    await this.audit.record({
      action: 'referral.send',
      recordType: 'referral',
      recordId: id,
      subjectAgencyId: fields.to,
      changes: diffFields(null, {
        kind: fields.kind,
        toAgencyId: fields.to,
        caseId: fields.caseId ?? null,
        victimId: fields.victimId ?? null,
        category: fields.category ?? null,
        urgency: fields.urgency,
        access: fields.access ?? null,
        disclosesIdentity: fields.disclosesIdentity ?? false,
      }),
    });
    await this.notifyAfterCommit(id, 'SENT');
    return id;
  }

  private async event(id: string, action: string, note: string | null): Promise<void> {
    const p = this.ctx.principal;
    await this.db.run(insertReferralEvent, [id, action, p.userId, p.agencyId, note]);
  }

  private notifyAfterCommit(id: string, event: string): Promise<void> {
    return this.db.afterCommit(async () => {
      await this.db.tx(() => this.db.run(notifyReferral, [id, event]));
    });
  }

  /** A case the caller's agency leads, to another agency, with the participation it will get. */
  async sendCase(input: SendCaseReferralInput): Promise<Referral> {
    this.policy.assertCanReferCase(this.ctx.principal, input.caseId);
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'LEAD', 'referral.send');
      const to = await this.receiver(input.toAgencyId);
      const c = await this.db.one(caseForReferral, [input.caseId, to.id]);
      // cases.require has just found the case.
      if (!c) throw Errors.notFound('case', input.caseId, 'referral.send');
      if (c.live === 'CONTRIBUTE' || c.live === input.access) {
        throw Errors.badInput(`${to.name} already takes part in this case (${c.live}).`, { field: 'toAgencyId' });
      }
      const pending = await this.db.one(pendingCaseReferral, [input.caseId, to.id]);
      if (pending) throw Errors.badInput(`A referral of this case to ${to.name} is already pending.`, { field: 'toAgencyId' });
      const id = await this.insert({
        kind: ReferralKind.CASE,
        to: to.id,
        caseId: input.caseId,
        reason: input.reason,
        urgency: input.urgency,
        access: input.access,
        brief: caseBrief(c),
      });
      return this.one(id);
    });
  }

  /** The victim as a referral describes it (visible to the caller, else NOT_FOUND). */
  private async victimFacts(victimId: string): Promise<BriefOfVictim & { agency_id: string }> {
    const v = await this.db.one(victimForReferral, [victimId]);
    if (!v) throw Errors.notFound('victim', victimId, 'referral.send');
    return v;
  }

  /**
   * A victim the caller's agency keeps, to a provider for a service: with the identity only under a
   * live IDENTITY consent naming the receiver; from a victim-service provider only under a live
   * consent naming the receiver, even without the identity (AccessPolicy.victimReferralRefusal).
   */
  async sendVictim(input: SendVictimReferralInput): Promise<Referral> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const v = await this.victimFacts(input.victimId);
      this.policy.assertCustodial(p, v.agency_id, input.victimId, 'referral.send', 'refers the victim');
      const to = await this.receiver(input.toAgencyId);
      const from = loaded(await this.agencies.byIds([p.agencyId]), p.agencyId);
      await this.requireReferralConsent(from, to, v.code, input.victimId, input.disclosesIdentity);
      const id = await this.insert({
        kind: ReferralKind.VICTIM_SERVICE,
        to: to.id,
        victimId: input.victimId,
        category: input.category,
        reason: input.reason,
        urgency: input.urgency,
        disclosesIdentity: input.disclosesIdentity,
        brief: victimBrief(v, input.category),
      });
      return this.one(id);
    });
  }

  /** FORBIDDEN (audited as a denial) unless the victim's consents naming the receiver allow the referral (AccessPolicy.assertVictimReferralAllowed). */
  private async requireReferralConsent(
    from: Agency,
    to: Agency,
    code: string,
    victimId: string,
    disclosesIdentity: boolean,
  ): Promise<void> {
    const consents = await this.db.many(consentsNaming, [victimId, to.id]);
    this.policy.assertVictimReferralAllowed(
      { fromVictimServiceProvider: from.kind === AgencyKind.VICTIM_SERVICES, disclosesIdentity, consents },
      { from, to, victimCode: code, victimId },
    );
  }

  /**
   * The law's referral, made by the system inside the transaction that identified the child: a
   * minor sex-trafficking victim kept by this agency goes to the task force's child-welfare agency,
   * once. Without a child-welfare agency in the task force there is no one to send it to, and the
   * DFS deadline stays open as the reminder.
   */
  async ensureMandatory(victimId: string): Promise<void> {
    const p = this.ctx.principal;
    const v = await this.victimFacts(victimId);
    if (v.agency_id !== p.agencyId || !v.minor_at_exploitation || !['SEX', 'SEX_AND_LABOR'].includes(v.trafficking_type)) return;
    const existing = await this.db.one(liveMandatoryReferral, [victimId]);
    if (existing) return;
    const cw = await this.db.one(childWelfareAgency, [p.taskForceId, p.agencyId]);
    if (!cw) return;
    await this.insert({
      kind: ReferralKind.MANDATORY_CHILD_WELFARE,
      to: cw.id,
      victimId,
      urgency: ReferralUrgency.URGENT,
      reason: 'Mandatory report: a minor identified as a victim of sex trafficking (made by the system on identification).',
      brief: victimBrief(v, null),
    });
  }

  // Answering ------------------------------------------------------------------------------

  private async step(step: ReferralStep, id: string, version: number, text: { reason?: string; outcome?: string }): Promise<Referral> {
    const p = this.ctx.principal;
    const rule = REFERRAL_STEPS[step];
    const action = `referral.${step}`;
    return this.db.tx(async () => {
      const r: ReferralRow | undefined = await this.db.one(referralById, [id]);
      if (!r) throw Errors.notFound('referral', id, action);
      const mySide = r.to_agency_id === p.agencyId ? 'receiver' : 'sender';
      if (mySide !== rule.side) {
        throw Errors.badInput(
          rule.side === 'receiver' ? 'Only the receiving agency answers a referral.' : 'Only the sending agency withdraws a referral.',
        );
      }
      this.policy.assertReferralStep(this.ctx.principal, step, r.kind, r.from_user_id, id);
      this.db.checkVersion('referral', r, version);
      if (r.status !== rule.from) {
        throw Errors.badInput(`A ${r.status} referral cannot be ${rule.to.toLowerCase()}; only a ${rule.from} one can.`, {
          status: r.status,
        });
      }
      // A closed case takes no new participant. The receiver cannot see the case yet: the database says.
      if (step === 'accept' && r.kind === ReferralKind.CASE) {
        const answer = await this.db.one(referralCaseClosed, [id]);
        if (answer?.closed) throw caseClosed();
      }
      const note = text.reason ?? text.outcome ?? null;
      const stepped = await this.db.one(referralStep, [
        id,
        version,
        rule.to,
        step === 'accept' || step === 'decline',
        p.userId,
        text.reason ?? null,
        text.outcome ?? null,
        rule.from,
      ]);
      // Someone else answered between our read and our write: exactly one wins.
      if (!stepped) throw Errors.stale('referral');
      await this.event(id, rule.event, note);
      if (step === 'accept' && r.kind === ReferralKind.CASE) await this.db.run(acceptCaseReferral, [id]);
      if (step === 'accept' && r.kind !== ReferralKind.CASE) {
        await this.db.run(acceptVictimReferral, [id]);
        // A victim referral always names its victim (referrals_victim_shape).
        if (r.victim_id) await this.deadlines.refresh(r.victim_id);
      }
      await this.audit.record({
        action,
        recordType: 'referral',
        recordId: id,
        subjectAgencyId: mySide === 'receiver' ? r.from_agency_id : r.to_agency_id,
        changes: {
          status: { from: r.status, to: rule.to },
          ...(note ? { [step === 'complete' ? 'outcome' : 'reason']: { to: note } } : {}),
        },
      });
      await this.notifyAfterCommit(id, rule.event);
      return this.one(id);
    });
  }

  accept(input: ReferralAnswerInput): Promise<Referral> {
    return this.step('accept', input.id, input.version, {});
  }

  decline(input: ReferralAnswerInput): Promise<Referral> {
    if (!input.reason) throw Errors.badInput('Say why the referral is declined (reason).', { field: 'reason' });
    return this.step('decline', input.id, input.version, { reason: input.reason });
  }

  withdraw(input: ReferralAnswerInput): Promise<Referral> {
    return this.step('withdraw', input.id, input.version, { reason: input.reason });
  }

  complete(input: CompleteReferralInput): Promise<Referral> {
    return this.step('complete', input.id, input.version, { outcome: input.outcome });
  }

  // Notifications --------------------------------------------------------------------------

  async notifications(unreadOnly: boolean, first: number): Promise<Notification[]> {
    return this.db.tx(async () => {
      const rows = await this.db.many(myNotifications, [unreadOnly, first]);
      return rows.map((r) => ({
        id: r.id,
        event: r.event,
        title: r.title,
        referralId: r.referral_id,
        createdAt: r.created_at,
        readAt: r.read_at,
      }));
    });
  }

  /** Marks the caller's own unread notifications read; the change is audited (which ones), nothing else is. */
  async markRead(input: MarkNotificationsReadInput): Promise<number> {
    return this.db.tx(async () => {
      const rows = await this.db.many(markNotificationsRead, [input.ids]);
      if (rows.length) {
        await this.audit.record({
          action: 'notification.mark_read',
          recordType: 'notification',
          changes: { ids: rows.map((r) => r.id).sort(), count: rows.length },
        });
      }
      return rows.length;
    });
  }
}
