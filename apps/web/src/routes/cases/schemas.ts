import { z } from 'zod';
import {
  CASE_CLOSURES,
  CASE_STATUSES,
  CHARGE_DISPOSITIONS,
  IDENTIFIER_KINDS,
  MEANS_OF_CONTROL,
  REFERRAL_URGENCIES,
  SHARE_ACCESS,
  SUBJECT_ROLES,
  SUBJECT_STATUSES,
  TRAFFICKING_TYPES,
  VENUES,
} from './vocab';

/**
 * The API's input rules (libs/cases/src/graphql/case.graphql-types.ts, the identifier
 * normalisation, the charge and closure rules), checked before sending. Messages are i18n keys;
 * the API stays the judge and its refusals are shown as they come.
 */

/** Today as YYYY-MM-DD in UTC: the day the API compares "not in the future" with. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A day that exists on the calendar (not 2026-02-30), as YYYY-MM-DD. */
export function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An optional day from a date input: '' is "not given". */
const optionalDay = (opts: { notFuture?: boolean } = {}) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isRealDay(v), 'cases.v.day')
    .refine((v) => !opts.notFuture || !isRealDay(v) || v <= todayUtc(), 'cases.v.future');

const optionalText = (max: number) => z.string().max(max, 'cases.v.tooLong');

// Search params of the case list (filters live in the URL) ------------------------------

const dropInvalid = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

export const caseListSearch = z.object({
  /** One status, or several (the API takes a list). */
  status: dropInvalid(z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(CASE_STATUSES)).min(1))),
  type: dropInvalid(z.enum(TRAFFICKING_TYPES)),
  county: dropInvalid(z.string().trim().min(1).max(60)),
  /** Cases the agency leads, or those shared with it. */
  scope: dropInvalid(z.enum(['leading', 'shared'])),
  assignee: dropInvalid(z.uuid()),
});
export type CaseListSearch = z.infer<typeof caseListSearch>;

export const CASE_TABS = ['summary', 'subjects', 'charges', 'notes', 'tasks', 'victims', 'shares', 'referrals', 'deconfliction'] as const;
export type CaseTab = (typeof CASE_TABS)[number];
export const caseDetailSearch = z.object({ tab: dropInvalid(z.enum(CASE_TABS)) });
export type CaseDetailSearch = z.infer<typeof caseDetailSearch>;

// Identifiers (IdentifierInput and its normalisation) ------------------------------------

const digits = (v: string) => v.replace(/\D/g, '');
const folded = (v: string) =>
  v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/-/g, ' ');

/** The same tests the API's normalisation applies, so a bad value is caught as it is typed. */
export function identifierProblem(kind: string, value: string): string | null {
  const v = value.trim();
  switch (kind) {
    case 'PHONE': {
      const intl = v.startsWith('+') || v.startsWith('00');
      let d = digits(v);
      if (v.startsWith('00')) d = d.slice(2);
      if (intl) return d.length >= 8 && d.length <= 15 && !d.startsWith('0') ? null : 'cases.v.phone';
      return d.length === 10 || (d.length === 11 && d.startsWith('1')) ? null : 'cases.v.phone';
    }
    case 'ADDRESS':
      return v.length >= 5 && /\d/.test(v) ? null : 'cases.v.address';
    case 'HANDLE': {
      const h = v.replace(/^@+/, '');
      return h.length >= 2 && h.length <= 100 && !/\s/.test(h) ? null : 'cases.v.handle';
    }
    case 'PLATE': {
      const p = v.toUpperCase().replace(/[^A-Z0-9]/g, '');
      return p.length >= 2 && p.length <= 10 ? null : 'cases.v.plate';
    }
    case 'PERSON': {
      const words = folded(v)
        .replace(/[^a-z ]/g, '')
        .split(/\s+/)
        .filter((w) => w.length > 1);
      return words.length >= 2 ? null : 'cases.v.person';
    }
    default:
      return null;
  }
}

export const identifierSchema = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string().trim().min(2, 'cases.v.identifierLength').max(300, 'cases.v.identifierLength'),
    birthDate: z.string().trim(),
  })
  .superRefine((i, ctx) => {
    const problem = identifierProblem(i.kind, i.value);
    if (problem && i.value.trim().length >= 2) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    if (i.kind === 'PERSON' && !isRealDay(i.birthDate)) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'cases.v.birthDate' });
    else if (i.birthDate !== '' && !isRealDay(i.birthDate)) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'cases.v.day' });
  });
export type IdentifierForm = z.input<typeof identifierSchema>;
export const emptyIdentifier = (): IdentifierForm => ({ kind: 'PHONE', value: '', birthDate: '' });

/** As the API takes it: a birth date only for a person. */
export const toIdentifierInput = (i: IdentifierForm) => ({
  kind: i.kind,
  value: i.value.trim(),
  ...(i.kind === 'PERSON' ? { birthDate: i.birthDate.trim() } : {}),
});

// A case's fields (CaseFieldsInput) --------------------------------------------------------

const counties = z
  .array(z.string().trim().min(2, 'cases.v.county').max(60, 'cases.v.county'))
  .max(23, 'cases.v.counties')
  .transform((list) => [...new Set(list)]);

