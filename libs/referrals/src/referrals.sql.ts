import { col, command, query, Row, SqlWhere, timeKeySql } from '@app/core';
import { VICTIM_VISIBILITY } from '@app/access';
import type { ShareAccess } from '@app/cases';
import type { ServiceCategory } from '@app/victims';
import { ReferralDirection, ReferralStatus } from './referrals.enums';
import type { ReferralKind, ReferralUrgency } from './referrals.enums';
import type { ReferralBrief } from './graphql/referral.graphql-types';

/** Referrals' and notifications' SQL (referrals.service.ts, referral-expiry.job.ts). */

const SELECT = `SELECT r.id, r.kind, r.status, r.urgency, r.reason, r.respond_by, (r.status = 'PENDING' AND r.respond_by < now()) AS overdue,
  r.from_agency_id, r.from_user_id, fu.display_name AS from_user_name, r.to_agency_id, r.case_id, r.victim_id, r.offered_access, r.service_category,
  r.discloses_identity, r.brief, r.answer_reason, r.answered_at, r.outcome, r.completed_at, r.service_id, r.created_at,
  ${timeKeySql('r.created_at')} AS created_key, r.version
  FROM referrals r LEFT JOIN users fu ON fu.id = r.from_user_id`;

const REFERRAL = {
  id: col.uuid,
  kind: col.text.as<ReferralKind>(),
  status: col.text.as<ReferralStatus>(),
  urgency: col.text.as<ReferralUrgency>(),
  reason: col.text,
  respond_by: col.timestamptz,
  overdue: col.bool,
  from_agency_id: col.uuid,
  from_user_id: col.uuid,
  from_user_name: col.text.null,
  to_agency_id: col.uuid,
  case_id: col.uuid.null,
  victim_id: col.uuid.null,
  offered_access: col.text.as<ShareAccess>().null,
  service_category: col.text.as<ServiceCategory>().null,
  discloses_identity: col.bool,
  brief: col.jsonb.as<ReferralBrief>(),
  answer_reason: col.text.null,
  answered_at: col.timestamptz.null,
  outcome: col.text.null,
  completed_at: col.timestamptz.null,
  service_id: col.uuid.null,
  created_at: col.timestamptz,
  /** created_at to the microsecond, for list cursors. */
  created_key: col.text,
  version: col.int,
};

export const referralById = query(`${SELECT} WHERE r.id = $1`, REFERRAL);
export type ReferralRow = Row<typeof referralById>;

/** What a referral list is filtered by (ReferralsFilter, with the decoded cursor). */
export interface ReferralPageFilter {
  direction: ReferralDirection;
  status?: ReferralStatus[] | null;
  kind?: ReferralKind[] | null;
  urgency?: ReferralUrgency[] | null;
  overdue?: boolean | null;
}

/** A page of the agency's incoming or outgoing referrals, newest first. */
export function referralPage(filter: ReferralPageFilter, cursor: [string, string] | undefined, first: number) {
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
  return { stmt: query(`${SELECT} ${w.toSql()} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`, REFERRAL), params: w.params };
}
/** Page statements with no filter and with every filter, for the schema check. */
export const referralPageExamples = [
  referralPage({ direction: ReferralDirection.INCOMING }, undefined, 10).stmt,
  referralPage(
    { direction: ReferralDirection.OUTGOING, status: [ReferralStatus.PENDING], kind: [], urgency: [], overdue: true },
    ['x', 'x'],
    10,
  ).stmt,
  referralPage({ direction: ReferralDirection.OUTGOING, overdue: false }, undefined, 10).stmt,
];

/** The count of each status ($1, in its order) on one side of the caller's agency's referrals. */
function countsBy(side: 'to_agency_id' | 'from_agency_id') {
  return query(
    `SELECT s.status, count(r.id)::int AS count, count(r.id) FILTER (WHERE r.status = 'PENDING' AND r.respond_by < now())::int AS overdue
     FROM unnest($1::text[]) AS s(status) LEFT JOIN referrals r ON r.status = s.status AND r.${side} = app_agency_id()
     GROUP BY s.status ORDER BY array_position($1::text[], s.status)`,
    { status: col.text.as<ReferralStatus>(), count: col.int, overdue: col.int },
  );
}
export const incomingCounts = countsBy('to_agency_id');
export const outgoingCounts = countsBy('from_agency_id');

export const referralHistory = query(
  `SELECT e.referral_id, e.action, e.at, e.actor_user_id, u.display_name AS actor_name, e.actor_agency_id, e.note
     FROM referral_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.referral_id = ANY($1) ORDER BY e.at, e.id`,
  {
    referral_id: col.uuid,
    action: col.text,
    at: col.timestamptz,
    actor_user_id: col.uuid.null,
    actor_name: col.text.null,
    actor_agency_id: col.uuid.null,
    note: col.text.null,
  },
);

