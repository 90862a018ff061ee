import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type Control, type FieldValues, type Path } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { useSession } from '../../api/session';
import type { LeadQuery } from '../../gql/graphql';
import { FormDialog } from '../../components/FormDialog';
import { emptyShown } from './format';
import { CLOSE_LEAD, LEAD_REFERENCES, PROMOTE_LEAD, TRIAGE_LEAD } from './documents';
import { useAssignablePeople, type Person } from './people';
import {
  closeSchema,
  LEAD_CLOSURES,
  LEAD_PRIORITIES,
  MEANS_OF_CONTROL,
  promoteSchema,
  splitCounties,
  TRAFFICKING_TYPES,
  triageSchema,
  VENUES,
  type CloseForm,
  type PromoteForm,
  type TriageForm,
} from './schema';

type Lead = LeadQuery['lead'];
interface ActionProps {
  lead: Lead;
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
}

/** A select bound to a form field; its message (an i18n key) is shown in words. */
function SelectField<F extends FieldValues>({
  control,
  name,
  label,
  options,
}: {
  control: Control<F>;
  name: Path<F>;
  label: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          select
          {...field}
          label={label}
          error={!!fieldState.error}
          helperText={fieldState.error?.message && t(fieldState.error.message)}
          slotProps={emptyShown(options)}
        >
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}

/** A text field bound to a form field. */
function TextInput<F extends FieldValues>({
  control,
  name,
  label,
  multiline,
  help,
}: {
  control: Control<F>;
  name: Path<F>;
  label: string;
  multiline?: boolean;
  help?: string;
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          label={label}
          multiline={multiline}
          minRows={multiline ? 3 : undefined}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ? t(fieldState.error.message) : help}
        />
      )}
    />
  );
}

/** A group of checkboxes bound to an array field. */
function CheckboxesField<F extends FieldValues>({
  control,
  name,
  label,
  options,
}: {
  control: Control<F>;
  name: Path<F>;
  label: string;
  options: { value: string; label: string }[];
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const value = field.value as string[];
        return (
          <FormGroup role="group" aria-label={label}>
            <FormLabel component="p">{label}</FormLabel>
            {options.map((o) => (
              <FormControlLabel
                key={o.value}
                label={o.label}
                control={
                  <Checkbox
                    size="small"
                    checked={value.includes(o.value)}
                    onChange={(e) => field.onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
                  />
                }
              />
            ))}
          </FormGroup>
        );
      }}
    />
  );
}

const personOf = (lead: Lead): Person | null => (lead.assignedToId ? { id: lead.assignedToId, name: lead.assignedToName ?? '' } : null);

/** The cached lead and lists are stale once it changed. */
function useLeadChanged() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['leads'] });
}

