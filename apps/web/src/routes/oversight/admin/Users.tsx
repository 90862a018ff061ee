import { useState } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { graphql } from '../../../gql';
import type { Role } from '../../../gql/graphql';
import { request } from '../../../api/client';
import { useSession } from '../../../api/session';
import { Page } from '../../../components/Page';
import { appRoute } from '../../app-route';
import { allUsers, OversightUser } from '../users';
import { AdminList, Field, Refusal, refusalOnField } from './form-parts';
import { AGENCY_ROLES, CreateUserForm, createUserSchema, present, rolesSchema } from './schemas';

const CREATE = graphql(`
  mutation OversightCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      displayName
      title
      email
      roles
      active
      locked
      mfaEnabled
      lastLoginAt
      version
    }
  }
`);
const SET_ROLES = graphql(`
  mutation OversightSetRoles($input: SetUserRolesInput!) {
    setUserRoles(input: $input) {
      id
      roles
      version
    }
  }
`);
const DISABLE = graphql(`
  mutation OversightDisableUser($input: UserIdInput!) {
    disableUser(input: $input) {
      id
      active
      version
    }
  }
`);
const ENABLE = graphql(`
  mutation OversightEnableUser($input: UserIdInput!) {
    enableUser(input: $input) {
      id
      active
      version
    }
  }
`);
const UNLOCK = graphql(`
  mutation OversightUnlockUser($input: UserIdInput!) {
    unlockUser(input: $input) {
      id
      locked
      version
    }
  }
`);
const RESET_MFA = graphql(`
  mutation OversightResetMfa($input: UserIdInput!) {
    resetUserMfa(input: $input) {
      id
      mfaEnabled
      version
    }
  }
`);

type Action = 'disable' | 'enable' | 'unlock' | 'resetMfa';
type UserPatch = Partial<OversightUser> & { id: string };

/** One of the account actions; the user as the API now has them. */
async function perform(action: Action, userId: string): Promise<UserPatch> {
  const input = { userId };
  switch (action) {
    case 'disable':
      return (await request(DISABLE, { input })).disableUser;
    case 'enable':
      return (await request(ENABLE, { input })).enableUser;
    case 'unlock':
      return (await request(UNLOCK, { input })).unlockUser;
    case 'resetMfa':
      return (await request(RESET_MFA, { input })).resetUserMfa;
  }
}
/** Actions that cut someone off ask first. */
const CONFIRM: Action[] = ['disable', 'resetMfa'];

