import { SubmitEventHandler, ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { ErrorAlert } from './ErrorAlert';

/**
 * One step on a record, in a dialog holding its form: its title, an optional explanation, the
 * fields, the refusal (the form's or the API's) in words, and Cancel / submit. On a refusal the
 * dialog stays open with everything typed, to be corrected and sent again.
 */
export function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  error,
  busy,
  submitLabel,
  busyLabel,
  description,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: SubmitEventHandler;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  /** What the submit button says while the request is under way (it is disabled meanwhile). */
  busyLabel?: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId} component="h2" variant="h2">
          {title}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {description}
            <ErrorAlert error={error} />
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy && busyLabel ? busyLabel : submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