/** Triage: priority, and whom it is assigned to (an investigator or supervisor of the agency). */
export function TriageDialog({ lead, open, onClose, onDone }: ActionProps) {
  const { t } = useTranslation();
  const changed = useLeadChanged();
  const people = useAssignablePeople([personOf(lead)]);
  const form = useForm<TriageForm>({
    resolver: zodResolver(triageSchema),
    defaultValues: { priority: lead.priority, assignedToId: lead.assignedToId ?? '' },
  });
  const triage = useMutation({
    mutationFn: (v: TriageForm) =>
      request(TRIAGE_LEAD, {
        input: { id: lead.id, version: lead.version, priority: v.priority, ...(v.assignedToId ? { assignedToId: v.assignedToId } : {}) },
      }),
    onSuccess: async () => {
      await changed();
      onDone?.();
      onClose();
    },
  });
  return (
    <FormDialog
      open={open}
      title={t('triage.title')}
      submitLabel={t('triage.submit')}
      busy={triage.isPending}
      error={triage.error}
      onClose={onClose}
      onSubmit={(e) => void form.handleSubmit((v) => triage.mutate(v))(e)}
    >
      <SelectField
        control={form.control}
        name="priority"
        label={t('triage.priority')}
        options={LEAD_PRIORITIES.map((p) => ({ value: p, label: t(`leadPriority.${p}`) }))}
      />
      <SelectField
        control={form.control}
        name="assignedToId"
        label={t('triage.assignee')}
        options={[{ value: '', label: t('triage.keep') }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
      />
    </FormDialog>
  );
}

/** Promotion: opens a case of the agency from the lead, then shows the case. */
export function PromoteDialog({ lead, open, onClose }: ActionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const changed = useLeadChanged();
  const { user } = useSession();
  const people = useAssignablePeople([personOf(lead)], ['INVESTIGATOR', 'SUPERVISOR', 'PROSECUTOR']);
  const defaultAssignees = lead.assignedToId ? [lead.assignedToId] : user && people.some((p) => p.id === user.userId) ? [user.userId] : [];
  const form = useForm<PromoteForm>({
    resolver: zodResolver(promoteSchema),
    defaultValues: {
      title: '',
      traffickingType: lead.suspectedType,
      venue: lead.venue ?? '',
      counties: lead.county ?? '',
      meansOfControl: [],
      controlDetail: '',
      summary: '',
      assigneeIds: defaultAssignees,
    },
  });
  const promote = useMutation({
    mutationFn: (v: PromoteForm) =>
      request(PROMOTE_LEAD, {
        input: {
          leadId: lead.id,
          leadVersion: lead.version,
          title: v.title.trim(),
          traffickingType: v.traffickingType,
          counties: splitCounties(v.counties),
          meansOfControl: v.meansOfControl,
          assigneeIds: v.assigneeIds,
          ...(v.venue ? { venue: v.venue } : {}),
          ...(v.controlDetail.trim() ? { controlDetail: v.controlDetail.trim() } : {}),
          ...(v.summary.trim() ? { summary: v.summary.trim() } : {}),
        },
      }),
    onSuccess: async ({ promoteLead }) => {
      await changed();
      await navigate({ to: '/cases/$caseId', params: { caseId: promoteLead.id } });
    },
  });
  return (
    <FormDialog
      open={open}
      title={t('promote.title')}
      submitLabel={t('promote.submit')}
      busy={promote.isPending}
      error={promote.error}
      onClose={onClose}
      onSubmit={(e) => void form.handleSubmit((v) => promote.mutate(v))(e)}
    >
      <Typography variant="body2">{t('promote.intro')}</Typography>
      <TextInput control={form.control} name="title" label={t('promote.caseTitle')} />
      <SelectField
        control={form.control}
        name="traffickingType"
        label={t('promote.type')}
        options={TRAFFICKING_TYPES.map((v) => ({ value: v, label: t(`traffickingType.${v}`) }))}
      />
      <SelectField
        control={form.control}
        name="venue"
        label={t('promote.venue')}
        options={[{ value: '', label: t('leadForm.noVenue') }, ...VENUES.map((v) => ({ value: v, label: t(`venue.${v}`) }))]}
      />
      <TextInput control={form.control} name="counties" label={t('promote.counties')} help={t('promote.countiesHelp')} />
      <CheckboxesField
        control={form.control}
        name="meansOfControl"
        label={t('promote.means')}
        options={MEANS_OF_CONTROL.map((m) => ({ value: m, label: t(`meansOfControl.${m}`) }))}
      />
      <TextInput control={form.control} name="controlDetail" label={t('promote.controlDetail')} multiline />
      <TextInput control={form.control} name="summary" label={t('promote.summary')} multiline />
      {people.length > 0 && (
        <CheckboxesField
          control={form.control}
          name="assigneeIds"
          label={t('promote.assignees')}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
    </FormDialog>
  );
}

/** Closing: unfounded, or a duplicate of another lead of the agency, with the reason the API requires. */
export function CloseDialog({ lead, open, onClose, onDone }: ActionProps) {
  const { t } = useTranslation();
  const changed = useLeadChanged();
  const form = useForm<CloseForm>({
    resolver: zodResolver(closeSchema),
    defaultValues: { as: 'UNFOUNDED', reason: '', duplicateOfId: '' },
  });
  const duplicate = form.watch('as') === 'DUPLICATE';
  const others = useQuery({ queryKey: ['leads', 'references'], queryFn: () => request(LEAD_REFERENCES), enabled: open && duplicate });
  const close = useMutation({
    mutationFn: (v: CloseForm) =>
      request(CLOSE_LEAD, {
        input: {
          id: lead.id,
          version: lead.version,
          as: v.as,
          reason: v.reason.trim(),
          ...(v.as === 'DUPLICATE' ? { duplicateOfId: v.duplicateOfId } : {}),
        },
      }),
    onSuccess: async () => {
      await changed();
      onDone?.();
      onClose();
    },
  });
  return (
    <FormDialog
      open={open}
      title={t('closeLead.title')}
      submitLabel={t('closeLead.submit')}
      busy={close.isPending}
      error={close.error ?? others.error}
      onClose={onClose}
      onSubmit={(e) => void form.handleSubmit((v) => close.mutate(v))(e)}
    >
      <SelectField
        control={form.control}
        name="as"
        label={t('closeLead.as')}
        options={LEAD_CLOSURES.map((c) => ({ value: c, label: t(`leadClosure.${c}`) }))}
      />
      {duplicate && (
        <SelectField
          control={form.control}
          name="duplicateOfId"
          label={t('closeLead.duplicateOf')}
          options={[
            { value: '', label: t('app.none') },
            ...(others.data?.leads.edges ?? [])
              .filter(({ node }) => node.id !== lead.id)
              .map(({ node }) => ({ value: node.id, label: node.reference })),
          ]}
        />
      )}
      <TextInput control={form.control} name="reason" label={t('closeLead.reason')} help={t('closeLead.reasonHelp')} multiline />
    </FormDialog>
  );
}