function RoleChecks({ value, onChange, error, label }: { value: Role[]; onChange: (r: Role[]) => void; error?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <FormControl component="fieldset" error={!!error}>
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {AGENCY_ROLES.map((r) => (
          <FormControlLabel
            key={r}
            label={t(`roles.${r}`)}
            control={
              <Checkbox
                checked={value.includes(r)}
                onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText>{t(error)}</FormHelperText>}
    </FormControl>
  );
}

function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: OversightUser) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const blank: CreateUserForm = { username: '', displayName: '', title: '', email: '', password: '', roles: [] };
  const form = useForm<CreateUserForm>({ resolver: zodResolver(createUserSchema), defaultValues: blank });
  const close = () => {
    form.reset(blank);
    setError(null);
    onClose();
  };
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const { createUser } = await request(CREATE, {
        input: {
          username: v.username,
          displayName: v.displayName,
          password: v.password,
          roles: v.roles,
          ...present({ title: v.title, email: v.email }),
        },
      });
      form.reset(blank);
      onCreated(createUser);
    } catch (e) {
      if (
        !refusalOnField(form, e, {
          username: 'username',
          password: 'password',
          email: 'email',
          displayName: 'displayName',
          title: 'title',
          roles: 'roles',
        })
      )
        setError(e);
    }
  });
  const field = (name: 'username' | 'displayName' | 'title' | 'email' | 'password', extra: Record<string, unknown> = {}) => (
    <Field form={form} name={name} label={t(`oversight.users.${name === 'title' ? 'jobTitle' : name}`)} {...extra} />
  );
  return (
    <Dialog open={open} onClose={close} aria-labelledby="create-user-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="create-user-title">{t('oversight.users.create')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Refusal error={error} />
            {field('username', { autoComplete: 'off', required: true, slotProps: { htmlInput: { autoCapitalize: 'none' } } })}
            {field('displayName', { required: true })}
            {field('title')}
            {field('email', { type: 'email' })}
            {field('password', {
              type: 'password',
              autoComplete: 'new-password',
              required: true,
              helperText: t('oversight.users.passwordHelp'),
            })}
            <Controller
              control={form.control}
              name="roles"
              render={({ field: f, fieldState }) => (
                <RoleChecks
                  label={t('oversight.users.roles')}
                  value={f.value}
                  onChange={f.onChange}
                  error={fieldState.error?.type === 'api' ? undefined : fieldState.error?.message}
                />
              )}
            />
            {form.formState.errors.roles?.type === 'api' && <Alert severity="error">{form.formState.errors.roles.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('app.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {t('oversight.users.createSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RolesDialog({ user, onClose, onSaved }: { user: OversightUser | null; onClose: () => void; onSaved: (u: OversightUser) => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | undefined>();
  const value = roles ?? user?.roles ?? [];
  const close = () => {
    setRoles(null);
    setError(null);
    setInvalid(undefined);
    onClose();
  };
  const save = useMutation({
    mutationFn: async () => {
      if (!user) throw new Error('No user is open in the roles dialog.');
      return { user, ...(await request(SET_ROLES, { input: { userId: user.id, roles: value, version: user.version } })) };
    },
    onSuccess: ({ user: was, setUserRoles }) => {
      setRoles(null);
      setError(null);
      onSaved({ ...was, ...setUserRoles });
    },
    onError: setError,
  });
  const submit = () => {
    const ok = rolesSchema.safeParse({ roles: value });
    setInvalid(ok.success ? undefined : ok.error.issues[0].message);
    if (ok.success) save.mutate();
  };
  return (
    <Dialog open={!!user} onClose={close} aria-labelledby="roles-title" fullWidth maxWidth="sm">
      <DialogTitle id="roles-title">{t('oversight.users.rolesOf', { name: user?.displayName ?? '' })}</DialogTitle>
      <DialogContent>
        <Refusal error={error} />
        <RoleChecks label={t('oversight.users.roles')} value={value} onChange={setRoles} error={invalid} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('app.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={save.isPending}>
          {t('app.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Users() {
  const { t, i18n } = useTranslation();
  const me = useSession().user;
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: allUsers });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<OversightUser | null>(null);
  const [confirm, setConfirm] = useState<{ action: Action; user: OversightUser } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const patch = (u: UserPatch) =>
    queryClient.setQueryData<OversightUser[]>(['admin', 'users'], (all) => all?.map((x) => (x.id === u.id ? { ...x, ...u } : x)));
  const act = useMutation({
    mutationFn: ({ action, user }: { action: Action; user: OversightUser }) => perform(action, user.id),
    onMutate: () => {
      setError(null);
      setDone(null);
    },
    onSuccess: (data, { action, user }) => {
      patch(data);
      setDone(t(`oversight.users.done.${action}`, { name: user.displayName }));
    },
    onError: (e) => setError(e),
    onSettled: () => setConfirm(null),
  });
  const run = (action: Action, user: OversightUser) =>
    CONFIRM.includes(action) ? setConfirm({ action, user }) : act.mutate({ action, user });
  const when = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : t('oversight.users.never');

  return (
    <Page
      title={t('oversight.users.title')}
      actions={
        <Button variant="contained" onClick={() => setCreating(true)}>
          {t('oversight.users.create')}
        </Button>
      }
    >
      <Typography sx={{ mb: 2 }}>{t('oversight.users.intro')}</Typography>
      <AdminList
        title={t('oversight.users.title')}
        loading={t('oversight.users.loading')}
        list={users}
        done={done}
        refusal={error}
        headers={['name', 'username', 'roles', 'status', 'lastLogin', 'actions'].map((h) => `oversight.users.col.${h}`)}
      >
        {users.data?.map((u) => (
          <TableRow key={u.id} aria-label={u.username}>
            <TableCell component="th" scope="row">
              {u.displayName}
              {u.id === me?.userId && <> ({t('oversight.users.you')})</>}
              {u.title && (
                <Typography variant="caption" component="div" color="text.secondary">
                  {u.title}
                </Typography>
              )}
            </TableCell>
            <TableCell>{u.username}</TableCell>
            <TableCell>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                <Chip
                  size="small"
                  label={u.active ? t('oversight.users.active') : t('oversight.users.disabled')}
                  variant={u.active ? 'outlined' : 'filled'}
                />
                {u.locked && <Chip size="small" color="error" label={t('oversight.users.locked')} />}
                <Chip size="small" variant="outlined" label={u.mfaEnabled ? t('oversight.users.mfaOn') : t('oversight.users.mfaOff')} />
              </Stack>
            </TableCell>
            <TableCell>{when(u.lastLoginAt)}</TableCell>
            <TableCell>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => setEditing(u)}
                  aria-label={t('oversight.users.changeRolesOf', { name: u.displayName })}
                >
                  {t('oversight.users.changeRoles')}
                </Button>
                {u.active ? (
                  <Button
                    size="small"
                    onClick={() => run('disable', u)}
                    aria-label={t('oversight.users.disableOf', { name: u.displayName })}
                  >
                    {t('oversight.users.disable')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => run('enable', u)} aria-label={t('oversight.users.enableOf', { name: u.displayName })}>
                    {t('oversight.users.enable')}
                  </Button>
                )}
                {u.locked && (
                  <Button
                    size="small"
                    color="error"
                    variant="outlined"
                    onClick={() => run('unlock', u)}
                    aria-label={t('oversight.users.unlockOf', { name: u.displayName })}
                  >
                    {t('oversight.users.unlock')}
                  </Button>
                )}
                {u.mfaEnabled && (
                  <Button
                    size="small"
                    onClick={() => run('resetMfa', u)}
                    aria-label={t('oversight.users.resetMfaOf', { name: u.displayName })}
                  >
                    {t('oversight.users.resetMfa')}
                  </Button>
                )}
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </AdminList>
      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          queryClient.setQueryData<OversightUser[]>(['admin', 'users'], (all) => [...(all ?? []), u]);
          setCreating(false);
          setError(null);
          setDone(t('oversight.users.done.create', { name: u.displayName, username: u.username }));
        }}
      />
      <RolesDialog
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          patch(u);
          setEditing(null);
          setError(null);
          setDone(t('oversight.users.done.roles', { name: u.displayName }));
        }}
      />
      <Dialog open={!!confirm} onClose={() => setConfirm(null)} aria-labelledby="confirm-title">
        <DialogTitle id="confirm-title">
          {confirm && t(`oversight.users.confirm.${confirm.action}`, { name: confirm.user.displayName })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{confirm && t(`oversight.users.confirm.${confirm.action}Help`)}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>{t('app.cancel')}</Button>
          <Button variant="contained" color="error" disabled={act.isPending} onClick={() => confirm && act.mutate(confirm)}>
            {confirm && t(`oversight.users.${confirm.action}`)}
          </Button>
        </DialogActions>
      </Dialog>
    </Page>
  );
}

export const usersRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/users', component: Users });
