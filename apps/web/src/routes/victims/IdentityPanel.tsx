import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { useIdleLock } from '../../components/useIdleLock';
import type { VictimIdentityQuery, VictimQuery } from '../../gql/graphql';
import { UPDATE_VICTIM_IDENTITY, VICTIM_IDENTITY } from './documents';
import { explainDenial, explainGone, type Explanation } from './denial';
import { formatDay, FormDialog, FormText, Section, useFormSubmit, useRun } from './parts';
import {
  correctionSchema,
  IDENTITY_FIELDS,
  localToday,
  purposeSchema,
  toIdentityChanges,
  type CorrectionForm,
  type IdentityField,
} from './schema';

type Victim = VictimQuery['victim'];
type Access = VictimIdentityQuery['victim']['identity'];
type Released = { identity: NonNullable<Access['identity']>; released: string[]; version: number };

/** How long a shown identity stays on screen without the person touching the console. */
export const IDENTITY_IDLE_SECONDS = 60;
export const PURPOSES = [
  'serviceCoordination',
  'safetyPlanning',
  'courtPreparation',
  'immigrationRelief',
  'victimInterview',
  'compensationClaim',
  'recordCorrection',
] as const;

/** Asks why the identity is needed (the API audits the purpose with the read). */
function PurposeDialog({
  open,
  busy,
  error,
  onClose,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (purpose: string) => void;
}) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- each opening of the dialog starts from an empty purpose
      setPurpose('');
      setProblem(null);
    }
  }, [open]);
  const submit = (e: React.SubmitEvent) => {
    e.preventDefault();
    const checked = purposeSchema.safeParse({ purpose });
    if (!checked.success) {
      setProblem(checked.error.issues[0].message);
      return;
    }
    onSubmit(purpose.trim());
  };
  return (
    <FormDialog
      open={open}
      title={t('victims.identity.purposeTitle')}
      submitLabel={t('victims.identity.show')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      description={<Typography>{t('victims.identity.purposeHelp')}</Typography>}
    >
      <Autocomplete
        freeSolo
        options={PURPOSES.map((p) => t(`victims.purpose.${p}`))}
        inputValue={purpose}
        onInputChange={(_, v) => setPurpose(v)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('victims.identity.purpose')}
            autoFocus
            required
            error={!!problem}
            helperText={problem ? t(problem) : t('victims.identity.purposeHint')}
          />
        )}
      />
    </FormDialog>
  );
}

/** Correcting the identity with a reason (custodial advocates and supervisors). */
function CorrectionDialog({
  victimId,
  shown,
  onClose,
  onDone,
}: {
  victimId: string;
  shown: Released;
  onClose: () => void;
  onDone: (next: Released) => void;
}) {
  const { t } = useTranslation();
  const fields = IDENTITY_FIELDS.filter((f) => shown.released.includes(f));
  const defaults = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, shown.identity[f] ?? ''])) as Record<IdentityField, string>;
  const form = useForm<CorrectionForm>({ resolver: zodResolver(correctionSchema), defaultValues: { ...defaults, reason: '' } });
  const { busy, error, submit: send } = useFormSubmit(form);
  const submit = send(async (v) => {
    const changes = toIdentityChanges(shown.identity, v, shown.released);
    if (!Object.keys(changes).length) throw new ApiError('BAD_USER_INPUT', t('victims.identity.nothingChanged'));
    const r = (await request(UPDATE_VICTIM_IDENTITY, { input: { victimId, version: shown.version, reason: v.reason.trim(), changes } }))
      .updateVictimIdentity;
    if (r.identity && r.version != null) onDone({ identity: r.identity, released: r.released, version: r.version });
    onClose();
  });
  return (
    <FormDialog
      open
      title={t('victims.identity.correctTitle')}
      submitLabel={t('victims.identity.correctSubmit')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      description={<Typography>{t('victims.identity.correctHelp')}</Typography>}
    >
      {fields.map((f) =>
        f === 'birthDate' ? (
          <FormText
            key={f}
            form={form}
            name={f}
            label={t(`identityField.${f}`)}
            type="date"
            autoComplete="off"
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ) : (
          <FormText
            key={f}
            form={form}
            name={f}
            label={t(`identityField.${f}`)}
            autoComplete="off"
            required={f === 'legalName'}
            multiline={['address', 'immigrationStatus', 'healthNotes'].includes(f)}
          />
        ),
      )}
      <FormText
        form={form}
        name="reason"
        label={t('victims.identity.reason')}
        required
        autoComplete="off"
        helperText={t('victims.identity.reasonHelp')}
      />
    </FormDialog>
  );
}

