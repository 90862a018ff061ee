import { useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterLink } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { formatDay } from '../referrals/format';
import { toggleGroupSx } from '../referrals/ui';
import { EmptyState } from '../referrals/EmptyState';
import { DEADLINES, DISMISS_REMINDER, MY_REMINDERS } from './documents';
import { MarkMetDialog, useDeadlinesChanged, type MeetableDeadline } from './MarkMetDialog';
import { deadlinesSearchSchema, overdueFirst, toDeadlinesFilter, type DeadlinesSearch } from './schema';
import type { SearchOf } from '../route-types';

/** A deadline's status as a word, overdue in red. */
export function DeadlineStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return status === 'OVERDUE' ? (
    <Chip size="small" color="error" label={t('deadlines.status.OVERDUE')} />
  ) : (
    <>{t(`deadlines.status.${status}`)}</>
  );
}

/** How a met deadline was met, in words. */
export function metWords(t: TFunction, d: { metOn?: string | null; metBy?: string | null }, lang: string): string | null {
  if (!d.metOn) return null;
  return t('deadlines.metOn', {
    day: formatDay(d.metOn, lang),
    how: d.metBy ? t(`deadlines.metBy.${d.metBy}`, { defaultValue: d.metBy }) : '',
  });
}

/** "Legal matters" of the survivor a deadline belongs to. */
function LegalMattersLink({ victimId, code }: { victimId: string; code: string }) {
  const { t } = useTranslation();
  return (
    <RouterLink to="/deadlines/victims/$victimId" params={{ victimId }} aria-label={t('deadlines.legalMattersFor', { code })}>
      {t('deadlines.legalMatters')}
    </RouterLink>
  );
}

