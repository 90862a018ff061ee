import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';

/** An API error in words: what happened, and the API's own explanation where it has one. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = errorMessage(error, t);
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ my: 1 }}
      action={
        onRetry ? (
          <button type="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {detail}
    </Alert>
  );
}
