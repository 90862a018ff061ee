import { useState } from 'react';
import { createRoute, redirect, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, request } from '../../api/client';
import { session } from '../../api/session';
import { DeconflictionNotice } from '../../components/DeconflictionNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import type { IdentifierKind } from '../../gql/graphql';
import { appRoute } from '../app-route';
import { CREATE_LEAD } from './documents';
import { emptyShown } from './format';
import {
  checkable,
  IDENTIFIER_KINDS,
  INDICATORS,
  LEAD_SOURCES,
  localNow,
  newLeadSchema,
  toCreateLeadInput,
  toIdentifierInput,
  TRAFFICKING_TYPES,
  VENUES,
  type NewLeadDraft,
  type NewLeadForm,
} from './schema';

const CHECK_DELAY_MS = 500;

/** A titled part of the form. */
function Part({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography id={id} variant="h2" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** One identifier as typed, and what the other agencies answer about it once the typing settles. */
function IdentifierRow({
  control,
  index,
  kind,
  n,
  onRemove,
}: {
  control: Control<NewLeadDraft, unknown, NewLeadForm>;
  index: number;
  kind: IdentifierKind;
  n: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const current = useWatch({ control, name: `identifiers.${index}` });
  const label = t(`leadForm.value.${kind}`);
  return (
    <Box sx={{ borderLeft: 3, borderColor: 'divider', pl: 1.5, py: 0.5 }}>
      <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Controller
          control={control}
          name={`identifiers.${index}.value`}
          render={({ field, fieldState }) => (
            <TextField
              {...field}
              label={`${label} ${n}`}
              error={!!fieldState.error}
              helperText={fieldState.error?.message && t(fieldState.error.message)}
              sx={{ flex: '1 1 260px' }}
              slotProps={{ htmlInput: { maxLength: 300, autoComplete: 'off', spellCheck: false } }}
            />
          )}
        />
        {kind === 'PERSON' && (
          <Controller
            control={control}
            name={`identifiers.${index}.birthDate`}
            render={({ field, fieldState }) => (
              <TextField
                {...field}
                type="date"
                label={`${t('leadForm.birthDate')} ${n}`}
                error={!!fieldState.error}
                helperText={fieldState.error?.message && t(fieldState.error.message)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            )}
          />
        )}
        <Button onClick={onRemove} aria-label={t('leadForm.remove', { label, n })}>
          ✕
        </Button>
      </Stack>
      <DeconflictionNotice
        identifier={checkable(current) ? toIdentifierInput(current) : null}
        debounceMs={CHECK_DELAY_MS}
        quietWhenClear={false}
      />
    </Box>
  );
}

/** Logging a tip or hotline signal; every identifier is checked against the other agencies as it is typed. */
function NewLead() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<NewLeadDraft, unknown, NewLeadForm>({
    resolver: zodResolver(newLeadSchema),
    defaultValues: {
      source: '',
      receivedAt: localNow(),
      narrative: '',
      state: 'WY',
      county: '',
      city: '',
      suspectedType: 'UNDETERMINED',
      venue: '',
      indicators: [],
      identifiers: [],
    },
  });
  const identifiers = useFieldArray({ control: form.control, name: 'identifiers' });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const { createLead } = await request(CREATE_LEAD, { input: toCreateLeadInput(v) });
      await qc.invalidateQueries({ queryKey: ['leads'] });
      await navigate({ to: '/leads/$leadId', params: { leadId: createLead.lead.id } });
    } catch (e) {
      // Everything typed stays in the form; a field the API names is marked too.
      setError(e);
      if (e instanceof ApiError && e.field && e.field in form.getValues())
        form.setError(e.field as keyof NewLeadDraft, { type: 'server', message: `errors.${e.code}` });
    }
  });
  const text = (name: 'narrative' | 'state' | 'county' | 'city' | 'receivedAt') => ({
    ...form.register(name),
    error: !!form.formState.errors[name],
    helperText: form.formState.errors[name]?.message && t(form.formState.errors[name].message),
  });
  const select = (
    name: 'source' | 'suspectedType' | 'venue',
    label: string,
    options: { value: string; label: string }[],
    required = false,
  ) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          select
          {...field}
          label={label}
          required={required}
          error={!!fieldState.error}
          helperText={fieldState.error?.message && t(fieldState.error.message)}
          sx={{ minWidth: 220 }}
          slotProps={emptyShown(options)}
        >
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
  const words = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const counts = new Map<string, number>();

  return (
    <Page title={t('leadForm.title')}>
      <Typography sx={{ mb: 2, maxWidth: 900 }}>{t('leadForm.intro')}</Typography>
      <Stack
        component="form"
        spacing={2}
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={t('leadForm.title')}
        sx={{ maxWidth: 1000 }}
      >
        <ErrorAlert error={error} />
        <Part id="lead-what" title={t('leadForm.what')}>
          <Stack spacing={2}>
            <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
              {select('source', t('leadForm.source'), words('leadSource', LEAD_SOURCES), true)}
              <TextField
                type="datetime-local"
                label={t('leadForm.receivedAt')}
                required
                {...text('receivedAt')}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              {select('suspectedType', t('leadForm.suspectedType'), words('traffickingType', TRAFFICKING_TYPES), true)}
              {select('venue', t('leadForm.venue'), [{ value: '', label: t('leadForm.noVenue') }, ...words('venue', VENUES)])}
            </Stack>
            <TextField
              label={t('leadForm.narrative')}
              required
              multiline
              minRows={4}
              {...text('narrative')}
              slotProps={{ htmlInput: { maxLength: 20000 } }}
            />
          </Stack>
        </Part>
        <Part id="lead-where" title={t('leadForm.where')}>
          <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
            <TextField
              label={t('leadForm.state')}
              required
              {...text('state')}
              sx={{ width: 160 }}
              slotProps={{ htmlInput: { maxLength: 2, style: { textTransform: 'uppercase' } } }}
            />
            <TextField label={t('leadForm.county')} {...text('county')} slotProps={{ htmlInput: { maxLength: 100 } }} />
            <TextField label={t('leadForm.city')} {...text('city')} slotProps={{ htmlInput: { maxLength: 100 } }} />
          </Stack>
        </Part>
        <Part id="lead-indicators" title={t('leadForm.indicators')}>
          <Controller
            control={form.control}
            name="indicators"
            render={({ field, fieldState }) => (
              <FormGroup
                aria-labelledby="lead-indicators"
                sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' }, columnGap: 2 }}
              >
                {INDICATORS.map((i) => (
                  <FormControlLabel
                    key={i}
                    label={t(`indicator.${i}`)}
                    control={
                      <Checkbox
                        size="small"
                        checked={field.value.includes(i)}
                        onChange={(e) => field.onChange(e.target.checked ? [...field.value, i] : field.value.filter((x) => x !== i))}
                      />
                    }
                  />
                ))}
                {fieldState.error?.message && <FormHelperText error>{t(fieldState.error.message)}</FormHelperText>}
              </FormGroup>
            )}
          />
        </Part>
        <Part id="lead-identifiers" title={t('leadForm.identifiers')}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t('leadForm.identifiersHelp')}
          </Typography>
          <Stack spacing={1.5}>
            {identifiers.fields.length === 0 && <Typography>{t('leadForm.noIdentifiers')}</Typography>}
            {identifiers.fields.map((f, index) => {
              const n = (counts.get(f.kind) ?? 0) + 1;
              counts.set(f.kind, n);
              return (
                <IdentifierRow
                  key={f.id}
                  control={form.control}
                  index={index}
                  kind={f.kind}
                  n={n}
                  onRemove={() => identifiers.remove(index)}
                />
              );
            })}
            {form.formState.errors.identifiers?.message && (
              <FormHelperText error>{t(form.formState.errors.identifiers.message)}</FormHelperText>
            )}
            <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
              {IDENTIFIER_KINDS.map((kind) => (
                <Button
                  key={kind}
                  variant="outlined"
                  size="small"
                  disabled={identifiers.fields.length >= 50}
                  onClick={() => identifiers.append({ kind, value: '', birthDate: '' })}
                >
                  {t(`leadForm.add.${kind}`)}
                </Button>
              ))}
            </Stack>
          </Stack>
        </Part>
        <Box>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t('leadForm.submitting') : t('leadForm.submit')}
          </Button>
        </Box>
      </Stack>
    </Page>
  );
}

export const newLeadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/new',
  // Hidden from those the API would refuse anyway.
  beforeLoad: () => {
    if (!session.can('LEAD_WRITE')) throw redirect({ to: '/leads' });
  },
  component: NewLead,
});
