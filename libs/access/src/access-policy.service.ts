import { Injectable } from '@nestjs/common';
import { AppError, Errors, Principal } from '@app/core';
import { Permission, permissionsOf } from './permissions';
import { Role, TASK_FORCE_ROLES } from './roles';
import { ConsentState, victimReferralRefusal, VictimReferralFacts, VictimReferralRefusal } from './victim-referral-consent';

/** What the database knows about one victim and one reader, for the identity decision. */
export interface IdentityFacts {
  custodialAgencyId: string;
  /** The reader is an investigator assigned to a case of the custodial agency the victim is linked to. */
  assignedInvestigator: boolean;
  /** The victim's consents to the reader's agency. */
  consents: { scopes: string[]; state: ConsentState }[];
  /** A live mandatory child-welfare referral of this child to the reader's agency. */
  mandatoryReferral?: boolean;
}
/** Released: everything (custodial) or the consented scopes; or refused with the reason. */
export type IdentityRelease =
  | { all: true; scopes?: undefined; denial?: undefined }
  | { all?: false; scopes: string[]; denial?: undefined }
  | { all?: false; scopes?: undefined; denial: 'NO_CONSENT' | 'CONSENT_EXPIRED' | 'NOT_PERMITTED' };
const IDENTITY_SCOPES = ['IDENTITY', 'CONTACT'];

/** The two agencies and the victim of a victim referral, as its refusal names them. */
export interface VictimReferralParties {
  from: { name: string };
  to: { name: string; shortCode: string };
  victimCode: string;
  victimId: string;
}

/** An agency's standing on a case, as the database's `case_access()` answers it. */
export type CaseStanding = 'LEAD' | 'CONTRIBUTE' | 'READ';
const STANDING_RANK: Record<CaseStanding, number> = { READ: 1, CONTRIBUTE: 2, LEAD: 3 };
const STANDING_WORDS: Record<CaseStanding, string> = {
  READ: 'a participant agency',
  CONTRIBUTE: 'the lead agency or a contributing participant',
  LEAD: 'the lead agency',
};

/** Why the guard refuses an operation or a field (the audit event's reason), or null: it may run. */
export type OperationRefusal = 'operation declares no permission' | 'MFA enrolment required' | `missing permission ${Permission}`;

/**
 * Who may do what to which record, answered in one place: every "may this principal ...?" question
 * is a method here, and the services and the guard only ask. Operation-level answers come from the
 * role map (the guard asks for every operation and every field resolver); record-level rules (same
 * agency, case standing, custody, consent, authorship) take the facts the service read and either
 * return or throw the refusal (NOT_FOUND when the record must not be revealed, FORBIDDEN saying
 * what would be needed). Which records a principal sees at all is the SQL in visibility.sql.ts,
 * which row-level security repeats. Nothing outside libs/access builds a FORBIDDEN (a unit test
 * holds the sources to that).
 */
@Injectable()
export class AccessPolicy {
  /** The permission set of each combination of roles, built once (the guard asks for every field of every row). */
  private readonly permissionSets = new Map<string, ReadonlySet<Permission>>();

  has(principal: Principal, permission: Permission): boolean {
    const key = principal.roles.join(',');
    let set = this.permissionSets.get(key);
    if (!set) {
      set = permissionsOf(principal.roles);
      if (this.permissionSets.size < 1000) this.permissionSets.set(key, set);
    }
    return set.has(permission);
  }

  hasRole(principal: Principal, role: Role): boolean {
    return principal.roles.includes(role);
  }

  // Operations and fields -------------------------------------------------------------

  /**
   * Whether a principal may run an operation (or resolve a field) that declares `permission`:
   * nothing undeclared runs (deny by default); before MFA enrolment only SELF operations run.
   */
  operationRefusal(principal: Principal, permission: Permission | undefined): OperationRefusal | null {
    if (!permission) return 'operation declares no permission';
    if (!principal.mfaSatisfied && permission !== Permission.SELF) return 'MFA enrolment required';
    if (!this.has(principal, permission)) return `missing permission ${permission}`;
    return null;
  }

  /** The refusal the guard throws, once it has recorded the denial. */
  operationDenied(refusal: OperationRefusal): AppError {
    return Errors.forbidden(
      refusal === 'MFA enrolment required'
        ? 'Your agency requires multi-factor authentication. Set it up (startMfaEnrolment, confirmMfa) before doing anything else.'
        : 'Your role does not allow this operation.',
    );
  }

  // Agencies and users -----------------------------------------------------------------

  /** Records of one agency (its users, its settings): the caller's own agency only; another agency's is not revealed. */
  assertSameAgency(principal: Principal, agencyId: string, recordType: string, recordId: string, action: string): void {
    if (agencyId !== principal.agencyId) throw Errors.notFound(recordType, recordId, action);
  }

