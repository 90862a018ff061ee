import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { AGENCY_USERS } from './documents';

export interface Person {
  id: string;
  name: string;
}

const LEAD_ROLES = ['INVESTIGATOR', 'SUPERVISOR'];

/**
 * The people a lead or case may be given to: the signed-in investigator, and, for those who may
 * list the agency's users (USER_READ), every active investigator or supervisor (and prosecutor
 * for a case). `known` adds people already named on the record.
 */
export function useAssignablePeople(known: (Person | null)[] = [], roles: string[] = LEAD_ROLES): Person[] {
  const { user } = useSession();
  const users = useQuery({
    queryKey: ['leads', 'assignable'],
    queryFn: () => request(AGENCY_USERS),
    enabled: session.can('USER_READ'),
    staleTime: 300_000,
  });
  const out = new Map<string, Person>();
  if (user && user.roles.some((r) => roles.includes(r))) out.set(user.userId, { id: user.userId, name: user.displayName });
  for (const { node: u } of users.data?.users.edges ?? []) {
    if (u.active && u.roles.some((r) => roles.includes(r))) out.set(u.id, { id: u.id, name: u.displayName });
  }
  for (const p of known) if (p && !out.has(p.id)) out.set(p.id, p);
  return [...out.values()];
}