export const insertReferral = query(
  `INSERT INTO referrals (task_force_id, kind, from_agency_id, from_user_id, to_agency_id, case_id, victim_id, service_category, reason, urgency,
     respond_by, offered_access, discloses_identity, brief)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
  { id: col.uuid },
);

export const insertReferralEvent = command(
  `INSERT INTO referral_events (referral_id, action, actor_user_id, actor_agency_id, note) VALUES ($1, $2, $3, $4, $5)`,
);

/** Tells the other side (a notification per user), as the caller, after the commit. */
export const notifyReferral = query(`SELECT app_notify_my_referral($1, $2)`, { app_notify_my_referral: col.int });

/** The case as a referral describes it, and the receiver's live participation ($2), if any. */
export const caseForReferral = query(
  `SELECT c.trafficking_type, c.venue, c.counties,
     (SELECT p.access FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $2 AND p.revoked_at IS NULL) AS live
   FROM cases c WHERE c.id = $1`,
  { trafficking_type: col.text, venue: col.text.null, counties: col.textArray, live: col.text.null },
);

export const pendingCaseReferral = query(`SELECT 1 AS ok FROM referrals WHERE case_id = $1 AND to_agency_id = $2 AND status = 'PENDING'`, {
  ok: col.int,
});

/** The victim as a referral describes it, when the caller can see it. */
export const victimForReferral = query(
  `SELECT v.agency_id, v.code, v.age_band, v.minor_at_exploitation, v.gender, v.trafficking_type FROM victims v WHERE v.id = $1 AND ${VICTIM_VISIBILITY.visible}`,
  {
    agency_id: col.uuid,
    code: col.text,
    age_band: col.text,
    minor_at_exploitation: col.bool,
    gender: col.text,
    trafficking_type: col.text,
  },
);

export const liveMandatoryReferral = query(
  `SELECT 1 AS ok FROM referrals WHERE victim_id = $1 AND kind = 'MANDATORY_CHILD_WELFARE' AND status IN ('PENDING','ACCEPTED','COMPLETED')`,
  { ok: col.int },
);

/** The task force's child-welfare agency ($1 task force), other than the caller's ($2). */
export const childWelfareAgency = query(
  `SELECT id FROM agencies WHERE task_force_id = $1 AND kind = 'CHILD_WELFARE' AND active AND id <> $2 ORDER BY created_at LIMIT 1`,
  { id: col.uuid },
);

/** Whether the referred case is closed (the receiver cannot see it yet: the database says). */
export const referralCaseClosed = query(`SELECT app_referral_case_closed($1) AS closed`, { closed: col.bool });

/**
 * One step of a referral ($3 the new status), version-checked and only from the status the step
 * starts from ($8): $4 whether it is an answer (by $5), $6 the reason, $7 the outcome.
 */
export const referralStep = query(
  `UPDATE referrals SET status = $3, updated_at = now(), version = version + 1,
     answered_by = CASE WHEN $4 THEN $5::uuid ELSE answered_by END, answered_at = CASE WHEN $4 THEN now() ELSE answered_at END,
     answer_reason = coalesce($6, answer_reason), outcome = coalesce($7, outcome), completed_at = CASE WHEN $3 = 'COMPLETED' THEN now() ELSE completed_at END
   WHERE id = $1 AND version = $2 AND status = $8 RETURNING version`,
  { version: col.int },
);

export const acceptCaseReferral = query(`SELECT app_accept_case_referral($1)`, { app_accept_case_referral: col.of<unknown>('void') });
export const acceptVictimReferral = query(`SELECT app_accept_victim_referral($1)`, { app_accept_victim_referral: col.uuid.null });

/** $1 unread only, $2 how many. */
export const myNotifications = query(
  `SELECT id, event, title, referral_id, created_at, read_at FROM notifications WHERE user_id = app_user_id() AND ($1::boolean IS FALSE OR read_at IS NULL)
   ORDER BY created_at DESC, id DESC LIMIT $2`,
  {
    id: col.uuid,
    event: col.text,
    title: col.text,
    referral_id: col.uuid.null,
    created_at: col.timestamptz,
    read_at: col.timestamptz.null,
  },
);

export const markNotificationsRead = query(
  `UPDATE notifications SET read_at = now() WHERE id = ANY($1) AND user_id = app_user_id() AND read_at IS NULL RETURNING id`,
  { id: col.uuid },
);

/** Every five minutes (referral-expiry.job.ts). */
export const expireReferrals = query(`SELECT app_expire_referrals() AS expired`, { expired: col.int });
