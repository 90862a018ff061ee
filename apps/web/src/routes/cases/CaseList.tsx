import { useEffect, useState } from 'react';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CaseFilter, CaseStatus } from '../../gql/graphql';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { appRoute } from '../app-route';
import { CASE_LIST, caseKeys } from './documents';
import { useAgencyUsers } from './hooks';
import { caseListSearch, CaseListSearch } from './schemas';
import { CASE_STATUSES, TRAFFICKING_TYPES } from './vocab';
import type { SearchOf } from '../route-types';

const PAGE = 25;
const NOT_CLOSED = CASE_STATUSES.filter((s) => s !== 'CLOSED');

/** The filters as the API takes them. */
export function toCaseFilter(s: CaseListSearch): CaseFilter {
  return {
    ...(s.status ? { status: s.status } : {}),
    ...(s.type ? { traffickingType: s.type } : {}),
    ...(s.county ? { county: s.county } : {}),
    ...(s.scope ? { leading: s.scope === 'leading' } : {}),
    ...(s.assignee ? { assigneeId: s.assignee } : {}),
  };
}

/** The status filter's choice: any, not closed, one status, or a list given in the URL. */
function statusChoice(status: CaseStatus[] | undefined): string {
  if (!status) return '';
  if (status.length === NOT_CLOSED.length && NOT_CLOSED.every((s) => status.includes(s))) return 'NOT_CLOSED';
  return status.length === 1 ? status[0] : 'CUSTOM';
}

function NativeSelect({
  label,
  value,
  onChange,
  children,
  id,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 150 }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {children}
    </TextField>
  );
}

