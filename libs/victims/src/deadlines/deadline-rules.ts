/* Pure rules: no framework imports, so they are unit-tested alone (the GraphQL enums are registered in graphql/). */

/** The rules a legal deadline comes from (DOMAIN.md, "Deadlines"). */
export enum DeadlineRule {
  /** Crime victims' compensation claim: one year after the crime (later only for good cause). */
  CVC_CLAIM = 'CVC_CLAIM',
  /** Mandatory child-welfare (DFS) referral when a minor is identified as a sex-trafficking victim. */
  DFS_REFERRAL = 'DFS_REFERRAL',
  /** Continued Presence ends: grant date plus the length granted. */
  CONTINUED_PRESENCE_EXPIRY = 'CONTINUED_PRESENCE_EXPIRY',
  /** Ask the federal sponsor to renew Continued Presence, ahead of its expiry. */
  CONTINUED_PRESENCE_RENEWAL = 'CONTINUED_PRESENCE_RENEWAL',
  /** A T-visa declaration (I-914 Supp. B) or U-visa certification (I-918 Supp. B) request awaits an answer. */
  VISA_DECLARATION_ANSWER = 'VISA_DECLARATION_ANSWER',
  COURT_DATE = 'COURT_DATE',
  /** Civil action for exploitation as a minor: three years after the eighteenth birthday. */
  CIVIL_ACTION_WINDOW = 'CIVIL_ACTION_WINDOW',
}

export enum DeadlineStatus {
  OPEN = 'OPEN',
  MET = 'MET',
  OVERDUE = 'OVERDUE',
  /** The facts changed and the rule no longer applies (kept, never deleted). */
  WITHDRAWN = 'WITHDRAWN',
}

export enum LegalMatterKind {
  CONTINUED_PRESENCE = 'CONTINUED_PRESENCE',
  T_VISA_DECLARATION = 'T_VISA_DECLARATION',
  U_VISA_CERTIFICATION = 'U_VISA_CERTIFICATION',
  COURT_DATE = 'COURT_DATE',
}

export enum LegalMatterOutcome {
  GRANTED = 'GRANTED',
  SIGNED = 'SIGNED',
  DECLINED = 'DECLINED',
  DENIED = 'DENIED',
}

/** How long before each deadline its reminder comes, and the policy periods (days unless named). */
export const DEADLINE_POLICY = {
  cvcClaimYears: 1,
  cvcRemindDays: 60,
  dfsReferralDays: 1,
  continuedPresenceRemindDays: 30,
  continuedPresenceRenewalLeadDays: 90,
  visaAnswerFollowUpDays: 90,
  visaRemindDays: 14,
  courtRemindDays: 7,
  civilActionYearsAfterMajority: 3,
  civilRemindDays: 180,
} as const;

export interface LegalMatterFacts {
  id: string;
  kind: LegalMatterKind;
  description: string | null;
  certifyingAgency: string | null;
  requestedOn: string | null;
  decidedOn: string | null;
  grantedOn: string | null;
  lengthMonths: number | null;
  renewalRequestedOn: string | null;
  eventOn: string | null;
}

export interface VictimFacts {
  minorAtExploitation: boolean;
  sexTrafficking: boolean;
  crimeDate: string | null;
  identifiedOn: string;
  /** From the confidential identity; undefined when unknown. */
  birthDate?: string | null;
  matters: LegalMatterFacts[];
}

export interface ComputedDeadline {
  rule: DeadlineRule;
  matterId: string | null;
  dueOn: string;
  remindOn: string;
  description: string;
  /** The facts themselves say it is done (a renewal asked, a declaration answered). */
  factsMetOn: string | null;
}

/** Calendar arithmetic on YYYY-MM-DD, in UTC; a month or year from the 29th-31st lands on the last day of a shorter month. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

const min = (a: string, b: string) => (a < b ? a : b);

/**
 * Every deadline the facts call for, with its rule named. Pure: the service stores the result and
 * withdraws what is no longer computed; the database decides status from it (app_refresh_deadlines).
 */
