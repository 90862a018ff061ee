import { ReactNode, useId } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';

export interface DataRow {
  key: string;
  cells: ReactNode[];
}

/**
 * A dense table under its heading (which names it) and a line about it, with the actions that add to it; the empty
 * state instead when there are no rows. Wide tables scroll sideways on a tablet.
 */
export function DataTable({
  title,
  intro,
  actions,
  columns,
  rows,
  empty,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  columns: string[];
  rows: DataRow[];
  empty: ReactNode;
}) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography id={id} variant="h2" component="h2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        {rows.length > 0 && actions}
      </Box>
      {intro && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {intro}
        </Typography>
      )}
      {rows.length === 0 ? (
        empty
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-labelledby={id} sx={{ '& td, & th': { px: 1 }, '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                {columns.map((c, i) => (
                  <TableCell key={i} scope="col" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key}>
                  {r.cells.map((cell, i) => (
                    <TableCell key={i} sx={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                      {cell ?? '—'}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
