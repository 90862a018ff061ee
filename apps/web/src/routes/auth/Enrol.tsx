import { useEffect, useState } from 'react';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { session } from '../../api/session';
import { MfaEnrolmentForm } from '../../components/MfaEnrolmentForm';
import { signOut } from '../../components/sign-out';
import { requireSession, rootRoute } from '../app-route';

/** MFA is mandatory and not set up yet: the one thing this session may do. */
function Enrol() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [done, setDone] = useState(false);
  useEffect(() => {
    document.title = `${t('mfa.enrolTitle')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 520 }}>
        <Stack spacing={2}>
          <Typography variant="h1" component="h1">
            {t('mfa.enrolTitle')}
          </Typography>
          <Typography variant="body2">{t('mfa.enrolHelp')}</Typography>
          <MfaEnrolmentForm
            onDone={() => {
              session.enrolled();
              setDone(true);
              void navigate({ to: '/' });
            }}
          />
          {!done && <Button onClick={() => void signOut(navigate)}>{t('shell.signOut')}</Button>}
        </Stack>
      </Paper>
    </Box>
  );
}

/** Signed in, but MFA is mandatory and not yet set up: only enrolment. */
export const enrolRoute = createRoute({ getParentRoute: () => rootRoute, path: '/enrol', beforeLoad: requireSession, component: Enrol });
