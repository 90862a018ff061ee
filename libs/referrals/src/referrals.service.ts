import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, ConsentState, VICTIM_VISIBILITY } from '@app/access';
import { Agency, AgenciesService, AgencyKind } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { caseClosed, CasesService } from '@app/cases';
import {
  APP_CONFIG,
  AppConfig,
  Connection,
  Db,
  decodeTimeIdCursor,
  Errors,
  RequestContext,
  SqlWhere,
  timeKeySql,
  toBatchConnection,
} from '@app/core';
import { CONSENT_STATE_SQL, DeadlinesService, ServiceCategory } from '@app/victims';
import { BriefOfVictim, caseBrief, victimBrief } from './referral-brief';
import { REFERRAL_STEPS, ReferralDirection, ReferralKind, ReferralStatus, ReferralStep, ReferralUrgency } from './referrals.enums';
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

interface ReferralRow {
  id: string;
  kind: ReferralKind;
  status: ReferralStatus;
  urgency: ReferralUrgency;
  reason: string;
  respond_by: Date;
  overdue: boolean;
  from_agency_id: string;
  from_user_id: string;
  from_user_name: string | null;
  to_agency_id: string;
  case_id: string | null;
  victim_id: string | null;
  offered_access: 'READ' | 'CONTRIBUTE' | null;
  service_category: ServiceCategory | null;
  discloses_identity: boolean;
  brief: ReferralBrief;
  answer_reason: string | null;
  answered_at: Date | null;
  outcome: string | null;
  completed_at: Date | null;
  service_id: string | null;
  created_at: Date;
  created_key: string;
  version: number;
}

const SELECT = `SELECT r.id, r.kind, r.status, r.urgency, r.reason, r.respond_by, (r.status = 'PENDING' AND r.respond_by < now()) AS overdue,
  r.from_agency_id, r.from_user_id, fu.display_name AS from_user_name, r.to_agency_id, r.case_id, r.victim_id, r.offered_access, r.service_category,
  r.discloses_identity, r.brief, r.answer_reason, r.answered_at, r.outcome, r.completed_at, r.service_id, r.created_at,
  ${timeKeySql('r.created_at')} AS created_key, r.version
  FROM referrals r LEFT JOIN users fu ON fu.id = r.from_user_id`;