/** The reminders addressed to me (or to my agency), overdue first: mark the deadline met, or dismiss the reminder. */
function Reminders({ onMarkMet }: { onMarkMet: (d: MeetableDeadline) => void }) {
  const { t, i18n } = useTranslation();
  const changed = useDeadlinesChanged();
  const reminders = useQuery({ queryKey: ['deadlines', 'reminders'], queryFn: () => request(MY_REMINDERS) });
  const [done, setDone] = useState(false);
  const dismiss = useMutation({
    mutationFn: (id: string) => request(DISMISS_REMINDER, { id }),
    onSuccess: () => {
      setDone(true);
      changed();
    },
  });
  const rows = overdueFirst((reminders.data?.myReminders ?? []).map((r) => ({ ...r, status: r.deadline.status, dueOn: r.deadline.dueOn })));
  const canWrite = session.can('VICTIM_WRITE');
  return (
    <Card variant="outlined" component="section" aria-labelledby="my-reminders" sx={{ mb: 3 }}>
      <CardContent>
        <Typography id="my-reminders" variant="h2" component="h2" gutterBottom>
          {t('deadlines.reminders')}
        </Typography>
        <ErrorAlert error={reminders.error ?? dismiss.error} />
        {done && (
          <Alert severity="success" role="status" sx={{ mb: 1 }}>
            {t('deadlines.dismissed')}
          </Alert>
        )}
        {reminders.data && rows.length === 0 && <Typography color="text.secondary">{t('deadlines.noReminders')}</Typography>}
        <List disablePadding>
          {rows.map((r) => {
            const d = r.deadline;
            const rule = t(`deadlines.rule.${d.rule}`);
            return (
              <ListItem key={r.id} divider disableGutters sx={{ display: 'block', py: 1.25 }}>
                <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
                  <Chip
                    size="small"
                    color={r.kind === 'OVERDUE' ? 'error' : 'secondary'}
                    label={t(`deadlines.reminderKind.${r.kind}`, { defaultValue: r.kind })}
                  />
                  <Typography component="h3" variant="h3">
                    {rule}
                  </Typography>
                </Stack>
                <Typography>
                  {d.victimCode} · {t('deadlines.due', { day: formatDay(d.dueOn, i18n.language) })}
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                  {d.description}
                </Typography>
                <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  {canWrite && (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => onMarkMet(d)}
                      aria-label={t('deadlines.markMetFor', { rule, code: d.victimCode })}
                    >
                      {t('deadlines.markMet')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => {
                      setDone(false);
                      dismiss.mutate(r.id);
                    }}
                    disabled={dismiss.isPending}
                    aria-label={t('deadlines.dismissFor', { rule, code: d.victimCode })}
                  >
                    {t('deadlines.dismiss')}
                  </Button>
                  <LegalMattersLink victimId={d.victimId} code={d.victimCode} />
                </Stack>
              </ListItem>
            );
          })}
        </List>
      </CardContent>
    </Card>
  );
}

/** Deadlines and reminders: mine or my agency's (in the URL), overdue first, each with its rule named. */
function Deadlines() {
  const { t, i18n } = useTranslation();
  const search = deadlinesRoute.useSearch({ select: (s: SearchOf<typeof deadlinesRoute>) => s });
  const navigate = useNavigate();
  const setSearch = (patch: Partial<DeadlinesSearch>) => void navigate({ to: '/deadlines', search: { ...search, ...patch } });
  const list = useQuery({
    queryKey: ['deadlines', 'list', search],
    queryFn: () => request(DEADLINES, { filter: toDeadlinesFilter(search) }),
  });
  const rows = overdueFirst(list.data?.deadlines ?? []);
  const [meeting, setMeeting] = useState<MeetableDeadline | null>(null);
  const [marked, setMarked] = useState(false);
  const canWrite = session.can('VICTIM_WRITE');
  const startMarking = (d: MeetableDeadline) => {
    setMarked(false);
    setMeeting(d);
  };
  return (
    <Page title={t('deadlines.title')}>
      <Typography sx={{ mb: 2 }}>{t('deadlines.intro')}</Typography>
      {marked && (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {t('deadlines.marked')}
        </Alert>
      )}
      <Reminders onMarkMet={startMarking} />
      <Box component="section" aria-labelledby="deadline-list">
        <Typography id="deadline-list" variant="h2" component="h2" sx={{ mb: 1 }}>
          {t('deadlines.list')}
        </Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={search.scope}
            aria-label={t('deadlines.scope')}
            sx={toggleGroupSx}
            onChange={(_, v: DeadlinesSearch['scope'] | null) => v && setSearch({ scope: v })}
          >
            <ToggleButton value="mine">{t('deadlines.mine')}</ToggleButton>
            <ToggleButton value="agency">{t('deadlines.agency')}</ToggleButton>
          </ToggleButtonGroup>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={search.show}
            aria-label={t('deadlines.show')}
            sx={toggleGroupSx}
            onChange={(_, v: DeadlinesSearch['show'] | null) => v && setSearch({ show: v })}
          >
            <ToggleButton value="open">{t('deadlines.open')}</ToggleButton>
            <ToggleButton value="met">{t('deadlines.met')}</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        {list.isPending && <Typography role="status">{t('app.loading')}</Typography>}
        {list.data && rows.length === 0 && <EmptyState title={t('deadlines.none')} hint={t('deadlines.noneHint')} />}
        {rows.length > 0 && (
          <TableContainer component={Paper} variant="outlined" tabIndex={0} aria-label={t('deadlines.caption')}>
            <Table size="small" aria-label={t('deadlines.caption')}>
              <TableHead>
                <TableRow>
                  {(['rule', 'due', 'status', 'what', 'actions'] as const).map((c) => (
                    <TableCell key={c} scope="col">
                      {t(`deadlines.columns.${c}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((d) => {
                  const rule = t(`deadlines.rule.${d.rule}`);
                  return (
                    <TableRow key={d.id}>
                      <TableCell component="th" scope="row">
                        {rule}
                        <Typography variant="body2" color="text.secondary">
                          {t('deadlines.whose', { code: d.victimCode, advocate: d.assignee?.displayName ?? t('deadlines.unassigned') })}
                        </Typography>
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDay(d.dueOn, i18n.language)}</TableCell>
                      <TableCell>
                        <DeadlineStatus status={d.status} />
                        {d.metOn && (
                          <Typography variant="body2" color="text.secondary">
                            {metWords(t, d, i18n.language)}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {d.description}
                        {d.manualNote && (
                          <Typography variant="body2" color="text.secondary">
                            {d.manualNote}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                          {canWrite && d.status !== 'MET' && (
                            <Button
                              size="small"
                              variant="outlined"
                              onClick={() => startMarking(d)}
                              aria-label={t('deadlines.markMetFor', { rule, code: d.victimCode })}
                            >
                              {t('deadlines.markMet')}
                            </Button>
                          )}
                          <LegalMattersLink victimId={d.victimId} code={d.victimCode} />
                        </Stack>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Box>
      {meeting && (
        <MarkMetDialog
          deadline={meeting}
          onClose={() => setMeeting(null)}
          onDone={() => {
            setMeeting(null);
            setMarked(true);
          }}
        />
      )}
    </Page>
  );
}

export const deadlinesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deadlines',
  validateSearch: (raw: Record<string, unknown>): DeadlinesSearch => deadlinesSearchSchema.parse(raw),
  component: Deadlines,
});
