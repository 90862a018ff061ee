import { registerEnumType } from '@nestjs/graphql';

/** A user's roles within their agency (DOMAIN.md). */
export enum Role {
  INVESTIGATOR = 'INVESTIGATOR',
  VICTIM_ADVOCATE = 'VICTIM_ADVOCATE',
  PROSECUTOR = 'PROSECUTOR',
  SUPERVISOR = 'SUPERVISOR',
  AGENCY_ADMIN = 'AGENCY_ADMIN',
  AUDITOR = 'AUDITOR',
  TASK_FORCE_COORDINATOR = 'TASK_FORCE_COORDINATOR',
  TASK_FORCE_ADMIN = 'TASK_FORCE_ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What a user does within their agency.' });

export const ALL_ROLES = Object.values(Role);

/** The roles that act for the whole task force rather than one agency: granted by the task-force admin only. */
export const TASK_FORCE_ROLES: readonly Role[] = [Role.TASK_FORCE_ADMIN, Role.TASK_FORCE_COORDINATOR];
