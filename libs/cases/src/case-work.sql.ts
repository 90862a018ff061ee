import { col, query, Row, versionedUpdate } from '@app/core';
import type { ChargeDisposition, ShareAccess, StatuteJurisdiction, SubjectRole, SubjectStatus } from './cases.enums';

/** The work on a case: subjects, charges, notes, tasks and participants (case-work.service.ts). */

/** The case an item belongs to, and the case's lead agency (RLS: nothing when the caller cannot see it). */
const ITEM_CASE = { case_id: col.uuid, agency_id: col.uuid };
export const subjectCase = query(
  `SELECT x.case_id, c.agency_id FROM subjects x JOIN cases c ON c.id = x.case_id WHERE x.id = $1`,
  ITEM_CASE,
);
export const chargeCase = query(`SELECT x.case_id, c.agency_id FROM charges x JOIN cases c ON c.id = x.case_id WHERE x.id = $1`, ITEM_CASE);
export const taskCase = query(
  `SELECT x.case_id, c.agency_id FROM case_tasks x JOIN cases c ON c.id = x.case_id WHERE x.id = $1`,
  ITEM_CASE,
);

export const caseLeadAgency = query(`SELECT agency_id FROM cases WHERE id = $1`, { agency_id: col.uuid });

// Statutes ------------------------------------------------------------------------------

const STATUTE = {
  code: col.text,
  jurisdiction: col.text.as<StatuteJurisdiction>(),
  citation: col.text,
  title: col.text,
  nibrs: col.text.null,
};
export const allStatutes = query(`SELECT code, jurisdiction, citation, title, nibrs FROM statutes ORDER BY sort_order`, STATUTE);
export type StatuteRow = Row<typeof allStatutes>;

export const statuteExists = query(`SELECT code FROM statutes WHERE code = $1`, { code: col.text });

// Subjects ------------------------------------------------------------------------------

const SUBJECT_SELECT = `SELECT id, case_id, agency_id, role, display_name, description, status, version FROM subjects`;
const SUBJECT = {
  id: col.uuid,
  case_id: col.uuid,
  agency_id: col.uuid,
  role: col.text.as<SubjectRole>(),
  display_name: col.text,
  description: col.text.null,
  status: col.text.as<SubjectStatus>(),
  version: col.int,
};

/** A case's subjects, in order: `caseIs` compares `case_id` (e.g. `= ANY($1)`, or `= c.id` inside a case's statement). */
export const subjectsWhereCase = (caseIs: string): string => `${SUBJECT_SELECT} WHERE case_id ${caseIs} ORDER BY created_at, id`;
export const subjectsOfCases = query(subjectsWhereCase('= ANY($1)'), SUBJECT, { prepared: true });
export type SubjectRow = Row<typeof subjectsOfCases>;
export const subjectById = query(`${SUBJECT_SELECT} WHERE id = $1`, SUBJECT);
export const subjectForUpdate = query(`${SUBJECT_SELECT} WHERE id = $1 FOR UPDATE`, SUBJECT);

