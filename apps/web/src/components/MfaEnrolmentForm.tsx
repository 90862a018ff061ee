import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../gql';
import { request } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

const START = graphql(`
  mutation StartMfa {
    startMfaEnrolment {
      secret
      otpauthUri
    }
  }
`);
const CONFIRM = graphql(`
  mutation ConfirmMfa($input: ConfirmMfaInput!) {
    confirmMfa(input: $input) {
      mfaEnabled
    }
  }
`);

/** Adds an authenticator app: shows the key to type in, then confirms with the app's current code. */
export function MfaEnrolmentForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!secret) {
    return (
      <Stack spacing={1}>
        <ErrorAlert error={error} />
        <Button
          variant="contained"
          disabled={busy}
          onClick={() => void run(async () => setSecret((await request(START)).startMfaEnrolment))}
        >
          {t('mfa.start')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack
      spacing={2}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await request(CONFIRM, { input: { code } });
          onDone();
        });
      }}
    >
      <div>
        <Typography variant="body2" component="p">
          {t('mfa.secret')}
        </Typography>
        <Typography
          component="code"
          data-testid="mfa-secret"
          sx={{ fontFamily: 'monospace', fontSize: '1.1rem', letterSpacing: 2, wordBreak: 'break-all' }}
        >
          {secret.secret}
        </Typography>
      </div>
      <Typography variant="caption" sx={{ wordBreak: 'break-all' }}>
        {t('mfa.uri')}: {secret.otpauthUri}
      </Typography>
      <ErrorAlert error={error} />
      <TextField
        label={t('mfa.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        required
      />
      <Button type="submit" variant="contained" disabled={busy || code.length !== 6}>
        {t('mfa.confirm')}
      </Button>
    </Stack>
  );
}
