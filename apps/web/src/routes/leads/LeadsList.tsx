import { useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterButton, RouterLink } from '../../components/RouterLink';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { appRoute } from '../app-route';
import { LEADS } from './documents';
import { emptyShown, formatDay, formatPlace, formatTime } from './format';
import { useAssignablePeople } from './people';
import { LEAD_SOURCES, LEAD_STATUSES, leadSearchSchema, toLeadFilter, TRAFFICKING_TYPES, type LeadSearch } from './schema';
import type { SearchOf } from '../route-types';

const PAGE = 25;

/** A select of one filter: "Any", or one of the values in words. */
function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
      sx={{ minWidth: 170 }}
      slotProps={emptyShown([{ value: '' }])}
    >
      <MenuItem value="">{t('leadsList.any')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The agency's leads, newest first, filtered by what the URL says (a reload or a shared link keeps it). */
function LeadsList() {
  const { t, i18n } = useTranslation();
  const search = leadsListRoute.useSearch({ select: (s: SearchOf<typeof leadsListRoute>) => s });
  const navigate = useNavigate();
  const { user } = useSession();
  const setFilter = (patch: Partial<LeadSearch>) => void navigate({ to: '/leads', search: (prev: LeadSearch) => ({ ...prev, ...patch }) });

  // The county is typed: it reaches the URL once the typing settles.
  const [county, setCounty] = useState(search.county ?? '');
  const settledCounty = useDebouncedValue(county, 400);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the draft follows the URL when it changes (back, forward, a link); typing keeps its own state
  useEffect(() => setCounty(search.county ?? ''), [search.county]);
  useEffect(() => {
    const next = settledCounty.trim() || undefined;
    if (next !== search.county) setFilter({ county: next });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledCounty]);

  const leads = useInfiniteQuery({
    queryKey: ['leads', 'list', search],
    queryFn: ({ pageParam }) => request(LEADS, { first: PAGE, after: pageParam, filter: toLeadFilter(search) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.leads.pageInfo.hasNextPage ? (last.leads.pageInfo.endCursor ?? undefined) : undefined),
  });
  const rows = leads.data?.pages.flatMap((p) => p.leads.edges.map((e) => e.node)) ?? [];
  const seen = rows.flatMap((l) => (l.assignedToId ? [{ id: l.assignedToId, name: l.assignedToName ?? '' }] : []));
  const people = useAssignablePeople(seen).filter((p) => p.id !== user?.userId);
  if (search.assignee && search.assignee !== user?.userId && !people.some((p) => p.id === search.assignee))
    people.push({ id: search.assignee, name: t('leadsList.someone') });
  const filtered = Object.values<unknown>(search).some((v) => v !== undefined);
  const words = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Page
      title={t('leadsList.title')}
      actions={
        session.can('LEAD_WRITE') && (
          <RouterButton to="/leads/new" variant="contained">
            {t('leadsList.newLead')}
          </RouterButton>
        )
      }
    >
      <Paper variant="outlined" component="section" aria-labelledby="lead-filters" sx={{ p: 2, mb: 2 }}>
        <Typography id="lead-filters" variant="h2" component="h2" sx={{ mb: 1.5 }}>
          {t('leadsList.filters')}
        </Typography>
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <FilterSelect
            label={t('leadsList.status')}
            value={search.status}
            options={words('leadStatus', LEAD_STATUSES)}
            onChange={(status) => setFilter({ status: status as LeadSearch['status'] })}
          />
          <FilterSelect
            label={t('leadsList.source')}
            value={search.source}
            options={words('leadSource', LEAD_SOURCES)}
            onChange={(source) => setFilter({ source: source as LeadSearch['source'] })}
          />
          <TextField
            label={t('leadsList.county')}
            value={county}
            onChange={(e) => setCounty(e.target.value)}
            sx={{ width: 150 }}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <FilterSelect
            label={t('leadsList.type')}
            value={search.type}
            options={words('traffickingType', TRAFFICKING_TYPES)}
            onChange={(type) => setFilter({ type: type as LeadSearch['type'] })}
          />
          <TextField
            type="date"
            label={t('leadsList.from')}
            value={search.from ?? ''}
            onChange={(e) => setFilter({ from: e.target.value || undefined })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            type="date"
            label={t('leadsList.to')}
            value={search.to ?? ''}
            onChange={(e) => setFilter({ to: e.target.value || undefined })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <FilterSelect
            label={t('leadsList.assignee')}
            value={search.assignee}
            options={[
              ...(user ? [{ value: user.userId, label: t('leadsList.me') }] : []),
              ...people.map((p) => ({ value: p.id, label: p.name })),
            ]}
            onChange={(assignee) => setFilter({ assignee })}
          />
          {filtered && (
            <Button
              onClick={() => {
                setCounty('');
                void navigate({ to: '/leads', search: {} });
              }}
            >
              {t('leadsList.clear')}
            </Button>
          )}
        </Stack>
      </Paper>

      <ErrorAlert error={leads.error} onRetry={() => void leads.refetch()} />
      {leads.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      {leads.data && rows.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }} role="status">
          <Typography variant="h2" component="p" gutterBottom>
            {filtered ? t('leadsList.empty') : t('leadsList.noneYet')}
          </Typography>
          <Typography sx={{ mb: 2 }}>{filtered ? t('leadsList.emptyHint') : t('leadsList.noneYetHint')}</Typography>
          <Stack direction="row" spacing={1}>
            {filtered && (
              <Button
                variant="outlined"
                onClick={() => {
                  setCounty('');
                  void navigate({ to: '/leads', search: {} });
                }}
              >
                {t('leadsList.clear')}
              </Button>
            )}
            {session.can('LEAD_WRITE') && (
              <RouterButton to="/leads/new" variant="contained">
                {t('leadsList.newLead')}
              </RouterButton>
            )}
          </Stack>
        </Paper>
      )}
      {rows.length > 0 && (
        <>
          <TableContainer component={Paper} variant="outlined" tabIndex={0} aria-label={t('leadsList.caption')}>
            <Table
              size="small"
              aria-label={t('leadsList.caption')}
              sx={{ '& th, & td': { px: { xs: 0.75, lg: 2 }, fontSize: { xs: '0.8125rem', lg: '0.875rem' } } }}
            >
              <TableHead>
                <TableRow>
                  {(['reference', 'received', 'source', 'status', 'priority', 'type', 'place', 'assignee'] as const).map((c) => (
                    <TableCell key={c} scope="col">
                      {t(`leadsList.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((l) => (
                  <TableRow
                    key={l.id}
                    hover
                    sx={{ cursor: 'pointer' }}
                    onClick={() => void navigate({ to: '/leads/$leadId', params: { leadId: l.id } })}
                  >
                    <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                      <RouterLink to="/leads/$leadId" params={{ leadId: l.id }} onClick={(e) => e.stopPropagation()}>
                        {l.reference}
                      </RouterLink>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {formatDay(l.receivedAt, i18n.language)}
                      <Typography variant="body2" color="text.secondary">
                        {formatTime(l.receivedAt, i18n.language)}
                      </Typography>
                    </TableCell>
                    <TableCell>{t(`leadSource.${l.source}`)}</TableCell>
                    <TableCell>{t(`leadStatus.${l.status}`)}</TableCell>
                    <TableCell>{t(`leadPriority.${l.priority}`)}</TableCell>
                    <TableCell>{t(`traffickingType.${l.suspectedType}`)}</TableCell>
                    <TableCell>{formatPlace(l)}</TableCell>
                    <TableCell>{l.assignedToName ?? t('leadsList.unassigned')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5 }}>
            <Typography variant="body2" color="text.secondary" role="status">
              {t('leadsList.shown', { count: rows.length })}
            </Typography>
            {leads.hasNextPage && (
              <Button variant="outlined" onClick={() => void leads.fetchNextPage()} disabled={leads.isFetchingNextPage}>
                {leads.isFetchingNextPage ? t('leadsList.loadingMore') : t('app.more')}
              </Button>
            )}
          </Box>
        </>
      )}
    </Page>
  );
}

export const leadsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: (raw: Record<string, unknown>): LeadSearch => leadSearchSchema.parse(raw),
  component: LeadsList,
});