/** The released identity on screen; the idle timer runs only while it is shown. */
function ShownIdentity({
  victim,
  shown,
  onHide,
  onCorrected,
}: {
  victim: Victim;
  shown: Released;
  onHide: () => void;
  onCorrected: (next: Released) => void;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [correcting, setCorrecting] = useState(false);
  useIdleLock(IDENTITY_IDLE_SECONDS, onHide);
  const withheld = IDENTITY_FIELDS.filter((f) => !shown.released.includes(f));
  const canCorrect =
    victim.custodial && session.can('VICTIM_WRITE') && !!user?.roles.some((r) => r === 'VICTIM_ADVOCATE' || r === 'SUPERVISOR');
  return (
    <Box data-testid="identity">
      <Alert severity="info" sx={{ mb: 1.5 }}>
        {t('victims.identity.shownFor', { seconds: IDENTITY_IDLE_SECONDS })}
      </Alert>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(160px, max-content) 1fr' }, columnGap: 2, rowGap: 0.75, m: 0 }}
      >
        {IDENTITY_FIELDS.filter((f) => shown.released.includes(f)).map((f) => (
          <Box key={f} sx={{ display: 'contents' }}>
            <Typography component="dt" sx={{ fontWeight: 600 }}>
              {t(`identityField.${f}`)}
            </Typography>
            <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
              {shown.identity[f] ? (
                f === 'birthDate' ? (
                  formatDay(shown.identity[f], i18n.language)
                ) : (
                  shown.identity[f]
                )
              ) : (
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {t('victims.identity.notRecorded')}
                </Box>
              )}
            </Typography>
          </Box>
        ))}
      </Box>
      {withheld.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          {t('victims.identity.withheld', { fields: withheld.map((f) => t(`identityField.${f}`)).join(', ') })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button variant="contained" onClick={onHide}>
          {t('victims.identity.hide')}
        </Button>
        {canCorrect && (
          <Button variant="outlined" onClick={() => setCorrecting(true)}>
            {t('victims.identity.correct')}
          </Button>
        )}
      </Stack>
      {correcting && <CorrectionDialog victimId={victim.id} shown={shown} onClose={() => setCorrecting(false)} onDone={onCorrected} />}
    </Box>
  );
}

/**
 * The confidential identity: never shown by default. It is asked for with a purpose, fetched outside
 * the query cache, held in this component's state only, and hidden again when the person leaves the
 * record, after a minute without activity, and at sign-out or the idle lock. A refusal says why and
 * what would change it.
 */
export function IdentityPanel({ victim }: { victim: Victim }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<Released | null>(null);
  const [refusal, setRefusal] = useState<Explanation | null>(null);
  const { busy, error, run, setError } = useRun();
  const hide = useCallback(() => setShown(null), []);
  useEffect(() => (shown ? session.onClear(hide) : undefined), [shown, hide]);

  const custodian = victim.custodialAgency;
  const ask = (purpose: string) =>
    run(async () => {
      setRefusal(null);
      setShown(null);
      try {
        const v = (await request(VICTIM_IDENTITY, { id: victim.id, purpose })).victim;
        // The consents as they stand now (never the identity) refresh the record on screen.
        qc.setQueryData<VictimQuery>(['victim', victim.id], (old) => old && { victim: { ...old.victim, consentsGiven: v.consentsGiven } });
        const access = v.identity;
        if (access.identity && access.version != null)
          setShown({ identity: access.identity, released: access.released, version: access.version });
        else
          setRefusal(
            explainDenial(access.denial ?? 'NOT_PERMITTED', {
              custodial: v.custodial,
              myAgencyId: session.user().agencyId,
              custodian,
              consents: v.consentsGiven,
            }),
          );
        setAsking(false);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'NOT_FOUND')) throw e;
        setRefusal(
          explainGone({ myAgencyId: session.user().agencyId, custodian, consentsSeen: victim.consentsGiven, today: localToday() }),
        );
        setAsking(false);
      }
    });
  const words = refusal && { ...refusal.values, ...(refusal.values.day ? { day: formatDay(refusal.values.day, i18n.language) } : {}) };

  return (
    <Section
      title={t('victims.identity.title')}
      actions={
        !shown && (
          <Button
            variant="contained"
            onClick={() => {
              setError(null);
              setAsking(true);
            }}
          >
            {t('victims.identity.showButton')}
          </Button>
        )
      }
    >
      {!shown && !refusal && <Typography color="text.secondary">{t('victims.identity.hidden')}</Typography>}
      {refusal && words && (
        <Alert severity="warning" role="alert" data-testid="identity-refusal">
          <AlertTitle>{t(refusal.why, words)}</AlertTitle>
          {t(refusal.change, words)}
        </Alert>
      )}
      {shown && <ShownIdentity victim={victim} shown={shown} onHide={hide} onCorrected={setShown} />}
      <PurposeDialog open={asking} busy={busy} error={error} onClose={() => setAsking(false)} onSubmit={(p) => void ask(p)} />
    </Section>
  );
}
