import { Injectable } from '@nestjs/common';
import { Errors, Principal } from '@app/core';
import { Permission, permissionsOf } from './permissions';
import { Role } from './roles';
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

/** An agency's standing on a case, as the database's `case_access()` answers it. */
export type CaseStanding = 'LEAD' | 'CONTRIBUTE' | 'READ';
const STANDING_RANK: Record<CaseStanding, number> = { READ: 1, CONTRIBUTE: 2, LEAD: 3 };
const STANDING_WORDS: Record<CaseStanding, string> = {
  READ: 'a participant agency',
  CONTRIBUTE: 'the lead agency or a contributing participant',
  LEAD: 'the lead agency',
};

/**
 * Who may do what to which record, answered in one place. Operation-level checks come from the
 * role map; record-level rules (same agency, task force, sharing, consent) are added per module
 * here so that services ask, never decide.
 */
@Injectable()
export class AccessPolicy {
  has(principal: Principal, permission: Permission): boolean {
    return permissionsOf(principal.roles).has(permission);
  }

  hasRole(principal: Principal, role: Role): boolean {
    return principal.roles.includes(role);
  }

  assert(principal: Principal, permission: Permission, action: string): void {
    if (!this.has(principal, permission)) {
      throw Errors.forbidden('Your role does not allow this action.', { action, reason: `missing permission ${permission}` });
    }
  }

  /** Users and agency settings: own agency only (the task-force admin also reaches member agencies). */
  assertSameAgency(principal: Principal, agencyId: string, recordType: string, recordId: string, action: string): void {
    if (agencyId !== principal.agencyId) throw Errors.notFound(recordType, recordId, action);
  }

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

  /**
   * Who may read a victim's confidential identity. In the custodial agency: its advocates and
   * supervisors, and investigators assigned to a linked case. Anyone else (with VICTIM_READ): only
   * what a live consent naming their agency releases (IDENTITY, CONTACT). Never an error: the
   * caller gets the reason, so a list still renders.
   */
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

  /** Correcting an identity (custodial agency checked by the caller): its advocates and supervisors. */
  canEditIdentity(principal: Principal): boolean {
    return this.hasRole(principal, Role.VICTIM_ADVOCATE) || this.hasRole(principal, Role.SUPERVISOR);
  }

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
