import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ServiceFieldsFragment, ServiceStatus, VictimQuery } from '../../gql/graphql';
import { ADD_SERVICE, ADD_SERVICE_NOTE, UPDATE_SERVICE } from './documents';
import { useAgencies, useVictimRefresh } from './Consents';
import {
  formatDay,
  formatTime,
  FormDay,
  FormDialog,
  FormSelect,
  FormText,
  RouterLink,
  Section,
  StatusChip,
  useFormSubmit,
  type Tone,
} from './parts';
import {
  noteSchema,
  SERVICE_CATEGORIES,
  SERVICE_TRANSITIONS,
  serviceMoveSchema,
  serviceSchema,
  toServiceInput,
  toServiceUpdate,
  type ServiceDraft,
  type ServiceForm,
  type ServiceMoveForm,
} from './schema';

type Victim = VictimQuery['victim'];
const STATUS_TONE: Record<ServiceStatus, Tone> = {
  REQUESTED: 'info',
  IN_PROGRESS: 'warning',
  PROVIDED: 'success',
  DECLINED: 'default',
  UNAVAILABLE: 'default',
};

/** Recording a need of the survivor and the agency asked to provide it. */
function AddServiceDialog({ victim, onClose }: { victim: Victim; onClose: () => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const refresh = useVictimRefresh(victim.id);
  const form = useForm<ServiceDraft, unknown, ServiceForm>({
    resolver: zodResolver(serviceSchema),
    defaultValues: { category: '', providerAgencyId: '', detail: '', requestedOn: '' },
  });
  const { busy, error, submit: send } = useFormSubmit(form);
  const providers = (agencies.data?.agencies ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }));
  const submit = send(async (v) => {
    await request(ADD_SERVICE, { input: toServiceInput(victim.id, v) });
    await refresh();
    onClose();
  });
  return (
    <FormDialog
      open
      title={t('victims.services.addTitle', { code: victim.code })}
      submitLabel={t('victims.services.addSubmit')}
      busy={busy}
      error={error ?? agencies.error}
      onClose={onClose}
      onSubmit={submit}
    >
      <FormSelect
        form={form}
        name="category"
        label={t('victims.services.category')}
        required
        options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`serviceCategory.${c}`) }))}
      />
      <FormSelect form={form} name="providerAgencyId" label={t('victims.services.provider')} required options={providers} />
      <FormText form={form} name="detail" label={t('victims.services.detail')} helperText={t('victims.services.detailHelp')} />
      <FormDay form={form} name="requestedOn" label={t('victims.services.requestedOn')} helperText={t('victims.services.requestedHelp')} />
    </FormDialog>
  );
}

/** Moving a service along: only the next statuses the API allows from where it stands. */
function MoveServiceDialog({ service, onClose }: { service: ServiceFieldsFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useVictimRefresh(service.victimId);
  const form = useForm<ServiceMoveForm>({
    resolver: zodResolver(serviceMoveSchema(service.status)),
    defaultValues: { status: '', startedOn: '', endedOn: '', outcome: service.outcome ?? '' },
  });
  const { busy, error, submit: send } = useFormSubmit(form);
  const submit = send(async (v) => {
    await request(UPDATE_SERVICE, { input: toServiceUpdate(service.id, service.version, v) });
    await refresh();
    onClose();
  });
  return (
    <FormDialog
      open
      title={t('victims.services.moveTitle', { category: t(`serviceCategory.${service.category}`) })}
      submitLabel={t('app.save')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      description={<Typography>{t('victims.services.moveHelp', { status: t(`serviceStatus.${service.status}`) })}</Typography>}
    >
      <FormSelect
        form={form}
        name="status"
        label={t('victims.services.nextStatus')}
        empty={t('victims.services.keepStatus')}
        options={SERVICE_TRANSITIONS[service.status].map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))}
      />
      {!service.startedOn && (
        <FormDay form={form} name="startedOn" label={t('victims.services.startedOn')} helperText={t('victims.services.startedHelp')} />
      )}
      {!service.endedOn && (
        <FormDay form={form} name="endedOn" label={t('victims.services.endedOn')} helperText={t('victims.services.endedHelp')} />
      )}
      <FormText form={form} name="outcome" label={t('victims.services.outcome')} multiline minRows={2} />
    </FormDialog>
  );
}

