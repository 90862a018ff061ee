import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ApiError, request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactList } from '../../components/FactList';
import { FormDialog } from '../../components/FormDialog';
import { FormSelect, FormText } from '../../components/form-fields';
import { useDialogForm } from '../../components/useDialogForm';
import { closuresFrom, NEXT_STATUSES } from './access';
import { CaseFields } from './CaseFields';
import { CASE_DETAIL, CaseDetail, caseKeys, CLOSE_CASE, SET_CASE_STATUS, UPDATE_CASE } from './documents';
import { CaseTabProps, useCaseAction } from './hooks';
import { CaseFieldsForm, caseFieldsSchema, changedFields, closeCaseSchema, sameValue, toCaseFieldsInput } from './schemas';

/** The case's editable fields as the form holds them. */
export function toFieldsForm(c: CaseDetail): CaseFieldsForm {
  return {
    title: c.title,
    summary: c.summary ?? '',
    traffickingType: c.traffickingType,
    venue: c.venue ?? '',
    meansOfControl: [...c.meansOfControl],
    controlDetail: c.controlDetail ?? '',
    counties: [...c.counties],
  };
}

/**
 * Editing the summary, version-checked: the version read when editing began is sent, with only the
 * fields this person changed. When someone else saved first (CONFLICT), what was typed stays; their
 * change is shown, and the edit can continue on top of it (fields not touched here take their value).
 */