function CaseList() {
  const { t, i18n } = useTranslation();
  // The area routes join the tree untyped (routes/areas.ts): the search is what validateSearch made of the URL.
  const search = caseListRoute.useSearch({ select: (s: SearchOf<typeof caseListRoute>) => s });
  const navigate = useNavigate({ from: '/cases' });
  const { user } = useSession();
  const set = (patch: Partial<CaseListSearch>) =>
    void navigate({ search: (prev: CaseListSearch) => ({ ...prev, ...patch }), replace: true });
  const filter = toCaseFilter(search);
  const list = useInfiniteQuery({
    queryKey: caseKeys.list(filter),
    queryFn: ({ pageParam }) => request(CASE_LIST, { first: PAGE, after: pageParam, filter }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.cases.pageInfo.hasNextPage ? last.cases.pageInfo.endCursor : undefined),
  });
  const people = useAgencyUsers().filter(
    (u) => u.id !== user?.userId && u.roles.some((r) => ['INVESTIGATOR', 'SUPERVISOR', 'PROSECUTOR'].includes(r)),
  );

  // The county is typed: it reaches the URL once the typing pauses.
  const [county, setCounty] = useState(search.county ?? '');
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the draft follows the URL when it changes (back, forward, a link); typing keeps its own state
  useEffect(() => setCounty(search.county ?? ''), [search.county]);
  useEffect(() => {
    const next = county.trim() || undefined;
    if (next === search.county) return;
    const timer = setTimeout(() => set({ county: next }), 400);
    return () => clearTimeout(timer);
  }, [county]); // eslint-disable-line react-hooks/exhaustive-deps

  const rows = list.data?.pages.flatMap((p) => p.cases.edges.map((e) => e.node)) ?? [];
  const filtered = Object.values<unknown>(search).some((v) => v !== undefined);
  const choice = statusChoice(search.status);
  return (
    <Page
      title={t('cases.list.title')}
      actions={
        session.can('CASE_WRITE') && (
          <Button variant="contained" component={Link} to="/cases/new">
            {t('cases.list.open')}
          </Button>
        )
      }
    >
      <Box
        component="search"
        aria-label={t('cases.filters.label')}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2, alignItems: 'center' }}
      >
        <NativeSelect
          id="filter-status"
          label={t('cases.filters.status')}
          value={choice}
          onChange={(v) =>
            set({
              status: v === '' ? undefined : v === 'NOT_CLOSED' ? [...NOT_CLOSED] : v === 'CUSTOM' ? search.status : [v as CaseStatus],
            })
          }
        >
          <option value="">{t('cases.filters.anyStatus')}</option>
          <option value="NOT_CLOSED">{t('cases.filters.notClosed')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`caseStatus.${s}`)}
            </option>
          ))}
          {choice === 'CUSTOM' && (
            <option value="CUSTOM">{(search.status ?? []).map((s: CaseStatus) => t(`caseStatus.${s}`)).join(', ')}</option>
          )}
        </NativeSelect>
        <NativeSelect
          id="filter-type"
          label={t('cases.filters.type')}
          value={search.type ?? ''}
          onChange={(v) => set({ type: (v || undefined) as CaseListSearch['type'] })}
        >
          <option value="">{t('cases.filters.anyType')}</option>
          {TRAFFICKING_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`traffickingType.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <TextField
          id="filter-county"
          label={t('cases.filters.county')}
          value={county}
          onChange={(e) => setCounty(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 60 } }}
          sx={{ width: 160 }}
        />
        <NativeSelect
          id="filter-scope"
          label={t('cases.filters.scope')}
          value={search.scope ?? ''}
          onChange={(v) => set({ scope: (v || undefined) as CaseListSearch['scope'] })}
        >
          <option value="">{t('cases.filters.allCases')}</option>
          <option value="leading">{t('cases.filters.leading')}</option>
          <option value="shared">{t('cases.filters.shared')}</option>
        </NativeSelect>
        <NativeSelect
          id="filter-assignee"
          label={t('cases.filters.assignee')}
          value={search.assignee ?? ''}
          onChange={(v) => set({ assignee: v || undefined })}
        >
          <option value="">{t('cases.filters.anyone')}</option>
          {user && <option value={user.userId}>{t('cases.filters.me')}</option>}
          {people.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
          {search.assignee && search.assignee !== user?.userId && !people.some((u) => u.id === search.assignee) && (
            <option value={search.assignee}>{t('cases.filters.someone')}</option>
          )}
        </NativeSelect>
        {filtered && <Button onClick={() => void navigate({ search: {}, replace: true })}>{t('cases.filters.clear')}</Button>}
      </Box>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending && <Loading />}
      {list.data && rows.length === 0 && (
        <EmptyState
          action={
            filtered ? (
              <Button onClick={() => void navigate({ search: {}, replace: true })}>{t('cases.filters.clear')}</Button>
            ) : (
              session.can('CASE_WRITE') && (
                <Button variant="outlined" component={Link} to="/cases/new">
                  {t('cases.list.open')}
                </Button>
              )
            )
          }
        >
          {filtered ? t('cases.list.emptyFiltered') : t('cases.list.empty')}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-labelledby="page-title" sx={{ '& td, & th': { px: 1 } }}>
            <TableHead>
              <TableRow>
                {(
                  ['number', 'title', 'status', 'type', 'counties', 'leadAgency', 'access', 'subjects', 'openTasks', 'opened'] as const
                ).map((c) => (
                  <TableCell key={c} scope="col" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {t(`cases.col.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((c) => (
                <TableRow
                  key={c.id}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a')) return;
                    void navigate({ to: '/cases/$caseId', params: { caseId: c.id } });
                  }}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Link to="/cases/$caseId" params={{ caseId: c.id }}>
                      {c.number}
                    </Link>
                  </TableCell>
                  <TableCell sx={{ minWidth: 200 }}>{c.title}</TableCell>
                  <TableCell>{t(`caseStatus.${c.status}`)}</TableCell>
                  <TableCell>{t(`traffickingType.${c.traffickingType}`)}</TableCell>
                  <TableCell>{c.counties.join(', ')}</TableCell>
                  <TableCell>
                    <abbr title={c.leadAgency.name}>{c.leadAgency.shortCode}</abbr>
                  </TableCell>
                  <TableCell>{t(`caseAccessLevel.${c.myAccess}`)}</TableCell>
                  <TableCell align="right">{c.subjectCount}</TableCell>
                  <TableCell align="right">{c.openTaskCount}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(c.openedAt).toLocaleDateString(i18n.language)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5 }}>
        {rows.length > 0 && (
          <Typography color="text.secondary" role="status">
            {t('cases.list.shown', { count: rows.length })}
          </Typography>
        )}
        {list.hasNextPage && (
          <Button variant="outlined" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('app.loading') : t('app.more')}
          </Button>
        )}
      </Box>
    </Page>
  );
}

export const caseListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases',
  validateSearch: caseListSearch,
  component: CaseList,
});