export const insertSubject = query(
  `INSERT INTO subjects (case_id, agency_id, role, display_name, description, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  { id: col.uuid },
);

export const updateSubject = versionedUpdate(
  'subjects',
  'subject',
  { role: 'role', displayName: 'display_name', description: 'description', status: 'status' },
  { always: ['updated_at = now()'] },
);

// Charges -------------------------------------------------------------------------------

const CHARGE_SELECT = `SELECT ch.id, ch.case_id, ch.subject_id, ch.agency_id, ch.counts, to_char(ch.filed_on, 'YYYY-MM-DD') AS filed_on, ch.disposition,
  to_char(ch.disposition_on, 'YYYY-MM-DD') AS disposition_on, ch.sentence, ch.version,
  json_build_object('code', st.code, 'jurisdiction', st.jurisdiction, 'citation', st.citation, 'title', st.title, 'nibrs', st.nibrs) AS statute
  FROM charges ch JOIN statutes st ON st.code = ch.statute_code`;
const CHARGE = {
  id: col.uuid,
  case_id: col.uuid,
  subject_id: col.uuid,
  agency_id: col.uuid,
  counts: col.int,
  filed_on: col.text.null,
  disposition: col.text.as<ChargeDisposition>(),
  disposition_on: col.text.null,
  sentence: col.text.null,
  version: col.int,
  statute: col.json.as<StatuteRow>(),
};

export const chargesWhereCase = (caseIs: string): string => `${CHARGE_SELECT} WHERE ch.case_id ${caseIs} ORDER BY ch.created_at, ch.id`;
export const chargesOfCases = query(chargesWhereCase('= ANY($1)'), CHARGE, { prepared: true });
export type ChargeRow = Row<typeof chargesOfCases>;
export const chargeById = query(`${CHARGE_SELECT} WHERE ch.id = $1`, CHARGE);
export const chargeForUpdate = query(`${CHARGE_SELECT} WHERE ch.id = $1 FOR UPDATE OF ch`, CHARGE);

export const insertCharge = query(
  `INSERT INTO charges (case_id, subject_id, agency_id, statute_code, counts, filed_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  { id: col.uuid },
);

export const updateCharge = versionedUpdate(
  'charges',
  'charge',
  { filedOn: 'filed_on', disposition: 'disposition', dispositionOn: 'disposition_on', sentence: 'sentence' },
  { always: ['updated_at = now()'] },
);

// Notes ---------------------------------------------------------------------------------

export const notesOfCases = query(
  `SELECT n.id, n.case_id, n.agency_id, n.body, u.display_name AS author_name, n.created_at
   FROM case_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.case_id = ANY($1) ORDER BY n.created_at DESC, n.id DESC`,
  { id: col.uuid, case_id: col.uuid, agency_id: col.uuid, body: col.text, author_name: col.text.null, created_at: col.timestamptz },
);

export const insertNote = query(`INSERT INTO case_notes (case_id, agency_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`, {
  id: col.uuid,
});

// Tasks ---------------------------------------------------------------------------------

const TASK_SELECT = `SELECT t.id, t.case_id, t.agency_id, t.title, t.assignee_id, u.display_name AS assignee_name, to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
  t.done_at, t.version FROM case_tasks t LEFT JOIN users u ON u.id = t.assignee_id`;
const TASK = {
  id: col.uuid,
  case_id: col.uuid,
  agency_id: col.uuid,
  title: col.text,
  assignee_id: col.uuid.null,
  assignee_name: col.text.null,
  due_on: col.text.null,
  done_at: col.timestamptz.null,
  version: col.int,
};

export const tasksOfCases = query(
  `${TASK_SELECT} WHERE t.case_id = ANY($1) ORDER BY t.done_at NULLS FIRST, t.due_on NULLS LAST, t.created_at`,
  TASK,
);
export type TaskRow = Row<typeof tasksOfCases>;
export const taskById = query(`${TASK_SELECT} WHERE t.id = $1`, TASK);
export const taskForUpdate = query(`${TASK_SELECT} WHERE t.id = $1 FOR UPDATE OF t`, TASK);

/** A task's assignee: an active user of the caller's agency. */
export const taskAssignable = query(`SELECT 1 AS ok FROM users WHERE id = $1 AND agency_id = $2 AND active`, { ok: col.int });

export const insertTask = query(
  `INSERT INTO case_tasks (case_id, agency_id, title, assignee_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  { id: col.uuid },
);

/**
 * A task's fields. `done` keeps the first completion's time; `doneBy` is the completer when done
 * (null when not), and keeps the first completer.
 */
export const updateTask = versionedUpdate(
  'case_tasks',
  'task',
  {
    title: 'title',
    assigneeId: 'assignee_id',
    dueOn: 'due_on',
    done: 'done_at = CASE WHEN ?::boolean THEN coalesce(done_at, now()) END',
    doneBy: 'done_by = CASE WHEN ?::uuid IS NOT NULL THEN coalesce(done_by, ?::uuid) END',
  },
  { always: ['updated_at = now()'] },
);

// Participants --------------------------------------------------------------------------

export const participantsWhereCase = (caseIs: string): string =>
  `SELECT case_id, agency_id, access, granted_at FROM case_participants WHERE case_id ${caseIs} AND revoked_at IS NULL ORDER BY granted_at`;
export const participantsOfCases = query(
  participantsWhereCase('= ANY($1)'),
  { case_id: col.uuid, agency_id: col.uuid, access: col.text.as<ShareAccess>(), granted_at: col.timestamptz },
  { prepared: true },
);
export type ParticipantRow = Row<typeof participantsOfCases>;
