import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FormDialog } from '../../components/FormDialog';
import { AnyForm, FormSelect, FormText, useVocabOptions } from '../../components/form-fields';
import { useDialogForm } from '../../components/useDialogForm';
import type { AddSubjectMutation } from '../../gql/graphql';
import { IdentifierFields } from './CaseFields';
import { ADD_SUBJECT, CaseDetail } from './documents';
import { CaseTabProps } from './hooks';
import { SubjectForm, subjectSchema, toIdentifierInput } from './schemas';
import { SUBJECT_ROLES, SUBJECT_STATUSES } from './vocab';

type Identifier = CaseDetail['identifiers'][number];
type Match = AddSubjectMutation['addSubject']['deconfliction'][number];

/** An identifier in words: "Phone: (307) 555-0187"; a person with the birth date. */
export function useIdentifierWords() {
  const { t } = useTranslation();
  return (i: Pick<Identifier, 'kind' | 'value' | 'birthDate'>) =>
    `${t(`identifierKind.${i.kind}`)}: ${i.value}${i.birthDate ? `, ${t('cases.identifiers.born', { date: i.birthDate })}` : ''}`;
}

/** Another agency works an identifier just recorded: whom to call, never their record. */
export function MatchAlert({ matches }: { matches: Match[] }) {
  const { t } = useTranslation();
  if (!matches.length) return null;
  return (
    <Alert severity="warning" role="alert">
      <AlertTitle>{t('cases.deconfliction.matchTitle')}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {matches.map((m) => (
          <li key={`${m.agency.id}-${m.kind}`}>
            {t('cases.deconfliction.match', { agency: m.agency.name, kind: t(`identifierKind.${m.kind}`) })}{' '}
            {[m.agency.contactName, m.agency.contactPhone, m.agency.contactEmail].filter(Boolean).join(' · ')}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

export function SubjectsTab({ c, can, refresh }: CaseTabProps) {
  const { t } = useTranslation();
  const words = useIdentifierWords();
  const [matches, setMatches] = useState<Match[]>([]);
  const d = useDialogForm(
    subjectSchema,
    (): SubjectForm => ({ displayName: '', role: 'TRAFFICKER', status: 'UNDER_INVESTIGATION', description: '', identifiers: [] }),
    (v) =>
      request(ADD_SUBJECT, {
        input: {
          caseId: c.id,
          displayName: v.displayName,
          role: v.role,
          status: v.status,
          description: v.description.trim() || null,
          identifiers: v.identifiers.map(toIdentifierInput),
        },
      }),
    async (r) => {
      setMatches(r.addSubject.deconfliction);
      await refresh();
    },
  );
  const add = can.work && (
    <Button
      variant="contained"
      onClick={() => {
        setMatches([]);
        d.show();
      }}
    >
      {t('cases.subjects.add')}
    </Button>
  );
  return (
    <>
      <MatchAlert matches={matches} />
      <DataTable
        title={t('cases.tabs.subjects')}
        actions={add}
        empty={<EmptyState action={add}>{t('cases.subjects.empty')}</EmptyState>}
        columns={[
          t('cases.subjects.name'),
          t('cases.subjects.role'),
          t('cases.subjects.status'),
          t('cases.subjects.identifiers'),
          t('cases.subjects.addedBy'),
          t('cases.subjects.description'),
        ]}
        rows={c.subjects.map((s) => ({
          key: s.id,
          cells: [
            s.displayName,
            t(`subjectRole.${s.role}`),
            t(`subjectStatus.${s.status}`),
            <Box component="ul" key="ids" sx={{ m: 0, pl: 2 }}>
              {c.identifiers
                .filter((i) => i.source === 'SUBJECT' && i.sourceId === s.id)
                .map((i) => (
                  <li key={i.id}>{words(i)}</li>
                ))}
            </Box>,
            s.addedBy.shortCode,
            s.description,
          ],
        }))}
      />
      <FormDialog {...d.dialog} title={t('cases.subjects.addTitle')} submitLabel={t('cases.subjects.add')}>
        <FormText form={d.form} name="displayName" label={t('cases.subjects.name')} required helperText={t('cases.subjects.nameHelp')} />
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <FormSelect form={d.form} name="role" label={t('cases.subjects.role')} options={useVocabOptions('subjectRole', SUBJECT_ROLES)} />
          <FormSelect
            form={d.form}
            name="status"
            label={t('cases.subjects.status')}
            options={useVocabOptions('subjectStatus', SUBJECT_STATUSES)}
          />
        </Box>
        <FormText form={d.form} name="description" label={t('cases.subjects.description')} multiline minRows={2} />
        <IdentifierFields form={d.form as unknown as AnyForm<{ identifiers: SubjectForm['identifiers'] }>} />
      </FormDialog>
    </>
  );
}
