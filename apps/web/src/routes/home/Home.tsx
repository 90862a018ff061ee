import { createRoute, Link } from '@tanstack/react-router';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import { graphql } from '../../gql';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { appRoute } from '../app-route';

const MY_WORK = graphql(`
  query HomeMyWork($me: ID!) {
    leads(first: 10, filter: { assignedToId: $me, status: [NEW, TRIAGED] }) {
      edges {
        node {
          id
          reference
          source
          receivedAt
          status
        }
      }
    }
    cases(first: 10, filter: { assigneeId: $me, status: [OPEN, ACTIVE, REFERRED_FOR_PROSECUTION, CHARGED, ADJUDICATED] }) {
      edges {
        node {
          id
          number
          title
          status
        }
      }
    }
    deconflictionNotices(first: 5) {
      edges {
        node {
          id
          kind
          createdAt
          acknowledgedAt
          otherAgency {
            name
          }
        }
      }
    }
  }
`);

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** What needs the signed-in person today: their open leads and cases, and new deconfliction notices. */
export function Home() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const investigator = session.can('LEAD_READ') && session.can('CASE_READ') && session.can('DECONFLICTION');
  const work = useQuery({
    queryKey: ['home', user?.userId],
    queryFn: investigator && user ? () => request(MY_WORK, { me: user.userId }) : skipToken,
  });
  const empty = <Typography color="text.secondary">{t('home.nothing')}</Typography>;
  return (
    <Page title={t('home.title', { name: user?.displayName ?? '' })}>
      <Typography sx={{ mb: 2 }}>{t('home.intro')}</Typography>
      <ErrorAlert error={work.error} />
      {investigator && work.data && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <Panel title={t('homeWork.leads')}>
              {work.data.leads.edges.length === 0 ? (
                empty
              ) : (
                <List dense>
                  {work.data.leads.edges.map(({ node: l }) => (
                    <ListItem key={l.id} disablePadding>
                      <ListItemText
                        primary={
                          <Link to="/leads/$leadId" params={{ leadId: l.id }}>
                            {l.reference}
                          </Link>
                        }
                        secondary={`${t(`leadSource.${l.source}`)} · ${new Date(l.receivedAt).toLocaleDateString(i18n.language)}`}
                      />
                    </ListItem>
                  ))}
                </List>
              )}
            </Panel>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <Panel title={t('homeWork.cases')}>
              {work.data.cases.edges.length === 0 ? (
                empty
              ) : (
                <List dense>
                  {work.data.cases.edges.map(({ node: c }) => (
                    <ListItem key={c.id} disablePadding>
                      <ListItemText
                        primary={
                          <Link to="/cases/$caseId" params={{ caseId: c.id }}>
                            {c.number}
                          </Link>
                        }
                        secondary={`${c.title} · ${t(`caseStatus.${c.status}`)}`}
                      />
                    </ListItem>
                  ))}
                </List>
              )}
            </Panel>
          </Grid>
          <Grid size={{ xs: 12 }}>
            <Panel title={t('homeWork.notices')}>
              {work.data.deconflictionNotices.edges.length === 0 ? (
                empty
              ) : (
                <List dense>
                  {work.data.deconflictionNotices.edges.map(({ node: n }) => (
                    <ListItem key={n.id} disablePadding>
                      <ListItemText
                        primary={t('homeWork.notice', { agency: n.otherAgency.name, kind: t(`identifierKind.${n.kind}`) })}
                        secondary={new Date(n.createdAt).toLocaleDateString(i18n.language)}
                      />
                    </ListItem>
                  ))}
                </List>
              )}
            </Panel>
          </Grid>
        </Grid>
      )}
    </Page>
  );
}

export const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: Home });
