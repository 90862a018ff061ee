import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import type { ReferralDirection } from '../../gql/graphql';
import { useSession } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { FormSelect, FormText, useVocabOptions } from '../../components/form-fields';
import { Loading } from '../../components/Loading';
import { useDialogForm } from '../../components/useDialogForm';
import { CASE_REFERRALS, SEND_CASE_REFERRAL } from './documents';
import { CaseTabProps, useAgencies } from './hooks';
import { collectPages } from './collect';
import { CaseReferralForm, caseReferralSchema } from './schemas';
import { REFERRAL_URGENCIES, SHARE_ACCESS } from './vocab';

/** Sent and received referrals that name the case, newest first. */
async function referralsOfCase(caseId: string) {
  const of = (direction: ReferralDirection) =>
    collectPages(
      async (after) => (await request(CASE_REFERRALS, { direction, after })).referrals,
      (r) => r.caseId === caseId,
    );
  const [sent, received] = await Promise.all([of('OUTGOING'), of('INCOMING')]);
  return [...sent, ...received].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Referrals of this case: those the agency sent (the lead agency) and those it received and
 * accepted. The API lists referrals by agency, not by case: they are kept here when they name it.
 */
export function ReferralsTab({ c, can, refresh }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const q = useQuery({ queryKey: ['cases', 'referrals', c.id], queryFn: () => referralsOfCase(c.id) });
  const agencies = useAgencies();
  const list = q.data ?? [];
  const d = useDialogForm(
    caseReferralSchema,
    (): CaseReferralForm => ({ toAgencyId: '', access: 'CONTRIBUTE', urgency: 'ROUTINE', reason: '' }),
    (v) => request(SEND_CASE_REFERRAL, { input: { caseId: c.id, ...v } }),
    async () => {
      await q.refetch();
      await refresh();
    },
  );
  const contributing = new Set(c.participants.filter((p) => p.access === 'CONTRIBUTE').map((p) => p.agency.id));
  const receivers = (agencies.data?.agencies ?? [])
    .filter((a) => a.active && a.id !== user?.agencyId && !contributing.has(a.id))
    .map((a) => ({ value: a.id, label: a.name }));
  const send = can.refer && (
    <Button variant="contained" onClick={d.show}>
      {t('cases.referrals.send')}
    </Button>
  );
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const accessOptions = useVocabOptions('shareAccess', SHARE_ACCESS);
  const urgencyOptions = useVocabOptions('cases.urgency', REFERRAL_URGENCIES);
  if (q.isPending) return <Loading />;
  return (
    <>
      <ErrorAlert error={q.error} />
      <DataTable
        title={t('cases.tabs.referrals')}
        actions={send}
        empty={<EmptyState action={send}>{t('cases.referrals.empty')}</EmptyState>}
        columns={[
          t('cases.referrals.direction'),
          t('cases.referrals.agency'),
          t('cases.referrals.offered'),
          t('cases.referrals.urgency'),
          t('cases.referrals.status'),
          t('cases.referrals.sent'),
          t('cases.referrals.respondBy'),
          t('cases.referrals.reason'),
        ]}
        rows={list.map((r) => ({
          key: r.id,
          cells: [
            t(`cases.referrals.${r.direction}`),
            r.direction === 'OUTGOING' ? r.toAgency.name : r.fromAgency.name,
            r.offeredAccess && t(`shareAccess.${r.offeredAccess}`),
            t(`cases.urgency.${r.urgency}`),
            <Box key="s">
              {t(`cases.referralStatus.${r.status}`)}
              {r.overdue && (
                <Typography component="span" color="error" sx={{ fontWeight: 600 }}>
                  {' '}
                  · {t('cases.referrals.overdue')}
                </Typography>
              )}
              {r.answerReason && (
                <Typography variant="body2" color="text.secondary">
                  {r.answerReason}
                </Typography>
              )}
            </Box>,
            when(r.createdAt),
            when(r.respondBy),
            r.reason,
          ],
        }))}
      />
      <FormDialog {...d.dialog} title={t('cases.referrals.sendTitle', { number: c.number })} submitLabel={t('cases.referrals.send')}>
        <ErrorAlert error={agencies.error} />
        <FormSelect
          form={d.form}
          name="toAgencyId"
          label={t('cases.referrals.to')}
          empty={t('cases.shares.chooseAgency')}
          options={receivers}
          required
        />
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <FormSelect form={d.form} name="access" label={t('cases.referrals.offered')} options={accessOptions} />
          <FormSelect form={d.form} name="urgency" label={t('cases.referrals.urgency')} options={urgencyOptions} />
        </Box>
        <FormText form={d.form} name="reason" label={t('cases.referrals.reason')} multiline minRows={3} required />
        <Typography variant="body2" color="text.secondary">
          {t('cases.referrals.sendHelp')}
        </Typography>
      </FormDialog>
    </>
  );
}
