import { useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterButton } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { REFERRAL_VICTIM, SEND_CHOICES, SEND_VICTIM_REFERRAL } from './documents';
import { formatDay } from './format';
import { ReferralBriefCard, type ReferralAsReceived } from './ReferralBriefCard';
import {
  liveIdentityConsent,
  newReferralSearchSchema,
  providerLacksConsent,
  SERVICE_CATEGORIES,
  sendVictimReferralSchema,
  URGENCIES,
  type SendVictimReferralForm,
  type SendVictimReferralValues,
} from './schema';
import type { SearchOf } from '../route-types';

/** "Refer this survivor": for the survivor's own screen (or anywhere a survivor is shown); hidden from those who may not send. */
export function SendVictimReferralButton({ victimId }: { victimId: string }) {
  const { t } = useTranslation();
  if (!session.can('REFERRAL_SEND')) return null;
  return (
    <RouterButton to="/referrals/new" search={{ victim: victimId }} variant="outlined">
      {t('referrals.sendVictim')}
    </RouterButton>
  );
}

/**
 * A survivor referral in two steps: the form, then the referral exactly as the receiver will see it
 * (the same card the receiver reads). Sharing the identity is offered only under a live IDENTITY
 * consent naming the receiver; the API still decides.
 */
function SendVictimReferral() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const { victim } = newReferralRoute.useSearch({ select: (s: SearchOf<typeof newReferralRoute>) => s });
  const choices = useQuery({ queryKey: ['referrals', 'send-choices'], queryFn: () => request(SEND_CHOICES) });
  const form = useForm<SendVictimReferralForm, unknown, SendVictimReferralValues>({
    resolver: zodResolver(sendVictimReferralSchema),
    defaultValues: { victimId: victim ?? '', toAgencyId: '', category: '', urgency: 'ROUTINE', reason: '', disclosesIdentity: false },
  });
  const [victimId, toAgencyId] = form.watch(['victimId', 'toAgencyId']);
  const chosen = useQuery({
    queryKey: ['referrals', 'victim', victimId],
    queryFn: () => request(REFERRAL_VICTIM, { id: victimId }),
    enabled: !!victimId,
  });
  const v = chosen.data?.victim;
  const consents = v?.consentsGiven ?? [];
  const consent = liveIdentityConsent(consents, toAgencyId);
  const agencies = choices.data?.agencies ?? [];
  const receivers = agencies.filter((a) => a.active && a.id !== user?.agencyId);
  const receiver = agencies.find((a) => a.id === toAgencyId);
  const mine = agencies.find((a) => a.id === user?.agencyId);
  const victims = choices.data?.victims.edges.map((e) => e.node) ?? [];
  if (v && !victims.some((x) => x.id === v.id)) victims.push({ id: v.id, code: v.code });

  // No live IDENTITY consent to this receiver: the identity is not offered, and not sent.
  useEffect(() => {
    if (!consent && form.getValues('disclosesIdentity')) form.setValue('disclosesIdentity', false);
  }, [consent, form]);

  const [review, setReview] = useState<SendVictimReferralValues | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = useMutation({
    mutationFn: (values: SendVictimReferralValues) => request(SEND_VICTIM_REFERRAL, { input: values }),
    onSuccess: (data) => {
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void navigate({ to: '/referrals/$referralId', params: { referralId: data.sendVictimReferral.id } });
    },
    onError: setError,
  });
  const err = (name: keyof SendVictimReferralForm) => {
    const m = form.formState.errors[name]?.message;
    return m ? t(m, { max: 2000 }) : undefined;
  };
  const submit = form.handleSubmit((values) => {
    setError(null);
    setReview(values);
  });
  const select = (name: 'victimId' | 'toAgencyId' | 'category' | 'urgency', label: string, options: { value: string; label: string }[]) => (
    <Controller
      name={name}
      control={form.control}
      render={({ field }) => (
        <TextField select required label={label} {...field} error={!!err(name)} helperText={err(name)}>
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );

  const preview: ReferralAsReceived | null =
    review && v && receiver && mine
      ? {
          kind: 'VICTIM_SERVICE',
          serviceCategory: review.category,
          urgency: review.urgency,
          reason: review.reason,
          disclosesIdentity: review.disclosesIdentity,
          // The receiver does not see the sender's name (people of another agency are not named to it).
          fromAgency: mine,
          fromUser: null,
          toAgency: receiver,
          brief: {
            victimCode: v.code,
            ageBand: v.ageBand,
            gender: v.gender,
            minorAtExploitation: v.minorAtExploitation,
            traffickingType: v.traffickingType,
          },
        }
      : null;

  return (
    <Page title={t('referrals.send.title')}>
      <Typography sx={{ mb: 2, maxWidth: 760 }}>{t('referrals.send.intro')}</Typography>
      <ErrorAlert error={choices.error ?? chosen.error} />
      {choices.data && victims.length === 0 && <Alert severity="info">{t('referrals.send.noVictims')}</Alert>}
      {v && !v.custodial && (
        <Alert severity="warning" sx={{ mb: 2, maxWidth: 760 }}>
          {t('referrals.send.notCustodial', { code: v.code })}
        </Alert>
      )}
      {preview && review ? (
        <Stack spacing={2} sx={{ maxWidth: 760 }}>
          <ReferralBriefCard
            referral={preview}
            title={t('referrals.send.previewTitle', { agency: preview.toAgency.name })}
            hint={t('referrals.send.previewHint')}
          />
          <ErrorAlert error={error} />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => send.mutate(review)} disabled={send.isPending}>
              {send.isPending ? t('referrals.send.sending') : t('referrals.send.submit')}
            </Button>
            <Button onClick={() => setReview(null)} disabled={send.isPending}>
              {t('referrals.send.change')}
            </Button>
          </Stack>
        </Stack>
      ) : (
        choices.data &&
        victims.length > 0 && (
          <Card variant="outlined" sx={{ maxWidth: 760 }}>
            <CardContent>
              <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate aria-label={t('referrals.send.title')}>
                {select(
                  'victimId',
                  t('referrals.send.victim'),
                  victims.map((x) => ({ value: x.id, label: x.code })),
                )}
                {select(
                  'toAgencyId',
                  t('referrals.send.toAgency'),
                  receivers.map((a) => ({ value: a.id, label: a.name })),
                )}
                {select(
                  'category',
                  t('referrals.send.category'),
                  SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`referrals.category.${c}`) })),
                )}
                {select(
                  'urgency',
                  t('referrals.send.urgency'),
                  URGENCIES.map((u) => ({ value: u, label: t(`referrals.urgencyHint.${u}`) })),
                )}
                <TextField
                  required
                  multiline
                  minRows={3}
                  label={t('referrals.send.reason')}
                  {...form.register('reason')}
                  error={!!err('reason')}
                  helperText={err('reason') ?? t('referrals.send.reasonHelp')}
                />
                {receiver &&
                  v &&
                  (consent ? (
                    <div>
                      <Controller
                        name="disclosesIdentity"
                        control={form.control}
                        render={({ field }) => (
                          <FormControlLabel
                            control={
                              <Checkbox
                                checked={field.value}
                                onChange={(e) => field.onChange(e.target.checked)}
                                onBlur={field.onBlur}
                                name={field.name}
                                slotProps={{ input: { 'aria-describedby': 'identity-help' } }}
                              />
                            }
                            label={t('referrals.send.identity', { agency: receiver.name })}
                          />
                        )}
                      />
                      <FormHelperText id="identity-help">
                        {t('referrals.send.identityHelp', { agency: receiver.name, expires: formatDay(consent.expiresOn, i18n.language) })}
                      </FormHelperText>
                    </div>
                  ) : (
                    <Alert severity="info">{t('referrals.send.noIdentity', { agency: receiver.name })}</Alert>
                  ))}
                {receiver && v && providerLacksConsent(consents, toAgencyId, mine?.kind) && (
                  <Alert severity="warning">{t('referrals.send.providerNeedsConsent', { agency: receiver.name })}</Alert>
                )}
                <div>
                  <Button type="submit" variant="contained">
                    {t('referrals.send.review')}
                  </Button>
                </div>
              </Stack>
            </CardContent>
          </Card>
        )
      )}
    </Page>
  );
}

export const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/referrals/new',
  validateSearch: (raw: Record<string, unknown>) => newReferralSearchSchema.parse(raw),
  component: SendVictimReferral,
});
