import { z } from 'zod';
import { victims as victimVocab } from '../../i18n/en/victims';
import { vocab } from '../../i18n/en/vocab';
import type {
  AddServiceInput,
  AgeBand,
  ConsentScope,
  Gender,
  RecordConsentInput,
  RegisterVictimInput,
  RiskFactor,
  SafetyFlag,
  ServiceCategory,
  ServiceStatus,
  TraffickingType,
  UpdateServiceInput,
  VictimIdentityChangesInput,
} from '../../gql/graphql';

/**
 * The Victims area's rules, checked in the browser before anything is sent. They repeat the API's
 * (libs/victims: victims.service, consents.service, services.service, victims.enums); the API stays
 * the judge. Forms hold strings as the inputs do; the to...Input functions make the API's input,
 * sending nothing (or null) for a blank field: the API refuses blank strings. Messages are i18n keys.
 */

/** The values of an API enum in the order the vocabulary lists them; the typecheck holds the vocabulary to the schema. */
function values<T extends string>(words: Record<T, string>): [T, ...T[]] {
  return Object.keys(words) as [T, ...T[]];
}

export const AGE_BANDS = values<AgeBand>(victimVocab.ageBand);
export const GENDERS = values<Gender>(victimVocab.gender);
export const TRAFFICKING_TYPES = values<TraffickingType>(vocab.traffickingType);
export const RISK_FACTORS = values<RiskFactor>(victimVocab.riskFactor);
export const SAFETY_FLAGS = values<SafetyFlag>(victimVocab.safetyFlag);
export const CONSENT_SCOPES = values<ConsentScope>(victimVocab.consentScope);
export const SERVICE_CATEGORIES = values<ServiceCategory>(victimVocab.serviceCategory);
export const SERVICE_STATUSES = values<ServiceStatus>(victimVocab.serviceStatus);
export const IDENTITY_FIELDS = values<keyof VictimIdentityChangesInput>(victimVocab.identityField);
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Where a service may go next (libs/victims SERVICE_TRANSITIONS): the console offers only these. */
export const SERVICE_TRANSITIONS: Readonly<Record<ServiceStatus, readonly ServiceStatus[]>> = {
  REQUESTED: ['IN_PROGRESS', 'PROVIDED', 'DECLINED', 'UNAVAILABLE'],
  IN_PROGRESS: ['PROVIDED', 'DECLINED'],
  PROVIDED: [],
  DECLINED: [],
  UNAVAILABLE: [],
};

/** The list's filter as it stands in the URL (whose survivors), and the detail's open tab; anything unreadable is dropped. */
export const victimsSearchSchema = z.object({ keeps: z.enum(['mine', 'others']).optional().catch(undefined) });
export type VictimsSearch = z.infer<typeof victimsSearchSchema>;
export const VICTIM_TABS = ['profile', 'consents', 'services', 'legal'] as const;
export const victimTabSchema = z.object({ tab: z.enum(VICTIM_TABS).optional().catch(undefined) });
export const providedSearchSchema = z.object({ status: z.enum(SERVICE_STATUSES).optional().catch(undefined) });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export function validDay(day: string): boolean {
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
}

/** Today in the browser's time zone, YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What was typed, trimmed; undefined when nothing (or only spaces) was. */
export function text(v: string | undefined | null): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

const optionalText = (max: number) => z.string().refine((v) => v.trim().length <= max, 'victims.errors.tooLong');
const requiredText = (max: number) =>
  z
    .string()
    .refine((v) => v.trim().length > 0, 'app.required')
    .refine((v) => v.trim().length <= max, 'victims.errors.tooLong');
const optionalDay = z.string().refine((v) => !v || validDay(v), 'victims.errors.day');
const optionalPastDay = optionalDay.refine((v) => !v || v <= localToday(), 'victims.errors.future');
const requiredDay = z.string().refine(validDay, 'victims.errors.day');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A person's full name as the API's blind index reads it: at least a first and a last name. */
export function fullName(v: string): boolean {
  return (
    v
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z ]/g, ' ')
      .split(' ')
      .filter((w) => w.length > 1).length >= 2
  );
}