export const caseFieldsSchema = z.object({
  title: z.string().trim().min(3, 'cases.v.title').max(200, 'cases.v.title'),
  summary: optionalText(20000),
  traffickingType: z.enum(TRAFFICKING_TYPES),
  /** '' is "not recorded". */
  venue: z.union([z.enum(VENUES), z.literal('')]),
  meansOfControl: z.array(z.enum(MEANS_OF_CONTROL)).refine((l) => new Set(l).size === l.length, 'cases.v.unique'),
  controlDetail: optionalText(5000),
  counties,
});
export type CaseFieldsForm = z.input<typeof caseFieldsSchema>;
export const emptyCaseFields = (): CaseFieldsForm => ({
  title: '',
  summary: '',
  traffickingType: 'UNDETERMINED',
  venue: '',
  meansOfControl: [],
  controlDetail: '',
  counties: [],
});

/** The fields as the API takes them: an empty text or venue is "none" (null clears it on an update). */
export function toCaseFieldsInput(v: z.output<typeof caseFieldsSchema>) {
  return {
    title: v.title,
    summary: v.summary.trim() || null,
    traffickingType: v.traffickingType,
    venue: v.venue || null,
    meansOfControl: v.meansOfControl,
    controlDetail: v.controlDetail.trim() || null,
    counties: v.counties,
  };
}

const CASE_FIELDS = Object.keys(caseFieldsSchema.shape) as (keyof CaseFieldsForm)[];
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The fields that differ between two readings of the form (an edit sends only those). */
export const changedFields = (a: CaseFieldsForm, b: CaseFieldsForm) => CASE_FIELDS.filter((k) => !sameValue(a[k], b[k]));

/** Opening a case (OpenCaseInput). */
export const openCaseSchema = caseFieldsSchema.extend({
  state: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'cases.v.state'),
  assignToMe: z.boolean(),
  identifiers: z.array(identifierSchema).max(50, 'cases.v.identifiers'),
});
export type OpenCaseForm = z.input<typeof openCaseSchema>;

// Status and closure (SetCaseStatusInput, CloseCaseInput, CASE_TRANSITIONS) --------------

export const closeCaseSchema = z.object({
  as: z.enum(CASE_CLOSURES),
  reason: z.string().trim().min(3, 'cases.v.reason').max(2000, 'cases.v.reason'),
});
export type CloseCaseForm = z.input<typeof closeCaseSchema>;

// Subjects and charges --------------------------------------------------------------------

export const subjectSchema = z.object({
  displayName: z.string().trim().min(1, 'app.required').max(200, 'cases.v.tooLong'),
  role: z.enum(SUBJECT_ROLES),
  status: z.enum(SUBJECT_STATUSES),
  description: optionalText(5000),
  identifiers: z.array(identifierSchema).max(50, 'cases.v.identifiers'),
});
export type SubjectForm = z.input<typeof subjectSchema>;

export const addChargeSchema = z.object({
  subjectId: z.string().min(1, 'app.required'),
  statuteCode: z.string().min(2, 'app.required').max(40),
  counts: z.number({ error: 'cases.v.counts' }).int('cases.v.counts').min(1, 'cases.v.counts').max(500, 'cases.v.counts'),
  filedOn: optionalDay({ notFuture: true }),
});
export type AddChargeForm = z.input<typeof addChargeSchema>;

/** A disposition needs its date; a sentence only follows a conviction or a plea; no disposition before filing. */
export const updateChargeSchema = z
  .object({
    filedOn: optionalDay({ notFuture: true }),
    disposition: z.enum(CHARGE_DISPOSITIONS),
    dispositionOn: optionalDay({ notFuture: true }),
    sentence: optionalText(2000),
  })
  .superRefine((c, ctx) => {
    if (c.disposition !== 'PENDING' && !c.dispositionOn)
      ctx.addIssue({ code: 'custom', path: ['dispositionOn'], message: 'cases.v.dispositionOn' });
    if (c.sentence.trim() && c.disposition !== 'CONVICTED' && c.disposition !== 'PLEA')
      ctx.addIssue({ code: 'custom', path: ['sentence'], message: 'cases.v.sentence' });
    if (c.filedOn && c.dispositionOn && c.dispositionOn < c.filedOn)
      ctx.addIssue({ code: 'custom', path: ['dispositionOn'], message: 'cases.v.beforeFiled' });
  });
export type UpdateChargeForm = z.input<typeof updateChargeSchema>;

// Notes, tasks, shares, referrals ---------------------------------------------------------

export const noteSchema = z.object({ body: z.string().trim().min(1, 'app.required').max(20000, 'cases.v.tooLong') });
export type NoteForm = z.input<typeof noteSchema>;

export const taskSchema = z.object({
  title: z.string().trim().min(1, 'app.required').max(300, 'cases.v.tooLong'),
  /** '' is "nobody yet". */
  assigneeId: z.string(),
  dueOn: optionalDay(),
});
export type TaskForm = z.input<typeof taskSchema>;

export const shareSchema = z.object({
  agencyId: z.string().min(1, 'app.required'),
  access: z.enum(SHARE_ACCESS),
});
export type ShareForm = z.input<typeof shareSchema>;

export const caseReferralSchema = z.object({
  toAgencyId: z.string().min(1, 'app.required'),
  access: z.enum(SHARE_ACCESS),
  urgency: z.enum(REFERRAL_URGENCIES),
  reason: z.string().trim().min(3, 'cases.v.reason').max(2000, 'cases.v.reason'),
});
export type CaseReferralForm = z.input<typeof caseReferralSchema>;
