import { ReactNode, useState } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, FieldValues, Path, useForm, UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../../../gql';
import type { OversightAgenciesQuery } from '../../../gql/graphql';
import { request } from '../../../api/client';
import { Page } from '../../../components/Page';
import { appRoute } from '../../app-route';
import { AdminList, Field, Refusal, refusalOnField } from './form-parts';
import { SignInProviderDialog } from './SignInProvider';
import { AGENCY_KINDS, AGENCY_LEVELS, AgencyEditForm, agencyEditSchema, AgencyForm, agencySchema, changed, present } from './schemas';

const AGENCIES = graphql(`
  query OversightAgencies {
    agencies {
      id
      name
      shortCode
      level
      kind
      ori
      contactName
      contactPhone
      contactEmail
      active
      version
    }
  }
`);
const CREATE = graphql(`
  mutation OversightCreateAgency($input: CreateAgencyInput!) {
    createAgency(input: $input) {
      firstAdminUserId
      agency {
        id
        name
        shortCode
        level
        kind
        ori
        contactName
        contactPhone
        contactEmail
        active
        version
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation OversightUpdateAgency($input: UpdateAgencyInput!) {
    updateAgency(input: $input) {
      id
      name
      shortCode
      level
      kind
      ori
      contactName
      contactPhone
      contactEmail
      active
      version
    }
  }
`);

type Agency = OversightAgenciesQuery['agencies'][number];

function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  busy,
  submit,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  busy: boolean;
  submit: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="agency-dialog-title" fullWidth maxWidth="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
      >
        <DialogTitle id="agency-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ pt: 1 }}>{children}</Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('app.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The agency's contact: whom another agency calls (on a deconfliction match, say). */
function ContactFields<T extends FieldValues>({ form }: { form: UseFormReturn<T> }) {
  const { t } = useTranslation();
  return (
    <>
      <Grid size={{ xs: 12, sm: 4 }}>
        <Field form={form} name={'contactName' as Path<T>} label={t('oversight.agencies.contactName')} />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <Field form={form} name={'contactPhone' as Path<T>} label={t('oversight.agencies.contactPhone')} type="tel" />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <Field form={form} name={'contactEmail' as Path<T>} label={t('oversight.agencies.contactEmail')} type="email" />
      </Grid>
    </>
  );
}

const BLANK: AgencyForm = {
  name: '',
  shortCode: '',
  level: 'COUNTY',
  kind: 'LAW_ENFORCEMENT',
  ori: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  firstAdmin: { username: '', displayName: '', title: '', email: '', password: '' },
};

function CreateAgencyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (a: Agency, admin: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<AgencyForm>({ resolver: zodResolver(agencySchema), defaultValues: BLANK });
  const close = () => {
    form.reset(BLANK);
    setError(null);
    onClose();
  };
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const { firstAdmin, ...agency } = v;
    try {
      const { createAgency } = await request(CREATE, {
        input: {
          name: agency.name,
          shortCode: agency.shortCode,
          level: agency.level,
          kind: agency.kind,
          ...present({
            ori: agency.ori,
            contactName: agency.contactName,
            contactPhone: agency.contactPhone,
            contactEmail: agency.contactEmail,
          }),
          firstAdmin: {
            username: firstAdmin.username,
            displayName: firstAdmin.displayName,
            password: firstAdmin.password,
            ...present({ title: firstAdmin.title, email: firstAdmin.email }),
          },
        },
      });
      form.reset(BLANK);
      onCreated(createAgency.agency, firstAdmin.username);
    } catch (e) {
      const fields = {
        name: 'name',
        shortCode: 'shortCode',
        ori: 'ori',
        contactPhone: 'contactPhone',
        contactEmail: 'contactEmail',
        username: 'firstAdmin.username',
        password: 'firstAdmin.password',
      } as const;
      if (!refusalOnField(form, e, fields)) setError(e);
    }
  });
  const select = (name: 'level' | 'kind', options: readonly string[]) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <TextField select fullWidth label={t(`oversight.agencies.${name}`)} {...field}>
          {options.map((o) => (
            <MenuItem key={o} value={o}>
              {t(`oversight.agencies.${name}s.${o}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
  return (
    <FormDialog
      open={open}
      title={t('oversight.agencies.create')}
      onClose={close}
      onSubmit={() => void submit()}
      busy={form.formState.isSubmitting}
      submit={t('oversight.agencies.createSubmit')}
    >
      <Refusal error={error} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 8 }}>
          <Field form={form} name="name" label={t('oversight.agencies.name')} required />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Field
            form={form}
            name="shortCode"
            label={t('oversight.agencies.shortCode')}
            required
            helperText={t('oversight.agencies.shortCodeHelp')}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>{select('level', AGENCY_LEVELS)}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>{select('kind', AGENCY_KINDS)}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Field form={form} name="ori" label={t('oversight.agencies.ori')} helperText={t('oversight.agencies.oriHelp')} />
        </Grid>
        <ContactFields form={form} />
        <Grid size={12}>
          <Typography variant="h3" component="h3">
            {t('oversight.agencies.firstAdmin')}
          </Typography>
          <Typography variant="body2">{t('oversight.agencies.firstAdminHelp')}</Typography>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field form={form} name="firstAdmin.username" label={t('oversight.users.username')} required autoComplete="off" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field form={form} name="firstAdmin.displayName" label={t('oversight.users.displayName')} required />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field form={form} name="firstAdmin.title" label={t('oversight.users.jobTitle')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field form={form} name="firstAdmin.email" label={t('oversight.users.email')} type="email" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field
            form={form}
            name="firstAdmin.password"
            label={t('oversight.users.password')}
            type="password"
            autoComplete="new-password"
            required
            helperText={t('oversight.users.passwordHelp')}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}

const editable = (a: Agency): AgencyEditForm => ({
  name: a.name,
  ori: a.ori ?? '',
  contactName: a.contactName ?? '',
  contactPhone: a.contactPhone ?? '',
  contactEmail: a.contactEmail ?? '',
  active: a.active,
});

function EditAgencyDialog({ agency, onClose, onSaved }: { agency: Agency; onClose: () => void; onSaved: (a: Agency) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<AgencyEditForm>({ resolver: zodResolver(agencyEditSchema), defaultValues: editable(agency) });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const diff = changed(editable(agency), v);
    if (Object.keys(diff).length === 0) {
      onClose();
      return;
    }
    try {
      const { updateAgency } = await request(UPDATE, { input: { id: agency.id, version: agency.version, ...diff } });
      onSaved(updateAgency);
    } catch (e) {
      if (!refusalOnField(form, e, { name: 'name', ori: 'ori', contactPhone: 'contactPhone', contactEmail: 'contactEmail' })) setError(e);
    }
  });
  return (
    <FormDialog
      open
      title={t('oversight.agencies.editOf', { name: agency.name })}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={form.formState.isSubmitting}
      submit={t('app.save')}
    >
      <Refusal error={error} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 8 }}>
          <Field form={form} name="name" label={t('oversight.agencies.name')} required />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Field form={form} name="ori" label={t('oversight.agencies.ori')} />
        </Grid>
        <ContactFields form={form} />
        <Grid size={12}>
          <Controller
            control={form.control}
            name="active"
            render={({ field }) => (
              <FormControlLabel
                control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />}
                label={t('oversight.agencies.activeHelp')}
              />
            )}
          />
        </Grid>
        <Grid size={12}>
          <Typography variant="body2" color="text.secondary">
            {t('oversight.agencies.cannotClear')}
          </Typography>
        </Grid>
      </Grid>
    </FormDialog>
  );
}

function Agencies() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useQuery({ queryKey: ['admin', 'agencies'], queryFn: () => request(AGENCIES) });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Agency | null>(null);
  const [provider, setProvider] = useState<Agency | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const put = (a: Agency) =>
    queryClient.setQueryData<OversightAgenciesQuery>(
      ['admin', 'agencies'],
      (d) =>
        d && {
          agencies: d.agencies.some((x) => x.id === a.id) ? d.agencies.map((x) => (x.id === a.id ? a : x)) : [...d.agencies, a],
        },
    );
  return (
    <Page
      title={t('oversight.agencies.title')}
      actions={
        <Button
          variant="contained"
          onClick={() => {
            setDone(null);
            setCreating(true);
          }}
        >
          {t('oversight.agencies.create')}
        </Button>
      }
    >
      <Typography sx={{ mb: 2 }}>{t('oversight.agencies.intro')}</Typography>
      <AdminList
        title={t('oversight.agencies.title')}
        loading={t('oversight.agencies.loading')}
        list={agencies}
        done={done}
        headers={['name', 'shortCode', 'level', 'kind', 'ori', 'contact', 'status', 'actions'].map((h) => `oversight.agencies.col.${h}`)}
      >
        {agencies.data?.agencies.map((a) => (
          <TableRow key={a.id}>
            <TableCell component="th" scope="row">
              {a.name}
            </TableCell>
            <TableCell>{a.shortCode}</TableCell>
            <TableCell>{t(`oversight.agencies.levels.${a.level}`)}</TableCell>
            <TableCell>{t(`oversight.agencies.kinds.${a.kind}`)}</TableCell>
            <TableCell>{a.ori ?? ''}</TableCell>
            <TableCell>{[a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(' · ')}</TableCell>
            <TableCell>
              <Chip
                size="small"
                variant={a.active ? 'outlined' : 'filled'}
                label={a.active ? t('oversight.agencies.active') : t('oversight.agencies.inactive')}
              />
            </TableCell>
            <TableCell>
              <Button
                size="small"
                variant="outlined"
                onClick={() => {
                  setDone(null);
                  setEditing(a);
                }}
                aria-label={t('oversight.agencies.editOf', { name: a.name })}
              >
                {t('oversight.agencies.edit')}
              </Button>{' '}
              <Button
                size="small"
                variant="outlined"
                onClick={() => {
                  setDone(null);
                  setProvider(a);
                }}
                aria-label={t('oversight.signInProvider.titleOf', { name: a.name })}
              >
                {t('oversight.signInProvider.open')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </AdminList>
      <CreateAgencyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a, admin) => {
          put(a);
          setCreating(false);
          setDone(t('oversight.agencies.created', { name: a.name, admin }));
        }}
      />
      {provider && (
        <SignInProviderDialog
          agency={provider}
          onClose={() => setProvider(null)}
          onSaved={() => {
            setDone(t('oversight.signInProvider.saved', { name: provider.name }));
            setProvider(null);
          }}
        />
      )}
      {editing && (
        <EditAgencyDialog
          agency={editing}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            put(a);
            setEditing(null);
            setDone(t('oversight.agencies.saved', { name: a.name }));
          }}
        />
      )}
    </Page>
  );
}

export const agenciesRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/agencies', component: Agencies });
