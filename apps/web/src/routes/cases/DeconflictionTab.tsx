import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { request } from '../../api/client';
import type { CaseCheckIdentifierQuery } from '../../gql/graphql';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CaseDetail, CHECK_IDENTIFIER, DECONFLICTION_NOTICES } from './documents';
import { CaseTabProps } from './hooks';
import { collectPages } from './collect';
import { useIdentifierWords } from './SubjectsTab';

type Identifier = CaseDetail['identifiers'][number];
type Agency = CaseCheckIdentifierQuery['checkIdentifier'][number]['agency'];

const contactOf = (a: Pick<Agency, 'contactName' | 'contactPhone' | 'contactEmail'>) =>
  [a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(' · ');

/**
 * The case's identifiers against other agencies': the notices the agency already has on them, and
 * a check on demand (each is audited). Only who to call is ever shown, never the other record.
 */
export function DeconflictionTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const words = useIdentifierWords();
  // The agency's notices on the case's identifiers (the API lists notices by agency, not by case).
  const values = new Set(c.identifiers.map((i) => `${i.kind}|${i.value}`));
  const notices = useQuery({
    queryKey: ['cases', 'notices', c.id],
    queryFn: () =>
      collectPages(
        async (after) => (await request(DECONFLICTION_NOTICES, { after })).deconflictionNotices,
        (n) => values.has(`${n.kind}|${n.identifierValue}`),
      ),
  });
  const check = useMutation({
    mutationFn: async (ids: Identifier[]) => {
      const results = await Promise.all(
        ids.map(async (i) => {
          const { checkIdentifier } = await request(CHECK_IDENTIFIER, {
            input: { kind: i.kind, value: i.value, ...(i.birthDate ? { birthDate: i.birthDate } : {}) },
          });
          return [i.id, checkIdentifier.map((m) => m.agency)] as const;
        }),
      );
      return new Map(results);
    },
  });
  const recordedOn = (i: Identifier) => {
    if (i.source === 'SUBJECT')
      return t('cases.deconfliction.onSubject', { name: c.subjects.find((s) => s.id === i.sourceId)?.displayName ?? '—' });
    return t(`cases.deconfliction.on${i.source}`);
  };
  const noticesFor = (i: Identifier) => (notices.data ?? []).filter((n) => n.kind === i.kind && n.identifierValue === i.value);
  const agencyList = (all: Agency[]) => {
    const list = [...new Map(all.map((a) => [a.id, a])).values()];
    return list.length === 0 ? null : (
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {list.map((a) => (
          <li key={a.id}>
            <strong>{a.name}</strong>
            {contactOf(a) && `: ${contactOf(a)}`}
          </li>
        ))}
      </Box>
    );
  };
  const checked = check.data;
  return (
    <>
      <ErrorAlert error={notices.error ?? check.error} />
      <DataTable
        title={t('cases.tabs.deconfliction')}
        intro={t('cases.deconfliction.help')}
        actions={
          <Button variant="contained" disabled={check.isPending} onClick={() => check.mutate(c.identifiers)}>
            {check.isPending ? t('cases.deconfliction.checking') : t('cases.deconfliction.checkAll')}
          </Button>
        }
        empty={<EmptyState>{t('cases.deconfliction.empty')}</EmptyState>}
        columns={[
          t('cases.deconfliction.identifier'),
          t('cases.deconfliction.recordedOn'),
          t('cases.deconfliction.notices'),
          t('cases.deconfliction.check'),
        ]}
        rows={c.identifiers.map((i) => ({
          key: i.id,
          cells: [
            words(i),
            recordedOn(i),
            agencyList(noticesFor(i).map((n) => n.otherAgency)) ?? t('cases.deconfliction.noNotice'),
            !checked ? t('cases.deconfliction.notChecked') : (agencyList(checked.get(i.id) ?? []) ?? t('cases.deconfliction.noMatch')),
          ],
        }))}
      />
    </>
  );
}
