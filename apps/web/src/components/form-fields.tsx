import { useId } from 'react';
import { Controller, FieldPath, FieldValues, get, RegisterOptions, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField, { TextFieldProps } from '@mui/material/TextField';

/**
 * Form fields bound to react-hook-form, each showing its zod message (an i18n key) in words.
 * Selects are native <select>s: keyboard- and screen-reader-friendly, and dense.
 */

/** A form of any schema (its transformed output does not matter to a field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyForm<T extends FieldValues> = UseFormReturn<T, any, any>;

/** The translated message of a field's error, if any. */
export function useFieldError<T extends FieldValues>(form: AnyForm<T>, name: FieldPath<T>): string | undefined {
  const { t } = useTranslation();
  const message = get<typeof form.formState.errors, { message?: string } | undefined>(form.formState.errors, name)?.message;
  return message ? t(message) : undefined;
}

type FieldProps<T extends FieldValues> = { form: AnyForm<T>; name: FieldPath<T>; label: string; rules?: RegisterOptions<T> } & Omit<
  TextFieldProps,
  'name' | 'form' | 'label'
>;

/** A text field (or, with `select`, a native select) registered on the form. */
export function FormText<T extends FieldValues>({ form, name, label, rules, helperText, slotProps, ...rest }: FieldProps<T>) {
  const id = useId();
  const error = useFieldError(form, name);
  const native = rest.select
    ? { select: { native: true }, inputLabel: { shrink: true } }
    : rest.type === 'date'
      ? { inputLabel: { shrink: true } }
      : {};
  return (
    <TextField
      id={id}
      label={label}
      {...rest}
      {...form.register(name, rules)}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ ...native, ...slotProps }}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A native select of options, with an optional first "none" choice (value ''). */
export function FormSelect<T extends FieldValues>({ options, empty, ...props }: FieldProps<T> & { options: Option[]; empty?: string }) {
  return (
    <FormText {...props} select>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </FormText>
  );
}

/** A group of checkboxes writing a list of values (e.g. means of control), as a fieldset with a legend. */
export function FormCheckboxes<T extends FieldValues>({
  form,
  name,
  legend,
  options,
}: {
  form: AnyForm<T>;
  name: FieldPath<T>;
  legend: string;
  options: Option[];
}) {
  const error = useFieldError(form, name);
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => {
        const value: string[] = field.value ?? [];
        return (
          <FormControl component="fieldset" error={!!error}>
            <FormLabel component="legend">{legend}</FormLabel>
            <FormGroup row>
              {options.map((o) => (
                <FormControlLabel
                  key={o.value}
                  label={o.label}
                  control={
                    <Checkbox
                      size="small"
                      checked={value.includes(o.value)}
                      onBlur={field.onBlur}
                      onChange={(e) => field.onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
                    />
                  }
                />
              ))}
            </FormGroup>
            {error && <FormHelperText>{error}</FormHelperText>}
          </FormControl>
        );
      }}
    />
  );
}

/** Options from a closed vocabulary, in words (`vocab.VALUE`). */
export function useVocabOptions(vocab: string, values: readonly string[]): Option[] {
  const { t } = useTranslation();
  return values.map((v) => ({ value: v, label: t(`${vocab}.${v}`) }));
}
