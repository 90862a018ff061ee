import { ReactNode } from 'react';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { appRoute } from '../app-route';
import { caseAbilities } from './access';
import { CASE_DETAIL, caseKeys } from './documents';
import { CaseTabProps, useCaseRefresh } from './hooks';
import { caseDetailSearch, CaseTab } from './schemas';
import { SummaryTab } from './SummaryTab';
import { SubjectsTab } from './SubjectsTab';
import { ChargesTab } from './ChargesTab';
import { NotesTab } from './NotesTab';
import { TasksTab } from './TasksTab';
import { VictimsTab } from './VictimsTab';
import { SharesTab } from './SharesTab';
import { ReferralsTab } from './ReferralsTab';
import { DeconflictionTab } from './DeconflictionTab';
import type { ParamsOf, SearchOf } from '../route-types';

interface TabDef {
  id: CaseTab;
  count?: number;
  permission?: string;
  render: (p: CaseTabProps) => ReactNode;
}

const TABS: TabDef[] = [
  { id: 'summary', render: (p) => <SummaryTab {...p} /> },
  { id: 'subjects', render: (p) => <SubjectsTab {...p} /> },
  { id: 'charges', render: (p) => <ChargesTab {...p} /> },
  { id: 'notes', render: (p) => <NotesTab {...p} /> },
  { id: 'tasks', render: (p) => <TasksTab {...p} /> },
  { id: 'victims', permission: 'VICTIM_READ', render: (p) => <VictimsTab {...p} /> },
  { id: 'shares', render: (p) => <SharesTab {...p} /> },
  { id: 'referrals', permission: 'REFERRAL_READ', render: (p) => <ReferralsTab {...p} /> },
  { id: 'deconfliction', permission: 'DECONFLICTION', render: (p) => <DeconflictionTab {...p} /> },
];

/** One case: its heading (the number, never a person's name, is the page title) and its tabs. */
function CaseDetailPage() {
  const { t } = useTranslation();
  // The area routes join the tree untyped (routes/areas.ts): these are what the route validated.
  const { caseId } = caseDetailRoute.useParams({ select: (s: ParamsOf<typeof caseDetailRoute>) => s });
  const { tab = 'summary' } = caseDetailRoute.useSearch({ select: (s: SearchOf<typeof caseDetailRoute>) => s });
  const navigate = useNavigate({ from: '/cases/$caseId' });
  const refresh = useCaseRefresh();
  const q = useQuery({ queryKey: caseKeys.detail(caseId), queryFn: () => request(CASE_DETAIL, { id: caseId }) });
  const c = q.data?.case;
  if (!c) {
    return (
      <Page title={t('cases.detail.titleUnknown')}>
        {q.isPending ? <Loading /> : <ErrorAlert error={q.error} />}
        <Button component={Link} to="/cases">
          {t('cases.detail.backToList')}
        </Button>
      </Page>
    );
  }
  const tabs = TABS.filter((d) => !d.permission || session.can(d.permission));
  const current = tabs.find((d) => d.id === tab) ?? tabs[0];
  const counts: Partial<Record<CaseTab, number>> = {
    subjects: c.subjects.length,
    charges: c.charges.length,
    notes: c.notes.length,
    tasks: c.tasks.filter((x) => !x.done).length,
    victims: c.victimCount,
    shares: c.participants.length,
    deconfliction: c.identifiers.length,
  };
  const props: CaseTabProps = { c, can: caseAbilities(c, session.can), refresh };
  return (
    <Page title={t('cases.detail.title', { number: c.number })}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: -1, mb: 2 }}>
        <Typography component="p" variant="subtitle1" sx={{ fontWeight: 500 }}>
          {c.title}
        </Typography>
        <Chip size="small" label={t(`caseStatus.${c.status}`)} color={c.status === 'CLOSED' ? 'default' : 'primary'} variant="outlined" />
        <Chip size="small" label={t('cases.detail.access', { access: t(`caseAccessLevel.${c.myAccess}`) })} variant="outlined" />
        {c.myAccess === 'READ' && (
          <Typography variant="body2" color="text.secondary">
            {t('cases.detail.readOnly')}
          </Typography>
        )}
      </Box>
      <Paper variant="outlined">
        <Tabs
          value={current.id}
          onChange={(_, v: CaseTab) => void navigate({ search: { tab: v === 'summary' ? undefined : v }, replace: true })}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
          aria-label={t('cases.detail.tabs')}
          sx={{ borderBottom: 1, borderColor: 'divider', '& .MuiTab-root': { textTransform: 'none', minWidth: 0, px: 1.5 } }}
        >
          {tabs.map((d) => (
            <Tab
              key={d.id}
              value={d.id}
              id={`case-tab-${d.id}`}
              aria-controls={`case-panel-${d.id}`}
              label={counts[d.id] === undefined ? t(`cases.tabs.${d.id}`) : `${t(`cases.tabs.${d.id}`)} (${counts[d.id]})`}
            />
          ))}
        </Tabs>
        <Box role="tabpanel" id={`case-panel-${current.id}`} aria-labelledby={`case-tab-${current.id}`} sx={{ p: { xs: 1.5, sm: 2 } }}>
          {current.render(props)}
        </Box>
      </Paper>
    </Page>
  );
}

export const caseDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  validateSearch: caseDetailSearch,
  component: CaseDetailPage,
});
