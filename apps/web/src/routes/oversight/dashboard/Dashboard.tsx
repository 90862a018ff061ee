import { SubmitEvent, useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../../../gql';
import type { DashboardScope } from '../../../gql/graphql';
import { request } from '../../../api/client';
import { session, useSession } from '../../../api/session';
import { Page } from '../../../components/Page';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { appRoute } from '../../app-route';
import { allUsers } from '../users';
import { medianWords } from './cells';
import { IndicatorPanel } from './IndicatorPanel';
import { dayName, monthName } from './labels';
import { idsByName } from './links';
import {
  ClosedPeriod,
  closedPeriods,
  defaultAgencyPeriod,
  defaultClosedPeriod,
  findClosedPeriod,
  isRealDay,
  PeriodKind,
  todayUtc,
} from './periods';
import type { SearchOf } from '../../route-types';

const DASHBOARD = graphql(`
  query OversightDashboard($scope: DashboardScope!, $from: String!, $to: String!) {
    dashboard(scope: $scope, from: $from, to: $to) {
      scope
      from
      to
      stocksAsOf
      suppressionThreshold
      referralMedianMinutesToAnswer
      indicators {
        name
        total
        totalSuppressed
        cells {
          key
          key2
          count
          suppressed
          withheld
        }
      }
    }
  }
`);

const day = z.string().refine(isRealDay);
export const dashboardSearch = z.object({
  view: z.enum(['agency', 'task-force']).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});
type DashboardSearch = z.infer<typeof dashboardSearch>;

/** A closed period in words, with no digit standing alone (months and years are spelled out). */
export function periodName(p: ClosedPeriod, t: TFunction, lang: string): string {
  const month = p.from.slice(0, 7);
  if (p.kind === 'MONTH') return monthName(month, lang);
  const year = p.to.slice(0, 4);
  if (p.kind === 'FISCAL_YEAR') return t('oversight.dashboard.fiscalYear', { year, previous: p.from.slice(0, 4) });
  const name = (m: string) => new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  return t('oversight.dashboard.quarter', { first: name(month), last: name(p.to.slice(0, 7)), year });
}

const GROUPS: { kind: PeriodKind; label: string }[] = [
  { kind: 'QUARTER', label: 'oversight.dashboard.quarters' },
  { kind: 'FISCAL_YEAR', label: 'oversight.dashboard.fiscalYears' },
  { kind: 'MONTH', label: 'oversight.dashboard.months' },
];

/** Only the closed periods the task-force view answers: months, quarters and fiscal years that have ended. */
function ClosedPeriodPicker({ today, value, onChange }: { today: string; value: ClosedPeriod; onChange: (p: ClosedPeriod) => void }) {
  const { t, i18n } = useTranslation();
  const periods = closedPeriods(today);
  const id = (p: ClosedPeriod) => `${p.from}/${p.to}`;
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        select
        label={t('oversight.dashboard.period')}
        value={id(value)}
        sx={{ width: 460, maxWidth: '100%' }}
        onChange={(e) => {
          const chosen = periods.find((p) => id(p) === e.target.value);
          if (chosen) onChange(chosen);
        }}
      >
        {GROUPS.flatMap((g) => [
          <ListSubheader key={g.kind}>{t(g.label)}</ListSubheader>,
          ...periods
            .filter((p) => p.kind === g.kind)
            .map((p) => (
              <MenuItem key={id(p)} value={id(p)}>
                {periodName(p, t, i18n.language)}
              </MenuItem>
            )),
        ])}
      </TextField>
      <Typography variant="body2" color="text.secondary">
        {t('oversight.dashboard.closedOnly')}
      </Typography>
    </Stack>
  );
}

/** Any days, for one's own agency. */
function DaysPicker({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ from, to });
  const [bad, setBad] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the draft follows the URL when it changes (back, forward, a link); typing keeps its own state
  useEffect(() => setDraft({ from, to }), [from, to]);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const ok = isRealDay(draft.from) && isRealDay(draft.to) && draft.from <= draft.to;
    setBad(!ok);
    if (ok) onChange(draft.from, draft.to);
  };
  return (
    <Stack
      component="form"
      direction="row"
      spacing={2}
      onSubmit={submit}
      noValidate
      aria-label={t('oversight.dashboard.period')}
      sx={{ flexWrap: 'wrap', alignItems: 'flex-start', rowGap: 2 }}
    >
      <TextField
        type="date"
        label={t('oversight.dashboard.from')}
        value={draft.from}
        onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
        error={bad}
      />
      <TextField
        type="date"
        label={t('oversight.dashboard.to')}
        value={draft.to}
        onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
        error={bad}
        helperText={bad ? t('oversight.dashboard.badDays') : undefined}
      />
      <Button type="submit" variant="outlined" sx={{ mt: 1 }}>
        {t('oversight.dashboard.show')}
      </Button>
    </Stack>
  );
}