  /**
   * Changing an agency: the task-force admin changes any member agency; an agency admin only their
   * own agency's name and contact (its ORI and active flag are the task force's).
   */
  assertCanUpdateAgency(principal: Principal, agencyId: string, changesOriOrActive: boolean): void {
    if (this.hasRole(principal, Role.TASK_FORCE_ADMIN)) return;
    this.assertSameAgency(principal, agencyId, 'agency', agencyId, 'agency.update');
    if (changesOriOrActive) {
      throw Errors.forbidden("Only a task-force admin may change an agency's ORI or active flag.", {
        action: 'agency.update',
        recordType: 'agency',
        recordId: agencyId,
        reason: 'restricted field',
      });
    }
  }

  /** Task-force roles (admin, coordinator) are granted by the task-force admin only. */
  assertCanGrantRoles(principal: Principal, roles: readonly Role[]): void {
    if (roles.some((r) => TASK_FORCE_ROLES.includes(r)) && !this.hasRole(principal, Role.TASK_FORCE_ADMIN)) {
      throw Errors.forbidden('Only a task-force admin may grant task-force roles.', {
        action: 'user.grant_role',
        reason: 'task-force role',
      });
    }
  }

  // Cases --------------------------------------------------------------------------------

  /**
   * Cases: an agency with no standing learns nothing (NOT_FOUND, never FORBIDDEN); an agency on the
   * case with too little standing is told what it would need.
   */
  assertCaseStanding(standing: CaseStanding | null, need: CaseStanding, caseId: string, action: string): asserts standing is CaseStanding {
    if (!standing) throw Errors.notFound('case', caseId, action);
    if (STANDING_RANK[standing] < STANDING_RANK[need]) {
      throw Errors.forbidden(`Only ${STANDING_WORDS[need]} may do this on this case; your agency has ${standing} access.`, {
        action,
        recordType: 'case',
        recordId: caseId,
        reason: `case standing ${standing}, needs ${need}`,
      });
    }
  }

  /** A case's task is changed by the agency that created it (each agency tasks its own people). */
  assertTaskOfOwnAgency(principal: Principal, taskAgencyId: string, taskId: string): void {
    if (taskAgencyId === principal.agencyId) return;
    throw Errors.forbidden('Only the agency that created a task may change it.', {
      action: 'case_task.update',
      recordType: 'case_task',
      recordId: taskId,
      reason: 'task of another agency',
    });
  }

  /** Closing a case is a supervisor's act in the lead agency. */
  assertCanCloseCase(principal: Principal, standing: CaseStanding | null, caseId: string, action: string): void {
    this.assertCaseStanding(standing, 'LEAD', caseId, action);
    if (!this.hasRole(principal, Role.SUPERVISOR)) {
      throw Errors.forbidden('Only a supervisor of the lead agency may close a case.', {
        action,
        recordType: 'case',
        recordId: caseId,
        reason: 'closure needs SUPERVISOR',
      });
    }
  }

  // Referrals ----------------------------------------------------------------------------

  /** Referring a case (the caller checks the lead standing): the lead agency's investigators and supervisors. */
  assertCanReferCase(principal: Principal, caseId: string): void {
    if (!this.has(principal, Permission.CASE_WRITE)) {
      throw Errors.forbidden('Cases are referred by the investigators and supervisors of the lead agency.', {
        action: 'referral.send',
        recordType: 'case',
        recordId: caseId,
        reason: 'needs CASE_WRITE',
      });
    }
  }

  /**
   * Who takes a referral's step on the right side (the caller checks the side): a case referral is
   * answered by a supervisor or a prosecutor, a victim referral by an advocate or a supervisor; a
   * withdrawal is the sender's own, or a supervisor's of the sending agency.
   */
  assertReferralStep(
    principal: Principal,
    step: 'accept' | 'decline' | 'withdraw' | 'complete',
    kind: string,
    sentBy: string,
    referralId: string,
  ): void {
    const has = (...roles: Role[]) => roles.some((r) => this.hasRole(principal, r));
    const ok =
      step === 'withdraw'
        ? sentBy === principal.userId || has(Role.SUPERVISOR)
        : kind === 'CASE'
          ? has(Role.SUPERVISOR, Role.PROSECUTOR)
          : has(Role.VICTIM_ADVOCATE, Role.SUPERVISOR);
    if (ok) return;
    const who =
      step === 'withdraw'
        ? 'the person who sent it or a supervisor'
        : kind === 'CASE'
          ? 'a supervisor or prosecutor'
          : 'a victim advocate or supervisor';
    throw Errors.forbidden(`This step is for ${who} of the ${step === 'withdraw' ? 'sending' : 'receiving'} agency.`, {
      action: `referral.${step}`,
      recordType: 'referral',
      recordId: referralId,
      reason: `role cannot ${step} a ${kind} referral`,
    });
  }

  /** Whether a victim referral may go, given the victim's consents naming the receiver (see victim-referral-consent.ts). */
  victimReferralRefusal(facts: VictimReferralFacts): VictimReferralRefusal | null {
    return victimReferralRefusal(facts);
  }

