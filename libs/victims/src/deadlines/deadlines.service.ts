import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AuditService } from '@app/audit';
import { Db, Errors, RequestContext, today, checkDay } from '@app/core';
import { IdentityVault, identityAad } from '../identity-vault.service';
import { computeDeadlines, DeadlineRule, DeadlineStatus, LegalMatterFacts, LegalMatterKind } from './deadline-rules';
import { Deadline, DeadlinesFilter, MarkDeadlineMetInput, Reminder } from '../graphql/deadline.graphql-types';

interface DeadlineRow {
  id: string;
  victim_id: string;
  victim_code: string;
  rule: DeadlineRule;
  matter_id: string | null;
  description: string;
  due_on: string;
  remind_on: string;
  status: DeadlineStatus;
  met_on: string | null;
  met_by: string | null;
  manual_note: string | null;
  applies: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  version: number;
}

const day = (col: string, as = col.replace(/^\w+\./, '')) => `to_char(${col}, 'YYYY-MM-DD') AS ${as}`;
const DEADLINE_COLUMNS = `d.id, d.victim_id, v.code AS victim_code, d.rule, d.matter_id, d.description, ${day('d.due_on')}, ${day('d.remind_on')},
  d.status, ${day('d.met_on')}, d.met_by, d.manual_note, d.applies, d.assignee_id, u.display_name AS assignee_name, d.version`;