function SummaryEdit({ c, onDone }: { c: CaseDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [base, setBase] = useState(() => ({ version: c.version, values: toFieldsForm(c) }));
  const [theirs, setTheirs] = useState<CaseDetail | null>(null);
  const form = useForm({ resolver: zodResolver(caseFieldsSchema), defaultValues: base.values });
  const save = useMutation({
    mutationFn: async (v: ReturnType<typeof caseFieldsSchema.parse>) => {
      const changed = changedFields(base.values, form.getValues());
      if (!changed.length) return;
      const all = toCaseFieldsInput(v);
      await request(UPDATE_CASE, { input: { id: c.id, version: base.version, ...Object.fromEntries(changed.map((k) => [k, all[k]])) } });
    },
    onSuccess: onDone,
    onError: async (e) => {
      if (!(e instanceof ApiError && e.code === 'CONFLICT')) return;
      try {
        const fresh = await qc.query({
          queryKey: caseKeys.detail(c.id),
          queryFn: () => request(CASE_DETAIL, { id: c.id }),
          staleTime: 0,
        });
        setTheirs(fresh.case);
      } catch {
        // The case could not be read again (access ended, network): the conflict's words stay, with the text typed.
      }
    },
  });
  const theirChanges = theirs ? changedFields(base.values, toFieldsForm(theirs)) : [];
  const continueOnTheirs = () => {
    if (!theirs) return;
    const next = toFieldsForm(theirs);
    const mine = form.getValues();
    for (const k of theirChanges) if (sameValue(mine[k], base.values[k])) form.setValue(k, next[k]);
    setBase({ version: theirs.version, values: next });
    setTheirs(null);
    save.reset();
  };
  return (
    <Stack
      component="form"
      spacing={2}
      noValidate
      aria-label={t('cases.summary.editTitle')}
      onSubmit={(e) => void form.handleSubmit((v) => save.mutateAsync(v).catch(() => undefined))(e)}
    >
      <Typography variant="h2" component="h2">
        {t('cases.summary.editTitle')}
      </Typography>
      <ErrorAlert error={save.error} />
      {theirs && (
        <Alert
          severity="info"
          role="status"
          action={
            <Button color="inherit" onClick={continueOnTheirs}>
              {t('cases.summary.continue')}
            </Button>
          }
        >
          {theirChanges.length
            ? t('cases.summary.theirChanges', { fields: theirChanges.map((k) => t(`cases.fieldName.${k}`)).join(', ') })
            : t('cases.summary.theirOtherChanges')}
        </Alert>
      )}
      <CaseFields form={form} />
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={save.isPending}>
          {t('app.save')}
        </Button>
        <Button onClick={() => void onDone()} disabled={save.isPending}>
          {t('app.cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}

/** Closing a case: a supervisor of the lead agency, RESOLVED only after adjudication. */
function CloseCase({ c, refresh }: { c: CaseDetail; refresh: () => Promise<void> }) {
  const { t } = useTranslation();
  const allowed = closuresFrom(c.status);
  const d = useDialogForm(
    closeCaseSchema,
    () => ({ as: allowed[0], reason: '' }),
    (v) => request(CLOSE_CASE, { input: { id: c.id, version: c.version, as: v.as, reason: v.reason } }),
    refresh,
  );
  return (
    <>
      <Button color="warning" variant="outlined" onClick={d.show}>
        {t('cases.summary.close')}
      </Button>
      <FormDialog {...d.dialog} title={t('cases.summary.closeTitle', { number: c.number })} submitLabel={t('cases.summary.close')}>
        <Typography variant="body2">{t('cases.summary.closeHelp')}</Typography>
        <FormSelect
          form={d.form}
          name="as"
          label={t('cases.summary.closeAs')}
          options={allowed.map((v) => ({ value: v, label: t(`caseClosure.${v}`) }))}
        />
        <FormText form={d.form} name="reason" label={t('cases.summary.reason')} multiline minRows={3} required />
      </FormDialog>
    </>
  );
}

export function SummaryTab({ c, can, refresh }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const move = useCaseAction((status: (typeof NEXT_STATUSES)[keyof typeof NEXT_STATUSES][number]) =>
    request(SET_CASE_STATUS, { input: { id: c.id, version: c.version, status } }),
  );
  if (editing)
    return (
      <SummaryEdit
        c={c}
        onDone={async () => {
          await refresh();
          setEditing(false);
        }}
      />
    );
  const day = (d: string | null) => (d ? new Date(d).toLocaleDateString(i18n.language) : null);
  const named = c.assignees
    .filter((a) => a.displayName)
    .map((a) => a.displayName)
    .join(', ');
  const hidden = c.assignees.filter((a) => !a.displayName).length;
  const contact = [c.leadAgency.contactName, c.leadAgency.contactPhone, c.leadAgency.contactEmail].filter(Boolean).join(' · ');
  return (
    <Stack spacing={2}>
      {(can.edit || can.close) && (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} role="group" aria-label={t('cases.summary.actions')}>
          {can.edit && (
            <Button
              variant="contained"
              onClick={() => {
                move.reset();
                setEditing(true);
              }}
            >
              {t('cases.summary.edit')}
            </Button>
          )}
          {can.edit &&
            NEXT_STATUSES[c.status].map((s) => (
              <Button key={s} variant="outlined" disabled={move.isPending} onClick={() => move.mutate(s)}>
                {t('cases.summary.moveTo', { status: t(`caseStatus.${s}`) })}
              </Button>
            ))}
          {can.close && <CloseCase c={c} refresh={refresh} />}
        </Box>
      )}
      <ErrorAlert error={move.error} />
      <FactList
        facts={[
          [
            t('cases.fieldName.status'),
            c.closure ? `${t(`caseStatus.${c.status}`)}: ${t(`caseClosure.${c.closure}`)}` : t(`caseStatus.${c.status}`),
          ],
          ...(c.closedReason ? [[t('cases.summary.closedReason'), c.closedReason] as [string, string]] : []),
          [t('cases.fieldName.title'), c.title],
          [t('cases.fieldName.traffickingType'), t(`traffickingType.${c.traffickingType}`)],
          [t('cases.fieldName.venue'), c.venue && t(`venue.${c.venue}`)],
          [t('cases.fieldName.meansOfControl'), c.meansOfControl.map((m) => t(`meansOfControl.${m}`)).join(', ')],
          [t('cases.fieldName.controlDetail'), c.controlDetail],
          [t('cases.fieldName.counties'), [c.counties.join(', '), c.state].filter(Boolean).join(' · ')],
          [t('cases.summary.leadAgency'), contact ? `${c.leadAgency.name} (${contact})` : c.leadAgency.name],
          [t('cases.summary.yourAccess'), t(`caseAccessLevel.${c.myAccess}`)],
          [
            t('cases.summary.assigned'),
            [named, hidden ? t('cases.summary.assignedElsewhere', { count: hidden }) : ''].filter(Boolean).join('; '),
          ],
          [t('cases.summary.opened'), day(c.openedAt)],
          [t('cases.summary.updated'), day(c.updatedAt)],
          [t('cases.fieldName.summary'), c.summary],
        ]}
      />
    </Stack>
  );
}
