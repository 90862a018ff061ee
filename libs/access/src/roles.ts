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