const identityShape = {
  legalName: requiredText(200),
  aliases: optionalText(500),
  birthDate: optionalPastDay,
  languages: optionalText(200),
  immigrationStatus: optionalText(500),
  phone: optionalText(50),
  email: optionalText(200).refine((v) => !v.trim() || EMAIL.test(v.trim()), 'victims.errors.email'),
  address: optionalText(500),
  healthNotes: optionalText(2000),
};

/** Registering a survivor: the confidential identity and the profile that identifies no one. */
export const registerSchema = z
  .object({
    ...identityShape,
    ageBand: z.string().pipe(z.enum(AGE_BANDS, { error: 'app.required' })),
    gender: z.string().pipe(z.enum(GENDERS, { error: 'app.required' })),
    traffickingType: z.string().pipe(z.enum(TRAFFICKING_TYPES, { error: 'app.required' })),
    minorAtExploitation: z.boolean(),
    riskFactors: z.array(z.enum(RISK_FACTORS)),
    safetyFlags: z.array(z.enum(SAFETY_FLAGS)),
    crimeDate: optionalPastDay,
    identifiedOn: optionalPastDay,
  })
  .refine((v) => !v.crimeDate || !v.identifiedOn || v.crimeDate <= v.identifiedOn, {
    path: ['crimeDate'],
    error: 'victims.errors.crimeAfterIdentified',
  });
export type RegisterDraft = z.input<typeof registerSchema>;
export type RegisterForm = z.output<typeof registerSchema>;

export const emptyRegisterDraft = (): RegisterDraft => ({
  legalName: '',
  aliases: '',
  birthDate: '',
  languages: '',
  immigrationStatus: '',
  phone: '',
  email: '',
  address: '',
  healthNotes: '',
  ageBand: '',
  gender: '',
  traffickingType: '',
  minorAtExploitation: false,
  riskFactors: [],
  safetyFlags: [],
  crimeDate: '',
  identifiedOn: '',
});

export function toRegisterInput(f: RegisterForm): RegisterVictimInput {
  const identity = Object.fromEntries(
    IDENTITY_FIELDS.map((k) => [k, text(f[k])]).filter(([, v]) => v !== undefined),
  ) as RegisterVictimInput['identity'];
  return {
    identity,
    ageBand: f.ageBand,
    gender: f.gender,
    traffickingType: f.traffickingType,
    minorAtExploitation: f.minorAtExploitation,
    riskFactors: f.riskFactors,
    safetyFlags: f.safetyFlags,
    ...(f.crimeDate ? { crimeDate: f.crimeDate } : {}),
    ...(f.identifiedOn ? { identifiedOn: f.identifiedOn } : {}),
  };
}

/** Finding a survivor the agency keeps: exact name and date of birth (kept in the screen's memory only). */
export const findSchema = z.object({
  legalName: requiredText(200).refine(fullName, 'victims.errors.fullName'),
  birthDate: requiredDay.refine((v) => v <= localToday(), 'victims.errors.future'),
});
export type FindForm = z.infer<typeof findSchema>;

/** Why the identity is read (audited): the API asks for 3 to 300 characters. */
export const purposeSchema = z.object({
  purpose: z
    .string()
    .refine((v) => v.trim().length >= 3, 'victims.errors.purpose')
    .refine((v) => v.trim().length <= 300, 'victims.errors.tooLong'),
});

/** Correcting the identity: the fields as they should read, and why (audited, never the values). */
export const correctionSchema = z.object({ ...identityShape, reason: requiredText(300) });
export type CorrectionForm = z.infer<typeof correctionSchema>;

/** Only what changed: a field emptied is cleared (null); the legal name cannot be. */
export function toIdentityChanges(
  before: Partial<Record<IdentityField, string | null>>,
  f: CorrectionForm,
  released: readonly string[],
): VictimIdentityChangesInput {
  const changes: VictimIdentityChangesInput = {};
  for (const k of IDENTITY_FIELDS) {
    if (!released.includes(k)) continue;
    const next = text(f[k]) ?? null;
    if (next !== (before[k] ?? null)) changes[k] = next;
  }
  return changes;
}

