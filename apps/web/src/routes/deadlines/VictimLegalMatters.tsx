import { useState, type ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RouterLink } from '../../components/RouterLink';
import { appRoute } from '../app-route';
import { FormDialog } from '../../components/FormDialog';
import { formatDay, todayLocal } from '../referrals/format';
import { Facts } from '../referrals/ReferralBriefCard';
import { onRefusal } from '../referrals/refusal';
import type { LegalMatterKind } from '../../gql/graphql';
import { DeadlineStatus, metWords } from './Deadlines';
import { RECORD_LEGAL_MATTER, UPDATE_LEGAL_MATTER, VICTIM_LEGAL } from './documents';
import { useDeadlinesChanged } from './MarkMetDialog';
import {
  EMPTY_LEGAL_MATTER,
  KIND_FIELDS,
  LEGAL_KINDS,
  legalMatterSchema,
  toLegalMatterForm,
  toRecordInput,
  toUpdateInput,
  VISA_OUTCOMES,
  type LegalField,
  type LegalMatterFacts,
  type LegalMatterForm,
} from './schema';
import type { ParamsOf } from '../route-types';

const DAY_FIELDS: readonly LegalField[] = ['requestedOn', 'decidedOn', 'grantedOn', 'renewalRequestedOn', 'eventOn'];

