import { useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Divider from '@mui/material/Divider';
import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../gql';
import { request } from '../../api/client';
import { session, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { rootRoute } from '../app-route';

const LOGIN = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      status
      accessToken
      idleTimeoutSeconds
      me {
        userId
        username
        displayName
        roles
        permissions
        agencyId
        mfaEnabled
      }
    }
  }
`);

const SIGN_IN_OPTIONS = graphql(`
  query SignInOptions {
    signInOptions {
      agencyCode
      agencyName
      signInPath
    }
  }
`);

const SSO_REASONS = new Set([
  'NO_PROVIDER',
  'STATE_MISSING',
  'STATE_MISMATCH',
  'STATE_UNKNOWN',
  'STATE_REPLAYED',
  'STATE_EXPIRED',
  'PROVIDER_DENIED',
  'PROVIDER_UNREACHABLE',
  'TOKEN_REFUSED',
  'EMAIL_NOT_ALLOWED',
  'NO_ACCOUNT',
  'OTHER_AGENCY',
  'NO_ROLE',
  'ACCOUNT_CANNOT_SIGN_IN',
]);

/** Why a sign-in through an agency's provider came back refused (a reason code, never an identity). */
function ssoRefusal(): string | null {
  const reason = new URLSearchParams(window.location.search).get('signInError');
  return reason && SSO_REASONS.has(reason) ? reason : null;
}

export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { endedBecause } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [refusal] = useState(ssoRefusal);
  const options = useQuery({ queryKey: ['signInOptions'], queryFn: () => request(SIGN_IN_OPTIONS), staleTime: 60_000 });

  async function submit(e: React.SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { login } = await request(LOGIN, { input: { username, password, ...(step === 'totp' ? { totp } : {}) } });
      if (login.status === 'MFA_CODE_REQUIRED') {
        setStep('totp');
        return;
      }
      setPassword('');
      if (!login.accessToken || !login.me) throw new Error(`Signed in with status ${login.status}, but no session came back.`);
      session.signedIn(login.accessToken, login.me, {
        enrolmentRequired: login.status === 'MFA_ENROLMENT_REQUIRED',
        idleTimeoutSeconds: login.idleTimeoutSeconds,
      });
      await navigate({ to: login.status === 'MFA_ENROLMENT_REQUIRED' ? '/enrol' : '/' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper
        component="form"
        onSubmit={(e) => void submit(e)}
        noValidate
        sx={{ p: 4, width: '100%', maxWidth: 420 }}
        aria-labelledby="signin-title"
      >
        <Stack spacing={2}>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography id="signin-title" variant="h1" component="h1">
              {step === 'password' ? t('signIn.title') : t('signIn.totpTitle')}
            </Typography>
            <LanguageSwitch />
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t('app.title')}
          </Typography>
          {endedBecause && <Alert severity="info">{t(endedBecause)}</Alert>}
          {refusal && <Alert severity="warning">{t(`signIn.sso.${refusal}`)}</Alert>}
          <ErrorAlert error={error} />
          {step === 'password' ? (
            <>
              <TextField
                label={t('signIn.username')}
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
                autoFocus
              />
              <TextField
                label={t('signIn.password')}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
              <Button type="submit" variant="contained" disabled={busy || !username || !password}>
                {t('signIn.submit')}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {t('signIn.demoHint')}
              </Typography>
              {options.data && options.data.signInOptions.length > 0 && (
                <Stack spacing={1} component="nav" aria-label={t('signIn.orWith')}>
                  <Divider>{t('signIn.orWith')}</Divider>
                  {options.data.signInOptions.map((o) => (
                    <Button key={o.agencyCode} variant="outlined" href={o.signInPath}>
                      {t('signIn.withAgency', { agency: o.agencyName })}
                    </Button>
                  ))}
                </Stack>
              )}
            </>
          ) : (
            <>
              <Typography variant="body2">{t('signIn.totpHelp')}</Typography>
              <TextField
                label={t('signIn.totp')}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/\D/g, '').slice(0, 6))}
                required
                autoFocus
              />
              <Button type="submit" variant="contained" disabled={busy || totp.length !== 6}>
                {t('signIn.verify')}
              </Button>
              <Button
                onClick={() => {
                  setStep('password');
                  setTotp('');
                  setPassword('');
                  setError(null);
                }}
              >
                {t('signIn.startOver')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}

export const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/signin', component: SignIn });
