import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import type { ConsentFieldsFragment, VictimQuery } from '../../gql/graphql';
import { AGENCIES, RECORD_CONSENT, REVOKE_CONSENT } from './documents';
import {
  daysUntil,
  formatDay,
  formatTime,
  FormChecks,
  FormDay,
  FormDialog,
  FormSelect,
  FormText,
  Section,
  StatusChip,
  useFormSubmit,
  type Tone,
} from './parts';
import { CONSENT_SCOPES, consentSchema, emptyConsentDraft, localToday, reasonSchema, toConsentInput, type ConsentForm } from './schema';

type Victim = VictimQuery['victim'];

/** The task force's agencies (for a consent's recipient and a service's provider). */
export function useAgencies() {
  return useQuery({ queryKey: ['agencies'], queryFn: () => request(AGENCIES), staleTime: 5 * 60_000 });
}

/** Refreshes what a change to a victim's consents or services touches. */
export function useVictimRefresh(victimId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['victim', victimId] }),
      qc.invalidateQueries({ queryKey: ['victims', 'expiringConsents'] }),
      qc.invalidateQueries({ queryKey: ['victims', 'provided'] }),
    ]);
}

/** A consent's state in words: in force (and for how long), ending soon, expired, revoked, not yet started. */
function ConsentState({ c }: { c: ConsentFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDay(d, i18n.language);
  const left = daysUntil(c.expiresOn, localToday());
  const [tone, words]: [Tone, string] =
    c.status === 'REVOKED'
      ? ['default', t('victims.consents.revokedOn', { day: formatTime(c.revokedAt, i18n.language) })]
      : c.status === 'EXPIRED'
        ? ['default', t('victims.consents.expiredOn', { day: day(c.expiresOn) })]
        : c.status === 'PENDING'
          ? ['info', t('victims.consents.startsOn', { day: day(c.signedOn) })]
          : left <= 14
            ? ['warning', t('victims.consents.endsIn', { count: left, day: day(c.expiresOn) })]
            : ['success', t('victims.consents.until', { day: day(c.expiresOn) })];
  return (
    <>
      <StatusChip tone={tone} label={t(`consentStatus.${c.status}`)} />{' '}
      <Typography component="span" variant="body2">
        {words}
      </Typography>
    </>
  );
}

/** Recording a signed release of information to another agency. */
function RecordConsentDialog({ victim, onClose }: { victim: Victim; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const agencies = useAgencies();
  const refresh = useVictimRefresh(victim.id);
  const form = useForm<ConsentForm>({ resolver: zodResolver(consentSchema), defaultValues: emptyConsentDraft() });
  const { busy, error, submit: send } = useFormSubmit(form);
  const recipients = (agencies.data?.agencies ?? [])
    .filter((a) => a.active && a.id !== user?.agencyId)
    .map((a) => ({ value: a.id, label: a.name }));
  const submit = send(async (v) => {
    await request(RECORD_CONSENT, { input: toConsentInput(victim.id, v) });
    await refresh();
    onClose();
  });
  return (
    <FormDialog
      open
      title={t('victims.consents.recordTitle', { code: victim.code })}
      submitLabel={t('victims.consents.recordSubmit')}
      busy={busy}
      error={error ?? agencies.error}
      onClose={onClose}
      onSubmit={submit}
      description={<Typography>{t('victims.consents.recordHelp')}</Typography>}
    >
      <FormSelect form={form} name="recipientAgencyId" label={t('victims.consents.recipient')} required options={recipients} />
      <FormChecks
        form={form}
        name="scopes"
        label={t('victims.consents.scopes')}
        options={CONSENT_SCOPES.map((s) => ({ value: s, label: `${t(`consentScope.${s}`)}: ${t(`victims.consents.scopeHelp.${s}`)}` }))}
      />
      <FormText form={form} name="purpose" label={t('victims.consents.purpose')} required />
      <FormDay form={form} name="signedOn" label={t('victims.consents.signedOn')} required />
      <FormDay
        form={form}
        name="expiresOn"
        label={t('victims.consents.expiresOn')}
        required
        helperText={t('victims.consents.expiresHelp')}
      />
      <FormText
        form={form}
        name="extendedReason"
        label={t('victims.consents.extendedReason')}
        helperText={t('victims.consents.extendedHelp')}
      />
      <FormText form={form} name="witness" label={t('victims.consents.witness')} />
      <FormText
        form={form}
        name="formReference"
        label={t('victims.consents.formReference')}
        helperText={t('victims.consents.formReferenceHelp')}
      />
    </FormDialog>
  );
}

/** Revoking a consent: the recipient loses access on its next request. */
function RevokeDialog({ consent, onClose }: { consent: ConsentFieldsFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useVictimRefresh(consent.victimId);
  const form = useForm<{ reason: string }>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const { busy, error, submit: send } = useFormSubmit(form);
  const submit = send(async (v) => {
    await request(REVOKE_CONSENT, { input: { id: consent.id, version: consent.version, reason: v.reason.trim() } });
    await refresh();
    onClose();
  });
  return (
    <FormDialog
      open
      title={t('victims.consents.revokeTitle', { agency: consent.recipientAgency.name })}
      submitLabel={t('victims.consents.revokeSubmit')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      description={<Typography>{t('victims.consents.revokeHelp', { agency: consent.recipientAgency.name })}</Typography>}
    >
      <FormText form={form} name="reason" label={t('victims.consents.revokeReason')} required autoFocus />
    </FormDialog>
  );
}

/** A survivor's consents: all of them for the custodial agency, those naming the reader's agency for anyone else. */
export function Consents({ victim }: { victim: Victim }) {
  const { t, i18n } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<ConsentFieldsFragment | null>(null);
  const canManage = victim.custodial && session.can('CONSENT_MANAGE');
  const rows = victim.consentsGiven;
  return (
    <Section
      title={t('victims.consents.title')}
      actions={
        canManage && (
          <Button variant="contained" onClick={() => setRecording(true)}>
            {t('victims.consents.record')}
          </Button>
        )
      }
    >
      {!victim.custodial && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('victims.consents.recipientView', { agency: victim.custodialAgency.name })}
        </Typography>
      )}
      {rows.length === 0 ? (
        <Typography color="text.secondary">
          {victim.custodial ? t('victims.consents.none') : t('victims.consents.noneToUs', { agency: victim.custodialAgency.name })}
        </Typography>
      ) : (
        <TableContainer tabIndex={0} aria-label={t('victims.consents.title')}>
          <Table size="small" aria-label={t('victims.consents.title')}>
            <TableHead>
              <TableRow>
                {(['recipient', 'scopes', 'purpose', 'signed', 'state'] as const).map((c) => (
                  <TableCell key={c} scope="col">
                    {t(`victims.consents.columns.${c}`)}
                  </TableCell>
                ))}
                {canManage && <TableCell scope="col">{t('victims.consents.columns.actions')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id} data-testid={`consent-${c.recipientAgency.id}`}>
                  <TableCell component="th" scope="row">
                    {c.recipientAgency.name}
                  </TableCell>
                  <TableCell>{c.scopes.map((s) => t(`consentScope.${s}`)).join(', ')}</TableCell>
                  <TableCell>
                    {c.purpose}
                    {[
                      c.extendedReason && t('victims.consents.extendedBecause', { reason: c.extendedReason }),
                      c.witness && t('victims.consents.witnessed', { name: c.witness }),
                      c.formReference && t('victims.consents.form', { ref: c.formReference }),
                    ]
                      .filter(Boolean)
                      .map((line) => (
                        <Typography key={line as string} variant="body2" color="text.secondary">
                          {line}
                        </Typography>
                      ))}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDay(c.signedOn, i18n.language)}</TableCell>
                  <TableCell>
                    <ConsentState c={c} />
                    {canManage && c.revokedReason && (
                      <Typography variant="body2" color="text.secondary">
                        {t('victims.consents.because', { reason: c.revokedReason })}
                      </Typography>
                    )}
                  </TableCell>
                  {canManage && (
                    <TableCell>
                      {(c.status === 'LIVE' || c.status === 'PENDING') && (
                        <Button
                          size="small"
                          color="error"
                          variant="outlined"
                          onClick={() => setRevoking(c)}
                          aria-label={t('victims.consents.revokeFor', { agency: c.recipientAgency.name })}
                        >
                          {t('victims.consents.revoke')}
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {recording && <RecordConsentDialog victim={victim} onClose={() => setRecording(false)} />}
      {revoking && <RevokeDialog consent={revoking} onClose={() => setRevoking(null)} />}
    </Section>
  );
}
