import { z } from 'zod';
import type { AgencyKind, AgencyLevel, Role } from '../../../gql/graphql';

/*
 * The API's input rules for users and agencies (libs/auth/src/graphql/user.graphql-types.ts,
 * libs/agencies/src/graphql/agency.graphql-types.ts), checked before sending; the API stays the
 * judge and its refusals are shown in its words. Messages are i18n keys.
 */

/** The roles an agency admin gives (task-force roles are the task-force admin's). */
export const AGENCY_ROLES = [
  'INVESTIGATOR',
  'VICTIM_ADVOCATE',
  'PROSECUTOR',
  'SUPERVISOR',
  'AGENCY_ADMIN',
  'AUDITOR',
] as const satisfies readonly Role[];
export const AGENCY_LEVELS = ['MUNICIPAL', 'COUNTY', 'STATE', 'FEDERAL', 'TRIBAL'] as const satisfies readonly AgencyLevel[];
export const AGENCY_KINDS = [
  'LAW_ENFORCEMENT',
  'PROSECUTION',
  'VICTIM_SERVICES',
  'CHILD_WELFARE',
  'OTHER',
] as const satisfies readonly AgencyKind[];

const optionalText = (max: number) => z.string().trim().max(max, 'oversight.v.tooLong');
const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'oversight.v.email');

/** A new user's own fields (also an agency's first admin). */
export const newUserFields = {
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/, 'oversight.v.username'),
  displayName: z.string().trim().min(1, 'app.required').max(200, 'oversight.v.tooLong'),
  title: optionalText(200),
  email: optionalEmail,
  password: z.string().min(12, 'oversight.v.password').max(128, 'oversight.v.password'),
};

export const createUserSchema = z.object({ ...newUserFields, roles: z.array(z.enum(AGENCY_ROLES)).min(1, 'oversight.v.roles') });
export type CreateUserForm = z.infer<typeof createUserSchema>;

export const rolesSchema = z.object({ roles: z.array(z.enum(AGENCY_ROLES)).min(1, 'oversight.v.roles') });

const ori = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || /^[A-Z]{2}[A-Z0-9]{7}$/.test(v), 'oversight.v.ori');
const contact = {
  contactName: optionalText(200),
  contactPhone: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\+?[0-9 ()./-]{7,25}$/.test(v), 'oversight.v.phone'),
  contactEmail: optionalEmail,
};

export const agencySchema = z
  .object({
    name: z.string().trim().min(2, 'oversight.v.agencyName').max(200, 'oversight.v.tooLong'),
    shortCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'oversight.v.shortCode'),
    level: z.enum(AGENCY_LEVELS),
    kind: z.enum(AGENCY_KINDS),
    ori,
    ...contact,
    firstAdmin: z.object(newUserFields),
  })
  .refine((a) => a.kind !== 'LAW_ENFORCEMENT' || a.ori !== '', { path: ['ori'], error: 'oversight.v.oriRequired' });
export type AgencyForm = z.infer<typeof agencySchema>;

export const agencyEditSchema = z.object({
  name: z.string().trim().min(2, 'oversight.v.agencyName').max(200, 'oversight.v.tooLong'),
  ori,
  ...contact,
  active: z.boolean(),
});
export type AgencyEditForm = z.infer<typeof agencyEditSchema>;

/** Blank optional text is left out: the API refuses blank strings. */
export function present<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}

/** Only what changed (the API keeps a field it is not sent; it cannot clear one). */
export function changed<T extends Record<string, unknown>>(before: Record<string, unknown>, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== '' && v !== (before[k] ?? ''))) as Partial<T>;
}
