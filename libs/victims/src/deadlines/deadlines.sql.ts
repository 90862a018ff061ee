import { col, command, query, Row } from '@app/core';
import { DeadlineRule } from './deadline-rules';
import type { DeadlineStatus } from './deadline-rules';

/** Deadlines' and reminders' SQL (deadlines.service.ts, deadline-sweep.job.ts). */

const day = (column: string, as = column.replace(/^\w+\./, '')) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
const DEADLINE_COLUMNS = `d.id, d.victim_id, v.code AS victim_code, d.rule, d.matter_id, d.description, ${day('d.due_on')}, ${day('d.remind_on')},
  d.status, ${day('d.met_on')}, d.met_by, d.manual_note, d.applies, d.assignee_id, u.display_name AS assignee_name, d.version`;
const DEADLINE_FROM = `FROM deadlines d JOIN victims v ON v.id = d.victim_id LEFT JOIN users u ON u.id = d.assignee_id`;
const DEADLINE_SELECT = `SELECT ${DEADLINE_COLUMNS} ${DEADLINE_FROM}`;
const DEADLINE = {
  id: col.uuid,
  victim_id: col.uuid,
  victim_code: col.text,
  rule: col.text.as<DeadlineRule>(),
  matter_id: col.uuid.null,
  description: col.text,
  due_on: col.text,
  remind_on: col.text,
  status: col.text.as<DeadlineStatus>(),
  met_on: col.text.null,
  met_by: col.text.null,
  manual_note: col.text.null,
  applies: col.bool,
  assignee_id: col.uuid.null,
  assignee_name: col.text.null,
  version: col.int,
};

/**
 * The civil-action window is the birth date plus 21 years: a statement taking `$n` true shows every
 * rule, false hides that one (for those who may not read a birth date).
 */
const shown = (n: number) => `($${n}::boolean OR d.rule <> '${DeadlineRule.CIVIL_ACTION_WINDOW}')`;

/** $1 deadline, $2 all rules shown. */
export const deadlineById = query(`${DEADLINE_SELECT} WHERE d.id = $1 AND ${shown(2)}`, DEADLINE);
export type DeadlineRow = Row<typeof deadlineById>;

/** The agency's deadlines: $1 statuses, $2 assignee or NULL, $3 victim or NULL, $4 due within days or NULL, $5 all rules shown. */
export const deadlineList = query(
  `${DEADLINE_SELECT} WHERE d.agency_id = app_agency_id() AND ${shown(5)} AND d.status = ANY($1) AND ($2::uuid IS NULL OR d.assignee_id = $2)
     AND ($3::uuid IS NULL OR d.victim_id = $3) AND ($4::int IS NULL OR d.due_on <= current_date + $4::int)
   ORDER BY d.due_on, d.rule, d.id LIMIT 500`,
  DEADLINE,
);

/** $1 victims, $2 all rules shown. */
export const deadlinesOfVictims = query(
  `${DEADLINE_SELECT} WHERE d.victim_id = ANY($1) AND ${shown(2)} ORDER BY d.due_on, d.rule, d.id`,
  DEADLINE,
);

/** $1 deadline, $2 all rules shown. */
export const ownDeadlineForUpdate = query(
  `${DEADLINE_SELECT} WHERE d.id = $1 AND d.agency_id = app_agency_id() AND ${shown(2)} FOR UPDATE OF d`,
  DEADLINE,
);

export const markDeadlineMet = command(
  `UPDATE deadlines SET manual_met_on = $2, manual_note = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
);

/** The caller's open reminders, with their deadlines: $1 all rules shown. */
export const myReminders = query(
  `SELECT r.id AS reminder_id, r.kind, r.created_at AS reminded_at, ${DEADLINE_COLUMNS} ${DEADLINE_FROM} JOIN reminders r ON r.deadline_id = d.id
   WHERE r.dismissed_at IS NULL AND (r.user_id = app_user_id() OR r.user_id IS NULL) AND r.agency_id = app_agency_id() AND ${shown(1)}
   ORDER BY d.due_on, r.created_at LIMIT 500`,
  { reminder_id: col.uuid, kind: col.text, reminded_at: col.timestamptz, ...DEADLINE },
);

export const dismissReminder = command(`UPDATE reminders SET dismissed_at = now() WHERE id = $1 AND dismissed_at IS NULL`);

/** The sealed birth date of a victim, if the caller may read the identity row. */
export const sealedBirthDate = query(`SELECT birth_date, key_version FROM victim_identities WHERE victim_id = $1`, {
  birth_date: col.text.null,
  key_version: col.int,
});

/** The victim's facts deadlines hang on, when the caller's agency keeps it. */
export const ownVictimFacts = query(
  `SELECT agency_id, minor_at_exploitation, trafficking_type, ${day('crime_date')}, ${day('identified_on')}, advocate_id
   FROM victims WHERE id = $1 AND agency_id = app_agency_id()`,
  {
    agency_id: col.uuid,
    minor_at_exploitation: col.bool,
    trafficking_type: col.text,
    crime_date: col.text.null,
    identified_on: col.text,
    advocate_id: col.uuid.null,
  },
);

export const existingDeadlines = query(`SELECT id, rule, matter_id, applies, ${day('due_on')} FROM deadlines WHERE victim_id = $1`, {
  id: col.uuid,
  rule: col.text.as<DeadlineRule>(),
  matter_id: col.uuid.null,
  applies: col.bool,
  due_on: col.text,
});

/** One computed deadline, written only when something about it changed. */
export const upsertDeadline = command(
  `INSERT INTO deadlines (victim_id, agency_id, rule, matter_id, description, due_on, remind_on, facts_met_on, assignee_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
   ON CONFLICT ON CONSTRAINT deadlines_one_per_rule DO UPDATE SET description = EXCLUDED.description, due_on = EXCLUDED.due_on,
     remind_on = EXCLUDED.remind_on, facts_met_on = EXCLUDED.facts_met_on, assignee_id = EXCLUDED.assignee_id, applies = true,
     updated_at = now(), version = deadlines.version + 1
   WHERE (deadlines.description, deadlines.due_on, deadlines.remind_on, deadlines.facts_met_on, deadlines.assignee_id, deadlines.applies)
     IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.due_on, EXCLUDED.remind_on, EXCLUDED.facts_met_on, EXCLUDED.assignee_id, true)`,
);

export const withdrawDeadlines = command(
  `UPDATE deadlines SET applies = false, updated_at = now(), version = version + 1 WHERE id = ANY($1)`,
);

/** The statuses of a victim's deadlines, by the database (open to the custodial agency and the victim's providers). */
export const refreshMyDeadlines = query(`SELECT app_refresh_my_deadlines($1)`, { app_refresh_my_deadlines: col.int });

/** The daily sweep (deadline-sweep.job.ts). */
export const sweepDeadlines = query(`SELECT changed, reminded FROM app_sweep_deadlines()`, { changed: col.int, reminded: col.int });
