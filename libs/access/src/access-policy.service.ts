import { Injectable } from '@nestjs/common';
import { Errors, Principal } from '@app/core';
import { Permission, permissionsOf } from './permissions';
import { Role } from './roles';

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
}
