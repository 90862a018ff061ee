import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Typography from '@mui/material/Typography';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { CASE_VICTIMS } from './documents';
import { CaseTabProps } from './hooks';
import { collectPages } from './collect';

/**
 * The victims linked to the case, by code and non-identifying facts only. The API has no victims
 * field on a case: the victims the agency can see are read page by page and kept when linked here.
 */
const victimsOfCase = (caseId: string) =>
  collectPages(
    async (after) => (await request(CASE_VICTIMS, { after })).victims,
    (v) => v.cases.some((l) => l.caseId === caseId),
  );

export function VictimsTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['cases', 'victims', c.id], queryFn: () => victimsOfCase(c.id) });
  if (q.isPending) return <Loading />;
  const list = q.data ?? [];
  const unseen = c.victimCount - list.length;
  return (
    <>
      <ErrorAlert error={q.error} />
      <DataTable
        title={t('cases.tabs.victims')}
        intro={t('cases.victims.help')}
        empty={<EmptyState>{c.victimCount ? t('cases.victims.noneVisible') : t('cases.victims.empty')}</EmptyState>}
        columns={[t('cases.victims.code'), t('cases.victims.keptBy'), t('cases.victims.minor'), t('cases.victims.type')]}
        rows={list.map((v) => ({
          key: v.id,
          cells: [
            <strong key="c">{v.code}</strong>,
            v.custodial ? t('cases.victims.yourAgency') : v.custodialAgency.name,
            v.minorAtExploitation ? t('app.yes') : t('app.no'),
            t(`traffickingType.${v.traffickingType}`),
          ],
        }))}
      />
      {list.length > 0 && unseen > 0 && <Typography color="text.secondary">{t('cases.victims.more', { count: unseen })}</Typography>}
    </>
  );
}
