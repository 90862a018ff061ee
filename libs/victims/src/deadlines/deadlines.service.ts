import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AuditService } from '@app/audit';
import { Db, Errors, RequestContext, today, checkDay } from '@app/core';
import { IdentityVault, identityAad } from '../identity-vault.service';
import { computeDeadlines, DeadlineRule, DeadlineStatus } from './deadline-rules';
import {
  deadlineById,
  deadlineList,
  deadlinesOfVictims,
  dismissReminder,
  existingDeadlines,
  markDeadlineMet,
  myReminders,
  ownDeadlineForUpdate,
  ownVictimFacts,
  refreshMyDeadlines,
  sealedBirthDate,
  upsertDeadline,
  withdrawDeadlines,
} from './deadlines.sql';
import type { DeadlineRow } from './deadlines.sql';
import { legalMatterFactsOfVictim } from './legal-matters.sql';
import { Deadline, DeadlinesFilter, MarkDeadlineMetInput, Reminder } from '../graphql/deadline.graphql-types';

function toDeadline(r: DeadlineRow): Deadline {
  return {
    id: r.id,
    victimId: r.victim_id,
    victimCode: r.victim_code,
    rule: r.rule,
    matterId: r.matter_id,
    description: r.description,
    dueOn: r.due_on,
    remindOn: r.remind_on,
    status: r.status,
    metOn: r.met_on,
    metBy: r.met_by,
    manualNote: r.manual_note,
    version: r.version,
    assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name } : null,
  };
}

