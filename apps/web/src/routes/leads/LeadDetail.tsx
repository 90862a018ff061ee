import { useState, type ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { DeconflictionNotice } from '../../components/DeconflictionNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterButton, RouterLink } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { LEAD } from './documents';
import { formatPlace, formatWhen } from './format';
import { CloseDialog, PromoteDialog, TriageDialog } from './LeadActions';
import type { ParamsOf } from '../route-types';

/** A titled card of the detail page. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography id={id} variant="h2" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** Facts as a description list: term and value side by side. */
function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}
    >
      {items.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ fontWeight: 600 }}>
            {term}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            {value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

type Dialog = 'triage' | 'promote' | 'close' | null;

/** One lead: its facts, identifiers and what other agencies work them, and what may be done next. */
function LeadDetail() {
  const { t, i18n } = useTranslation();
  const { leadId } = leadDetailRoute.useParams({ select: (s: ParamsOf<typeof leadDetailRoute>) => s });
  const query = useQuery({ queryKey: ['leads', 'detail', leadId], queryFn: () => request(LEAD, { id: leadId }) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const lead = query.data?.lead;
  const back = (
    <RouterButton to="/leads" variant="text">
      {t('leadDetail.back')}
    </RouterButton>
  );
  if (!lead) {
    return (
      <Page title={t('leadsList.title')} actions={back}>
        <ErrorAlert error={query.error} />
        {query.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      </Page>
    );
  }
  const open = lead.status === 'NEW' || lead.status === 'TRIAGED';
  const canLead = session.can('LEAD_WRITE');
  const canPromote = canLead && session.can('CASE_WRITE');
  const none = t('leadDetail.noneObserved');
  return (
    <Page title={t('leadDetail.title', { reference: lead.reference })} actions={back}>
      {done && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <Section id="lead-facts" title={t('leadDetail.facts')}>
              <Facts
                items={[
                  [t('leadDetail.status'), t(`leadStatus.${lead.status}`)],
                  [t('leadDetail.priority'), t(`leadPriority.${lead.priority}`)],
                  [t('leadDetail.source'), t(`leadSource.${lead.source}`)],
                  [t('leadDetail.receivedAt'), formatWhen(lead.receivedAt, i18n.language)],
                  [t('leadDetail.suspectedType'), t(`traffickingType.${lead.suspectedType}`)],
                  [t('leadDetail.venue'), lead.venue ? t(`venue.${lead.venue}`) : none],
                  [t('leadDetail.place'), formatPlace(lead)],
                  [t('leadDetail.assignee'), lead.assignedToName ?? t('leadsList.unassigned')],
                  [t('leadDetail.indicators'), lead.indicators.length ? lead.indicators.map((i) => t(`indicator.${i}`)).join('; ') : none],
                  ...(lead.closedReason ? [[t('leadDetail.closedReason'), lead.closedReason] as [string, ReactNode]] : []),
                  ...(lead.duplicateOfId
                    ? [
                        [
                          t('leadDetail.duplicateOf'),
                          <RouterLink to="/leads/$leadId" params={{ leadId: lead.duplicateOfId }}>
                            {t('leadDetail.openDuplicate')}
                          </RouterLink>,
                        ] as [string, ReactNode],
                      ]
                    : []),
                  ...(lead.caseId
                    ? [
                        [
                          t('leadDetail.caseLink'),
                          <RouterLink to="/cases/$caseId" params={{ caseId: lead.caseId }}>
                            {t('leadDetail.openCase')}
                          </RouterLink>,
                        ] as [string, ReactNode],
                      ]
                    : []),
                ]}
              />
              <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 0.5 }}>
                {t('leadDetail.narrative')}
              </Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{lead.narrative}</Typography>
            </Section>
            <Section id="lead-identifiers" title={t('leadDetail.identifiers')}>
              {lead.identifiers.length === 0 ? (
                <Typography>{t('leadDetail.noIdentifiers')}</Typography>
              ) : (
                <TableContainer>
                  <Table size="small" aria-labelledby="lead-identifiers">
                    <TableHead>
                      <TableRow>
                        <TableCell scope="col">{t('leadDetail.kind')}</TableCell>
                        <TableCell scope="col">{t('leadDetail.value')}</TableCell>
                        <TableCell scope="col">{t('leadDetail.deconfliction')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {lead.identifiers.map((i) => (
                        <TableRow key={i.id}>
                          <TableCell>{t(`identifierKind.${i.kind}`)}</TableCell>
                          <TableCell>
                            {i.value}
                            {i.birthDate && (
                              <Typography variant="body2" color="text.secondary">
                                {t('leadDetail.birthDate')}: {i.birthDate}
                              </Typography>
                            )}
                          </TableCell>
                          <TableCell sx={{ minWidth: 260 }}>
                            <DeconflictionNotice
                              identifier={{ kind: i.kind, value: i.value, ...(i.birthDate ? { birthDate: i.birthDate } : {}) }}
                            />
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
              )}
            </Section>
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Section id="lead-actions" title={t('leadDetail.actions')}>
            {!open && <Typography>{lead.caseId ? t('leadStatus.PROMOTED') : t('leadDetail.closedNote')}</Typography>}
            {open && !canLead && <Typography>{t('leadDetail.readOnly')}</Typography>}
            {open && canLead && (
              <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
                <Button variant="contained" onClick={() => setDialog('triage')}>
                  {t('leadDetail.triage')}
                </Button>
                {canPromote && (
                  <Button variant="outlined" onClick={() => setDialog('promote')}>
                    {t('leadDetail.promote')}
                  </Button>
                )}
                <Button variant="outlined" color="secondary" onClick={() => setDialog('close')}>
                  {t('leadDetail.close')}
                </Button>
              </Stack>
            )}
            {lead.caseId && (
              <RouterButton to="/cases/$caseId" params={{ caseId: lead.caseId }} variant="contained" sx={{ mt: 1 }}>
                {t('leadDetail.openCase')}
              </RouterButton>
            )}
          </Section>
        </Grid>
      </Grid>
      {dialog === 'triage' && <TriageDialog lead={lead} open onClose={() => setDialog(null)} onDone={() => setDone(t('triage.done'))} />}
      {dialog === 'promote' && <PromoteDialog lead={lead} open onClose={() => setDialog(null)} />}
      {dialog === 'close' && <CloseDialog lead={lead} open onClose={() => setDialog(null)} onDone={() => setDone(t('closeLead.done'))} />}
    </Page>
  );
}

export const leadDetailRoute = createRoute({ getParentRoute: () => appRoute, path: '/leads/$leadId', component: LeadDetail });
