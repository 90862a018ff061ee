import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Box from '@mui/material/Box';
import { request } from '../../api/client';
import { useSession } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { FormSelect, FormText } from '../../components/form-fields';
import { useDialogForm } from '../../components/useDialogForm';
import { ADD_TASK, UPDATE_TASK } from './documents';
import { CaseTabProps, useAgencyUsers, useCaseAction } from './hooks';
import { TaskForm, taskSchema } from './schemas';

/** Tasks, open first by due date; each agency tasks its own people and changes only its own tasks. */
export function TasksTab({ c, can, refresh }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const users = useAgencyUsers(can.work);
  // Whom a task can go to: me, the case's assignees of my agency (named), and my agency's users when I may list them.
  const people = new Map<string, string>();
  if (user) people.set(user.userId, t('cases.tasks.me', { name: user.displayName }));
  if (c.myAccess === 'LEAD') for (const a of c.assignees) if (a.displayName && !people.has(a.id)) people.set(a.id, a.displayName);
  for (const u of users) if (!people.has(u.id)) people.set(u.id, u.displayName);
  const d = useDialogForm(
    taskSchema,
    (): TaskForm => ({ title: '', assigneeId: user?.userId ?? '', dueOn: '' }),
    (v) =>
      request(ADD_TASK, {
        input: {
          caseId: c.id,
          title: v.title,
          ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
          ...(v.dueOn ? { dueOn: v.dueOn } : {}),
        },
      }),
    refresh,
  );
  const toggle = useCaseAction((task: { id: string; version: number; done: boolean }) =>
    request(UPDATE_TASK, { input: { id: task.id, version: task.version, done: task.done } }),
  );
  const add = can.work && (
    <Button variant="contained" onClick={d.show}>
      {t('cases.tasks.add')}
    </Button>
  );
  const mine = (agencyId: string) => can.work && agencyId === user?.agencyId;
  return (
    <>
      <ErrorAlert error={toggle.error} />
      <DataTable
        title={t('cases.tabs.tasks')}
        actions={add}
        empty={<EmptyState action={add}>{t('cases.tasks.empty')}</EmptyState>}
        columns={[
          t('cases.tasks.task'),
          t('cases.tasks.assignee'),
          t('cases.tasks.due'),
          t('cases.tasks.agency'),
          t('cases.tasks.state'),
          ...(can.work ? [t('cases.actions')] : []),
        ]}
        rows={c.tasks.map((task) => ({
          key: task.id,
          cells: [
            task.title,
            task.assigneeName ?? (task.assigneeId ? t('cases.tasks.assignedElsewhere') : t('cases.tasks.nobody')),
            task.dueOn,
            task.agency.shortCode,
            task.done && task.doneAt
              ? t('cases.tasks.doneOn', { date: new Date(task.doneAt).toLocaleDateString(i18n.language) })
              : t('cases.tasks.open'),
            ...(can.work
              ? [
                  mine(task.agency.id) ? (
                    <Button
                      key="d"
                      size="small"
                      variant="outlined"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ id: task.id, version: task.version, done: !task.done })}
                      aria-label={t(task.done ? 'cases.tasks.reopenOne' : 'cases.tasks.markDoneOne', { title: task.title })}
                    >
                      {task.done ? t('cases.tasks.reopen') : t('cases.tasks.markDone')}
                    </Button>
                  ) : (
                    <Box key="d" component="span" sx={{ color: 'text.secondary' }}>
                      {t('cases.tasks.otherAgency')}
                    </Box>
                  ),
                ]
              : []),
          ],
        }))}
      />
      <FormDialog {...d.dialog} title={t('cases.tasks.addTitle')} submitLabel={t('cases.tasks.add')}>
        <FormText form={d.form} name="title" label={t('cases.tasks.task')} required />
        <FormSelect
          form={d.form}
          name="assigneeId"
          label={t('cases.tasks.assignee')}
          empty={t('cases.tasks.nobody')}
          options={[...people].map(([value, label]) => ({ value, label }))}
        />
        <FormText form={d.form} name="dueOn" type="date" label={t('cases.tasks.due')} />
      </FormDialog>
    </>
  );
}
