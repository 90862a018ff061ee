import { createRoute, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import type { ServiceStatus } from '../../gql/graphql';
import { appRoute } from '../app-route';
import { PROVIDED_SERVICES } from './documents';
import { RouterButton } from './parts';
import { providedSearchSchema, SERVICE_STATUSES } from './schema';
import { ServiceCard } from './Services';
import type { SearchOf } from '../route-types';

/** What other agencies (and one's own) asked the reader's agency to provide, by survivor code; the status filter is in the URL. */
function ProvidedServices() {
  const { t } = useTranslation();
  const { status } = providedServicesRoute.useSearch({ select: (s: SearchOf<typeof providedServicesRoute>) => s });
  const navigate = useNavigate();
  const provided = useQuery({
    queryKey: ['victims', 'provided', status ?? null],
    queryFn: () => request(PROVIDED_SERVICES, { status: status ? [status] : null }),
  });
  const rows = provided.data?.providedServices ?? [];
  return (
    <Page
      title={t('victims.provided.title')}
      actions={
        <RouterButton to="/victims" variant="outlined">
          {t('victims.provided.back')}
        </RouterButton>
      }
    >
      <Typography sx={{ mb: 2 }}>{t('victims.provided.help')}</Typography>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <TextField
          select
          label={t('victims.provided.status')}
          value={status ?? ''}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          onChange={(e) =>
            void navigate({ to: '/victims/provided', search: e.target.value ? { status: e.target.value as ServiceStatus } : {} })
          }
        >
          <MenuItem value="">{t('victims.provided.any')}</MenuItem>
          {SERVICE_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`serviceStatus.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      <ErrorAlert error={provided.error} onRetry={() => void provided.refetch()} />
      {provided.isPending && <Typography role="status">{t('app.loading')}</Typography>}
      {provided.data && rows.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }} role="status">
          <Typography>{status ? t('victims.provided.noneStatus') : t('victims.provided.none')}</Typography>
        </Paper>
      )}
      {rows.map((s) => (
        <ServiceCard key={s.id} service={s} showVictim />
      ))}
    </Page>
  );
}

export const providedServicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/victims/provided',
  validateSearch: providedSearchSchema,
  component: ProvidedServices,
});
