import { z } from 'zod';
import type {
  DeadlinesFilter,
  LegalMatterKind,
  LegalMatterOutcome,
  RecordLegalMatterInput,
  UpdateLegalMatterInput,
} from '../../gql/graphql';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The list's URL: mine or my agency's, open (with the overdue) or met. */
export const deadlinesSearchSchema = z.object({
  scope: z.enum(['mine', 'agency']).catch('mine'),
  show: z.enum(['open', 'met']).catch('open'),
});
export type DeadlinesSearch = z.infer<typeof deadlinesSearchSchema>;

export function toDeadlinesFilter(s: DeadlinesSearch): DeadlinesFilter {
  return { ...(s.scope === 'mine' ? { mine: true } : {}), status: s.show === 'met' ? ['MET'] : ['OPEN', 'OVERDUE'] };
}

/** Overdue first, then by the day it is due: the order every deadline list uses. */
export function overdueFirst<T extends { status: string; dueOn: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.status === 'OVERDUE') - Number(a.status === 'OVERDUE') || a.dueOn.localeCompare(b.dueOn));
}

/** Marking a deadline met: the day (not after today) and what was done (3 to 1000 characters, as the API counts). */
export function markMetSchema(today: string) {
  return z.object({
    metOn: z
      .string()
      .regex(DAY, 'deadlines.dayRequired')
      .refine((d) => d <= today, 'deadlines.notFuture'),
    note: z.string().trim().min(3, 'deadlines.noteRequired').max(1000, 'deadlines.noteTooLong'),
  });
}

// Legal matters ----------------------------------------------------------------------------

export const LEGAL_KINDS = [
  'CONTINUED_PRESENCE',
  'T_VISA_DECLARATION',
  'U_VISA_CERTIFICATION',
  'COURT_DATE',
] as const satisfies readonly LegalMatterKind[];
export const VISA_OUTCOMES = ['SIGNED', 'DECLINED'] as const satisfies readonly LegalMatterOutcome[];

export type LegalField =
  | 'description'
  | 'certifyingAgency'
  | 'requestedOn'
  | 'decidedOn'
  | 'outcome'
  | 'grantedOn'
  | 'lengthMonths'
  | 'renewalRequestedOn'
  | 'eventOn';

/** The fields each kind of matter takes (the API refuses any other). */
export const KIND_FIELDS: Record<LegalMatterKind, readonly LegalField[]> = {
  CONTINUED_PRESENCE: ['grantedOn', 'lengthMonths', 'renewalRequestedOn', 'description'],
  T_VISA_DECLARATION: ['certifyingAgency', 'requestedOn', 'decidedOn', 'outcome', 'description'],
  U_VISA_CERTIFICATION: ['certifyingAgency', 'requestedOn', 'decidedOn', 'outcome', 'description'],
  COURT_DATE: ['eventOn', 'description'],
};
const DAYS: readonly LegalField[] = ['requestedOn', 'decidedOn', 'grantedOn', 'renewalRequestedOn', 'eventOn'];

/** The form holds text only; what a kind does not take is ignored. */
export type LegalMatterForm = { kind: string } & Record<LegalField, string>;
export const EMPTY_LEGAL_MATTER: LegalMatterForm = {
  kind: '',
  description: '',
  certifyingAgency: '',
  requestedOn: '',
  decidedOn: '',
  outcome: '',
  grantedOn: '',
  lengthMonths: '',
  renewalRequestedOn: '',
  eventOn: '',
};

const isKind = (k: string): k is LegalMatterKind => (LEGAL_KINDS as readonly string[]).includes(k);