const DEADLINE_FROM = `FROM deadlines d JOIN victims v ON v.id = d.victim_id LEFT JOIN users u ON u.id = d.assignee_id`;
const DEADLINE_SELECT = `SELECT ${DEADLINE_COLUMNS} ${DEADLINE_FROM}`;

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
  private get shown(): string {
    return this.policy.canEditIdentity(this.ctx.principal) ? 'true' : `d.rule <> '${DeadlineRule.CIVIL_ACTION_WINDOW}'`;
  }

  /** The birth date, if the caller may read it: undefined when unknown to the caller, null when not recorded. */
  private async birthDate(victimId: string, agencyId: string): Promise<string | null | undefined> {
    const {
      rows: [row],
    } = await this.db.exec<{ birth_date: string | null; key_version: number }>(
      `SELECT birth_date, key_version FROM victim_identities WHERE victim_id = $1`,
      [victimId],
    );
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
    const {
      rows: [v],
    } = await this.db.exec<{
      agency_id: string;
      minor_at_exploitation: boolean;
      trafficking_type: string;
      crime_date: string | null;
      identified_on: string;
      advocate_id: string | null;
    }>(
      `SELECT agency_id, minor_at_exploitation, trafficking_type, ${day('crime_date')}, ${day('identified_on')}, advocate_id
       FROM victims WHERE id = $1 AND agency_id = app_agency_id()`,
      [victimId],
    );
    if (!v) {
      await this.db.exec(`SELECT app_refresh_my_deadlines($1)`, [victimId]);
      return;
    }
    const born = birthDate !== undefined ? birthDate : await this.birthDate(victimId, v.agency_id);
    const { rows: matters } = await this.db.exec<LegalMatterFacts>(
      `SELECT id, kind, description, certifying_agency AS "certifyingAgency", to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn",
         to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", to_char(granted_on, 'YYYY-MM-DD') AS "grantedOn", length_months AS "lengthMonths",
         to_char(renewal_requested_on, 'YYYY-MM-DD') AS "renewalRequestedOn", to_char(event_on, 'YYYY-MM-DD') AS "eventOn"
       FROM legal_matters WHERE victim_id = $1 ORDER BY created_at`,
      [victimId],
    );
    const computed = computeDeadlines({
      minorAtExploitation: v.minor_at_exploitation,
      sexTrafficking: ['SEX', 'SEX_AND_LABOR'].includes(v.trafficking_type),
      crimeDate: v.crime_date,
      identifiedOn: v.identified_on,
      birthDate: born,
      matters: matters.map((m) => ({ ...m, kind: m.kind as LegalMatterKind })),
    });
    const { rows: existing } = await this.db.exec<{
      id: string;
      rule: DeadlineRule;
      matter_id: string | null;
      applies: boolean;
      due_on: string;
    }>(`SELECT id, rule, matter_id, applies, ${day('due_on')} FROM deadlines WHERE victim_id = $1`, [victimId]);
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
      await this.db.exec(
        `INSERT INTO deadlines (victim_id, agency_id, rule, matter_id, description, due_on, remind_on, facts_met_on, assignee_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT deadlines_one_per_rule DO UPDATE SET description = EXCLUDED.description, due_on = EXCLUDED.due_on,
           remind_on = EXCLUDED.remind_on, facts_met_on = EXCLUDED.facts_met_on, assignee_id = EXCLUDED.assignee_id, applies = true,
           updated_at = now(), version = deadlines.version + 1
         WHERE (deadlines.description, deadlines.due_on, deadlines.remind_on, deadlines.facts_met_on, deadlines.assignee_id, deadlines.applies)
           IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.due_on, EXCLUDED.remind_on, EXCLUDED.facts_met_on, EXCLUDED.assignee_id, true)`,
        [victimId, v.agency_id, c.rule, c.matterId, c.description, c.dueOn, c.remindOn, c.factsMetOn, v.advocate_id],
      );
    }
    const stillComputed = new Set(computed.map((c) => key(c.rule, c.matterId)));
    // A birth date the caller cannot read is not a birth date removed: that deadline stays as it is.
    const withdrawn = existing.filter(
      (e) =>
        e.applies && !stillComputed.has(key(e.rule, e.matter_id)) && !(e.rule === DeadlineRule.CIVIL_ACTION_WINDOW && born === undefined),
    );
    for (const w of withdrawn) note(w.rule, key(w.rule, w.matter_id), w.due_on, null);
    if (withdrawn.length) {
      await this.db.exec(`UPDATE deadlines SET applies = false, updated_at = now(), version = version + 1 WHERE id = ANY($1)`, [
        withdrawn.map((w) => w.id),
      ]);
    }
    await this.db.exec(`SELECT app_refresh_my_deadlines($1)`, [victimId]);
    if (Object.keys(changes).length) {
      await this.audit.record({ action: 'deadline.recompute', recordType: 'victim', recordId: victimId, changes });
    }
  }

  /** Status only (the victim's services changed): open to the custodial agency and the victim's providers. */
  async refresh(victimId: string): Promise<void> {
    await this.db.exec(`SELECT app_refresh_my_deadlines($1)`, [victimId]);
  }

  async list(filter: DeadlinesFilter): Promise<Deadline[]> {
    const status = filter.status?.length ? filter.status : [DeadlineStatus.OPEN, DeadlineStatus.OVERDUE];
    const assignee = filter.mine ? this.ctx.principal.userId : (filter.assigneeId ?? null);
    return this.db.tx(async (em) => {
      const rows: DeadlineRow[] = await em.query(
        `${DEADLINE_SELECT} WHERE d.agency_id = app_agency_id() AND ${this.shown} AND d.status = ANY($1) AND ($2::uuid IS NULL OR d.assignee_id = $2)
           AND ($3::uuid IS NULL OR d.victim_id = $3) AND ($4::int IS NULL OR d.due_on <= current_date + $4::int)
         ORDER BY d.due_on, d.rule, d.id LIMIT 500`,
        [status, assignee, filter.victimId ?? null, filter.dueWithinDays ?? null],
      );
      return rows.map(toDeadline);
    });
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, Deadline[]>> {
    return this.db.tx(async (em) => {
      const rows: DeadlineRow[] = await em.query(
        `${DEADLINE_SELECT} WHERE d.victim_id = ANY($1) AND ${this.shown} ORDER BY d.due_on, d.rule, d.id`,
        [victimIds],
      );
      const out = new Map<string, Deadline[]>(victimIds.map((id) => [id, []]));
      for (const r of rows) out.get(r.victim_id)?.push(toDeadline(r));
      return out;
    });
  }

  /** Done outside what the system can see (a claim filed on paper, a civil suit brought). */
  async markMet(input: MarkDeadlineMetInput): Promise<Deadline> {
    const metOn = input.metOn ?? today();
    checkDay(metOn, 'metOn', { notFuture: true });
    return this.db.tx(async (em) => {
      const [before]: DeadlineRow[] = await em.query(
        `${DEADLINE_SELECT} WHERE d.id = $1 AND d.agency_id = app_agency_id() AND ${this.shown} FOR UPDATE OF d`,
        [input.id],
      );
      if (!before) throw Errors.notFound('deadline', input.id, 'deadline.met');
      if (before.version !== input.version)
        throw Errors.conflict('This deadline changed since you read it. Reload and try again.', { currentVersion: before.version });
      if (!before.applies) throw Errors.badInput('This deadline no longer applies (the facts changed); there is nothing to meet.');
      await this.db.exec(
        `UPDATE deadlines SET manual_met_on = $2, manual_note = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
        [input.id, metOn, input.note],
      );
      await this.db.exec(`SELECT app_refresh_my_deadlines($1)`, [before.victim_id]);
      await this.audit.record({
        action: 'deadline.met',
        recordType: 'deadline',
        recordId: input.id,
        changes: { rule: { to: before.rule }, metOn: { from: before.met_on, to: metOn }, note: { to: input.note } },
      });
      const [row]: DeadlineRow[] = await em.query(`${DEADLINE_SELECT} WHERE d.id = $1`, [input.id]);
      return toDeadline(row);
    });
  }

  /** The caller's reminders: addressed to them, or to their agency when the victim has no advocate. */
  async reminders(): Promise<Reminder[]> {
    return this.db.tx(async (em) => {
      const rows: (DeadlineRow & { reminder_id: string; kind: string; reminded_at: Date })[] = await em.query(
        `SELECT r.id AS reminder_id, r.kind, r.created_at AS reminded_at, ${DEADLINE_COLUMNS} ${DEADLINE_FROM} JOIN reminders r ON r.deadline_id = d.id
         WHERE r.dismissed_at IS NULL AND (r.user_id = app_user_id() OR r.user_id IS NULL) AND r.agency_id = app_agency_id() AND ${this.shown}
         ORDER BY d.due_on, r.created_at LIMIT 500`,
      );
      return rows.map((r) => ({ id: r.reminder_id, kind: r.kind, createdAt: r.reminded_at, deadlineId: r.id, deadline: toDeadline(r) }));
    });
  }

  async dismissReminder(id: string): Promise<boolean> {
    return this.db.tx(async () => {
      const { rowCount } = await this.db.exec(`UPDATE reminders SET dismissed_at = now() WHERE id = $1 AND dismissed_at IS NULL`, [id]);
      if (rowCount !== 1) throw Errors.notFound('reminder', id, 'reminder.dismiss');
      await this.audit.record({ action: 'reminder.dismiss', recordType: 'reminder', recordId: id });
      return true;
    });
  }
}