/** Record a matter, or change one: the fields its kind takes, checked before sending; the deadlines follow on the server. */
function LegalMatterDialog({
  victimId,
  matter,
  onClose,
  onDone,
}: {
  victimId: string;
  matter?: LegalMatterFacts;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const today = todayLocal();
  const changed = useDeadlinesChanged();
  const form = useForm<LegalMatterForm>({
    resolver: zodResolver(legalMatterSchema(today)),
    defaultValues: matter ? toLegalMatterForm(matter) : EMPTY_LEGAL_MATTER,
  });
  const kind = form.watch('kind') as LegalMatterKind | '';
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: async (v: LegalMatterForm): Promise<string> => {
      if (!matter) {
        await request(RECORD_LEGAL_MATTER, { input: toRecordInput(victimId, v) });
        return 'legal.recorded';
      }
      const input = toUpdateInput(matter, v);
      if (!input) return 'legal.nothingChanged';
      await request(UPDATE_LEGAL_MATTER, { input });
      return 'legal.updated';
    },
    onSuccess: (message) => {
      changed();
      onDone(message);
    },
    onError: onRefusal(setError, changed),
  });
  const err = (n: keyof LegalMatterForm) => {
    const m = form.formState.errors[n]?.message;
    return m ? t(m) : undefined;
  };
  const fields = kind ? KIND_FIELDS[kind] : [];
  const field = (f: LegalField): ReactNode => {
    const label = t(`legal.fields.${f}`);
    if (f === 'outcome') {
      return (
        <Controller
          key={f}
          name="outcome"
          control={form.control}
          render={({ field: c }) => (
            <TextField select label={label} {...c} error={!!err(f)} helperText={err(f)}>
              <MenuItem value="">{t('legal.noAnswer')}</MenuItem>
              {VISA_OUTCOMES.map((o) => (
                <MenuItem key={o} value={o}>
                  {t(`legal.outcome.${o}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      );
    }
    const required =
      (kind === 'CONTINUED_PRESENCE' && f === 'grantedOn') ||
      (kind === 'COURT_DATE' && (f === 'eventOn' || f === 'description')) ||
      ((kind === 'T_VISA_DECLARATION' || kind === 'U_VISA_CERTIFICATION') && (f === 'requestedOn' || f === 'certifyingAgency'));
    const help =
      f === 'lengthMonths'
        ? t('legal.help.lengthMonths')
        : f === 'description' && kind === 'COURT_DATE'
          ? t('legal.help.courtDescription')
          : f === 'decidedOn' || f === 'renewalRequestedOn'
            ? t('legal.help.notYet')
            : undefined;
    const day = DAY_FIELDS.includes(f);
    return (
      <TextField
        key={f}
        label={label}
        required={required}
        {...form.register(f)}
        error={!!err(f)}
        helperText={err(f) ?? help}
        type={day ? 'date' : f === 'lengthMonths' ? 'number' : 'text'}
        multiline={f === 'description'}
        minRows={f === 'description' ? 2 : undefined}
        slotProps={{
          inputLabel: day ? { shrink: true } : undefined,
          htmlInput: day && f !== 'eventOn' ? { max: today } : f === 'lengthMonths' ? { min: 1, max: 60 } : undefined,
        }}
      />
    );
  };
  return (
    <FormDialog
      open
      title={t(matter ? 'legal.changeTitle' : 'legal.recordTitle')}
      submitLabel={t('app.save')}
      busy={save.isPending}
      error={error}
      onClose={onClose}
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setError(null);
          save.mutate(v);
        })(e)
      }
    >
      <Controller
        name="kind"
        control={form.control}
        render={({ field: c }) => (
          <TextField
            select
            required
            label={t('legal.fields.kind')}
            {...c}
            disabled={!!matter}
            error={!!err('kind')}
            helperText={err('kind')}
          >
            {LEGAL_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`legal.kind.${k}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      {fields.map(field)}
    </FormDialog>
  );
}

interface DeadlineRow {
  id: string;
  rule: string;
  dueOn: string;
  status: string;
  metOn?: string | null;
  metBy?: string | null;
}

function DeadlineLines({ rows, empty }: { rows: DeadlineRow[]; empty: string }) {
  const { t, i18n } = useTranslation();
  if (!rows.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  return (
    <List dense disablePadding>
      {rows.map((d) => (
        <ListItem key={d.id} disableGutters>
          <ListItemText
            primary={
              <>
                {t(`deadlines.rule.${d.rule}`)} · {t('deadlines.due', { day: formatDay(d.dueOn, i18n.language) })} ·{' '}
                <DeadlineStatus status={d.status} />
              </>
            }
            secondary={metWords(t, d, i18n.language)}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * A survivor's legal matters (Continued Presence, T/U-visa declaration requests, court dates), each
 * with the deadlines that follow from it: for the survivor's own screen, and for the deadline rows.
 */
export function VictimLegalMatters({ victimId }: { victimId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['deadlines', 'victim', victimId], queryFn: () => request(VICTIM_LEGAL, { id: victimId }) });
  const [editing, setEditing] = useState<LegalMatterFacts | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const v = q.data?.victim;
  const canWrite = session.can('VICTIM_WRITE') && !!v?.custodial;
  const value = (m: LegalMatterFacts, f: LegalField): ReactNode => {
    const x = m[f];
    if (f === 'outcome') return x ? t(`legal.outcome.${x}`) : t('legal.noAnswer');
    if (x == null || x === '') return '—';
    return DAY_FIELDS.includes(f) ? formatDay(String(x), i18n.language) : String(x);
  };
  return (
    <Card variant="outlined" component="section" aria-labelledby={`legal-${victimId}`}>
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Typography id={`legal-${victimId}`} variant="h2" component="h2" sx={{ flexGrow: 1 }}>
            {t('legal.panel')}
            {v ? ` · ${v.code}` : ''}
          </Typography>
          {canWrite && (
            <Button
              variant="contained"
              onClick={() => {
                setMessage(null);
                setEditing('new');
              }}
            >
              {t('legal.record')}
            </Button>
          )}
        </Stack>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('legal.intro')}
        </Typography>
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        {q.isPending && <Typography role="status">{t('app.loading')}</Typography>}
        {message && (
          <Alert severity="success" role="status" sx={{ mb: 2 }}>
            {t(message)}
          </Alert>
        )}
        {v && !v.custodial && <Alert severity="info">{t('legal.notCustodial')}</Alert>}
        {v && v.custodial && v.legalMatters.length === 0 && <Typography sx={{ mb: 2 }}>{t('legal.none')}</Typography>}
        <Stack spacing={2}>
          {v?.legalMatters.map((m) => {
            const kindWords = t(`legal.kind.${m.kind}`);
            return (
              <Box
                key={m.id}
                component="article"
                aria-labelledby={`matter-${m.id}`}
                sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
              >
                <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
                  <Typography id={`matter-${m.id}`} variant="h3" component="h3" sx={{ flexGrow: 1 }}>
                    {kindWords}
                  </Typography>
                  {canWrite && (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => {
                        setMessage(null);
                        setEditing(m);
                      }}
                      aria-label={t('legal.changeFor', { kind: kindWords })}
                    >
                      {t('legal.change')}
                    </Button>
                  )}
                </Stack>
                <Facts rows={KIND_FIELDS[m.kind].map((f) => [t(`legal.fields.${f}`), value(m, f)])} />
                <Typography variant="subtitle2" component="h4" sx={{ mt: 1.5 }}>
                  {t('legal.deadlines')}
                </Typography>
                <DeadlineLines rows={v.deadlines.filter((d) => d.matterId === m.id)} empty={t('legal.noDeadlines')} />
              </Box>
            );
          })}
        </Stack>
        {v && v.custodial && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
              {t('legal.otherDeadlines')}
            </Typography>
            <DeadlineLines rows={v.deadlines.filter((d) => !d.matterId)} empty={t('deadlines.none')} />
          </Box>
        )}
      </CardContent>
      {editing && (
        <LegalMatterDialog
          victimId={victimId}
          matter={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onDone={(msg) => {
            setEditing(null);
            setMessage(msg);
          }}
        />
      )}
    </Card>
  );
}

/** A survivor's legal matters on their own page, reached from the deadline rows (the survivor by id; the page names only the code). */
function VictimLegalPage() {
  const { t } = useTranslation();
  const { victimId } = victimLegalRoute.useParams({ select: (s: ParamsOf<typeof victimLegalRoute>) => s });
  return (
    <Page title={t('legal.title')}>
      <Typography sx={{ mb: 2 }}>
        <RouterLink to="/deadlines">{t('app.back')}</RouterLink>
      </Typography>
      <VictimLegalMatters victimId={victimId} />
    </Page>
  );
}

export const victimLegalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deadlines/victims/$victimId',
  component: VictimLegalPage,
});