/** The API's rules for a legal matter (LegalMattersService.validate), checked before sending. */
export function legalMatterSchema(today: string) {
  const text = z.string().trim();
  return z
    .object({
      kind: z.string(),
      description: text,
      certifyingAgency: text,
      requestedOn: text,
      decidedOn: text,
      outcome: text,
      grantedOn: text,
      lengthMonths: text,
      renewalRequestedOn: text,
      eventOn: text,
    })
    .superRefine((v, ctx) => {
      const issue = (path: LegalField | 'kind', message: string) => {
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (!isKind(v.kind)) {
        issue('kind', 'legal.errors.kind');
        return;
      }
      const takes = KIND_FIELDS[v.kind];
      for (const f of DAYS) {
        if (!takes.includes(f) || !v[f]) continue;
        if (!DAY.test(v[f])) issue(f, 'legal.errors.day');
        else if (f !== 'eventOn' && v[f] > today) issue(f, 'deadlines.notFuture');
      }
      if (v.description.length > 500) issue('description', 'legal.errors.descriptionLong');
      switch (v.kind) {
        case 'CONTINUED_PRESENCE':
          if (!v.grantedOn) issue('grantedOn', 'legal.errors.grantedOn');
          if (v.lengthMonths && !(/^\d+$/.test(v.lengthMonths) && +v.lengthMonths >= 1 && +v.lengthMonths <= 60))
            issue('lengthMonths', 'legal.errors.lengthMonths');
          if (v.grantedOn && v.renewalRequestedOn && v.renewalRequestedOn < v.grantedOn)
            issue('renewalRequestedOn', 'legal.errors.renewalBefore');
          break;
        case 'T_VISA_DECLARATION':
        case 'U_VISA_CERTIFICATION':
          if (v.certifyingAgency.length < 2) issue('certifyingAgency', 'legal.errors.certifyingAgency');
          if (v.certifyingAgency.length > 200) issue('certifyingAgency', 'legal.errors.agencyLong');
          if (!v.requestedOn) issue('requestedOn', 'legal.errors.requestedOn');
          if (!v.decidedOn !== !v.outcome) issue(v.decidedOn ? 'outcome' : 'decidedOn', 'legal.errors.answerBoth');
          if (v.outcome && !(VISA_OUTCOMES as readonly string[]).includes(v.outcome)) issue('outcome', 'legal.errors.answerBoth');
          if (v.requestedOn && v.decidedOn && v.decidedOn < v.requestedOn) issue('decidedOn', 'legal.errors.answerBefore');
          break;
        case 'COURT_DATE':
          if (!v.eventOn) issue('eventOn', 'legal.errors.eventOn');
          if (!v.description) issue('description', 'legal.errors.description');
          break;
      }
    });
}

type FieldValue = string | number | null;

/** One field as the API takes it: a number of months, a word or a day; blank is none (months: the usual 24). */
function apiValue(f: LegalField, raw: string): FieldValue {
  const v = raw.trim();
  if (f === 'lengthMonths') return v ? Number(v) : 24;
  return v || null;
}

/** A new matter: only what its kind takes, blanks left out (the API refuses blank text). */
export function toRecordInput(victimId: string, v: LegalMatterForm): RecordLegalMatterInput {
  const kind = v.kind as LegalMatterKind;
  const input: Record<string, unknown> = { victimId, kind };
  for (const f of KIND_FIELDS[kind]) {
    const value = apiValue(f, v[f]);
    if (value !== null) input[f] = value;
  }
  return input as unknown as RecordLegalMatterInput;
}

export type LegalMatterFacts = { id: string; version: number; kind: LegalMatterKind } & { [F in LegalField]?: string | number | null };

/** A change: only the fields that differ, a cleared one sent as null; null when nothing changed. */
export function toUpdateInput(before: LegalMatterFacts, v: LegalMatterForm): UpdateLegalMatterInput | null {
  const changes: Record<string, FieldValue> = {};
  for (const f of KIND_FIELDS[before.kind]) {
    const value = apiValue(f, v[f]);
    if (value !== (before[f] ?? null)) changes[f] = value;
  }
  if (!Object.keys(changes).length) return null;
  return { id: before.id, version: before.version, ...changes };
}

/** The form, filled from a recorded matter. */
export function toLegalMatterForm(m: LegalMatterFacts): LegalMatterForm {
  const out = { ...EMPTY_LEGAL_MATTER, kind: m.kind };
  for (const f of KIND_FIELDS[m.kind]) out[f] = m[f] == null ? '' : String(m[f]);
  return out;
}
