import type { ReactNode } from 'react';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

/** A list with nothing in it: what that means, and what to do next. */
export function EmptyState({ title, hint, children }: { title: string; hint: string; children?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }} role="status">
      <Typography variant="h2" component="p" gutterBottom>
        {title}
      </Typography>
      <Typography sx={{ mb: children ? 2 : 0 }}>{hint}</Typography>
      {children}
    </Paper>
  );
}
