import { skipToken, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { graphql } from '../gql';
import type { IdentifierInput, IdentifierKind } from '../gql/graphql';
import { request } from '../api/client';
import { errorMessage } from '../api/errors';
import { useDebouncedValue } from './useDebouncedValue';

const CHECK_IDENTIFIER = graphql(`
  query CheckIdentifier($input: IdentifierInput!) {
    checkIdentifier(input: $input) {
      kind
      agency {
        id
        name
        shortCode
        contactName
        contactPhone
        contactEmail
      }
    }
  }
`);

type Match = {
  kind: IdentifierKind;
  agency: {
    id: string;
    name: string;
    shortCode: string;
    contactName?: string | null;
    contactPhone?: string | null;
    contactEmail?: string | null;
  };
};

/** One agency's notice: who they are and whom to call, never anything of their record. */
export function DeconflictionMatchText({ match }: { match: Match }) {
  const { t } = useTranslation();
  const a = match.agency;
  const reach = [a.contactPhone, a.contactEmail].filter(Boolean).join(', ');
  const contact = a.contactName
    ? reach
      ? `${a.contactName} (${reach})`
      : a.contactName
    : reach
      ? `${t('deconfliction.callAgency')} (${reach})`
      : t('deconfliction.callAgency');
  return <>{t('deconfliction.match', { agency: `${a.name} (${a.shortCode})`, what: t(`deconfliction.what.${match.kind}`), contact })}</>;
}

/**
 * "Does another agency work this?" for one identifier, asked once the typing settles (and only
 * when `identifier` is complete and valid). Answers in a live region: the agencies to call, or none.
 */
export function DeconflictionNotice({
  identifier,
  debounceMs = 0,
  quietWhenClear = false,
}: {
  identifier: IdentifierInput | null;
  debounceMs?: number;
  quietWhenClear?: boolean;
}) {
  const { t } = useTranslation();
  const settled = useDebouncedValue(identifier, debounceMs);
  const current =
    settled &&
    identifier &&
    settled.kind === identifier.kind &&
    settled.value === identifier.value &&
    settled.birthDate === identifier.birthDate
      ? settled
      : null;
  const check = useQuery({
    queryKey: ['checkIdentifier', current],
    queryFn: current ? () => request(CHECK_IDENTIFIER, { input: current }) : skipToken,
    staleTime: 60_000,
  });
  let body: React.ReactNode = null;
  if (identifier && (!current || check.isPending))
    body = (
      <Typography variant="body2" color="text.secondary">
        {t('deconfliction.checking')}
      </Typography>
    );
  else if (current && check.error) {
    const { title, detail } = errorMessage(check.error, t);
    body = (
      <Alert severity="info" role="note">
        {t('deconfliction.failed', { reason: detail ?? title })}
      </Alert>
    );
  } else if (current && check.data) {
    const matches = check.data.checkIdentifier;
    body =
      matches.length === 0 ? (
        quietWhenClear ? null : (
          <Typography variant="body2" color="text.secondary">
            {t('deconfliction.clear', { what: t(`deconfliction.what.${current.kind}`) })}
          </Typography>
        )
      ) : (
        matches.map((m) => (
          <Alert key={m.agency.id} severity="warning" role="note" sx={{ mt: 0.5 }}>
            <DeconflictionMatchText match={m} />
          </Alert>
        ))
      );
  }
  return (
    <div role="status" aria-live="polite">
      {body}
    </div>
  );
}
