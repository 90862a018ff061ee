import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { useSession } from '../../api/session';
import { ACCEPT_REFERRAL, COMPLETE_REFERRAL, DECLINE_REFERRAL, WITHDRAW_REFERRAL } from './documents';
import { FormDialog } from '../../components/FormDialog';
import { word } from './format';
import { onRefusal } from './refusal';
import { answersFor, completeSchema, declineSchema, withdrawSchema, type Answer } from './schema';

interface Answerable {
  id: string;
  version: number;
  kind: string;
  status: string;
  direction: string;
  offeredAccess?: string | null;
  fromUser: { id: string };
}

/** The schema and the one text field each answer takes (accepting takes none). */
const STEP = {
  decline: { schema: declineSchema, field: 'reason', label: 'referrals.answers.reason', help: 'referrals.answers.declineHelp' },
  withdraw: { schema: withdrawSchema, field: 'reason', label: 'referrals.answers.withdrawReason', help: null },
  complete: { schema: completeSchema, field: 'outcome', label: 'referrals.answers.outcome', help: 'referrals.answers.completeHelp' },
} as const;

/** One answer in its dialog: the text is checked before anything is sent, and kept on a refusal. */
function AnswerDialog({
  referral,
  answer,
  onClose,
  onDone,
}: {
  referral: Answerable;
  answer: Answer;
  onClose: () => void;
  onDone: (status: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const step = answer === 'accept' ? null : STEP[answer];
  const form = useForm<{ text: string }>({ defaultValues: { text: '' } });
  const [error, setError] = useState<unknown>(null);
  const send = useMutation({
    mutationFn: async (text: string | undefined) => {
      const base = { id: referral.id, version: referral.version };
      switch (answer) {
        case 'accept':
          return (await request(ACCEPT_REFERRAL, { input: base })).acceptReferral;
        case 'decline':
          return (await request(DECLINE_REFERRAL, { input: { ...base, reason: text } })).declineReferral;
        case 'withdraw':
          return (await request(WITHDRAW_REFERRAL, { input: { ...base, ...(text ? { reason: text } : {}) } })).withdrawReferral;
        case 'complete':
          return (await request(COMPLETE_REFERRAL, { input: { ...base, outcome: text ?? '' } })).completeReferral;
      }
    },
    onSuccess: (r) => onDone(r.status),
    onError: onRefusal(setError, () => void qc.invalidateQueries({ queryKey: ['referrals', 'one', referral.id] })),
  });
  const submit = form.handleSubmit(({ text }) => {
    setError(null);
    form.clearErrors();
    if (!step) {
      send.mutate(undefined);
      return;
    }
    const parsed = (step.schema as typeof declineSchema).safeParse({ [step.field]: text });
    if (!parsed.success) {
      form.setError('text', { message: parsed.error.issues[0].message });
      form.setFocus('text');
      return;
    }
    send.mutate((parsed.data as Record<string, string | undefined>)[step.field]);
  });
  const message = form.formState.errors.text?.message;
  const title = t(`referrals.answers.${answer}Title`);
  return (
    <FormDialog
      open
      title={title}
      submitLabel={t(`referrals.answers.${answer}`)}
      busy={send.isPending}
      error={error}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
    >
      {answer === 'accept' && (
        <Typography>
          {referral.kind === 'CASE'
            ? t('referrals.answers.acceptCase', { access: word(t, 'shareAccess', referral.offeredAccess) })
            : t('referrals.answers.acceptVictim')}
        </Typography>
      )}
      {step && (
        <TextField
          autoFocus
          multiline
          minRows={3}
          label={t(step.label)}
          {...form.register('text')}
          error={!!message}
          helperText={message ? t(message, { max: 2000 }) : step.help && t(step.help)}
          required={answer !== 'withdraw'}
        />
      )}
    </FormDialog>
  );
}

/** The answers the API would take from the signed-in person, each behind its dialog. */
export function ReferralAnswers({ referral }: { referral: Answerable }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Answer | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const answers = answersFor(referral, user);
  if (!answers.length && !done) return null;
  return (
    <Card variant="outlined" component="section" aria-labelledby="referral-answers">
      <CardContent>
        <Stack spacing={1.5}>
          <Typography id="referral-answers" variant="h2" component="h2">
            {t('referrals.answers.title')}
          </Typography>
          {done && (
            <Alert severity="success" role="status">
              {t(`referrals.answers.done.${done}`)}
            </Alert>
          )}
          {answers.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {answers.map((a) => (
                <Button
                  key={a}
                  variant={a === 'accept' || a === 'complete' ? 'contained' : 'outlined'}
                  color={a === 'decline' || a === 'withdraw' ? 'error' : 'primary'}
                  onClick={() => {
                    setDone(null);
                    setOpen(a);
                  }}
                >
                  {t(`referrals.answers.${a}`)}
                </Button>
              ))}
            </Stack>
          )}
          {open && (
            <AnswerDialog
              referral={referral}
              answer={open}
              onClose={() => setOpen(null)}
              onDone={(status) => {
                setOpen(null);
                setDone(status);
                void qc.invalidateQueries({ queryKey: ['referrals'] });
                void qc.invalidateQueries({ queryKey: ['notifications'] });
              }}
            />
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