const ANSWERED = [ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED];

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
        fromAgency: agencies.get(r.from_agency_id)!,
        fromUser: { id: r.from_user_id, displayName: r.from_user_name },
        toAgency: agencies.get(r.to_agency_id)!,
        brief: r.brief,
        caseId: revealed ? r.case_id : null,
        victimId: revealed ? r.victim_id : null,
        offeredAccess: r.offered_access as Referral['offeredAccess'],
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
    const [r] = await this.toReferrals(await this.db.em.query(`${SELECT} WHERE r.id = $1`, [id]));
    if (!r) throw Errors.notFound('referral', id);
    return r;
  }

  // Reading --------------------------------------------------------------------------------

  async get(id: string): Promise<Referral> {
    return this.db.tx(() => this.one(id));
  }

  async list(filter: ReferralsFilter, first: number, after?: string): Promise<Connection<Referral>> {
    const cursor = decodeTimeIdCursor(after);
    const w = new SqlWhere();
    w.conditions.push(
      filter.direction === ReferralDirection.INCOMING ? 'r.to_agency_id = app_agency_id()' : 'r.from_agency_id = app_agency_id()',
    );
    if (filter.status?.length) w.add('r.status = ANY(?)', filter.status);
    if (filter.kind?.length) w.add('r.kind = ANY(?)', filter.kind);
    if (filter.urgency?.length) w.add('r.urgency = ANY(?)', filter.urgency);
    if (filter.overdue === true) w.conditions.push(`r.status = 'PENDING' AND r.respond_by < now()`);
    if (filter.overdue === false) w.conditions.push(`NOT (r.status = 'PENDING' AND r.respond_by < now())`);
    if (cursor) w.add('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const limit = w.param(first + 1);
    return this.db.tx(async (em) => {
      const rows: ReferralRow[] = await em.query(`${SELECT} ${w.toSql()} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`, w.params);
      return toBatchConnection(rows, await this.toReferrals(rows), first, (r) => [r.created_key, r.id]);
    });
  }

  async counts(direction: ReferralDirection): Promise<ReferralStatusCount[]> {
    const side = direction === ReferralDirection.INCOMING ? 'to_agency_id' : 'from_agency_id';
    return this.db.tx(async (em) => {
      const rows: { status: ReferralStatus; count: number; overdue: number }[] = await em.query(
        `SELECT s.status, count(r.id)::int AS count, count(r.id) FILTER (WHERE r.status = 'PENDING' AND r.respond_by < now())::int AS overdue
         FROM unnest($1::text[]) AS s(status) LEFT JOIN referrals r ON r.status = s.status AND r.${side} = app_agency_id()
         GROUP BY s.status ORDER BY array_position($1::text[], s.status)`,
        [Object.values(ReferralStatus)],
      );
      return rows;
    });
  }

  async historyOf(ids: readonly string[]): Promise<Map<string, ReferralEvent[]>> {
    return this.db.tx(async (em) => {
      const rows: {
        referral_id: string;
        action: string;
        at: Date;
        actor_user_id: string | null;
        actor_name: string | null;
        actor_agency_id: string | null;
        note: string | null;
      }[] = await em.query(
        `SELECT e.referral_id, e.action, e.at, e.actor_user_id, u.display_name AS actor_name, e.actor_agency_id, e.note
           FROM referral_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.referral_id = ANY($1) ORDER BY e.at, e.id`,
        [ids],
      );
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
    const {
      rows: [{ id }],
    } = await this.db.exec<{ id: string }>(
      `INSERT INTO referrals (task_force_id, kind, from_agency_id, from_user_id, to_agency_id, case_id, victim_id, service_category, reason, urgency,
         respond_by, offered_access, discloses_identity, brief)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
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
      ],
    );
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
    await this.db.exec(
      `INSERT INTO referral_events (referral_id, action, actor_user_id, actor_agency_id, note) VALUES ($1, $2, $3, $4, $5)`,
      [id, action, p.userId, p.agencyId, note],
    );
  }

  private notifyAfterCommit(id: string, event: string): Promise<void> {
    return this.db.afterCommit(async () => {
      await this.db.tx(() => this.db.exec(`SELECT app_notify_my_referral($1, $2)`, [id, event]));
    });
  }

  /** A case the caller's agency leads, to another agency, with the participation it will get. */
  async sendCase(input: SendCaseReferralInput): Promise<Referral> {
    this.policy.assertCanReferCase(this.ctx.principal, input.caseId);
    return this.db.tx(async () => {
      await this.cases.require(input.caseId, 'LEAD', 'referral.send');
      const to = await this.receiver(input.toAgencyId);
      const {
        rows: [c],
      } = await this.db.exec<{ trafficking_type: string; venue: string | null; counties: string[]; live: string | null }>(
        `SELECT c.trafficking_type, c.venue, c.counties,
           (SELECT p.access FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $2 AND p.revoked_at IS NULL) AS live
         FROM cases c WHERE c.id = $1`,
        [input.caseId, to.id],
      );
      if (c.live === 'CONTRIBUTE' || c.live === input.access) {
        throw Errors.badInput(`${to.name} already takes part in this case (${c.live}).`, { field: 'toAgencyId' });
      }
      const {
        rows: [pending],
      } = await this.db.exec(`SELECT 1 FROM referrals WHERE case_id = $1 AND to_agency_id = $2 AND status = 'PENDING'`, [
        input.caseId,
        to.id,
      ]);
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
    const {
      rows: [v],
    } = await this.db.exec<BriefOfVictim & { agency_id: string }>(
      `SELECT v.agency_id, v.code, v.age_band, v.minor_at_exploitation, v.gender, v.trafficking_type FROM victims v WHERE v.id = $1 AND ${VICTIM_VISIBILITY.visible}`,
      [victimId],
    );
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
      const from = (await this.agencies.byIds([p.agencyId])).get(p.agencyId)!;
      await this.requireReferralConsent(from, to, v.code, input.victimId, !!input.disclosesIdentity);
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
    const { rows: consents } = await this.db.exec<{ state: ConsentState; scopes: string[] }>(
      `SELECT k.scopes, ${CONSENT_STATE_SQL} AS state FROM consents k WHERE k.victim_id = $1 AND k.recipient_agency_id = $2`,
      [victimId, to.id],
    );
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
    const {
      rows: [existing],
    } = await this.db.exec(
      `SELECT 1 FROM referrals WHERE victim_id = $1 AND kind = 'MANDATORY_CHILD_WELFARE' AND status IN ('PENDING','ACCEPTED','COMPLETED')`,
      [victimId],
    );
    if (existing) return;
    const {
      rows: [cw],
    } = await this.db.exec<{ id: string }>(
      `SELECT id FROM agencies WHERE task_force_id = $1 AND kind = 'CHILD_WELFARE' AND active AND id <> $2 ORDER BY created_at LIMIT 1`,
      [p.taskForceId, p.agencyId],
    );
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
    return this.db.tx(async (em) => {
      const [r]: ReferralRow[] = await em.query(`${SELECT} WHERE r.id = $1`, [id]);
      if (!r) throw Errors.notFound('referral', id, action);
      const mySide = r.to_agency_id === p.agencyId ? 'receiver' : 'sender';
      if (mySide !== rule.side) {
        throw Errors.badInput(
          rule.side === 'receiver' ? 'Only the receiving agency answers a referral.' : 'Only the sending agency withdraws a referral.',
        );
      }
      this.policy.assertReferralStep(this.ctx.principal, step, r.kind, r.from_user_id, id);
      if (r.version !== version) {
        throw Errors.conflict(`This referral changed since you read it (it is now ${r.status}). Reload it.`, {
          currentVersion: r.version,
          status: r.status,
        });
      }
      if (r.status !== rule.from) {
        throw Errors.badInput(`A ${r.status} referral cannot be ${rule.to.toLowerCase()}; only a ${rule.from} one can.`, {
          status: r.status,
        });
      }
      // A closed case takes no new participant. The receiver cannot see the case yet: the database says.
      if (step === 'accept' && r.kind === ReferralKind.CASE) {
        const {
          rows: [{ closed }],
        } = await this.db.exec<{ closed: boolean }>(`SELECT app_referral_case_closed($1) AS closed`, [id]);
        if (closed) throw caseClosed();
      }
      const note = text.reason ?? text.outcome ?? null;
      const { rowCount } = await this.db.exec(
        `UPDATE referrals SET status = $3, updated_at = now(), version = version + 1,
           answered_by = CASE WHEN $4 THEN $5::uuid ELSE answered_by END, answered_at = CASE WHEN $4 THEN now() ELSE answered_at END,
           answer_reason = coalesce($6, answer_reason), outcome = coalesce($7, outcome), completed_at = CASE WHEN $3 = 'COMPLETED' THEN now() ELSE completed_at END
         WHERE id = $1 AND version = $2 AND status = $8`,
        [id, version, rule.to, step === 'accept' || step === 'decline', p.userId, text.reason ?? null, text.outcome ?? null, rule.from],
      );
      // Someone else answered between our read and our write: exactly one wins.
      if (rowCount !== 1) throw Errors.conflict('Someone else answered this referral a moment ago. Reload it.');
      await this.event(id, rule.event, note);
      if (step === 'accept' && r.kind === ReferralKind.CASE) await this.db.exec(`SELECT app_accept_case_referral($1)`, [id]);
      if (step === 'accept' && r.kind !== ReferralKind.CASE) {
        await this.db.exec(`SELECT app_accept_victim_referral($1)`, [id]);
        await this.deadlines.refresh(r.victim_id!);
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
    return this.db.tx(async (em) => {
      const rows: { id: string; event: string; title: string; referral_id: string | null; created_at: Date; read_at: Date | null }[] =
        await em.query(
          `SELECT id, event, title, referral_id, created_at, read_at FROM notifications WHERE user_id = app_user_id() AND ($1::boolean IS FALSE OR read_at IS NULL)
         ORDER BY created_at DESC, id DESC LIMIT $2`,
          [unreadOnly, first],
        );
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
      const { rows } = await this.db.exec<{ id: string }>(
        `UPDATE notifications SET read_at = now() WHERE id = ANY($1) AND user_id = app_user_id() AND read_at IS NULL RETURNING id`,
        [input.ids],
      );
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
