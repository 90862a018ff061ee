import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** What an empty list says: that nothing is there, and what to do next. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Box sx={{ py: 3, px: 2, textAlign: 'center', border: 1, borderColor: 'divider', borderStyle: 'dashed', borderRadius: 1 }}>
      <Typography color="text.secondary" sx={{ mb: action ? 1.5 : 0 }}>
        {children}
      </Typography>
      {action}
    </Box>
  );
}
