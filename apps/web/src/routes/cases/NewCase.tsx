import { createRoute, redirect, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnyForm, FormText } from '../../components/form-fields';
import { appRoute } from '../app-route';
import { CaseFields, IdentifierFields } from './CaseFields';
import { caseKeys, OPEN_CASE } from './documents';
import { CaseFieldsForm, emptyCaseFields, OpenCaseForm, openCaseSchema, toCaseFieldsInput, toIdentifierInput } from './schemas';

/** Opening a case directly (investigators and supervisors); its identifiers are deconflicted at once. */
function NewCase() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useForm({
    resolver: zodResolver(openCaseSchema),
    defaultValues: { ...emptyCaseFields(), state: 'WY', assignToMe: true, identifiers: [] } satisfies OpenCaseForm,
  });
  const open = useMutation({
    mutationFn: (v: ReturnType<typeof openCaseSchema.parse>) =>
      request(OPEN_CASE, {
        input: {
          ...toCaseFieldsInput(v),
          state: v.state,
          identifiers: v.identifiers.map(toIdentifierInput),
          ...(v.assignToMe ? { assigneeIds: [session.user().userId] } : {}),
        },
      }),
    onSuccess: async ({ openCase }) => {
      await qc.invalidateQueries({ queryKey: caseKeys.all });
      // A match with another agency is shown at once, on the case's deconfliction tab.
      await navigate({
        to: '/cases/$caseId',
        params: { caseId: openCase.case.id },
        search: openCase.deconfliction.length ? { tab: 'deconfliction' } : {},
      });
    },
  });
  // What was typed stays in the form when the API refuses.
  const submit = form.handleSubmit((v) => open.mutateAsync(v).catch(() => undefined));
  return (
    <Page title={t('cases.new.title')}>
      <Card variant="outlined" sx={{ maxWidth: 880 }}>
        <CardContent>
          <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate aria-label={t('cases.new.title')}>
            <ErrorAlert error={open.error} />
            <CaseFields form={form as unknown as AnyForm<CaseFieldsForm>} />
            <FormText
              form={form}
              name="state"
              label={t('cases.field.state')}
              sx={{ maxWidth: 200 }}
              slotProps={{ htmlInput: { maxLength: 2, autoCapitalize: 'characters' } }}
            />
            <Controller
              control={form.control}
              name="assignToMe"
              render={({ field }) => (
                <FormControlLabel
                  label={t('cases.new.assignToMe')}
                  control={<Checkbox checked={field.value} onBlur={field.onBlur} onChange={(e) => field.onChange(e.target.checked)} />}
                />
              )}
            />
            <IdentifierFields form={form as unknown as AnyForm<{ identifiers: OpenCaseForm['identifiers'] }>} />
            <Stack direction="row" spacing={1}>
              <Button type="submit" variant="contained" disabled={open.isPending}>
                {t('cases.new.submit')}
              </Button>
              <Button onClick={() => void navigate({ to: '/cases' })}>{t('app.cancel')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Page>
  );
}

export const newCaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/new',
  // Only those who may open cases get the form (the API refuses anyone else anyway).
  beforeLoad: () => {
    if (!session.can('CASE_WRITE')) throw redirect({ to: '/cases' });
  },
  component: NewCase,
});
