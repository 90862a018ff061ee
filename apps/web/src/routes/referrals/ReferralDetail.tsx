import { createRoute } from '@tanstack/react-router';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterLink } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { REFERRAL, REFERRAL_CASE } from './documents';
import { formatMoment } from './format';
import { ReferralAnswers } from './ReferralAnswers';
import { Facts, ReferralBriefCard } from './ReferralBriefCard';
import type { ParamsOf } from '../route-types';

/** The case or survivor behind the referral, once the viewer's side may know which it is. */
function LinkedRecord({ caseId, victimId, victimCode }: { caseId: string | null; victimId: string | null; victimCode: string | null }) {
  const { t } = useTranslation();
  const canReadCase = !!caseId && session.can('CASE_READ');
  const c = useQuery({
    queryKey: ['referrals', 'case', caseId],
    queryFn: caseId && canReadCase ? () => request(REFERRAL_CASE, { id: caseId }) : skipToken,
  });
  if (caseId && canReadCase) {
    const k = c.data?.case;
    return (
      <RouterLink to="/cases/$caseId" params={{ caseId }}>
        {k ? t('referrals.detail.openCase', { number: k.number, title: k.title }) : t('referrals.detail.openCaseId')}
      </RouterLink>
    );
  }
  if (victimId && session.can('VICTIM_READ')) {
    return (
      <RouterLink to="/victims/$victimId" params={{ victimId }}>
        {t('referrals.detail.openVictim', { code: victimCode ?? '' })}
      </RouterLink>
    );
  }
  return null;
}

/** One referral: its status, what the receiver sees, the answers open to the viewer, and who did what. */
function ReferralDetail() {
  const { t, i18n } = useTranslation();
  const { referralId } = referralDetailRoute.useParams({ select: (s: ParamsOf<typeof referralDetailRoute>) => s });
  const q = useQuery({ queryKey: ['referrals', 'one', referralId], queryFn: () => request(REFERRAL, { id: referralId }) });
  const r = q.data?.referral;
  const revealed = r && (r.caseId || r.victimId);
  return (
    <Page title={t('referrals.detail.title')}>
      <Typography sx={{ mb: 2 }}>
        <RouterLink to="/referrals" search={{ direction: r?.direction ?? 'INCOMING' }}>
          {t('referrals.detail.back')}
        </RouterLink>
      </Typography>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      {r && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 7 }}>
            <Stack spacing={2}>
              <Card variant="outlined" component="section" aria-labelledby="referral-facts">
                <CardContent>
                  <Typography id="referral-facts" variant="h2" component="h2" gutterBottom>
                    {t('referrals.detail.facts')}
                  </Typography>
                  {r.overdue && (
                    <Alert severity="warning" sx={{ mb: 1.5 }}>
                      {t('referrals.detail.overdue')}
                    </Alert>
                  )}
                  <Facts
                    rows={[
                      [
                        t('referrals.detail.status'),
                        <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                          <span>{t(`referrals.status.${r.status}`)}</span>
                          {r.overdue && <Chip size="small" color="error" label={t('referrals.overdue')} />}
                        </Stack>,
                      ],
                      [t('referrals.detail.sent'), formatMoment(r.createdAt, i18n.language)],
                      ...(r.answerReason ? [[t('referrals.detail.answerReason'), r.answerReason] as [string, string]] : []),
                      ...(r.outcome ? [[t('referrals.detail.outcome'), r.outcome] as [string, string]] : []),
                      [
                        t('referrals.detail.record'),
                        revealed ? (
                          <LinkedRecord caseId={r.caseId ?? null} victimId={r.victimId ?? null} victimCode={r.brief.victimCode ?? null} />
                        ) : (
                          t('referrals.detail.hiddenUntilAccepted')
                        ),
                      ],
                    ]}
                  />
                </CardContent>
              </Card>
              <ReferralAnswers referral={r} />
              <ReferralBriefCard referral={r} title={t('referrals.brief.title')} hint={t('referrals.brief.hint')} />
            </Stack>
          </Grid>
          <Grid size={{ xs: 12, lg: 5 }}>
            <Card variant="outlined" component="section" aria-labelledby="referral-history">
              <CardContent>
                <Typography id="referral-history" variant="h2" component="h2">
                  {t('referrals.history.title')}
                </Typography>
                <List dense>
                  {r.history.map((e, i) => {
                    const agency = e.actorAgency?.name ?? '';
                    const who = e.actor?.displayName ?? (e.actor ? t('referrals.someone', { agency }) : t('referrals.history.system'));
                    return (
                      <ListItem key={i} disableGutters alignItems="flex-start">
                        <ListItemText
                          primary={`${t(`referrals.history.${e.action}`, { defaultValue: e.action })} · ${formatMoment(e.at, i18n.language)}`}
                          secondary={
                            <>
                              {e.actor?.displayName && agency ? t('referrals.history.by', { who, agency }) : who}
                              {e.note && (
                                <Typography component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap' }} color="text.primary">
                                  {e.note}
                                </Typography>
                              )}
                            </>
                          }
                        />
                      </ListItem>
                    );
                  })}
                </List>
              </CardContent>
            </Card>
          </Grid>
        </Grid>
      )}
    </Page>
  );
}

export const referralDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/referrals/$referralId',
  component: ReferralDetail,
});
