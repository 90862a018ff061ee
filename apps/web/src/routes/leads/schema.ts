import { z } from 'zod';
import { vocab } from '../../i18n/en/vocab';
import type {
  CreateLeadInput,
  IdentifierInput,
  IdentifierKind,
  Indicator,
  LeadClosure,
  LeadPriority,
  LeadSource,
  LeadStatus,
  MeansOfControl,
  TraffickingType,
  Venue,
} from '../../gql/graphql';

/**
 * The Leads area's rules, checked in the browser before anything is sent. They mirror the API's
 * (libs/cases/src/graphql/lead.graphql-types.ts and the identifier normalisation); the API stays
 * the judge. Error messages are i18n keys.
 */

/** The values of an API enum, in the order the vocabulary lists them; the typecheck holds the vocabulary to the schema. */
function values<T extends string>(words: Record<T, string>): [T, ...T[]] {
  return Object.keys(words) as [T, ...T[]];
}

export const LEAD_SOURCES = values<LeadSource>(vocab.leadSource);
export const LEAD_STATUSES = values<LeadStatus>(vocab.leadStatus);
export const LEAD_PRIORITIES = values<LeadPriority>(vocab.leadPriority);
export const LEAD_CLOSURES = values<LeadClosure>(vocab.leadClosure);
export const TRAFFICKING_TYPES = values<TraffickingType>(vocab.traffickingType);
export const VENUES = values<Venue>(vocab.venue);
export const INDICATORS = values<Indicator>(vocab.indicator);
export const IDENTIFIER_KINDS = values<IdentifierKind>(vocab.identifierKind);
export const MEANS_OF_CONTROL = values<MeansOfControl>(vocab.meansOfControl);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters, as they stand in the URL; anything unreadable is dropped rather than refused. */
export const leadSearchSchema = z.object({
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  source: z.enum(LEAD_SOURCES).optional().catch(undefined),
  county: z.string().trim().min(1).max(100).optional().catch(undefined),
  type: z.enum(TRAFFICKING_TYPES).optional().catch(undefined),
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
  assignee: z.string().regex(UUID).optional().catch(undefined),
});
export type LeadSearch = z.infer<typeof leadSearchSchema>;

/** The day after a YYYY-MM-DD, for an end date that includes the whole day. */
function nextDay(day: string): Date {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d;
}

/** The URL's filters as the API's LeadFilter (days in the browser's time zone; "to" includes its whole day). */
export function toLeadFilter(s: LeadSearch) {
  return {
    ...(s.status ? { status: [s.status] } : {}),
    ...(s.source ? { source: s.source } : {}),
    ...(s.county ? { county: s.county } : {}),
    ...(s.type ? { suspectedType: s.type } : {}),
    ...(s.from ? { receivedFrom: new Date(`${s.from}T00:00:00`).toISOString() } : {}),
    ...(s.to ? { receivedTo: nextDay(s.to).toISOString() } : {}),
    ...(s.assignee ? { assignedToId: s.assignee } : {}),
  };
}

/** What the API accepts as each kind of identifier (the same tests as its normalisation). */
const IDENTIFIER_VALID: Record<IdentifierKind, (value: string, birthDate?: string) => boolean> = {
  PHONE: (v) => {
    const t = v.trim();
    let d = t.replace(/\D/g, '');
    if (t.startsWith('00')) d = d.slice(2);
    if (!t.startsWith('+') && !t.startsWith('00')) {
      if (d.length === 11 && d.startsWith('1')) d = d.slice(1);
      return d.length === 10 && !d.startsWith('0');
    }
    return d.length >= 8 && d.length <= 15 && !d.startsWith('0');
  },
  ADDRESS: (v) => v.trim().length >= 5 && /\d/.test(v),
  HANDLE: (v) => {
    const h = v.trim().replace(/^@+/, '');
    return h.length >= 2 && h.length <= 100 && !/\s/.test(h);
  },
  PLATE: (v) => {
    const p = v.toUpperCase().replace(/[^A-Z0-9]/g, '');
    return p.length >= 2 && p.length <= 10;
  },
  PERSON: (v) =>
    v
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z ]/g, ' ')
      .split(' ')
      .filter((w) => w.length > 1).length >= 2,
};

function validDay(day: string): boolean {
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
}

export const identifierSchema = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string(),
    birthDate: z.string(),
  })
  .superRefine((i, ctx) => {
    const value = i.value.trim();
    if (value.length < 2 || value.length > 300) ctx.addIssue({ code: 'custom', path: ['value'], message: 'leadForm.errors.length' });
    else if (!IDENTIFIER_VALID[i.kind](value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `leadForm.errors.invalid.${i.kind}` });
    if (i.kind === 'PERSON' && !validDay(i.birthDate))
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'leadForm.errors.birthDate' });
  });
