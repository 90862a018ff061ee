import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AnyForm, FormCheckboxes, FormSelect, FormText, useFieldError, useVocabOptions } from '../../components/form-fields';
import { CaseFieldsForm, emptyIdentifier, IdentifierForm } from './schemas';
import { IDENTIFIER_KINDS, MEANS_OF_CONTROL, TRAFFICKING_TYPES, VENUES, WYOMING_COUNTIES } from './vocab';

/** Counties: chosen from Wyoming's or typed, each shown as a chip. */
function CountiesField({ form }: { form: AnyForm<CaseFieldsForm> }) {
  const { t } = useTranslation();
  const error = useFieldError(form, 'counties');
  return (
    <Controller
      control={form.control}
      name="counties"
      render={({ field }) => (
        <Autocomplete
          multiple
          freeSolo
          autoSelect
          options={WYOMING_COUNTIES}
          value={field.value}
          onBlur={field.onBlur}
          onChange={(_, v) => field.onChange(v.map((c) => c.trim()).filter(Boolean))}
          renderValue={(value, getItemProps) =>
            value.map((c, i) => {
              const { key, ...item } = getItemProps({ index: i });
              return <Chip key={key} size="small" label={c} {...item} />;
            })
          }
          renderInput={(params) => (
            <TextField {...params} label={t('cases.field.counties')} error={!!error} helperText={error ?? t('cases.field.countiesHelp')} />
          )}
        />
      )}
    />
  );
}

/** The fields of a case both the open form and the summary edit show (CaseFieldsInput). */
export function CaseFields({ form }: { form: AnyForm<CaseFieldsForm> }) {
  const { t } = useTranslation();
  return (
    <>
      <FormText form={form} name="title" label={t('cases.field.title')} required helperText={t('cases.field.titleHelp')} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <FormSelect
          form={form}
          name="traffickingType"
          label={t('cases.field.type')}
          options={useVocabOptions('traffickingType', TRAFFICKING_TYPES)}
        />
        <FormSelect
          form={form}
          name="venue"
          label={t('cases.field.venue')}
          empty={t('cases.field.noVenue')}
          options={useVocabOptions('venue', VENUES)}
        />
      </Box>
      <FormCheckboxes
        form={form}
        name="meansOfControl"
        legend={t('cases.field.means')}
        options={useVocabOptions('meansOfControl', MEANS_OF_CONTROL)}
      />
      <FormText form={form} name="controlDetail" label={t('cases.field.controlDetail')} multiline minRows={2} />
      <CountiesField form={form} />
      <FormText form={form} name="summary" label={t('cases.field.summary')} multiline minRows={4} />
    </>
  );
}

type WithIdentifiers = { identifiers: IdentifierForm[] };

/** Identifiers (phones, addresses, handles, plates, people), checked against other agencies when saved. */
export function IdentifierFields({ form }: { form: AnyForm<WithIdentifiers> }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'identifiers' });
  const kinds = useVocabOptions('identifierKind', IDENTIFIER_KINDS);
  const values = form.watch('identifiers');
  return (
    <Stack component="fieldset" spacing={1.5} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
        {t('cases.identifiers.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('cases.identifiers.help')}
      </Typography>
      {fields.map((f, i) => (
        <Box
          key={f.id}
          role="group"
          aria-label={t('cases.identifiers.number', { n: i + 1 })}
          sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '170px 1fr 160px auto' }, alignItems: 'start' }}
        >
          <FormSelect form={form} name={`identifiers.${i}.kind`} label={t('cases.identifiers.kind')} options={kinds} />
          <FormText
            form={form}
            name={`identifiers.${i}.value`}
            label={values.at(i)?.kind === 'PERSON' ? t('cases.identifiers.fullName') : t('cases.identifiers.value')}
          />
          {values.at(i)?.kind === 'PERSON' ? (
            <FormText form={form} name={`identifiers.${i}.birthDate`} type="date" label={t('cases.identifiers.birthDate')} />
          ) : (
            <span />
          )}
          <Button onClick={() => remove(i)} aria-label={t('cases.identifiers.removeNumber', { n: i + 1 })}>
            {t('cases.identifiers.remove')}
          </Button>
        </Box>
      ))}
      <Box>
        <Button variant="outlined" size="small" onClick={() => append(emptyIdentifier())}>
          {t('cases.identifiers.add')}
        </Button>
      </Box>
    </Stack>
  );
}