/** A release of information to another agency (libs/victims consents.service). */
export const consentSchema = z
  .object({
    recipientAgencyId: z.string().min(1, 'app.required'),
    scopes: z.array(z.enum(CONSENT_SCOPES)).min(1, 'victims.errors.scopes'),
    purpose: requiredText(500),
    signedOn: requiredDay.refine((v) => v <= localToday(), 'victims.errors.signedFuture'),
    expiresOn: requiredDay.refine((v) => v > localToday(), 'victims.errors.alreadyExpired'),
    extendedReason: optionalText(500),
    witness: optionalText(200),
    formReference: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (!validDay(v.signedOn) || !validDay(v.expiresOn)) return;
    if (v.expiresOn <= v.signedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'victims.errors.expiresBeforeSigned' });
    else if (v.expiresOn > addDays(v.signedOn, 366) && !text(v.extendedReason))
      ctx.addIssue({ code: 'custom', path: ['extendedReason'], message: 'victims.errors.extendedReason' });
  });
export type ConsentForm = z.infer<typeof consentSchema>;

export const emptyConsentDraft = (today = localToday()): ConsentForm => ({
  recipientAgencyId: '',
  scopes: [],
  purpose: '',
  signedOn: today,
  expiresOn: addDays(today, 180),
  extendedReason: '',
  witness: '',
  formReference: '',
});

export function toConsentInput(victimId: string, f: ConsentForm): RecordConsentInput {
  return {
    victimId,
    recipientAgencyId: f.recipientAgencyId,
    scopes: f.scopes,
    purpose: f.purpose.trim(),
    signedOn: f.signedOn,
    expiresOn: f.expiresOn,
    extendedReason: text(f.extendedReason),
    witness: text(f.witness),
    formReference: text(f.formReference),
  };
}

/** A reason (revoking a consent). */
export const reasonSchema = z.object({ reason: requiredText(500) });

/** A need and who provides it. */
export const serviceSchema = z.object({
  category: z.string().pipe(z.enum(SERVICE_CATEGORIES, { error: 'app.required' })),
  providerAgencyId: z.string().min(1, 'app.required'),
  detail: optionalText(500),
  requestedOn: optionalPastDay,
});
export type ServiceDraft = z.input<typeof serviceSchema>;
export type ServiceForm = z.output<typeof serviceSchema>;

export function toServiceInput(victimId: string, f: ServiceForm): AddServiceInput {
  return {
    victimId,
    category: f.category,
    providerAgencyId: f.providerAgencyId,
    detail: text(f.detail),
    ...(f.requestedOn ? { requestedOn: f.requestedOn } : {}),
  };
}

/** Moving a service along: a next status the API allows from the current one, dates and the outcome. */
export function serviceMoveSchema(current: ServiceStatus) {
  return z
    .object({
      status: z
        .string()
        .refine((v) => v === '' || (SERVICE_TRANSITIONS[current] as readonly string[]).includes(v), 'victims.errors.transition'),
      startedOn: optionalPastDay,
      endedOn: optionalPastDay,
      outcome: optionalText(1000),
    })
    .refine((v) => !v.startedOn || !v.endedOn || v.startedOn <= v.endedOn, { path: ['endedOn'], error: 'victims.errors.endBeforeStart' })
    .refine((v) => v.status !== '' || !!v.startedOn || !!v.endedOn || !!text(v.outcome), {
      path: ['status'],
      error: 'victims.errors.nothingToChange',
    });
}
export type ServiceMoveForm = z.infer<ReturnType<typeof serviceMoveSchema>>;

export function toServiceUpdate(id: string, version: number, f: ServiceMoveForm): UpdateServiceInput {
  return {
    id,
    version,
    ...(f.status ? { status: f.status as ServiceStatus } : {}),
    ...(f.startedOn ? { startedOn: f.startedOn } : {}),
    ...(f.endedOn ? { endedOn: f.endedOn } : {}),
    outcome: text(f.outcome),
  };
}

/** A provider's note. */
export const noteSchema = z.object({ body: requiredText(4000) });
