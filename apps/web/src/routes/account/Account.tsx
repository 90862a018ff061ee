import { useState } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../../gql';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MfaEnrolmentForm } from '../../components/MfaEnrolmentForm';
import { appRoute } from '../app-route';

const ME = graphql(`
  query AccountMe {
    me {
      displayName
      username
      roles
      mfaEnabled
      agency {
        name
      }
    }
  }
`);
const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

/** The same rule the API applies to a new password (at least 12 characters), checked before sending. */
export const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'app.required'),
    newPassword: z.string().min(12, 'account.tooShort').max(128, 'account.tooShort'),
    again: z.string(),
  })
  .refine((v) => v.newPassword === v.again, { path: ['again'], error: 'account.mismatch' });

type PasswordForm = z.infer<typeof passwordSchema>;

function Account() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['account'], queryFn: () => request(ME) });
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [enrolled, setEnrolled] = useState(false);
  const form = useForm<PasswordForm>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { currentPassword: '', newPassword: '', again: '' },
  });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    setChanged(false);
    try {
      await request(CHANGE_PASSWORD, { input: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      form.reset();
      setChanged(true);
    } catch (e) {
      setError(e); // what was typed stays in the form
    }
  });
  const err = (name: keyof PasswordForm) => {
    const message = form.formState.errors[name]?.message;
    return message && t(message);
  };
  const m = me.data?.me;
  return (
    <Page title={t('account.title')}>
      <ErrorAlert error={me.error} />
      {m && (
        <Stack spacing={2} sx={{ maxWidth: 640 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h2" component="h2">
                {m.displayName}
              </Typography>
              <Typography>{m.username}</Typography>
              <Typography>
                {t('account.agency')}: {m.agency.name}
              </Typography>
              <Typography>
                {t('account.roles')}: {m.roles.map((r) => t(`roles.${r}`)).join(', ')}
              </Typography>
            </CardContent>
          </Card>
          <Card variant="outlined">
            <CardContent>
              <Stack spacing={2} component="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pw-title">
                <Typography id="pw-title" variant="h2" component="h2">
                  {t('account.password')}
                </Typography>
                {changed && <Alert severity="success">{t('account.changed')}</Alert>}
                <ErrorAlert error={error} />
                <TextField
                  type="password"
                  label={t('account.current')}
                  autoComplete="current-password"
                  {...form.register('currentPassword')}
                  error={!!err('currentPassword')}
                  helperText={err('currentPassword')}
                />
                <TextField
                  type="password"
                  label={t('account.next')}
                  autoComplete="new-password"
                  {...form.register('newPassword')}
                  error={!!err('newPassword')}
                  helperText={err('newPassword')}
                />
                <TextField
                  type="password"
                  label={t('account.again')}
                  autoComplete="new-password"
                  {...form.register('again')}
                  error={!!err('again')}
                  helperText={err('again')}
                />
                <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
                  {t('app.save')}
                </Button>
              </Stack>
            </CardContent>
          </Card>
          <Card variant="outlined">
            <CardContent>
              <Stack spacing={2}>
                <Typography variant="h2" component="h2">
                  {t('mfa.enrolTitle')}
                </Typography>
                <Typography>{m.mfaEnabled || enrolled ? t('mfa.enabled') : t('mfa.disabled')}</Typography>
                {!m.mfaEnabled && !enrolled && (
                  <MfaEnrolmentForm
                    onDone={() => {
                      session.enrolled();
                      setEnrolled(true);
                    }}
                  />
                )}
              </Stack>
            </CardContent>
          </Card>
        </Stack>
      )}
    </Page>
  );
}

export const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/account', component: Account });
