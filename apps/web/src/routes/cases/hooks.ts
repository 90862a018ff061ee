import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseAbilities } from './access';
import { caseKeys, CaseDetail } from './documents';

/** What every tab of a case gets: the case as read, what the viewer may do on it, and a reload after a change. */
export interface CaseTabProps { c: CaseDetail; can: CaseAbilities; refresh: () => Promise<void> }

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
