import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/** Work in progress, said in words (never a spinner alone). */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
      <CircularProgress size={18} aria-hidden="true" />
      <Typography>{label ?? t('app.loading')}</Typography>
    </Box>
  );
}
