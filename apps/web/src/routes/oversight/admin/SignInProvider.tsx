import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../../../gql';
import type { IdentityRoleSource, OversightAgencyIdentityProviderQuery, Role } from '../../../gql/graphql';
import { request } from '../../../api/client';
import { FormDialog } from '../../../components/FormDialog';

const PROVIDER = graphql(`
  query OversightAgencyIdentityProvider($agencyId: ID!) {
    agencyIdentityProvider(agencyId: $agencyId) {
      issuer
      clientId
      allowedEmailDomains
      createUsers
      roleSource
      roleClaim
      defaultRoles
      mfaAcrValues
      mfaAmrValues
      enabled
      callbackPath
      backChannelLogoutPath
    }
  }
`);
const SET_PROVIDER = graphql(`
  mutation OversightSetAgencyIdentityProvider($input: SetAgencyIdentityProviderInput!) {
    setAgencyIdentityProvider(input: $input) {
      issuer
    }
  }
`);

type Settings = NonNullable<OversightAgencyIdentityProviderQuery['agencyIdentityProvider']>;

/** The roles an account created at its first federated sign-in may get (never the task-force admin). */
const AGENCY_ROLES: Role[] = ['INVESTIGATOR', 'VICTIM_ADVOCATE', 'PROSECUTOR', 'SUPERVISOR', 'AGENCY_ADMIN', 'AUDITOR'];

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The task-force admin connects an agency's own OpenID Connect provider (ADR 0018). The client
 * secret is write-only: the form says whether one is set, never what it is.
 */
export function SignInProviderDialog({
  agency,
  onClose,
  onSaved,
}: {
  agency: { id: string; name: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const current = useQuery({
    queryKey: ['admin', 'identityProvider', agency.id],
    queryFn: () => request(PROVIDER, { agencyId: agency.id }),
    // Read afresh each time the dialog opens (nothing of it is kept once it closes).
    gcTime: 0,
  });
  const p = current.data?.agencyIdentityProvider;
  if (current.isPending) return null;
  return <ProviderForm agency={agency} current={p ?? null} onClose={onClose} onSaved={onSaved} />;
}

function ProviderForm({
  agency,
  current,
  onClose,
  onSaved,
}: {
  agency: { id: string; name: string };
  current: Settings | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [issuer, setIssuer] = useState(current?.issuer ?? '');
  const [clientId, setClientId] = useState(current?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(current?.allowedEmailDomains.join(', ') ?? '');
  const [createUsers, setCreateUsers] = useState(current?.createUsers ?? false);
  const [defaultRoles, setDefaultRoles] = useState<Role[]>(current?.defaultRoles ?? []);
  const [amr, setAmr] = useState(current?.mfaAmrValues.join(', ') ?? 'mfa, otp, hwk');
  const [acr, setAcr] = useState(current?.mfaAcrValues.join(', ') ?? '');
  const [roleSource, setRoleSource] = useState<IdentityRoleSource>(current?.roleSource ?? 'LOCAL');
  const [roleClaim, setRoleClaim] = useState(current?.roleClaim ?? '');
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await request(SET_PROVIDER, {
        input: {
          agencyId: agency.id,
          issuer: issuer.trim(),
          clientId: clientId.trim(),
          ...(clientSecret ? { clientSecret } : {}),
          allowedEmailDomains: list(domains.toLowerCase()),
          createUsers,
          roleSource,
          ...(roleSource === 'CLAIM' ? { roleClaim: roleClaim.trim() } : {}),
          defaultRoles,
          mfaAcrValues: list(acr),
          mfaAmrValues: list(amr),
          enabled,
        },
      });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open
      title={t('oversight.signInProvider.titleOf', { name: agency.name })}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      error={error}
      busy={busy}
      submitLabel={t('app.save')}
      description={<Typography variant="body2">{t('oversight.signInProvider.intro')}</Typography>}
    >
      <TextField label={t('oversight.signInProvider.issuer')} value={issuer} onChange={(e) => setIssuer(e.target.value)} required />
      <TextField label={t('oversight.signInProvider.clientId')} value={clientId} onChange={(e) => setClientId(e.target.value)} required />
      <TextField
        label={t('oversight.signInProvider.clientSecret')}
        type="password"
        autoComplete="off"
        value={clientSecret}
        onChange={(e) => setClientSecret(e.target.value)}
        helperText={current ? t('oversight.signInProvider.secretKept') : t('oversight.signInProvider.secretNeeded')}
        required={!current}
      />
      <TextField
        label={t('oversight.signInProvider.domains')}
        value={domains}
        onChange={(e) => setDomains(e.target.value)}
        helperText={t('oversight.signInProvider.domainsHelp')}
      />
      <TextField
        label={t('oversight.signInProvider.amr')}
        value={amr}
        onChange={(e) => setAmr(e.target.value)}
        helperText={t('oversight.signInProvider.amrHelp')}
      />
      <TextField
        label={t('oversight.signInProvider.acr')}
        value={acr}
        onChange={(e) => setAcr(e.target.value)}
        helperText={t('oversight.signInProvider.acrHelp')}
      />
      <TextField
        select
        label={t('oversight.signInProvider.roleSource')}
        value={roleSource}
        onChange={(e) => setRoleSource(e.target.value as IdentityRoleSource)}
      >
        <MenuItem value="LOCAL">{t('oversight.signInProvider.roleSourceLocal')}</MenuItem>
        <MenuItem value="CLAIM">{t('oversight.signInProvider.roleSourceClaim')}</MenuItem>
      </TextField>
      {roleSource === 'CLAIM' && (
        <TextField
          label={t('oversight.signInProvider.roleClaim')}
          value={roleClaim}
          onChange={(e) => setRoleClaim(e.target.value)}
          required
        />
      )}
      <FormControlLabel
        control={<Checkbox checked={createUsers} onChange={(e) => setCreateUsers(e.target.checked)} />}
        label={t('oversight.signInProvider.createUsers')}
      />
      {createUsers && roleSource === 'LOCAL' && (
        <TextField
          select
          label={t('oversight.signInProvider.defaultRoles')}
          value={defaultRoles}
          onChange={(e) => setDefaultRoles(typeof e.target.value === 'string' ? [] : e.target.value)}
          slotProps={{ select: { multiple: true } }}
        >
          {AGENCY_ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`roles.${r}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <FormControlLabel
        control={<Checkbox checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />}
        label={t('oversight.signInProvider.enabled')}
      />
      {current && (
        <Alert severity="info">
          {t('oversight.signInProvider.register', { callback: current.callbackPath, logout: current.backChannelLogoutPath })}
        </Alert>
      )}
    </FormDialog>
  );
}
