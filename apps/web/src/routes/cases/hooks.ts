import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import { session } from '../../api/session';
import type { CaseAbilities } from './access';
import { AGENCIES, AGENCY_USERS, caseKeys, CaseDetail } from './documents';

/** What every tab of a case gets: the case as read, what the viewer may do on it, and a reload after a change. */
export interface CaseTabProps {
  c: CaseDetail;
  can: CaseAbilities;
  refresh: () => Promise<void>;
}

/** Reloads the case and every case list (after any change: versions and counts move). */
export function useCaseRefresh(): () => Promise<void> {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: caseKeys.all });
}

/** A one-click change on a case (a status move, a task done, a share's level): the case reloads after it. */
export function useCaseAction<V>(fn: (v: V) => Promise<unknown>) {
  const refresh = useCaseRefresh();
  return useMutation({ mutationFn: fn, onSuccess: refresh });
}

/** The task force's agencies, for sharing and referring (cached: they rarely change). */
export function useAgencies() {
  return useQuery({ queryKey: caseKeys.reference('agencies'), queryFn: () => request(AGENCIES), staleTime: 300_000 });
}

/** The active users of the viewer's agency, for those who may list them (USER_READ); nobody else asks. */
export function useAgencyUsers(wanted = true) {
  const q = useQuery({
    queryKey: caseKeys.reference('users'),
    queryFn: () => request(AGENCY_USERS),
    enabled: wanted && session.can('USER_READ'),
    staleTime: 300_000,
  });
  return (q.data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active);
}