/** The provider's own notes on a service (nobody else sees them), and a new one. */
function ProviderNotes({ service }: { service: ServiceFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const refresh = useVictimRefresh(service.victimId);
  const form = useForm<{ body: string }>({ resolver: zodResolver(noteSchema), defaultValues: { body: '' } });
  const { busy, error, submit: send } = useFormSubmit(form);
  const submit = send(async (v) => {
    await request(ADD_SERVICE_NOTE, { input: { serviceId: service.id, body: v.body.trim() } });
    form.reset();
    await refresh();
  });
  return (
    <Box
      component="section"
      aria-label={t('victims.services.notesFor', { category: t(`serviceCategory.${service.category}`) })}
      sx={{ mt: 1.5, pl: 1.5, borderLeft: 3, borderColor: 'divider' }}
    >
      <Typography variant="h3" component="h4">
        {t('victims.services.notes')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('victims.services.notesHelp')}
      </Typography>
      {service.notes.length === 0 && <Typography variant="body2">{t('victims.services.noNotes')}</Typography>}
      {service.notes.map((n) => (
        <Box key={n.id} sx={{ mb: 1 }}>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {[n.authorName, formatTime(n.createdAt, i18n.language)].filter(Boolean).join(' · ')}
          </Typography>
        </Box>
      ))}
      {session.can('VICTIM_WRITE') && (
        <Stack
          component="form"
          onSubmit={submit}
          noValidate
          direction={{ xs: 'column', sm: 'row' }}
          spacing={1}
          sx={{ alignItems: { sm: 'flex-start' }, mt: 1 }}
        >
          <FormText form={form} name="body" label={t('victims.services.newNote')} multiline sx={{ flexGrow: 1 }} />
          <Button type="submit" variant="outlined" disabled={busy}>
            {t('victims.services.addNote')}
          </Button>
        </Stack>
      )}
      <ErrorAlert error={error} />
    </Box>
  );
}

/** One need or service: what, who provides it, where it stands, and what the reader may do with it. */
export function ServiceCard({ service, showVictim }: { service: ServiceFieldsFragment; showVictim?: boolean }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [moving, setMoving] = useState(false);
  const day = (d: string | null | undefined) => formatDay(d, i18n.language);
  const provider = service.provider.id === user?.agencyId;
  const mayMove =
    session.can('VICTIM_WRITE') &&
    (provider || service.custodialAgency.id === user?.agencyId) &&
    SERVICE_TRANSITIONS[service.status].length > 0;
  const title = t(`serviceCategory.${service.category}`);
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={showVictim ? `${service.victimCode}: ${title}` : title}
      sx={{ p: 1.5, mb: 1.5 }}
      data-testid="service"
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h3" component="h3" sx={{ flexGrow: 1 }}>
          {showVictim && (
            <>
              <RouterLink to="/victims/$victimId" params={{ victimId: service.victimId }} search={{ tab: 'services' }}>
                {service.victimCode}
              </RouterLink>
              {' · '}
            </>
          )}
          {title}
          {service.detail && <Typography component="span" color="text.secondary">{` (${service.detail})`}</Typography>}
        </Typography>
        <StatusChip tone={STATUS_TONE[service.status]} label={t(`serviceStatus.${service.status}`)} />
        {mayMove && (
          <Button size="small" variant="outlined" onClick={() => setMoving(true)}>
            {t('victims.services.move')}
          </Button>
        )}
      </Stack>
      <Typography variant="body2">
        {provider ? t('victims.services.providedByUs') : t('victims.services.providedBy', { agency: service.provider.name })}
        {showVictim && ` · ${t('victims.services.askedBy', { agency: service.custodialAgency.name })}`}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {[
          t('victims.services.requested', { day: day(service.requestedOn) }),
          service.startedOn && t('victims.services.started', { day: day(service.startedOn) }),
          service.endedOn && t('victims.services.ended', { day: day(service.endedOn) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      {service.outcome && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {t('victims.services.outcomeIs', { outcome: service.outcome })}
        </Typography>
      )}
      {provider && <ProviderNotes service={service} />}
      {moving && <MoveServiceDialog service={service} onClose={() => setMoving(false)} />}
    </Paper>
  );
}

/** A survivor's needs and services the reader may see (custodial, provider, or a SERVICES consent). */
export function Services({ victim }: { victim: Victim }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const canAdd = victim.custodial && session.can('VICTIM_WRITE');
  return (
    <Section
      title={t('victims.services.title')}
      actions={
        canAdd && (
          <Button variant="contained" onClick={() => setAdding(true)}>
            {t('victims.services.add')}
          </Button>
        )
      }
    >
      {victim.services.length === 0 && (
        <Typography color="text.secondary">{canAdd ? t('victims.services.noneAdd') : t('victims.services.none')}</Typography>
      )}
      {victim.services.map((s) => (
        <ServiceCard key={s.id} service={s} />
      ))}
      {adding && <AddServiceDialog victim={victim} onClose={() => setAdding(false)} />}
    </Section>
  );
}
