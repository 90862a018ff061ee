import { createRoute, useNavigate } from '@tanstack/react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterButton, RouterLink } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { REFERRAL_COUNTS, REFERRALS } from './documents';
import { EmptyState } from './EmptyState';
import { formatMoment, referralTitle } from './format';
import { toggleGroupSx } from './ui';
import { DIRECTIONS, referralSearchSchema, toReferralsFilter, type ReferralSearch } from './schema';
import type { SearchOf } from '../route-types';

const PAGE = 25;

/** The counts per status of one box, and the buttons that filter the list by them. */
function StatusCounts({ search, onChange }: { search: ReferralSearch; onChange: (patch: Partial<ReferralSearch>) => void }) {
  const { t } = useTranslation();
  const counts = useQuery({
    queryKey: ['referrals', 'counts', search.direction],
    queryFn: () => request(REFERRAL_COUNTS, { direction: search.direction }),
  });
  const rows = counts.data?.referralCounts ?? [];
  const total = rows.reduce((n, c) => n + c.count, 0);
  const overdue = rows.reduce((n, c) => n + c.overdue, 0);
  const value = search.overdue ? 'OVERDUE' : (search.status ?? 'ALL');
  return (
    <Box component="section" aria-labelledby="referral-counts" sx={{ mb: 2 }}>
      <Typography id="referral-counts" variant="h2" component="h2" sx={{ mb: 1 }}>
        {t('referrals.counts')}
      </Typography>
      <ErrorAlert error={counts.error} />
      {counts.data && (
        <ToggleButtonGroup
          exclusive
          size="small"
          value={value}
          aria-labelledby="referral-counts"
          sx={toggleGroupSx}
          onChange={(_, v: string | null) => {
            if (v === null) return;
            onChange(
              v === 'ALL'
                ? { status: undefined, overdue: undefined }
                : v === 'OVERDUE'
                  ? { status: undefined, overdue: true }
                  : { status: v as ReferralSearch['status'], overdue: undefined },
            );
          }}
        >
          <ToggleButton value="ALL">{t('referrals.all', { count: total })}</ToggleButton>
          {rows.map((c) => (
            <ToggleButton key={c.status} value={c.status}>
              {t('referrals.statusCount', { status: t(`referrals.status.${c.status}`), count: c.count })}
            </ToggleButton>
          ))}
          <ToggleButton value="OVERDUE" color="error">
            {t('referrals.overdueOnly', { count: overdue })}
          </ToggleButton>
        </ToggleButtonGroup>
      )}
      {overdue > 0 && (
        <Typography color="error.main" sx={{ mt: 1 }}>
          {t('referrals.overdueNote', { count: overdue })}
        </Typography>
      )}
    </Box>
  );
}

/** The inbox and the outbox: which box and which status live in the URL. */
function ReferralsList() {
  const { t, i18n } = useTranslation();
  const search = referralsListRoute.useSearch({ select: (s: SearchOf<typeof referralsListRoute>) => s });
  const navigate = useNavigate();
  const go = (next: ReferralSearch) => void navigate({ to: '/referrals', search: next });
  const setFilter = (patch: Partial<ReferralSearch>) => go({ ...search, ...patch });
  const filtered = !!search.status || !!search.overdue;
  const list = useInfiniteQuery({
    queryKey: ['referrals', 'list', search],
    queryFn: ({ pageParam }) => request(REFERRALS, { filter: toReferralsFilter(search), first: PAGE, after: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.referrals.pageInfo.hasNextPage ? (last.referrals.pageInfo.endCursor ?? undefined) : undefined),
  });
  const rows = list.data?.pages.flatMap((p) => p.referrals.edges.map((e) => e.node)) ?? [];
  const incoming = search.direction === 'INCOMING';
  const canSend = session.can('REFERRAL_SEND');
  const panelId = 'referrals-panel';

  return (
    <Page
      title={t('referrals.title')}
      actions={
        canSend && (
          <RouterButton to="/referrals/new" variant="contained">
            {t('referrals.sendVictim')}
          </RouterButton>
        )
      }
    >
      <Tabs
        value={search.direction}
        onChange={(_, d: ReferralSearch['direction']) => go({ direction: d })}
        aria-label={t('referrals.directions')}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {DIRECTIONS.map((d) => (
          <Tab key={d} value={d} label={t(`referrals.${d}`)} id={`tab-${d}`} aria-controls={panelId} />
        ))}
      </Tabs>
      <Box id={panelId} role="tabpanel" aria-labelledby={`tab-${search.direction}`}>
        <Typography sx={{ mb: 2 }}>{t(incoming ? 'referrals.incomingHint' : 'referrals.outgoingHint')}</Typography>
        <StatusCounts search={search} onChange={setFilter} />
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        {list.isPending && <Typography role="status">{t('app.loading')}</Typography>}
        {list.data && rows.length === 0 && (
          <EmptyState
            title={filtered ? t('referrals.empty') : t(incoming ? 'referrals.noneIncoming' : 'referrals.noneOutgoing')}
            hint={filtered ? t('referrals.emptyHint') : t('referrals.noneHint')}
          >
            {filtered && (
              <Button variant="outlined" onClick={() => go({ direction: search.direction })}>
                {t('referrals.showAll')}
              </Button>
            )}
          </EmptyState>
        )}
        {rows.length > 0 && (
          <>
            <TableContainer component={Paper} variant="outlined" tabIndex={0} aria-label={t('referrals.caption')}>
              <Table size="small" aria-label={t('referrals.caption')}>
                <TableHead>
                  <TableRow>
                    {(['what', 'sent', incoming ? 'from' : 'to', 'urgency', 'status', 'respondBy'] as const).map((c) => (
                      <TableCell key={c} scope="col">
                        {t(`referrals.columns.${c}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.id} hover>
                      <TableCell component="th" scope="row" sx={{ minWidth: 150 }}>
                        <RouterLink to="/referrals/$referralId" params={{ referralId: r.id }}>
                          {referralTitle(t, r)}
                        </RouterLink>
                        {r.kind !== 'MANDATORY_CHILD_WELFARE' && (
                          <Typography variant="body2" color="text.secondary">
                            {t(`referrals.kind.${r.kind}`)}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={{ minWidth: 110 }}>{formatMoment(r.createdAt, i18n.language)}</TableCell>
                      <TableCell>{(incoming ? r.fromAgency : r.toAgency).name}</TableCell>
                      <TableCell>{t(`referrals.urgency.${r.urgency}`)}</TableCell>
                      <TableCell>
                        {t(`referrals.status.${r.status}`)}
                        {r.overdue && <Chip size="small" color="error" label={t('referrals.overdue')} sx={{ ml: 1 }} />}
                      </TableCell>
                      <TableCell sx={{ minWidth: 110 }}>
                        {r.status === 'PENDING' ? formatMoment(r.respondBy, i18n.language) : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5 }}>
              <Typography variant="body2" color="text.secondary" role="status">
                {t('referrals.shown', { count: rows.length })}
              </Typography>
              {list.hasNextPage && (
                <Button variant="outlined" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? t('referrals.loadingMore') : t('app.more')}
                </Button>
              )}
            </Box>
          </>
        )}
      </Box>
    </Page>
  );
}

export const referralsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/referrals',
  validateSearch: (raw: Record<string, unknown>): ReferralSearch => referralSearchSchema.parse(raw),
  component: ReferralsList,
});
