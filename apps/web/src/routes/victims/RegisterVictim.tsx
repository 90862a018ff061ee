import { useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import type { RegisterVictimMutation } from '../../gql/graphql';
import { appRoute } from '../app-route';
import { FIND_VICTIMS, REGISTER_VICTIM } from './documents';
import { formatDay, FormChecks, FormDay, FormSelect, FormText, RouterButton, RouterLink, Section, useFormSubmit } from './parts';
import {
  AGE_BANDS,
  emptyRegisterDraft,
  fullName,
  GENDERS,
  RISK_FACTORS,
  registerSchema,
  SAFETY_FLAGS,
  toRegisterInput,
  TRAFFICKING_TYPES,
  validDay,
  type RegisterDraft,
  type RegisterForm,
} from './schema';

type Duplicate = { id: string; code: string; identifiedOn: string; advocate?: { displayName?: string | null } | null };

/** Survivors of the agency listed by code, as a likely duplicate of the one being registered. */
function Duplicates({ list }: { list: Duplicate[] }) {
  const { t, i18n } = useTranslation();
  return (
    <List dense>
      {list.map((d) => (
        <ListItem key={d.id} disablePadding>
          <ListItemText
            primary={
              <RouterLink to="/victims/$victimId" params={{ victimId: d.id }}>
                {d.code}
              </RouterLink>
            }
            secondary={[t('victims.list.identifiedOn', { day: formatDay(d.identifiedOn, i18n.language) }), d.advocate?.displayName]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * Registering a survivor: the identity (sealed by the API, never put in the URL, the cache or browser
 * storage; the browser is asked not to remember what is typed) and the profile that identifies no one.
 * The agency's survivors with the same name and date of birth are shown before anything is written.
 */
function RegisterVictim() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useForm<RegisterDraft, unknown, RegisterForm>({
    resolver: zodResolver(registerSchema),
    defaultValues: emptyRegisterDraft(),
  });
  const { busy, error, submit: send } = useFormSubmit(form);
  const [likely, setLikely] = useState<Duplicate[] | null>(null);
  const [registered, setRegistered] = useState<RegisterVictimMutation['registerVictim'] | null>(null);

  const register = async (v: RegisterForm) => {
    const r = (await request(REGISTER_VICTIM, { input: toRegisterInput(v) })).registerVictim;
    void qc.invalidateQueries({ queryKey: ['victims'] });
    form.reset(emptyRegisterDraft()); // the identity leaves the form as soon as it is sealed
    if (r.possibleDuplicates.length) setRegistered(r);
    else await navigate({ to: '/victims/$victimId', params: { victimId: r.victim.id } });
  };
  // A changed name or birth date is checked again.
  const [name, birthDate] = form.watch(['legalName', 'birthDate']);
  useEffect(() => setLikely(null), [name, birthDate]);

  const submit = send(async (v) => {
    setLikely(null);
    if (v.birthDate && validDay(v.birthDate) && fullName(v.legalName)) {
      const same = (await request(FIND_VICTIMS, { input: { legalName: v.legalName.trim(), birthDate: v.birthDate } })).findVictims;
      if (same.length) {
        setLikely(same.map((s) => ({ id: s.id, code: s.code, identifiedOn: s.identifiedOn })));
        return;
      }
    }
    await register(v);
  });

  if (registered) {
    return (
      <Page title={t('victims.register.title')}>
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          <AlertTitle>{t('victims.register.registeredWithDuplicates', { code: registered.victim.code })}</AlertTitle>
          {t('victims.register.duplicatesAfter', { count: registered.possibleDuplicates.length })}
          <Duplicates list={registered.possibleDuplicates} />
        </Alert>
        <RouterButton to="/victims/$victimId" params={{ victimId: registered.victim.id }} variant="contained">
          {t('victims.register.open', { code: registered.victim.code })}
        </RouterButton>
      </Page>
    );
  }

  const words = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const minor = form.watch('minorAtExploitation');
  return (
    <Page title={t('victims.register.title')}>
      <form onSubmit={submit} noValidate autoComplete="off" aria-label={t('victims.register.title')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 6 }}>
            <Section title={t('victims.register.identity')}>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {t('victims.register.identityHelp')}
              </Typography>
              <Stack spacing={2}>
                <FormText form={form} name="legalName" label={t('identityField.legalName')} required autoComplete="off" />
                <FormText form={form} name="aliases" label={t('identityField.aliases')} autoComplete="off" />
                <FormDay form={form} name="birthDate" label={t('identityField.birthDate')} autoComplete="off" />
                <FormText form={form} name="languages" label={t('identityField.languages')} autoComplete="off" />
                <FormText form={form} name="phone" label={t('identityField.phone')} autoComplete="off" />
                <FormText form={form} name="email" label={t('identityField.email')} autoComplete="off" />
                <FormText form={form} name="address" label={t('identityField.address')} autoComplete="off" multiline minRows={2} />
                <FormText
                  form={form}
                  name="immigrationStatus"
                  label={t('identityField.immigrationStatus')}
                  autoComplete="off"
                  multiline
                  minRows={2}
                />
                <FormText
                  form={form}
                  name="healthNotes"
                  label={t('identityField.healthNotes')}
                  autoComplete="off"
                  multiline
                  minRows={2}
                  helperText={t('victims.register.healthHelp')}
                />
              </Stack>
            </Section>
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <Section title={t('victims.register.profile')}>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {t('victims.register.profileHelp')}
              </Typography>
              <Stack spacing={2}>
                <FormSelect
                  form={form}
                  name="ageBand"
                  label={t('victims.profile.ageBand')}
                  required
                  options={words('ageBand', AGE_BANDS)}
                />
                <FormControlLabel
                  label={t('victims.profile.minorAtExploitation')}
                  control={<Checkbox checked={minor} onChange={(e) => form.setValue('minorAtExploitation', e.target.checked)} />}
                />
                <FormSelect form={form} name="gender" label={t('victims.profile.gender')} required options={words('gender', GENDERS)} />
                <FormSelect
                  form={form}
                  name="traffickingType"
                  label={t('victims.profile.traffickingType')}
                  required
                  options={words('traffickingType', TRAFFICKING_TYPES)}
                />
                <FormChecks
                  form={form}
                  name="riskFactors"
                  label={t('victims.profile.riskFactors')}
                  options={words('riskFactor', RISK_FACTORS)}
                />
                <FormChecks
                  form={form}
                  name="safetyFlags"
                  label={t('victims.profile.safetyFlags')}
                  options={words('safetyFlag', SAFETY_FLAGS)}
                />
                <FormDay form={form} name="crimeDate" label={t('victims.profile.crimeDate')} helperText={t('victims.register.crimeHelp')} />
                <FormDay
                  form={form}
                  name="identifiedOn"
                  label={t('victims.profile.identifiedOn')}
                  helperText={t('victims.register.identifiedHelp')}
                />
              </Stack>
            </Section>
          </Grid>
        </Grid>
        {likely && (
          <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
            <AlertTitle>{t('victims.register.likelyTitle', { count: likely.length })}</AlertTitle>
            {t('victims.register.likelyHelp')}
            <Duplicates list={likely} />
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" color="inherit" disabled={busy} onClick={() => send(register)()}>
                {t('victims.register.anyway')}
              </Button>
              <Button onClick={() => setLikely(null)}>{t('app.cancel')}</Button>
            </Stack>
          </Alert>
        )}
        <ErrorAlert error={error} />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={busy || !!likely}>
            {busy ? t('victims.sending') : t('victims.register.submit')}
          </Button>
          <RouterButton to="/victims">{t('app.cancel')}</RouterButton>
        </Stack>
      </form>
    </Page>
  );
}

export const registerVictimRoute = createRoute({ getParentRoute: () => appRoute, path: '/victims/new', component: RegisterVictim });
