import { useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
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
import { session } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import type { FindVictimsQuery } from '../../gql/graphql';
import { appRoute } from '../app-route';
import { EXPIRING_CONSENTS, FIND_VICTIMS, VICTIMS } from './documents';
import { daysUntil, formatDay, FormDay, FormText, RouterButton, RouterLink, Section, useFormSubmit } from './parts';
import { findSchema, localToday, victimsSearchSchema, type FindForm, type VictimsSearch } from './schema';
import type { SearchOf } from '../route-types';

const PAGE = 25;
const KEEPS: Record<NonNullable<VictimsSearch['keeps']> | 'all', boolean | undefined> = { all: undefined, mine: true, others: false };

/**
 * Finding a survivor the agency keeps by exact name and date of birth. What is typed and what is
 * found stay in this component's memory: never in the URL, the query cache or browser storage.
 */
function FindVictim() {
  const { t, i18n } = useTranslation();
  const form = useForm<FindForm>({ resolver: zodResolver(findSchema), defaultValues: { legalName: '', birthDate: '' } });
  const { busy, error, setError, submit: send } = useFormSubmit(form);
  const [found, setFound] = useState<FindVictimsQuery['findVictims'] | null>(null);
  const submit = send(async (v) => {
    setFound(null);
    setFound((await request(FIND_VICTIMS, { input: { legalName: v.legalName.trim(), birthDate: v.birthDate } })).findVictims);
  });
  const clear = () => {
    form.reset();
    setFound(null);
    setError(null);
  };
  return (
    <Section title={t('victims.find.title')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('victims.find.help')}
      </Typography>
      <Stack
        component="form"
        onSubmit={submit}
        noValidate
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1.5}
        sx={{ alignItems: { sm: 'flex-start' } }}
        aria-label={t('victims.find.title')}
      >
        <FormText form={form} name="legalName" label={t('victims.find.name')} autoComplete="off" sx={{ minWidth: 260 }} />
        <FormDay form={form} name="birthDate" label={t('victims.find.birthDate')} autoComplete="off" />
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? t('victims.find.searching') : t('app.search')}
        </Button>
        {(found || form.formState.isDirty) && <Button onClick={clear}>{t('app.clear')}</Button>}
      </Stack>
      <ErrorAlert error={error} />
      <Box role="status" sx={{ mt: 1 }}>
        {found && found.length === 0 && <Typography>{t('victims.find.none')}</Typography>}
        {found && found.length > 0 && (
          <>
            <Typography>{t('victims.find.matches', { count: found.length })}</Typography>
            <List dense>
              {found.map((v) => (
                <ListItem key={v.id} disablePadding>
                  <ListItemText
                    primary={
                      <RouterLink to="/victims/$victimId" params={{ victimId: v.id }}>
                        {v.code}
                      </RouterLink>
                    }
                    secondary={`${t(`ageBand.${v.ageBand}`)} · ${t(`gender.${v.gender}`)} · ${t('victims.list.identifiedOn', { day: formatDay(v.identifiedOn, i18n.language) })}`}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </Box>
    </Section>
  );
}

/** Live consents of the agency's survivors that end within 14 days: renew them with the survivor, or let them end. */
function ExpiringConsents() {
  const { t, i18n } = useTranslation();
  const expiring = useQuery({ queryKey: ['victims', 'expiringConsents'], queryFn: () => request(EXPIRING_CONSENTS, { withinDays: 14 }) });
  const rows = expiring.data?.expiringConsents ?? [];
  const today = localToday();
  return (
    <Section title={t('victims.expiring.title')}>
      <ErrorAlert error={expiring.error} />
      {expiring.data && rows.length === 0 && <Typography color="text.secondary">{t('victims.expiring.none')}</Typography>}
      {rows.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label={t('victims.expiring.title')}>
            <TableHead>
              <TableRow>
                {(['victim', 'recipient', 'scopes', 'ends'] as const).map((c) => (
                  <TableCell key={c} scope="col">
                    {t(`victims.expiring.columns.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell component="th" scope="row">
                    <RouterLink to="/victims/$victimId" params={{ victimId: c.victimId }} search={{ tab: 'consents' }}>
                      {c.victimCode}
                    </RouterLink>
                  </TableCell>
                  <TableCell>{c.recipientAgency.name}</TableCell>
                  <TableCell>{c.scopes.map((s) => t(`consentScope.${s}`)).join(', ')}</TableCell>
                  <TableCell>
                    {t('victims.consents.endsIn', { count: daysUntil(c.expiresOn, today), day: formatDay(c.expiresOn, i18n.language) })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Section>
  );
}

/** Survivors by code: those the agency keeps and those other agencies share with it (the filter is in the URL). */
function VictimsList() {
  const { t, i18n } = useTranslation();
  const search = victimsListRoute.useSearch({ select: (s: SearchOf<typeof victimsListRoute>) => s });
  const navigate = useNavigate();
  const keeps = search.keeps ?? 'all';
  const victims = useInfiniteQuery({
    queryKey: ['victims', 'list', keeps],
    queryFn: ({ pageParam }) => request(VICTIMS, { first: PAGE, after: pageParam, custodial: KEEPS[keeps] }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.victims.pageInfo.hasNextPage ? (last.victims.pageInfo.endCursor ?? undefined) : undefined),
  });
  const rows = victims.data?.pages.flatMap((p) => p.victims.edges.map((e) => e.node)) ?? [];
  const canWrite = session.can('VICTIM_WRITE');
  return (
    <Page
      title={t('victims.list.title')}
      actions={
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
          <RouterButton to="/victims/provided" variant="outlined">
            {t('victims.provided.link')}
          </RouterButton>
          {canWrite && (
            <RouterButton to="/victims/new" variant="contained">
              {t('victims.list.register')}
            </RouterButton>
          )}
        </Stack>
      }
    >
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <TextField
          select
          label={t('victims.list.keeps')}
          value={keeps}
          sx={{ minWidth: 280 }}
          onChange={(e) =>
            void navigate({ to: '/victims', search: e.target.value === 'all' ? {} : { keeps: e.target.value as VictimsSearch['keeps'] } })
          }
        >
          {(['all', 'mine', 'others'] as const).map((k) => (
            <MenuItem key={k} value={k}>
              {t(`victims.list.keepsOption.${k}`)}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      <ErrorAlert error={victims.error} onRetry={() => void victims.refetch()} />
      {victims.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      {victims.data && rows.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3, mb: 2 }} role="status">
          <Typography variant="h2" component="p" gutterBottom>
            {t(`victims.list.empty.${keeps}`)}
          </Typography>
          <Typography>{canWrite ? t('victims.list.emptyHintWrite') : t('victims.list.emptyHint')}</Typography>
        </Paper>
      )}
      {rows.length > 0 && (
        <Box sx={{ mb: 2 }}>
          <TableContainer component={Paper} variant="outlined" tabIndex={0} aria-label={t('victims.list.caption')}>
            <Table size="small" aria-label={t('victims.list.caption')} sx={{ '& th, & td': { px: { xs: 0.75, lg: 2 } } }}>
              <TableHead>
                <TableRow>
                  {(['code', 'identified', 'age', 'gender', 'type', 'keptBy', 'advocate', 'cases'] as const).map((c) => (
                    <TableCell key={c} scope="col">
                      {t(`victims.list.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((v) => (
                  <TableRow key={v.id} hover>
                    <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                      <RouterLink to="/victims/$victimId" params={{ victimId: v.id }}>
                        {v.code}
                      </RouterLink>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDay(v.identifiedOn, i18n.language)}</TableCell>
                    <TableCell>
                      {t(`ageBand.${v.ageBand}`)}
                      {v.minorAtExploitation && (
                        <Typography variant="body2" color="text.secondary">
                          {t('victims.profile.minor')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{t(`gender.${v.gender}`)}</TableCell>
                    <TableCell>{t(`traffickingType.${v.traffickingType}`)}</TableCell>
                    <TableCell>{v.custodial ? t('victims.list.us') : v.custodialAgency.name}</TableCell>
                    <TableCell>{v.advocate?.displayName ?? t('victims.profile.noAdvocate')}</TableCell>
                    <TableCell>{v.cases.length}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5 }}>
            <Typography variant="body2" color="text.secondary" role="status">
              {t('victims.list.shown', { count: rows.length })}
            </Typography>
            {victims.hasNextPage && (
              <Button variant="outlined" onClick={() => void victims.fetchNextPage()} disabled={victims.isFetchingNextPage}>
                {victims.isFetchingNextPage ? t('app.loading') : t('app.more')}
              </Button>
            )}
          </Box>
        </Box>
      )}
      {canWrite && <FindVictim />}
      {session.can('CONSENT_MANAGE') && <ExpiringConsents />}
    </Page>
  );
}

export const victimsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/victims',
  validateSearch: victimsSearchSchema,
  component: VictimsList,
});
