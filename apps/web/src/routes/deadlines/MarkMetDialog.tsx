import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { formatDay, todayLocal } from '../referrals/format';
import { onRefusal } from '../referrals/refusal';
import { MARK_DEADLINE_MET } from './documents';
import { markMetSchema } from './schema';

export interface MeetableDeadline {
  id: string;
  version: number;
  rule: string;
  victimCode: string;
  dueOn: string;
}

/** Every view of deadlines reloads together after a change (lists, reminders, a survivor's legal matters). */
export function useDeadlinesChanged(): () => void {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['deadlines'] });
}

/** "Met outside the system": the day and what was done, checked before sending. */
export function MarkMetDialog({ deadline, onClose, onDone }: { deadline: MeetableDeadline; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const today = todayLocal();
  const changed = useDeadlinesChanged();
  const form = useForm({ resolver: zodResolver(markMetSchema(today)), defaultValues: { metOn: today, note: '' } });
  const [error, setError] = useState<unknown>(null);
  const mark = useMutation({
    mutationFn: (v: { metOn: string; note: string }) =>
      request(MARK_DEADLINE_MET, { input: { id: deadline.id, version: deadline.version, metOn: v.metOn, note: v.note } }),
    onSuccess: () => {
      changed();
      onDone();
    },
    onError: onRefusal(setError, changed),
  });
  const err = (n: 'metOn' | 'note') => {
    const message = form.formState.errors[n]?.message;
    return message && t(message);
  };
  return (
    <FormDialog
      open
      title={t('deadlines.markMetTitle')}
      submitLabel={t('deadlines.markMet')}
      busy={mark.isPending}
      error={error}
      onClose={onClose}
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setError(null);
          mark.mutate(v);
        })(e)
      }
    >
      <Typography>
        {t(`deadlines.rule.${deadline.rule}`)} · {deadline.victimCode} ·{' '}
        {t('deadlines.due', { day: formatDay(deadline.dueOn, i18n.language) })}
      </Typography>
      <TextField
        type="date"
        required
        label={t('deadlines.metOnLabel')}
        {...form.register('metOn')}
        error={!!err('metOn')}
        helperText={err('metOn')}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
      />
      <TextField
        autoFocus
        required
        multiline
        minRows={2}
        label={t('deadlines.note')}
        {...form.register('note')}
        error={!!err('note')}
        helperText={err('note') || t('deadlines.noteHelp')}
      />
    </FormDialog>
  );
}