function Dashboard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { user } = useSession();
  const navigate = useNavigate();
  const search = dashboardRoute.useSearch({ select: (s: SearchOf<typeof dashboardRoute>) => s });
  const today = todayUtc();
  // The agency view is its supervisors' (the API says so too); coordinators see the task force only.
  const agencyAllowed = !!user?.roles.includes('SUPERVISOR');
  const view = agencyAllowed && search.view !== 'task-force' ? 'agency' : 'task-force';
  const scope: DashboardScope = view === 'agency' ? 'AGENCY' : 'TASK_FORCE';
  const closed = findClosedPeriod(today, search.from, search.to) ?? defaultClosedPeriod(today);
  const agencyDays =
    search.from && search.to && search.from <= search.to ? { from: search.from, to: search.to } : defaultAgencyPeriod(today);
  const period = scope === 'AGENCY' ? agencyDays : closed;
  const go = (next: DashboardSearch) => void navigate({ to: '/dashboard', search: next });

  const data = useQuery({
    queryKey: ['dashboard', scope, period.from, period.to],
    queryFn: () => request(DASHBOARD, { scope, from: period.from, to: period.to }),
  });
  // The caseload names investigators; their ids open the list of their cases.
  const staff = useQuery({ queryKey: ['dashboard', 'staff'], queryFn: allUsers, enabled: scope === 'AGENCY' && session.can('USER_READ') });
  const d = data.data?.dashboard;
  const links = scope === 'AGENCY' ? { from: period.from, to: period.to, investigatorIds: staff.data && idsByName(staff.data) } : undefined;

  const median = (m: number | null | undefined) => (
    <Typography variant="body2" sx={{ mt: 1 }}>
      {t('oversight.median.label')}:{' '}
      {m != null ? medianWords(m, t) : scope === 'TASK_FORCE' ? t('oversight.median.notShown') : t('oversight.median.none')}
    </Typography>
  );

  return (
    <Page title={t('oversight.dashboard.title')}>
      {agencyAllowed && (
        <Tabs value={view} onChange={(_e, v: typeof view) => go({ view: v })} aria-label={t('oversight.dashboard.views')} sx={{ mb: 2 }}>
          <Tab value="agency" label={t('oversight.dashboard.agency')} />
          <Tab value="task-force" label={t('oversight.dashboard.taskForce')} />
        </Tabs>
      )}
      <Stack spacing={2}>
        {scope === 'TASK_FORCE' ? (
          <ClosedPeriodPicker
            today={today}
            value={closed}
            onChange={(p) => go({ view: agencyAllowed ? 'task-force' : undefined, from: p.from, to: p.to })}
          />
        ) : (
          <DaysPicker from={agencyDays.from} to={agencyDays.to} onChange={(from, to) => go({ view: 'agency', from, to })} />
        )}
        <ErrorAlert error={data.error} onRetry={() => void data.refetch()} />
        {data.isPending && <Typography role="status">{t('oversight.dashboard.loading')}</Typography>}
        {d && (
          <>
            <Alert severity="info">
              {scope === 'TASK_FORCE'
                ? t('oversight.dashboard.taskForceIntro', { period: periodName(closed, t, lang), threshold: d.suppressionThreshold })
                : t('oversight.dashboard.agencyIntro', { from: dayName(d.from, lang), to: dayName(d.to, lang) })}
              {scope === 'TASK_FORCE' && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  {d.stocksAsOf
                    ? t('oversight.dashboard.stocksAsOf', { date: dayName(d.stocksAsOf, lang) })
                    : t('oversight.dashboard.stocksNotTaken')}
                </Typography>
              )}
            </Alert>
            {d.indicators.map((ind) => (
              <IndicatorPanel
                key={ind.name}
                indicator={ind}
                scope={scope}
                threshold={d.suppressionThreshold}
                links={links}
                footnote={ind.name === 'referralsAnswered' ? median(d.referralMedianMinutesToAnswer) : undefined}
              />
            ))}
          </>
        )}
      </Stack>
    </Page>
  );
}

export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: (raw: Record<string, unknown>): DashboardSearch => dashboardSearch.parse(raw),
  component: Dashboard,
});