export function computeDeadlines(f: VictimFacts): ComputedDeadline[] {
  const P = DEADLINE_POLICY;
  const out: ComputedDeadline[] = [];
  const add = (
    rule: DeadlineRule,
    matterId: string | null,
    dueOn: string,
    remindDays: number,
    description: string,
    factsMetOn: string | null = null,
  ) => out.push({ rule, matterId, dueOn, remindOn: min(addDays(dueOn, -remindDays), dueOn), description, factsMetOn });

  if (f.crimeDate) {
    add(
      DeadlineRule.CVC_CLAIM,
      null,
      addMonths(f.crimeDate, 12 * P.cvcClaimYears),
      P.cvcRemindDays,
      `File the crime victims' compensation claim: one year from the crime on ${f.crimeDate} (later only for good cause).`,
    );
  }
  if (f.minorAtExploitation && f.sexTrafficking) {
    add(
      DeadlineRule.DFS_REFERRAL,
      null,
      addDays(f.identifiedOn, P.dfsReferralDays),
      P.dfsReferralDays,
      `Mandatory referral to child welfare (DFS): a minor identified as a victim of sex trafficking on ${f.identifiedOn}.`,
    );
  }
  if (f.minorAtExploitation && f.birthDate) {
    const closes = addMonths(f.birthDate, 12 * (18 + P.civilActionYearsAfterMajority));
    // A window that closed before the person was identified is no deadline anyone can meet.
    if (closes >= f.identifiedOn) {
      add(
        DeadlineRule.CIVIL_ACTION_WINDOW,
        null,
        closes,
        P.civilRemindDays,
        'The window for a civil action over exploitation as a minor closes three years after the eighteenth birthday.',
      );
    }
  }
  const grants = f.matters.filter((m) => m.kind === LegalMatterKind.CONTINUED_PRESENCE && m.grantedOn && m.lengthMonths);
  for (const m of f.matters) {
    switch (m.kind) {
      case LegalMatterKind.CONTINUED_PRESENCE: {
        const granted = m.grantedOn;
        if (!granted || !m.lengthMonths) break;
        const expires = addMonths(granted, m.lengthMonths);
        const renewed = grants.find((g) => g.id !== m.id && g.grantedOn !== null && g.grantedOn > granted && g.grantedOn <= expires);
        add(
          DeadlineRule.CONTINUED_PRESENCE_EXPIRY,
          m.id,
          expires,
          P.continuedPresenceRemindDays,
          `Continued Presence granted ${m.grantedOn} for ${m.lengthMonths} months ends.`,
          renewed?.grantedOn ?? null,
        );
        add(
          DeadlineRule.CONTINUED_PRESENCE_RENEWAL,
          m.id,
          addDays(expires, -P.continuedPresenceRenewalLeadDays),
          P.continuedPresenceRemindDays,
          `Ask the federal sponsor to renew Continued Presence (ends ${expires}).`,
          m.renewalRequestedOn ?? renewed?.grantedOn ?? null,
        );
        break;
      }
      case LegalMatterKind.T_VISA_DECLARATION:
      case LegalMatterKind.U_VISA_CERTIFICATION: {
        if (!m.requestedOn) break;
        const what =
          m.kind === LegalMatterKind.T_VISA_DECLARATION
            ? 'T-visa declaration (I-914 Supplement B)'
            : 'U-visa certification (I-918 Supplement B)';
        add(
          DeadlineRule.VISA_DECLARATION_ANSWER,
          m.id,
          addDays(m.requestedOn, P.visaAnswerFollowUpDays),
          P.visaRemindDays,
          `${what} requested of ${m.certifyingAgency ?? 'the certifying agency'} on ${m.requestedOn} awaits an answer: follow up.`,
          m.decidedOn,
        );
        break;
      }
      case LegalMatterKind.COURT_DATE:
        if (m.eventOn) add(DeadlineRule.COURT_DATE, m.id, m.eventOn, P.courtRemindDays, `Court: ${m.description ?? 'hearing'}.`);
        break;
    }
  }
  return out;
}
