import { Role } from './roles';

/**
 * Everything an operation can require. Every query, mutation and field resolver declares exactly one with
 * `@Allow(...)`; the global guard refuses any operation that declares none.
 */
export enum Permission {
  /** Any signed-in user acting on their own account (me, logout, MFA, password). */
  SELF = 'SELF',
  /** See the agencies of the task force (names, levels, contacts). */
  AGENCY_READ = 'AGENCY_READ',
  /** Add agencies to the task force and create their first admin. */
  AGENCY_CREATE = 'AGENCY_CREATE',
  /** Connect an agency's own identity provider (OpenID Connect sign-in): the task-force admin. */
  IDENTITY_PROVIDER_MANAGE = 'IDENTITY_PROVIDER_MANAGE',
  /** Change an agency's details or deactivate it. */
  AGENCY_UPDATE = 'AGENCY_UPDATE',
  /** List the users of one's own agency. */
  USER_READ = 'USER_READ',
  /** Create users of one's own agency, change roles, disable, unlock, reset MFA. */
  USER_MANAGE = 'USER_MANAGE',
  /** Read the audit trail of one's own agency. */
  AUDIT_READ = 'AUDIT_READ',
  /** Verify the hash chain of the whole audit trail. */
  AUDIT_VERIFY = 'AUDIT_VERIFY',
  /** Read one's own agency's leads. */
  LEAD_READ = 'LEAD_READ',
  /** Log, triage and close leads. */
  LEAD_WRITE = 'LEAD_WRITE',
  /** Check identifiers against other agencies and read one's deconfliction notices. */
  DECONFLICTION = 'DECONFLICTION',
  /** Read the cases one's agency leads or participates in (notes included). */
  CASE_READ = 'CASE_READ',
  /** Open cases (directly or from a lead), edit them, move them along, share them, work subjects and tasks. */
  CASE_WRITE = 'CASE_WRITE',
  /** Add notes to a case (the lead agency, or a CONTRIBUTE participant). */
  CASE_NOTE = 'CASE_NOTE',
  /** Record charges against subjects, their dispositions and sentences. */
  CHARGE_WRITE = 'CHARGE_WRITE',
  /** Close a case (resolved, unfounded, insufficient evidence): supervisors of the lead agency. */
  CASE_CLOSE = 'CASE_CLOSE',
  /** See victims: one's own agency's, those on cases one's agency is on (pseudonymous), those under consent. */
  VICTIM_READ = 'VICTIM_READ',
  /** Register victims, keep their profile and identity, link them to cases. */
  VICTIM_WRITE = 'VICTIM_WRITE',
  /** Record and revoke consents (releases of information) for one's agency's victims. */
  CONSENT_MANAGE = 'CONSENT_MANAGE',
  /** See one's agency's incoming and outgoing referrals, their history, and one's notifications. */
  REFERRAL_READ = 'REFERRAL_READ',
  /** Send referrals (a case one's agency leads; a victim one's agency keeps) and withdraw them. */
  REFERRAL_SEND = 'REFERRAL_SEND',
  /** Accept, decline and complete referrals addressed to one's agency. */
  REFERRAL_ANSWER = 'REFERRAL_ANSWER',
  /** Dashboards: one's own agency (supervisors) and the task force, small counts suppressed (supervisors, coordinators). */
  DASHBOARD_READ = 'DASHBOARD_READ',
}

const EVERYONE = [Permission.SELF, Permission.AGENCY_READ];
const INVESTIGATION = [
  Permission.LEAD_READ,
  Permission.LEAD_WRITE,
  Permission.DECONFLICTION,
  Permission.CASE_READ,
  Permission.CASE_WRITE,
  Permission.CASE_NOTE,
  Permission.CHARGE_WRITE,
  Permission.VICTIM_READ,
  Permission.VICTIM_WRITE,
  Permission.REFERRAL_READ,
  Permission.REFERRAL_SEND,
];

/** The one place that says which role may do what. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.INVESTIGATOR]: [...EVERYONE, ...INVESTIGATION],
  [Role.VICTIM_ADVOCATE]: [
    ...EVERYONE,
    Permission.CASE_READ,
    Permission.VICTIM_READ,
    Permission.VICTIM_WRITE,
    Permission.CONSENT_MANAGE,
    Permission.REFERRAL_READ,
    Permission.REFERRAL_SEND,
    Permission.REFERRAL_ANSWER,
  ],
  [Role.PROSECUTOR]: [
    ...EVERYONE,
    Permission.CASE_READ,
    Permission.CASE_NOTE,
    Permission.CHARGE_WRITE,
    Permission.VICTIM_READ,
    Permission.REFERRAL_READ,
    Permission.REFERRAL_ANSWER,
  ],
  [Role.SUPERVISOR]: [
    ...EVERYONE,
    ...INVESTIGATION,
    Permission.CASE_CLOSE,
    Permission.CONSENT_MANAGE,
    Permission.USER_READ,
    Permission.REFERRAL_ANSWER,
    Permission.DASHBOARD_READ,
  ],
  [Role.AGENCY_ADMIN]: [...EVERYONE, Permission.USER_READ, Permission.USER_MANAGE, Permission.AGENCY_UPDATE],
  [Role.AUDITOR]: [...EVERYONE, Permission.AUDIT_READ, Permission.AUDIT_VERIFY],
  [Role.TASK_FORCE_COORDINATOR]: [...EVERYONE, Permission.DASHBOARD_READ],
  [Role.TASK_FORCE_ADMIN]: [...EVERYONE, Permission.AGENCY_CREATE, Permission.AGENCY_UPDATE, Permission.IDENTITY_PROVIDER_MANAGE],
};

/** Whether a role name (from a token or a row) is one the permissions know; an unknown one grants nothing. */
function isRole(r: string): r is Role {
  return Object.hasOwn(ROLE_PERMISSIONS, r);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}
