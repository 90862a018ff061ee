import { useId, useState, type BaseSyntheticEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError } from '../../api/client';
import { FormDialog as SharedFormDialog } from '../../components/FormDialog';

export { RouterButton, RouterLink } from '../../components/RouterLink';

/** One piece of work sent to the API: busy while it runs, the refusal kept to show in words. */
export function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** Marks the field the API named in a refusal (its words are in the alert above the form). */
function markApiField<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, e: unknown): void {
  if (e instanceof ApiError && e.field && e.field in form.getValues())
    form.setError(e.field as Path<T>, { message: 'victims.errors.seeAbove' });
}

/**
 * A form's work sent to the API once its rules pass: busy while it runs; a refusal is kept to show in
 * words (what was typed stays in the form) and the field the API named is marked.
 */
export function useFormSubmit<T extends FieldValues, Out>(form: UseFormReturn<T, unknown, Out>) {
  const { busy, error, run, setError } = useRun();
  // A submit handler for a form's onSubmit: `run` keeps any refusal to show, so nothing is left to await.
  const submit = (work: (values: Out) => Promise<void>) => (e?: BaseSyntheticEvent) =>
    void form.handleSubmit((values) =>
      run(async () => {
        try {
          await work(values);
        } catch (e) {
          markApiField(form, e);
          throw e;
        }
      }),
    )(e);
  return { busy, error, setError, run, submit };
}

/** A titled part of a screen. */
export function Section({ title, actions, children, id }: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  const auto = useId();
  const headingId = id ?? auto;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
          <Typography id={headingId} variant="h2" component="h2" sx={{ flexGrow: 1 }}>
            {title}
          </Typography>
          {actions}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

/** The console's one form dialog, saying "sending" while the request is under way. */
export function FormDialog(props: Omit<Parameters<typeof SharedFormDialog>[0], 'busyLabel'>) {
  const { t } = useTranslation();
  return <SharedFormDialog {...props} busyLabel={t('victims.sending')} />;
}

/** A text field bound to a form, its error in words. */
export function FormText<T extends FieldValues>({
  form,
  name,
  label,
  ...rest
}: { form: UseFormReturn<T, unknown, unknown>; name: Path<T>; label: string } & Omit<TextFieldProps, 'name' | 'label'>) {
  const { t } = useTranslation();
  const message = form.formState.errors[name]?.message as string | undefined;
  return (
    <TextField label={label} {...rest} {...form.register(name)} error={!!message} helperText={message ? t(message) : rest.helperText} />
  );
}

/** A date field bound to a form (the browser's own date input: typed or picked, by keyboard too). */
export function FormDay<T extends FieldValues>(
  props: { form: UseFormReturn<T, unknown, unknown>; name: Path<T>; label: string } & Omit<TextFieldProps, 'name' | 'label'>,
) {
  return <FormText type="date" slotProps={{ inputLabel: { shrink: true } }} {...props} />;
}

/** A select of closed values in words, bound to a form. */
export function FormSelect<T extends FieldValues>({
  form,
  name,
  label,
  options,
  empty,
  required,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  options: { value: string; label: string }[];
  empty?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const message = form.formState.errors[name]?.message as string | undefined;
  const value = (form.watch(name) as string | undefined) ?? '';
  return (
    <TextField
      select
      label={label}
      value={value}
      required={required}
      error={!!message}
      helperText={message && t(message)}
      onChange={(e) => form.setValue(name, e.target.value as never, { shouldValidate: form.formState.isSubmitted, shouldDirty: true })}
      slotProps={{ select: { displayEmpty: !!empty }, inputLabel: empty ? { shrink: true } : undefined }}
    >
      {empty !== undefined && <MenuItem value="">{empty}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Several closed values as checkboxes (reached by Tab, ticked with Space), bound to a form. */
export function FormChecks<T extends FieldValues>({
  form,
  name,
  label,
  options,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const message = form.formState.errors[name]?.message as string | undefined;
  const chosen = (form.watch(name) as string[] | undefined) ?? [];
  const toggle = (v: string) =>
    form.setValue(name, (chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v]) as never, {
      shouldValidate: form.formState.isSubmitted,
      shouldDirty: true,
    });
  return (
    <FormControl component="fieldset" error={!!message}>
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {options.map((o) => (
          <FormControlLabel
            key={o.value}
            label={o.label}
            control={<Checkbox checked={chosen.includes(o.value)} onChange={() => toggle(o.value)} />}
          />
        ))}
      </FormGroup>
      {message && <FormHelperText>{t(message)}</FormHelperText>}
    </FormControl>
  );
}

/** Status colours dark enough for white text at chip size (WCAG AA); 'default' is MUI's grey chip. */
const TONES = { info: '#01579b', warning: '#7a4100', success: '#1b5e20', error: '#b71c1c' } as const;
export type Tone = keyof typeof TONES | 'default';

/** A status in words, in a chip. */
export function StatusChip({ tone, label }: { tone: Tone; label: string }) {
  return <Chip size="small" label={label} sx={tone === 'default' ? undefined : { bgcolor: TONES[tone], color: '#fff' }} />;
}

/** A YYYY-MM-DD day in the reader's language. */
export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '';
  return new Date(`${day.slice(0, 10)}T12:00:00`).toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A moment in the reader's language. */
export function formatTime(at: string | null | undefined, lang: string): string {
  return at ? new Date(at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** Whole days from today to a day (negative when past). */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
