import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * One step on a record, in a dialog holding its form: a refusal (the form's or the API's) is shown
 * inside it, and the dialog stays open with everything typed so it can be corrected and sent again.
 */
export function FormDialog({ open, title, submitLabel, busy, error, onClose, onSubmit, children }: {
  open: boolean; title: string; submitLabel: string; busy: boolean; error: unknown; onClose: () => void; onSubmit: (e: FormEvent) => void; children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={id} component="h2">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <ErrorAlert error={error} />
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>{t('app.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>{submitLabel}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