  /** FORBIDDEN (audited as a denial), saying which consent is missing, unless the victim referral may go. */
  assertVictimReferralAllowed(facts: VictimReferralFacts, about: VictimReferralParties): void {
    const refusal = victimReferralRefusal(facts);
    if (!refusal) return;
    const why = { MISSING: 'is not on file', EXPIRED: 'has expired', REVOKED: 'was revoked', PENDING: 'has not started yet' }[refusal.why];
    const { from, to, victimCode: code } = about;
    const denial = { action: 'referral.send', recordType: 'victim', recordId: about.victimId };
    if (refusal.needs === 'IDENTITY') {
      throw Errors.forbidden(
        `Sharing ${code}'s identity with ${to.name} needs a live IDENTITY consent to ${to.shortCode}, and it ${why}. Record the signed release first, or refer without the identity.`,
        { ...denial, reason: `no live IDENTITY consent to ${to.shortCode}` },
      );
    }
    throw Errors.forbidden(
      `${from.name} is a victim-service provider: referring ${code} to ${to.name} needs a live consent naming ${to.shortCode} even without the identity ` +
        `(VAWA/VOCA confidentiality), and it ${why}. Record the survivor's signed release first.`,
      { ...denial, reason: `victim-service provider: no live consent to ${to.shortCode}` },
    );
  }

  /** The agency dashboard is its supervisors'; the task-force view also the coordinators' (DASHBOARD_READ). */
  assertDashboardScope(principal: Principal, agencyScope: boolean): void {
    if (agencyScope && !this.hasRole(principal, Role.SUPERVISOR)) {
      throw Errors.forbidden("The agency dashboard is for your agency's supervisors; coordinators see the task-force view.", {
        action: 'dashboard.read',
        recordType: 'dashboard',
        reason: 'AGENCY scope needs SUPERVISOR',
      });
    }
  }

  // Victims ------------------------------------------------------------------------------

  /** Only the agency that keeps a victim record acts on it; `doing` says what was tried, for the message. */
  assertCustodial(principal: Principal, custodialAgencyId: string, victimId: string, action: string, doing: string): void {
    if (custodialAgencyId === principal.agencyId) return;
    throw Errors.forbidden(`Only the agency that keeps the victim record ${doing}.`, {
      action,
      recordType: 'victim',
      recordId: victimId,
      reason: 'not the custodial agency',
    });
  }

  /**
   * Correcting an identity, and the deadlines only the identity's keepers see (the custodial agency
   * is checked with assertCustodial): its advocates and supervisors.
   */
  canEditIdentity(principal: Principal): boolean {
    return this.hasRole(principal, Role.VICTIM_ADVOCATE) || this.hasRole(principal, Role.SUPERVISOR);
  }

  /** Correcting a victim's identity: the custodial agency's advocates and supervisors. */
  assertCanEditIdentity(principal: Principal, custodialAgencyId: string, victimId: string): void {
    this.assertCustodial(principal, custodialAgencyId, victimId, 'victim.identity.update', 'corrects the identity');
    if (this.canEditIdentity(principal)) return;
    throw Errors.forbidden("Only the custodial agency's victim advocates and supervisors correct an identity.", {
      action: 'victim.identity.update',
      recordType: 'victim',
      recordId: victimId,
      reason: 'needs VICTIM_ADVOCATE or SUPERVISOR',
    });
  }

  /** A service's notes are written by the provider agency only. */
  assertServiceProvider(principal: Principal, providerAgencyId: string, serviceId: string): void {
    if (providerAgencyId === principal.agencyId) return;
    throw Errors.forbidden('Service notes are kept by the provider agency only.', {
      action: 'service_note.add',
      recordType: 'service',
      recordId: serviceId,
      reason: 'not the provider',
    });
  }

  /**
   * Who may read a victim's confidential identity. In the custodial agency: its advocates and
   * supervisors, and investigators assigned to a linked case. Anyone else (with VICTIM_READ): only
   * what a live consent naming their agency releases (IDENTITY, CONTACT). Never an error: the
   * caller gets the reason, so a list still renders.
   */
  identityRelease(principal: Principal, facts: IdentityFacts): IdentityRelease {
    if (facts.custodialAgencyId === principal.agencyId) {
      const allowed =
        this.hasRole(principal, Role.VICTIM_ADVOCATE) ||
        this.hasRole(principal, Role.SUPERVISOR) ||
        (this.hasRole(principal, Role.INVESTIGATOR) && facts.assignedInvestigator);
      return allowed ? { all: true } : { denial: 'NOT_PERMITTED' };
    }
    if (!this.has(principal, Permission.VICTIM_READ)) return { denial: 'NOT_PERMITTED' };
    // Mandatory reporting: the child-welfare agency a minor was referred to reads identity and contact.
    if (facts.mandatoryReferral) return { scopes: [...IDENTITY_SCOPES] };
    const relevant = facts.consents.filter((c) => c.scopes.some((s) => IDENTITY_SCOPES.includes(s)));
    const scopes = [
      ...new Set(relevant.filter((c) => c.state === 'LIVE').flatMap((c) => c.scopes.filter((s) => IDENTITY_SCOPES.includes(s)))),
    ];
    if (scopes.length) return { scopes };
    return { denial: relevant.some((c) => c.state === 'EXPIRED') ? 'CONSENT_EXPIRED' : 'NO_CONSENT' };
  }
}
