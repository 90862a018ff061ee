import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FormDialog } from '../../components/FormDialog';
import { AnyForm, FormSelect, FormText, useVocabOptions } from '../../components/form-fields';
import { useDialogForm } from '../../components/useDialogForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ADD_CHARGE, CaseDetail, caseKeys, STATUTES, UPDATE_CHARGE } from './documents';
import { CaseTabProps } from './hooks';
import { addChargeSchema, AddChargeForm, todayUtc, updateChargeSchema, UpdateChargeForm } from './schemas';
import { CHARGE_DISPOSITIONS } from './vocab';

type Charge = CaseDetail['charges'][number];

/** The statute picker: the catalogue, state and federal, each as citation and title. */
function StatuteSelect({ form }: { form: AnyForm<AddChargeForm> }) {
  const { t } = useTranslation();
  const statutes = useQuery({ queryKey: caseKeys.reference('statutes'), queryFn: () => request(STATUTES), staleTime: Infinity });
  const list = statutes.data?.statutes ?? [];
  return (
    <>
      <ErrorAlert error={statutes.error} />
      <FormText form={form} name="statuteCode" label={t('cases.charges.statute')} select required disabled={!statutes.data}>
        <option value="">{statutes.data ? t('cases.charges.chooseStatute') : t('app.loading')}</option>
        {(['STATE', 'FEDERAL'] as const).map((j) => (
          <optgroup key={j} label={t(`cases.charges.jurisdiction.${j}`)}>
            {list
              .filter((s) => s.jurisdiction === j)
              .map((s) => (
                <option key={s.code} value={s.code}>{`${s.citation}: ${s.title}${s.nibrs ? ` (NIBRS ${s.nibrs})` : ''}`}</option>
              ))}
          </optgroup>
        ))}
      </FormText>
    </>
  );
}

/** Recording a charge's filing, disposition and sentence (version-checked). */
function UpdateCharge({
  charge,
  subject,
  onClose,
  refresh,
}: {
  charge: Charge;
  subject: string;
  onClose: () => void;
  refresh: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const d = useDialogForm(
    updateChargeSchema,
    (): UpdateChargeForm => ({
      filedOn: charge.filedOn ?? '',
      disposition: charge.disposition,
      dispositionOn: charge.dispositionOn ?? '',
      sentence: charge.sentence ?? '',
    }),
    (v) =>
      request(UPDATE_CHARGE, {
        input: {
          id: charge.id,
          version: charge.version,
          disposition: v.disposition,
          ...(v.filedOn ? { filedOn: v.filedOn } : {}),
          ...(v.dispositionOn ? { dispositionOn: v.dispositionOn } : {}),
          ...(v.sentence.trim() ? { sentence: v.sentence.trim() } : {}),
        },
      }),
    async () => {
      await refresh();
      onClose();
    },
  );
  useEffect(() => d.show(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <FormDialog
      {...d.dialog}
      onClose={onClose}
      title={t('cases.charges.updateTitle', { statute: charge.statute.citation, subject })}
      submitLabel={t('app.save')}
    >
      <FormText
        form={d.form}
        name="filedOn"
        type="date"
        label={t('cases.charges.filedOn')}
        slotProps={{ htmlInput: { max: todayUtc() } }}
      />
      <FormSelect
        form={d.form}
        name="disposition"
        label={t('cases.charges.disposition')}
        options={useVocabOptions('chargeDisposition', CHARGE_DISPOSITIONS)}
      />
      <FormText
        form={d.form}
        name="dispositionOn"
        type="date"
        label={t('cases.charges.dispositionOn')}
        helperText={t('cases.charges.dispositionOnHelp')}
        slotProps={{ htmlInput: { max: todayUtc() } }}
      />
      <FormText
        form={d.form}
        name="sentence"
        label={t('cases.charges.sentence')}
        helperText={t('cases.charges.sentenceHelp')}
        multiline
        minRows={2}
      />
    </FormDialog>
  );
}

export function ChargesTab({ c, can, refresh }: CaseTabProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Charge | null>(null);
  const subjectName = (id: string) => c.subjects.find((s) => s.id === id)?.displayName ?? '—';
  const d = useDialogForm(
    addChargeSchema,
    (): AddChargeForm => ({ subjectId: c.subjects[0]?.id ?? '', statuteCode: '', counts: 1, filedOn: '' }),
    (v) =>
      request(ADD_CHARGE, {
        input: { subjectId: v.subjectId, statuteCode: v.statuteCode, counts: v.counts, ...(v.filedOn ? { filedOn: v.filedOn } : {}) },
      }),
    refresh,
  );
  const add = can.charge && c.subjects.length > 0 && (
    <Button variant="contained" onClick={d.show}>
      {t('cases.charges.add')}
    </Button>
  );
  return (
    <>
      <DataTable
        title={t('cases.tabs.charges')}
        actions={add}
        empty={<EmptyState action={add}>{c.subjects.length ? t('cases.charges.empty') : t('cases.charges.noSubjects')}</EmptyState>}
        columns={[
          t('cases.charges.subject'),
          t('cases.charges.statute'),
          t('cases.charges.counts'),
          t('cases.charges.filedOn'),
          t('cases.charges.disposition'),
          t('cases.charges.sentence'),
          t('cases.charges.recordedBy'),
          ...(can.charge ? [t('cases.actions')] : []),
        ]}
        rows={c.charges.map((ch) => ({
          key: ch.id,
          cells: [
            subjectName(ch.subjectId),
            <span key="s">
              <strong>{ch.statute.citation}</strong> {ch.statute.title}
            </span>,
            ch.counts,
            ch.filedOn,
            ch.dispositionOn
              ? `${t(`chargeDisposition.${ch.disposition}`)} (${ch.dispositionOn})`
              : t(`chargeDisposition.${ch.disposition}`),
            ch.sentence,
            ch.recordedBy.shortCode,
            ...(can.charge
              ? [
                  <Button
                    key="u"
                    size="small"
                    variant="outlined"
                    onClick={() => setEditing(ch)}
                    aria-label={t('cases.charges.updateOne', { statute: ch.statute.citation, subject: subjectName(ch.subjectId) })}
                  >
                    {t('cases.charges.update')}
                  </Button>,
                ]
              : []),
          ],
        }))}
      />
      <FormDialog {...d.dialog} title={t('cases.charges.addTitle')} submitLabel={t('cases.charges.add')}>
        <FormSelect
          form={d.form}
          name="subjectId"
          label={t('cases.charges.subject')}
          options={c.subjects.map((s) => ({ value: s.id, label: `${s.displayName} (${t(`subjectRole.${s.role}`)})` }))}
        />
        <StatuteSelect form={d.form} />
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <FormText
            form={d.form}
            name="counts"
            type="number"
            label={t('cases.charges.counts')}
            rules={{ valueAsNumber: true }}
            slotProps={{ htmlInput: { min: 1, max: 500, step: 1 } }}
          />
          <FormText
            form={d.form}
            name="filedOn"
            type="date"
            label={t('cases.charges.filedOn')}
            slotProps={{ htmlInput: { max: todayUtc() } }}
          />
        </Box>
        <Typography variant="body2" color="text.secondary">
          {t('cases.charges.addHelp')}
        </Typography>
      </FormDialog>
      {editing && (
        <UpdateCharge
          key={editing.id}
          charge={editing}
          subject={subjectName(editing.subjectId)}
          onClose={() => setEditing(null)}
          refresh={refresh}
        />
      )}
    </>
  );
}