export type IdentifierDraft = z.infer<typeof identifierSchema>;

/** Whether an identifier as typed so far is worth asking the API about (a complete, valid one). */
export function checkable(i: IdentifierDraft): boolean {
  return identifierSchema.safeParse(i).success;
}

export function toIdentifierInput(i: IdentifierDraft): IdentifierInput {
  return { kind: i.kind, value: i.value.trim(), ...(i.kind === 'PERSON' ? { birthDate: i.birthDate } : {}) };
}

/** Five minutes of clock drift, as the API allows. */
const FUTURE_SLACK_MS = 5 * 60_000;
const optionalPlace = z.string().trim().max(100, 'leadForm.errors.place');

/** The new-lead form (strings as the inputs hold them; toCreateLeadInput makes the API's input). */
export const newLeadSchema = z.object({
  source: z.string().pipe(z.enum(LEAD_SOURCES, { error: 'app.required' })),
  receivedAt: z
    .string()
    .min(1, 'leadForm.errors.receivedAt')
    .refine((v) => !Number.isNaN(new Date(v).getTime()), 'leadForm.errors.receivedAt')
    .refine((v) => new Date(v).getTime() <= Date.now() + FUTURE_SLACK_MS, 'leadForm.errors.future'),
  narrative: z.string().trim().min(1, 'leadForm.errors.narrative').max(20000, 'leadForm.errors.narrative'),
  state: z.string().regex(/^[A-Z]{2}$/, 'leadForm.errors.state'),
  county: optionalPlace,
  city: optionalPlace,
  suspectedType: z.enum(TRAFFICKING_TYPES),
  venue: z.union([z.enum(VENUES), z.literal('')]),
  indicators: z.array(z.enum(INDICATORS)).max(30, 'leadForm.errors.indicators'),
  identifiers: z.array(identifierSchema).max(50, 'leadForm.errors.identifiers'),
});
/** The form as typed (the source may not be chosen yet) and as checked. */
export type NewLeadDraft = z.input<typeof newLeadSchema>;
export type NewLeadForm = z.output<typeof newLeadSchema>;

/** "Now" for a datetime-local input, in the browser's time zone. */
export function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function toCreateLeadInput(v: NewLeadForm): CreateLeadInput {
  return {
    source: v.source,
    receivedAt: new Date(v.receivedAt).toISOString(),
    narrative: v.narrative.trim(),
    state: v.state,
    ...(v.county.trim() ? { county: v.county.trim() } : {}),
    ...(v.city.trim() ? { city: v.city.trim() } : {}),
    suspectedType: v.suspectedType,
    ...(v.venue ? { venue: v.venue } : {}),
    indicators: v.indicators,
    identifiers: v.identifiers.map(toIdentifierInput),
  };
}

/** Triage: a priority, and optionally someone of the agency to assign. */
export const triageSchema = z.object({
  priority: z.enum(LEAD_PRIORITIES),
  assignedToId: z.union([z.string().regex(UUID), z.literal('')]),
});
export type TriageForm = z.infer<typeof triageSchema>;

/** Promotion to a case (PromoteLeadInput). Counties are typed as one comma-separated line. */
export const promoteSchema = z.object({
  title: z.string().trim().min(3, 'promote.errors.title').max(200, 'promote.errors.title'),
  traffickingType: z.enum(TRAFFICKING_TYPES),
  venue: z.union([z.enum(VENUES), z.literal('')]),
  counties: z.string().refine((s) => {
    const list = splitCounties(s);
    return list.length <= 23 && list.every((c) => c.length >= 2 && c.length <= 60);
  }, 'promote.errors.counties'),
  meansOfControl: z.array(z.enum(MEANS_OF_CONTROL)),
  controlDetail: z.string().max(5000, 'promote.errors.controlDetail'),
  summary: z.string().max(20000, 'promote.errors.summary'),
  assigneeIds: z.array(z.string().regex(UUID)).max(20),
});
export type PromoteForm = z.infer<typeof promoteSchema>;

export function splitCounties(s: string): string[] {
  return [
    ...new Set(
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

/** Closing: unfounded or duplicate (of another lead of the agency), always with a reason. */
export const closeSchema = z
  .object({
    as: z.enum(LEAD_CLOSURES),
    reason: z.string().trim().min(3, 'closeLead.errors.reason').max(2000, 'closeLead.errors.reason'),
    duplicateOfId: z.string(),
  })
  .refine((v) => v.as !== 'DUPLICATE' || UUID.test(v.duplicateOfId), { path: ['duplicateOfId'], error: 'closeLead.errors.duplicateOf' });
export type CloseForm = z.infer<typeof closeSchema>;
