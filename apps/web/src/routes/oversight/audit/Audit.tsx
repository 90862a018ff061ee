import { SubmitEvent, Fragment, useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../../../gql';
import { request } from '../../../api/client';
import { session } from '../../../api/session';
import { Page } from '../../../components/Page';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { appRoute } from '../../app-route';
import { AuditSearch, auditSearch, toAuditFilter } from './search';
import type { SearchOf } from '../../route-types';

const EVENTS = graphql(`
  query OversightAuditEvents($filter: AuditEventFilter, $after: String) {
    auditEvents(filter: $filter, first: 50, after: $after) {
      edges {
        node {
          id
          seq
          occurredAt
          action
          outcome
          actorUserId
          actorUsername
          actorRoles
          recordType
          recordId
          purpose
          clientAddress
          requestId
          changes
          hash
          prevHash
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const VERIFY = graphql(`
  query OversightAuditVerify {
    auditTrailVerification {
      ok
      checked
      firstBrokenSeq
      firstBrokenEventId
      reason
    }
  }
`);

const OUTCOMES = ['SUCCESS', 'DENIED', 'FAILED'] as const;
const TEXT_FILTERS = ['action', 'recordType', 'recordId'] as const;

/** The filters, typed first and put in the URL on Search (so a filtered view can be reloaded and shared). */
function Filters({ search, onSearch }: { search: AuditSearch; onSearch: (s: AuditSearch) => void }) {
  const { t } = useTranslation();
  const blank = { action: '', recordType: '', recordId: '', actorUserId: '', outcome: '', from: '', to: '' };
  const [draft, setDraft] = useState({ ...blank, ...search });
  // eslint-disable-next-line react-hooks/set-state-in-effect, react-hooks/exhaustive-deps -- the draft follows the URL when it changes (back, forward, a link); `blank` is a constant
  useEffect(() => setDraft({ ...blank, ...search }), [search]);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    // Blank fields are left out: the API refuses blank strings.
    onSearch(auditSearch.parse(Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim() || undefined]))));
  };
  const dateProps = { type: 'date', slotProps: { inputLabel: { shrink: true } } } as const;
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={t('oversight.audit.filters')}>
      <Grid container spacing={2} sx={{ alignItems: 'center' }}>
        {TEXT_FILTERS.map((k) => (
          <Grid key={k} size={{ xs: 12, sm: 6, md: 4 }}>
            <TextField fullWidth size="small" label={t(`oversight.audit.${k}`)} value={draft[k]} onChange={set(k)} />
          </Grid>
        ))}
        <Grid size={{ xs: 12, sm: 6, md: 4 }}>
          <TextField
            select
            fullWidth
            size="small"
            label={t('oversight.audit.outcome')}
            value={draft.outcome}
            onChange={set('outcome')}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          >
            <MenuItem value="">{t('oversight.audit.anyOutcome')}</MenuItem>
            {OUTCOMES.map((o) => (
              <MenuItem key={o} value={o}>
                {t(`oversight.audit.outcomes.${o}`)}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid size={{ xs: 6, md: 4 }}>
          <TextField fullWidth size="small" label={t('oversight.audit.from')} value={draft.from} onChange={set('from')} {...dateProps} />
        </Grid>
        <Grid size={{ xs: 6, md: 4 }}>
          <TextField fullWidth size="small" label={t('oversight.audit.to')} value={draft.to} onChange={set('to')} {...dateProps} />
        </Grid>
        {search.actorUserId && (
          <Grid size={12}>
            <Typography variant="body2">
              {t('oversight.audit.byActor')}{' '}
              <Button size="small" onClick={() => onSearch({ ...search, actorUserId: undefined })}>
                {t('oversight.audit.anyActor')}
              </Button>
            </Typography>
          </Grid>
        )}
        <Grid size={12}>
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained">
              {t('app.search')}
            </Button>
            <Button onClick={() => onSearch({})}>{t('oversight.audit.clear')}</Button>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
}

/** Recomputes the whole chain on the server and says what it found. */
function Verification() {
  const { t, i18n } = useTranslation();
  const verify = useMutation({ mutationFn: () => request(VERIFY) });
  const v = verify.data?.auditTrailVerification;
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <Card variant="outlined" component="section" aria-labelledby="verify-title">
      <CardContent>
        <Typography id="verify-title" variant="h2" component="h2">
          {t('oversight.audit.verifyTitle')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('oversight.audit.verifyHelp')}
        </Typography>
        <Button variant="outlined" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t('oversight.audit.verify')}
        </Button>
        <Box role="status" sx={{ mt: 1 }}>
          {verify.isPending && <Typography>{t('oversight.audit.verifying')}</Typography>}
          {v &&
            (v.ok ? (
              <Alert severity="success">{t('oversight.audit.intact', { count: v.checked, n: n(v.checked) })}</Alert>
            ) : (
              <Alert severity="error">
                {t('oversight.audit.broken', {
                  seq: v.firstBrokenSeq ?? '?',
                  reason: v.reason ?? t('oversight.audit.noReason'),
                  count: v.checked,
                  n: n(v.checked),
                })}
              </Alert>
            ))}
        </Box>
        <ErrorAlert error={verify.error} />
      </CardContent>
    </Card>
  );
}

function Audit() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const search = auditRoute.useSearch({ select: (s: SearchOf<typeof auditRoute>) => s });
  const [open, setOpen] = useState<string | null>(null);
  const filter = toAuditFilter(search);
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => request(EVENTS, { filter, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.auditEvents.pageInfo.hasNextPage ? last.auditEvents.pageInfo.endCursor : null),
  });
  const rows = events.data?.pages.flatMap((p) => p.auditEvents.edges.map((e) => e.node)) ?? [];
  const go = (s: AuditSearch) => void navigate({ to: '/audit', search: s });
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const filtered = Object.values<unknown>(search).some((v) => v !== undefined);
  return (
    <Page title={t('oversight.audit.title')}>
      <Stack spacing={2}>
        {session.can('AUDIT_VERIFY') && <Verification />}
        <Card variant="outlined" component="section" aria-labelledby="events-title">
          <CardContent>
            <Typography id="events-title" variant="h2" component="h2" gutterBottom>
              {t('oversight.audit.events')}
            </Typography>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {t('oversight.audit.eventsHelp')}
            </Typography>
            <Filters search={search} onSearch={go} />
            <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
            {events.isPending && (
              <Typography role="status" sx={{ mt: 2 }}>
                {t('oversight.audit.loading')}
              </Typography>
            )}
            {events.data && rows.length === 0 && (
              <Typography sx={{ mt: 2 }}>{filtered ? t('oversight.audit.noneFiltered') : t('oversight.audit.none')}</Typography>
            )}
            {rows.length > 0 && (
              <TableContainer tabIndex={0} role="region" aria-label={t('oversight.audit.table')} sx={{ mt: 2 }}>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      {['seq', 'when', 'who', 'action', 'outcome', 'record', 'details'].map((h) => (
                        <TableCell key={h}>{t(`oversight.audit.col.${h}`)}</TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((e) => (
                      <Fragment key={e.id}>
                        <TableRow>
                          <TableCell>{e.seq}</TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(e.occurredAt)}</TableCell>
                          <TableCell>
                            {e.actorUserId && e.actorUsername ? (
                              <Button
                                size="small"
                                sx={{ textTransform: 'none', p: 0, minWidth: 0 }}
                                onClick={() => go({ ...search, actorUserId: e.actorUserId ?? undefined })}
                                aria-label={t('oversight.audit.onlyActor', { name: e.actorUsername })}
                              >
                                {e.actorUsername}
                              </Button>
                            ) : (
                              (e.actorUsername ?? t('oversight.audit.noActor'))
                            )}
                            {e.actorRoles.length > 0 && (
                              <Typography variant="caption" component="div" color="text.secondary">
                                {e.actorRoles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}
                              </Typography>
                            )}
                          </TableCell>
                          <TableCell>
                            <code>{e.action}</code>
                          </TableCell>
                          <TableCell>{t(`oversight.audit.outcomes.${e.outcome}`)}</TableCell>
                          <TableCell>
                            {e.recordType ?? ''}
                            {e.recordId && (
                              <Typography variant="caption" component="div" sx={{ wordBreak: 'break-all' }}>
                                {e.recordId}
                              </Typography>
                            )}
                          </TableCell>
                          <TableCell>
                            <Button
                              size="small"
                              aria-expanded={open === e.id}
                              aria-controls={`ev-${e.id}`}
                              onClick={() => setOpen(open === e.id ? null : e.id)}
                              aria-label={t(open === e.id ? 'oversight.audit.hideDetails' : 'oversight.audit.showDetails', { seq: e.seq })}
                            >
                              {open === e.id ? t('oversight.audit.hide') : t('oversight.audit.show')}
                            </Button>
                          </TableCell>
                        </TableRow>
                        {open === e.id && (
                          <TableRow id={`ev-${e.id}`}>
                            <TableCell colSpan={7}>
                              <Box
                                component="dl"
                                sx={{
                                  display: 'grid',
                                  gridTemplateColumns: 'max-content 1fr',
                                  columnGap: 2,
                                  rowGap: 0.5,
                                  m: 0,
                                  '& dd': { m: 0, wordBreak: 'break-all' },
                                }}
                              >
                                <dt>{t('oversight.audit.purpose')}</dt>
                                <dd>{e.purpose ?? t('app.none')}</dd>
                                <dt>{t('oversight.audit.changes')}</dt>
                                <dd>
                                  {e.changes ? (
                                    <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
                                      {JSON.stringify(e.changes, null, 2)}
                                    </Box>
                                  ) : (
                                    t('app.none')
                                  )}
                                </dd>
                                <dt>{t('oversight.audit.address')}</dt>
                                <dd>{e.clientAddress ?? t('app.none')}</dd>
                                <dt>{t('oversight.audit.request')}</dt>
                                <dd>{e.requestId ?? t('app.none')}</dd>
                                <dt>{t('oversight.audit.hash')}</dt>
                                <dd>
                                  <code>{e.hash}</code>
                                </dd>
                                <dt>{t('oversight.audit.prevHash')}</dt>
                                <dd>
                                  <code>{e.prevHash}</code>
                                </dd>
                              </Box>
                            </TableCell>
                          </TableRow>
                        )}
                      </Fragment>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
            {events.hasNextPage && (
              <Button sx={{ mt: 2 }} variant="outlined" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? t('app.loading') : t('app.more')}
              </Button>
            )}
          </CardContent>
        </Card>
      </Stack>
    </Page>
  );
}

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  validateSearch: (raw: Record<string, unknown>): AuditSearch => auditSearch.parse(raw),
  component: Audit,
});