/**
 * Legal deadlines: computed from a victim's facts (computeDeadlines), stored one row per rule and
 * matter, re-computed whenever those facts change, and given their status by the database
 * (app_refresh_deadlines) so the request path and the daily job decide alike. The custodial
 * agency's alone, like the birth date the civil-action window comes from.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly vault: IdentityVault,
    private readonly policy: AccessPolicy,
  ) {}

  /**
   * The civil-action window is the birth date plus 21 years: only those who may read a birth date
   * in the custodial agency (its advocates and supervisors) see that deadline.
   */
  private get allRulesShown(): boolean {
    return this.policy.canEditIdentity(this.ctx.principal);
  }

  /** The birth date, if the caller may read it: undefined when unknown to the caller, null when not recorded. */
  private async birthDate(victimId: string, agencyId: string): Promise<string | null | undefined> {
    const row = await this.db.one(sealedBirthDate, [victimId]);
    if (!row) return undefined;
    if (!row.birth_date) return null;
    const box = await this.vault.box(agencyId, row.key_version);
    return box.open(row.birth_date, identityAad(victimId, 'birth_date', row.key_version));
  }

  /**
   * Re-computes a victim's deadlines from its facts, in the caller's transaction. The custodial
   * agency re-computes; anyone else who changed a fact (a provider moving a service along) only
   * refreshes the statuses. `birthDate` is given when the caller has just written it.
   */
  async recompute(victimId: string, birthDate?: string | null): Promise<void> {
    const v = await this.db.one(ownVictimFacts, [victimId]);
    if (!v) {
      await this.refresh(victimId);
      return;
    }
    const born = birthDate !== undefined ? birthDate : await this.birthDate(victimId, v.agency_id);
    const matters = await this.db.many(legalMatterFactsOfVictim, [victimId]);
    const computed = computeDeadlines({
      minorAtExploitation: v.minor_at_exploitation,
      sexTrafficking: ['SEX', 'SEX_AND_LABOR'].includes(v.trafficking_type),
      crimeDate: v.crime_date,
      identifiedOn: v.identified_on,
      birthDate: born,
      matters,
    });
    const existing = await this.db.many(existingDeadlines, [victimId]);
    const key = (rule: string, matter: string | null) => `${rule}|${matter ?? ''}`;
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    // The civil-action date is the birth date plus 21 years: the audit says it moved, not where.
    const note = (rule: DeadlineRule, k: string, from: string | null, to: string | null) => {
      changes[k] =
        rule === DeadlineRule.CIVIL_ACTION_WINDOW ? { from: from && '[confidential]', to: to && '[confidential]' } : { from, to };
    };
    for (const c of computed) {
      const before = existing.find((e) => key(e.rule, e.matter_id) === key(c.rule, c.matterId));
      if (!before?.applies || before.due_on !== c.dueOn)
        note(c.rule, key(c.rule, c.matterId), before?.applies ? before.due_on : null, c.dueOn);
      await this.db.run(upsertDeadline, [
        victimId,
        v.agency_id,
        c.rule,
        c.matterId,
        c.description,
        c.dueOn,
        c.remindOn,
        c.factsMetOn,
        v.advocate_id,
      ]);
    }
    const stillComputed = new Set(computed.map((c) => key(c.rule, c.matterId)));
    // A birth date the caller cannot read is not a birth date removed: that deadline stays as it is.
    const withdrawn = existing.filter(
      (e) =>
        e.applies && !stillComputed.has(key(e.rule, e.matter_id)) && !(e.rule === DeadlineRule.CIVIL_ACTION_WINDOW && born === undefined),
    );
    for (const w of withdrawn) note(w.rule, key(w.rule, w.matter_id), w.due_on, null);
    if (withdrawn.length) {
      await this.db.run(withdrawDeadlines, [withdrawn.map((w) => w.id)]);
    }
    await this.refresh(victimId);
    if (Object.keys(changes).length) {
      await this.audit.record({ action: 'deadline.recompute', recordType: 'victim', recordId: victimId, changes });
    }
  }

  /** Status only (the victim's services changed): open to the custodial agency and the victim's providers. */
  async refresh(victimId: string): Promise<void> {
    await this.db.run(refreshMyDeadlines, [victimId]);
  }

  async list(filter: DeadlinesFilter): Promise<Deadline[]> {
    const status = filter.status?.length ? filter.status : [DeadlineStatus.OPEN, DeadlineStatus.OVERDUE];
    const assignee = filter.mine ? this.ctx.principal.userId : (filter.assigneeId ?? null);
    return this.db.tx(async () => {
      const rows = await this.db.many(deadlineList, [
        status,
        assignee,
        filter.victimId ?? null,
        filter.dueWithinDays ?? null,
        this.allRulesShown,
      ]);
      return rows.map(toDeadline);
    });
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, Deadline[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(deadlinesOfVictims, [victimIds, this.allRulesShown]);
      const out = new Map<string, Deadline[]>(victimIds.map((id) => [id, []]));
      for (const r of rows) out.get(r.victim_id)?.push(toDeadline(r));
      return out;
    });
  }

  /** Done outside what the system can see (a claim filed on paper, a civil suit brought). */
  async markMet(input: MarkDeadlineMetInput): Promise<Deadline> {
    const metOn = input.metOn ?? today();
    checkDay(metOn, 'metOn', { notFuture: true });
    return this.db.tx(async () => {
      const shown = this.allRulesShown;
      const before = await this.db.one(ownDeadlineForUpdate, [input.id, shown]);
      if (!before) throw Errors.notFound('deadline', input.id, 'deadline.met');
      this.db.checkVersion('deadline', before, input.version);
      if (!before.applies) throw Errors.badInput('This deadline no longer applies (the facts changed); there is nothing to meet.');
      await this.db.run(markDeadlineMet, [input.id, metOn, input.note]);
      await this.refresh(before.victim_id);
      await this.audit.record({
        action: 'deadline.met',
        recordType: 'deadline',
        recordId: input.id,
        changes: { rule: { to: before.rule }, metOn: { from: before.met_on, to: metOn }, note: { to: input.note } },
      });
      // The row just passed the same check (the rules shown): it reads back.
      const row = await this.db.one(deadlineById, [input.id, shown]);
      if (!row) throw Errors.notFound('deadline', input.id, 'deadline.met');
      return toDeadline(row);
    });
  }

  /** The caller's reminders: addressed to them, or to their agency when the victim has no advocate. */
  async reminders(): Promise<Reminder[]> {
    return this.db.tx(async () => {
      const rows = await this.db.many(myReminders, [this.allRulesShown]);
      return rows.map((r) => ({ id: r.reminder_id, kind: r.kind, createdAt: r.reminded_at, deadlineId: r.id, deadline: toDeadline(r) }));
    });
  }

  async dismissReminder(id: string): Promise<boolean> {
    return this.db.tx(async () => {
      const dismissed = await this.db.run(dismissReminder, [id]);
      if (dismissed !== 1) throw Errors.notFound('reminder', id, 'reminder.dismiss');
      await this.audit.record({ action: 'reminder.dismiss', recordType: 'reminder', recordId: id });
      return true;
    });
  }
}
