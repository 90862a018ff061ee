import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormText } from '../../components/form-fields';
import { ADD_NOTE } from './documents';
import { CaseTabProps } from './hooks';
import { noteSchema } from './schemas';

/** Notes, newest first; added by the lead agency or a contributor, never edited or deleted. */
export function NotesTab({ c, can, refresh }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const form = useForm({ resolver: zodResolver(noteSchema), defaultValues: { body: '' } });
  const add = useMutation({
    mutationFn: (v: { body: string }) => request(ADD_NOTE, { input: { caseId: c.id, body: v.body } }),
    onSuccess: async () => {
      form.reset({ body: '' });
      await refresh();
    },
  });
  return (
    <Stack spacing={2}>
      <Typography variant="h2" component="h2">
        {t('cases.tabs.notes')}
      </Typography>
      {can.note && (
        <Stack
          component="form"
          spacing={1}
          noValidate
          aria-label={t('cases.notes.add')}
          onSubmit={(e) => void form.handleSubmit((v) => add.mutateAsync(v).catch(() => undefined))(e)}
        >
          <ErrorAlert error={add.error} />
          <FormText form={form} name="body" label={t('cases.notes.new')} multiline minRows={3} helperText={t('cases.notes.help')} />
          <Box>
            <Button type="submit" variant="contained" disabled={add.isPending}>
              {t('cases.notes.add')}
            </Button>
          </Box>
        </Stack>
      )}
      {c.notes.length === 0 ? (
        <EmptyState>{can.note ? t('cases.notes.emptyCanAdd') : t('cases.notes.empty')}</EmptyState>
      ) : (
        <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('cases.tabs.notes')}>
          {c.notes.map((n) => (
            <Card key={n.id} component="li" variant="outlined">
              <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
                <Typography variant="body2" color="text.secondary" component="p">
                  {[n.agency.shortCode, n.authorName, new Date(n.createdAt).toLocaleString(i18n.language)].filter(Boolean).join(' · ')}
                </Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n.body}</Typography>
              </CardContent>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
