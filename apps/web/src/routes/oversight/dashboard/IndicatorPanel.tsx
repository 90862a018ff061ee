import { ReactNode } from 'react';
import { Link as RouterLink } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BarChart } from '@mui/x-charts/BarChart';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DashboardScope } from '../../../gql/graphql';
import { barValue, cellText, cellView, CellView, Indicator, layout, missingCell, totalView } from './cells';
import { cellLink, LinkContext, ListLink, totalLink } from './links';
import { keyLabel } from './labels';

export interface PanelProps {
  indicator: Indicator;
  scope: DashboardScope;
  threshold: number;
  /** The agency view's links (the task-force view has none). */
  links?: LinkContext;
  /** Said under the table (the median time to answer). */
  footnote?: ReactNode;
}

function CountLink({ link, label, children }: { link: ListLink; label: string; children: ReactNode }) {
  return (
    <Link component={RouterLink} to={link.to} search={link.search as never} aria-label={label}>
      {children}
    </Link>
  );
}

/**
 * One indicator: a bar chart and, beside it, the table with every count. A hidden cell gets no bar
 * and reads "fewer than 5" or "withheld"; the task-force view's value axis is marked only at
 * multiples of the threshold, so no tick names a small number either.
 */
export function IndicatorPanel({ indicator, scope, threshold, links, footnote }: PanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = t(`oversight.indicator.${indicator.name}.name`, { defaultValue: indicator.name });
  const description = t(`oversight.indicator.${indicator.name}.description`, { defaultValue: '' });
  const shape = layout(indicator);
  const format = (n: number) => n.toLocaleString(lang);
  const label = (key: string, style: 'long' | 'short' = 'long') => keyLabel(indicator.name, key, t, lang, style);
  const view = (row: string, column: string | null): CellView => cellView(shape.at(row, column) ?? missingCell(scope), scope, threshold);
  const cellKeys = (row: string, column: string | null) => {
    const c = shape.at(row, column);
    return c ? { key: c.key, key2: c.key2 } : null;
  };
  const total = totalView(indicator, scope, threshold);
  const single = shape.columns.length === 1 && shape.columns[0] === null;
  const titleId = `ind-${indicator.name}`;

  const cellContent = (row: string, column: string | null) => {
    const v = view(row, column);
    const text = cellText(v, threshold, t, format);
    if (v.kind !== 'count')
      return (
        <Typography component="span" variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {text}
        </Typography>
      );
    const keys = cellKeys(row, column);
    const link = links && keys && v.count > 0 ? cellLink(indicator.name, keys.key, keys.key2, links) : null;
    if (!link) return text;
    const what = column === null ? label(row) : `${label(row)}, ${label(column)}`;
    return (
      <CountLink link={link} label={t('oversight.table.openList', { label: what, count: text })}>
        {text}
      </CountLink>
    );
  };

  const totalText = total === null ? t('oversight.cell.notShown') : format(total);
  const totalTo = links && total ? totalLink(indicator.name, links) : null;

  // The chart: rows along the band axis, one series per column (stacked).
  const bars = shape.columns.map((column) => shape.rows.map((row) => barValue(view(row, column))));
  const drawable = bars.some((s) => s.some((v) => v !== null && v > 0));
  const horizontal = !shape.rowsAreMonths;
  const onTick = (v: number) => (scope === 'TASK_FORCE' ? v % threshold === 0 : Number.isInteger(v));
  const valueAxis = { tickInterval: onTick, valueFormatter: (v: number) => (onTick(v) ? format(v) : '') };
  const bandAxis = { scaleType: 'band' as const, data: shape.rows.map((r) => label(r, 'short')) };
  const series = shape.columns.map((column, i) => ({
    data: bars[i],
    label: column === null ? name : label(column),
    stack: single ? undefined : 'all',
    valueFormatter: (_v: number | null, ctx: { dataIndex: number }) =>
      cellText(view(shape.rows[ctx.dataIndex], column), threshold, t, format),
  }));
  const height = horizontal ? Math.max(160, shape.rows.length * 26 + 70) : 280;

  const empty = indicator.cells.length === 0;
  return (
    <Card variant="outlined" component="section" aria-labelledby={titleId}>
      <CardContent>
        <Typography id={titleId} variant="h2" component="h2">
          {name}
        </Typography>
        {description && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {description}
          </Typography>
        )}
        {empty ? (
          <Typography>{t('oversight.chart.empty')}</Typography>
        ) : (
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, lg: single ? 6 : 12 }}>
              {drawable ? (
                <Box role="img" aria-label={t('oversight.chart.of', { name })}>
                  <BarChart
                    height={height}
                    skipAnimation
                    layout={horizontal ? 'horizontal' : 'vertical'}
                    series={series}
                    {...(horizontal
                      ? { yAxis: [{ ...bandAxis, width: 170 }], xAxis: [valueAxis] }
                      : { xAxis: [bandAxis], yAxis: [valueAxis] })}
                    hideLegend={single}
                  />
                </Box>
              ) : (
                <Typography color="text.secondary" sx={{ py: 2 }}>
                  {scope === 'TASK_FORCE' ? t('oversight.chart.nothingToDraw') : t('oversight.chart.empty')}
                </Typography>
              )}
            </Grid>
            <Grid size={{ xs: 12, lg: single ? 6 : 12 }}>
              <TableContainer tabIndex={0} role="region" aria-label={t('oversight.table.of', { name })} sx={{ maxHeight: 520 }}>
                <Table
                  size="small"
                  stickyHeader
                  sx={{
                    '& td': { whiteSpace: 'nowrap' },
                    '& tfoot th, & tfoot td': { color: 'text.primary', fontSize: 'body2.fontSize', fontWeight: 600 },
                  }}
                >
                  <TableHead>
                    <TableRow>
                      <TableCell>{shape.rowsAreMonths ? t('oversight.table.month') : t('oversight.table.key')}</TableCell>
                      {shape.columns.map((c) => (
                        <TableCell key={c ?? ''} align="right">
                          {c === null ? t('oversight.table.count') : label(c)}
                        </TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {shape.rows.map((row) => (
                      <TableRow key={row}>
                        <TableCell component="th" scope="row">
                          {label(row)}
                        </TableCell>
                        {shape.columns.map((c) => (
                          <TableCell key={c ?? ''} align="right">
                            {cellContent(row, c)}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                  <TableFooter>
                    <TableRow>
                      <TableCell component="th" scope="row">
                        {t('oversight.table.total')}
                      </TableCell>
                      <TableCell align={single ? 'right' : 'left'} colSpan={shape.columns.length}>
                        {totalTo ? (
                          <CountLink
                            link={totalTo}
                            label={t('oversight.table.openList', { label: t('oversight.table.total'), count: totalText })}
                          >
                            {totalText}
                          </CountLink>
                        ) : (
                          totalText
                        )}
                      </TableCell>
                    </TableRow>
                  </TableFooter>
                </Table>
              </TableContainer>
              {footnote}
            </Grid>
          </Grid>
        )}
      </CardContent>
    </Card>
  );
}
