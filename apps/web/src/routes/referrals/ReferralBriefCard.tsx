import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { formatMoment, referralTitle, word } from './format';

/** Everything a receiving agency sees of a referral before it accepts. */
export interface ReferralAsReceived {
  kind: string;
  serviceCategory?: string | null;
  urgency: string;
  reason: string;
  disclosesIdentity: boolean;
  offeredAccess?: string | null;
  respondBy?: string | null;
  fromAgency: { name: string };
  fromUser?: { displayName?: string | null } | null;
  toAgency: { name: string };
  brief: {
    victimCode?: string | null;
    ageBand?: string | null;
    gender?: string | null;
    minorAtExploitation?: boolean | null;
    traffickingType?: string | null;
    caseType?: string | null;
    caseVenue?: string | null;
    caseCounties?: readonly string[] | null;
  };
}

/** Terms and their values, as a definition list. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(160px, max-content) 1fr' }, columnGap: 2, rowGap: 0.75, m: 0 }}
    >
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <Typography component="dt" sx={{ fontWeight: 600 }}>
            {term}
          </Typography>
          <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {value}
          </Typography>
        </Fragment>
      ))}
    </Box>
  );
}

/**
 * What the receiver sees: the sending form previews a referral with this very card, so what the
 * sender checks is what the receiver reads.
 */
export function ReferralBriefCard({ referral: r, title, hint }: { referral: ReferralAsReceived; title: string; hint?: string }) {
  const { t, i18n } = useTranslation();
  const b = r.brief;
  const none = t('referrals.brief.notRecorded');
  const from = r.fromUser?.displayName ? `${r.fromUser.displayName}, ${r.fromAgency.name}` : r.fromAgency.name;
  const rows: [string, ReactNode][] = [
    [t('referrals.detail.kind'), t(`referrals.kind.${r.kind}`)],
    ...(r.serviceCategory
      ? [[t('referrals.detail.category'), word(t, 'referrals.category', r.serviceCategory)] as [string, ReactNode]]
      : []),
    [t('referrals.detail.from'), from],
    [t('referrals.detail.to'), r.toAgency.name],
    [t('referrals.detail.urgency'), t(`referrals.urgency.${r.urgency}`)],
    ...(r.respondBy ? [[t('referrals.detail.respondBy'), formatMoment(r.respondBy, i18n.language)] as [string, ReactNode]] : []),
  ];
  if (r.kind === 'CASE') {
    rows.push(
      [t('referrals.brief.caseType'), word(t, 'traffickingType', b.caseType) || none],
      [t('referrals.brief.venue'), word(t, 'venue', b.caseVenue) || none],
      [t('referrals.brief.counties'), b.caseCounties?.length ? b.caseCounties.join(', ') : none],
    );
    if (r.offeredAccess) rows.push([t('referrals.detail.offeredAccess'), word(t, 'shareAccess', r.offeredAccess)]);
  } else {
    rows.push(
      [t('referrals.brief.survivor'), b.victimCode ?? none],
      [t('referrals.brief.ageBand'), word(t, 'referrals.ageBand', b.ageBand) || none],
      [t('referrals.brief.gender'), word(t, 'referrals.gender', b.gender) || none],
      [t('referrals.brief.minor'), b.minorAtExploitation == null ? none : t(b.minorAtExploitation ? 'app.yes' : 'app.no')],
      [t('referrals.brief.type'), word(t, 'traffickingType', b.traffickingType) || none],
      [t('referrals.detail.identity'), t(r.disclosesIdentity ? 'referrals.detail.identityShared' : 'referrals.detail.identityNotShared')],
    );
  }
  rows.push([t('referrals.brief.reason'), r.reason]);
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom>
          {title}
        </Typography>
        {hint && (
          <Typography color="text.secondary" sx={{ mb: 1.5 }}>
            {hint}
          </Typography>
        )}
        <Typography variant="h3" component="p" sx={{ mb: 1.5, fontWeight: 600 }}>
          {referralTitle(t, r)}
        </Typography>
        <Facts rows={rows} />
      </CardContent>
    </Card>
  );
}
