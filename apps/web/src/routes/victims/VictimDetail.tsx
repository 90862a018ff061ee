import type { ReactNode } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import type { VictimQuery } from '../../gql/graphql';
import { appRoute } from '../app-route';
import { Consents } from './Consents';
import { VICTIM } from './documents';
import { IdentityPanel } from './IdentityPanel';
import { formatDay, formatTime, RouterButton, RouterLink, Section, StatusChip } from './parts';
import { SendVictimReferralButton } from '../referrals';
import { Services } from './Services';
import { VICTIM_TABS, victimTabSchema } from './schema';
import type { ParamsOf, SearchOf } from '../route-types';

type Victim = VictimQuery['victim'];

/** Terms and their values, two columns on a wide screen, one on a narrow one. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(180px, max-content) 1fr' }, columnGap: 2, rowGap: 0.75, m: 0 }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" sx={{ fontWeight: 600 }}>
            {term}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** The profile that identifies no one, its risk factors, and the cases the survivor is linked to. */
function Profile({ victim: v }: { victim: Victim }) {
  const { t, i18n } = useTranslation();
  const day = (d: string | null | undefined) => (d ? formatDay(d, i18n.language) : t('victims.profile.notRecorded'));
  const list = (prefix: string, values: readonly string[]) =>
    values.length ? values.map((x) => t(`${prefix}.${x}`)).join(', ') : t('app.none');
  return (
    <>
      <Section title={t('victims.profile.title')}>
        <Facts
          rows={[
            [t('victims.profile.ageBand'), t(`ageBand.${v.ageBand}`)],
            [t('victims.profile.minorAtExploitation'), v.minorAtExploitation ? t('app.yes') : t('app.no')],
            [t('victims.profile.gender'), t(`gender.${v.gender}`)],
            [t('victims.profile.traffickingType'), t(`traffickingType.${v.traffickingType}`)],
            [t('victims.profile.riskFactors'), list('riskFactor', v.riskFactors)],
            [t('victims.profile.safetyFlags'), list('safetyFlag', v.safetyFlags)],
            [t('victims.profile.crimeDate'), day(v.crimeDate)],
            [t('victims.profile.identifiedOn'), day(v.identifiedOn)],
            [t('victims.profile.keptBy'), v.custodialAgency.name],
            [t('victims.profile.advocate'), v.advocate?.displayName ?? t('victims.profile.noAdvocate')],
            [t('victims.profile.registered'), formatTime(v.createdAt, i18n.language)],
          ]}
        />
      </Section>
      <Section title={t('victims.cases.title')}>
        {v.cases.length === 0 ? (
          <Typography color="text.secondary">{t('victims.cases.none')}</Typography>
        ) : (
          <List dense>
            {v.cases.map((c) => (
              <ListItem key={c.caseId} disablePadding>
                <ListItemText
                  primary={
                    <RouterLink to="/cases/$caseId" params={{ caseId: c.caseId }}>
                      {c.caseNumber}
                    </RouterLink>
                  }
                  secondary={c.caseTitle}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>
    </>
  );
}

/** Legal matters and the deadlines they bring (read-only here; the custodial agency's only). */
function Legal({ victim: v }: { victim: Victim }) {
  const { t, i18n } = useTranslation();
  const day = (d: string | null | undefined) => formatDay(d, i18n.language);
  if (!v.custodial)
    return (
      <Section title={t('victims.legal.title')}>
        <Typography color="text.secondary">{t('victims.legal.custodialOnly', { agency: v.custodialAgency.name })}</Typography>
      </Section>
    );
  return (
    <>
      <Section
        title={t('victims.legal.title')}
        actions={
          <RouterButton to="/deadlines/victims/$victimId" params={{ victimId: v.id }} variant="outlined">
            {t('victims.legal.edit')}
          </RouterButton>
        }
      >
        {v.legalMatters.length === 0 ? (
          <Typography color="text.secondary">{t('victims.legal.none')}</Typography>
        ) : (
          <TableContainer tabIndex={0} aria-label={t('victims.legal.title')}>
            <Table size="small" aria-label={t('victims.legal.title')}>
              <TableHead>
                <TableRow>
                  {(['kind', 'description', 'dates', 'outcome'] as const).map((c) => (
                    <TableCell key={c} scope="col">
                      {t(`victims.legal.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {v.legalMatters.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell component="th" scope="row">
                      {t(`legalMatterKind.${m.kind}`)}
                    </TableCell>
                    <TableCell>{[m.description, m.certifyingAgency].filter(Boolean).join(' · ')}</TableCell>
                    <TableCell>
                      {(
                        [
                          ['eventOn', m.eventOn],
                          ['requestedOn', m.requestedOn],
                          ['grantedOn', m.grantedOn],
                          ['renewalRequestedOn', m.renewalRequestedOn],
                          ['decidedOn', m.decidedOn],
                        ] as const
                      )
                        .filter(([, d]) => d)
                        .map(([k, d]) => (
                          <Typography key={k} variant="body2">
                            {t(`victims.legal.${k}`, { day: day(d) })}
                          </Typography>
                        ))}
                      {m.lengthMonths != null && (
                        <Typography variant="body2">{t('victims.legal.months', { count: m.lengthMonths })}</Typography>
                      )}
                    </TableCell>
                    <TableCell>{m.outcome ? t(`legalMatterOutcome.${m.outcome}`) : t('victims.legal.pending')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Section>
      <Section title={t('victims.deadlines.title')}>
        {v.deadlines.length === 0 ? (
          <Typography color="text.secondary">{t('victims.deadlines.none')}</Typography>
        ) : (
          <TableContainer tabIndex={0} aria-label={t('victims.deadlines.title')}>
            <Table size="small" aria-label={t('victims.deadlines.title')}>
              <TableHead>
                <TableRow>
                  {(['due', 'rule', 'description', 'status', 'assignee'] as const).map((c) => (
                    <TableCell key={c} scope="col">
                      {t(`victims.deadlines.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {v.deadlines.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                      {day(d.dueOn)}
                    </TableCell>
                    <TableCell>{t(`deadlineRule.${d.rule}`)}</TableCell>
                    <TableCell>{d.description}</TableCell>
                    <TableCell>
                      <StatusChip
                        tone={d.status === 'OVERDUE' ? 'error' : d.status === 'MET' ? 'success' : 'default'}
                        label={t(`deadlineStatus.${d.status}`)}
                      />
                      {d.metOn && <Typography variant="body2">{t('victims.deadlines.metOn', { day: day(d.metOn) })}</Typography>}
                    </TableCell>
                    <TableCell>{d.assignee?.displayName ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Section>
    </>
  );
}

/**
 * One survivor, by code (the id in the URL identifies no one): the identity panel, then the profile,
 * consents, services, and legal matters and deadlines in tabs (the open tab is in the URL).
 */
function VictimDetail() {
  const { t } = useTranslation();
  const { victimId } = victimDetailRoute.useParams({ select: (s: ParamsOf<typeof victimDetailRoute>) => s });
  const { tab = 'profile' } = victimDetailRoute.useSearch({ select: (s: SearchOf<typeof victimDetailRoute>) => s });
  const navigate = useNavigate();
  const victim = useQuery({ queryKey: ['victim', victimId], queryFn: () => request(VICTIM, { id: victimId }) });
  const v = victim.data?.victim;
  if (!v) {
    return (
      <Page
        title={t('victims.detail.title')}
        actions={
          <RouterButton to="/victims" variant="outlined">
            {t('victims.detail.back')}
          </RouterButton>
        }
      >
        <ErrorAlert error={victim.error} onRetry={() => void victim.refetch()} />
        {victim.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      </Page>
    );
  }
  const counts: Record<(typeof VICTIM_TABS)[number], string> = {
    profile: t('victims.tabs.profile'),
    consents: t('victims.tabs.consents', { count: v.consentsGiven.length }),
    services: t('victims.tabs.services', { count: v.services.length }),
    legal: t('victims.tabs.legal'),
  };
  return (
    <Page
      title={t('victims.detail.titleCode', { code: v.code })}
      actions={
        <>
          {v.custodial && <SendVictimReferralButton victimId={v.id} />}
          <RouterButton to="/victims" variant="outlined">
            {t('victims.detail.back')}
          </RouterButton>
        </>
      }
    >
      <Typography sx={{ mb: 1 }}>
        {v.custodial ? t('victims.detail.keptByUs') : t('victims.detail.keptBy', { agency: v.custodialAgency.name })}
      </Typography>
      {victim.error && <ErrorAlert error={victim.error} onRetry={() => void victim.refetch()} />}
      {v.safetyFlags.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('victims.detail.safety', { flags: v.safetyFlags.map((f) => t(`safetyFlag.${f}`)).join(', ') })}
        </Alert>
      )}
      <IdentityPanel key={v.id} victim={v} />
      <Tabs
        value={tab}
        onChange={(_, next: typeof tab) =>
          void navigate({ to: '/victims/$victimId', params: { victimId }, search: next === 'profile' ? {} : { tab: next }, replace: true })
        }
        aria-label={t('victims.tabs.label')}
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {VICTIM_TABS.map((k) => (
          <Tab key={k} value={k} label={counts[k]} id={`victim-tab-${k}`} aria-controls={`victim-panel-${k}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`victim-panel-${tab}`} aria-labelledby={`victim-tab-${tab}`}>
        {tab === 'profile' && <Profile victim={v} />}
        {tab === 'consents' && <Consents victim={v} />}
        {tab === 'services' && <Services victim={v} />}
        {tab === 'legal' && <Legal victim={v} />}
      </Box>
    </Page>
  );
}

export const victimDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/victims/$victimId',
  validateSearch: victimTabSchema,
  component: VictimDetail,
});
