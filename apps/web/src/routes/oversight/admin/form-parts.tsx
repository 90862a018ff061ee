import { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import AlertTitle from '@mui/material/AlertTitle';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';

/**
 * The API's refusal in words. A CONFLICT that is not a stale version (a username or short code
 * already taken) says exactly that, in the API's words, rather than "someone changed this record";
 * a refused request that names no field ("You cannot disable your own account") leads with the refusal.
 */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const refusal =
    error instanceof ApiError &&
    !!error.message &&
    ((error.code === 'CONFLICT' && !('currentVersion' in error.details)) || (error.code === 'BAD_USER_INPUT' && !error.field));
  if (refusal) {
    return (
      <Alert severity="error" role="alert" sx={{ my: 1 }}>
        <AlertTitle>{t('oversight.admin.refused')}</AlertTitle>
        {error.message}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

/** The field an API refusal names (extensions.field, or the first of extensions.fields). */
function apiField(e: ApiError): string | undefined {
  const fields = e.details.fields;
  return e.field ?? (Array.isArray(fields) && typeof fields[0] === 'string' ? fields[0] : undefined);
}

/**
 * Puts a refusal on the field it names, in the API's words, when the form has that field
 * (`fields` maps the API's name to the form's); returns whether it did.
 */
export function refusalOnField<T extends FieldValues>(form: UseFormReturn<T>, e: unknown, fields: Record<string, Path<T>>): boolean {
  if (!(e instanceof ApiError) || !['BAD_USER_INPUT', 'CONFLICT'].includes(e.code)) return false;
  const name = apiField(e);
  const target = name ? fields[name] : undefined;
  if (!target) return false;
  form.setError(target, { type: 'api', message: e.message }, { shouldFocus: true });
  return true;
}

/** A field's error for a TextField: the API's words as they came, or the i18n key of a browser-side rule. */
export function fieldError<T extends FieldValues>(
  form: UseFormReturn<T>,
  name: Path<T>,
  t: (k: string) => string,
): { error: boolean; helperText?: string } {
  const e = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], form.formState.errors) as
    { type?: string; message?: string } | undefined;
  if (!e?.message) return { error: false };
  return { error: true, helperText: e.type === 'api' ? e.message : t(e.message) };
}

/** A text field of a form, its error in words (the API's, or the browser-side rule's); `helperText` shows when there is no error. */
export function Field<T extends FieldValues>({
  form,
  name,
  label,
  helperText,
  ...extra
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  helperText?: string;
  [k: string]: unknown;
}) {
  const { t } = useTranslation();
  const e = fieldError(form, name, t);
  return <TextField fullWidth label={label} {...form.register(name)} {...extra} error={e.error} helperText={e.helperText ?? helperText} />;
}

/**
 * An administration list: what was just done (a live region), the refusal of the last action, the
 * list's own loading and error, and its table (`headers` are i18n keys; `children` its rows).
 */
export function AdminList({
  title,
  loading,
  list,
  done,
  refusal,
  headers,
  children,
}: {
  title: string;
  loading: string;
  list: { error: unknown; isPending: boolean; refetch: () => unknown; data?: unknown };
  done: string | null;
  refusal?: unknown;
  headers: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Box role="status">
        {done && (
          <Alert severity="success" sx={{ mb: 1 }}>
            {done}
          </Alert>
        )}
      </Box>
      <Refusal error={refusal} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending && <Typography role="status">{loading}</Typography>}
      {list.data !== undefined && (
        <TableContainer tabIndex={0} role="region" aria-label={title}>
          <Table size="small">
            <TableHead>
              <TableRow>
                {headers.map((h) => (
                  <TableCell key={h}>{t(h)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>{children}</TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
