import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ShareAccess } from '../../gql/graphql';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormSelect, useVocabOptions } from '../../components/form-fields';
import { CaseDetail, REVOKE_SHARE, SHARE_CASE } from './documents';
import { CaseTabProps, useAgencies, useCaseAction } from './hooks';
import { ShareForm, shareSchema } from './schemas';
import { SHARE_ACCESS } from './vocab';

type Participant = CaseDetail['participants'][number];

/** Sharing the case with another agency (the lead agency): READ or CONTRIBUTE. */
function ShareWith({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const form = useForm({ resolver: zodResolver(shareSchema), defaultValues: { agencyId: '', access: 'READ' } satisfies ShareForm });
  const share = useCaseAction((v: ShareForm) =>
    request(SHARE_CASE, { input: { caseId: c.id, version: c.version, agencyId: v.agencyId, access: v.access } }),
  );
  const taken = new Set([c.leadAgency.id, ...c.participants.map((p) => p.agency.id)]);
  const options = (agencies.data?.agencies ?? []).filter((a) => a.active && !taken.has(a.id)).map((a) => ({ value: a.id, label: a.name }));
  return (
    <Box component="section" aria-labelledby="share-title" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Typography id="share-title" variant="h3" component="h3" sx={{ mb: 1 }}>
        {t('cases.shares.shareTitle')}
      </Typography>
      <ErrorAlert error={share.error ?? agencies.error} />
      <Stack
        component="form"
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1.5}
        noValidate
        aria-labelledby="share-title"
        sx={{ alignItems: { sm: 'flex-start' } }}
        onSubmit={(e) =>
          void form.handleSubmit((v) =>
            share.mutateAsync(v).then(
              () => form.reset({ agencyId: '', access: v.access }),
              () => undefined,
            ),
          )(e)
        }
      >
        <FormSelect
          form={form}
          name="agencyId"
          label={t('cases.shares.agency')}
          empty={t('cases.shares.chooseAgency')}
          options={options}
          sx={{ minWidth: 280 }}
        />
        <FormSelect
          form={form}
          name="access"
          label={t('cases.shares.access')}
          options={useVocabOptions('shareAccess', SHARE_ACCESS)}
          sx={{ minWidth: 160 }}
        />
        <Button type="submit" variant="contained" disabled={share.isPending}>
          {t('cases.shares.share')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('cases.shares.help')}
      </Typography>
    </Box>
  );
}

export function SharesTab({ c, can }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const [revoking, setRevoking] = useState<Participant | null>(null);
  const level = useCaseAction((v: { agencyId: string; access: ShareAccess }) =>
    request(SHARE_CASE, { input: { caseId: c.id, version: c.version, ...v } }),
  );
  const revoke = useCaseAction((agencyId: string) => request(REVOKE_SHARE, { input: { caseId: c.id, version: c.version, agencyId } }));
  const other = (a: ShareAccess): ShareAccess => (a === 'READ' ? 'CONTRIBUTE' : 'READ');
  return (
    <Stack spacing={2}>
      <ErrorAlert error={level.error ?? revoke.error} />
      <DataTable
        title={t('cases.tabs.shares')}
        intro={t('cases.shares.lead', { agency: c.leadAgency.name })}
        empty={<EmptyState>{can.edit ? t('cases.shares.emptyCanShare') : t('cases.shares.empty')}</EmptyState>}
        columns={[t('cases.shares.agency'), t('cases.shares.access'), t('cases.shares.since'), ...(can.revoke ? [t('cases.actions')] : [])]}
        rows={c.participants.map((p) => ({
          key: p.agency.id,
          cells: [
            p.agency.name,
            t(`shareAccess.${p.access}`),
            new Date(p.grantedAt).toLocaleDateString(i18n.language),
            ...(can.revoke
              ? [
                  <Box key="a" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                    {can.edit && (
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={level.isPending}
                        onClick={() => level.mutate({ agencyId: p.agency.id, access: other(p.access) })}
                        aria-label={t('cases.shares.changeOne', { agency: p.agency.name, access: t(`shareAccess.${other(p.access)}`) })}
                      >
                        {t('cases.shares.change', { access: t(`shareAccess.${other(p.access)}`) })}
                      </Button>
                    )}
                    <Button
                      size="small"
                      color="error"
                      variant="outlined"
                      onClick={() => {
                        revoke.reset();
                        setRevoking(p);
                      }}
                      aria-label={t('cases.shares.revokeOne', { agency: p.agency.name })}
                    >
                      {t('cases.shares.revoke')}
                    </Button>
                  </Box>,
                ]
              : []),
          ],
        }))}
      />
      {can.edit && <ShareWith c={c} />}
      <Dialog open={!!revoking} onClose={() => setRevoking(null)} aria-labelledby="revoke-title" aria-describedby="revoke-text">
        <DialogTitle id="revoke-title" component="h2" variant="h2">
          {t('cases.shares.revokeTitle', { agency: revoking?.agency.name ?? '' })}
        </DialogTitle>
        <DialogContent>
          <ErrorAlert error={revoke.error} />
          <DialogContentText id="revoke-text">{t('cases.shares.revokeText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRevoking(null)}>{t('app.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            disabled={revoke.isPending}
            onClick={() => revoking && revoke.mutate(revoking.agency.id, { onSuccess: () => setRevoking(null) })}
          >
            {t('cases.shares.revoke')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
