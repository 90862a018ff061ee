import type { TFunction } from 'i18next';

/** A calendar day (YYYY-MM-DD) in the reader's language, without shifting it through a time zone. */
export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A moment in the reader's language and time zone. */
export function formatMoment(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Today as YYYY-MM-DD in the reader's time zone (what a date field shows). */
export function todayLocal(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A word for a value the API sends as text (the brief's age band, gender...), or the value itself when there is none. */
export function word(t: TFunction, prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  return t(`${prefix}.${value}`, { defaultValue: value });
}

interface BriefFacts {
  victimCode?: string | null;
  caseType?: string | null;
  caseCounties?: readonly string[] | null;
}

/** One line naming what a referral is about, from its brief only (never a name, a title or an id). */
export function referralTitle(t: TFunction, r: { kind: string; serviceCategory?: string | null; brief: BriefFacts }): string {
  if (r.kind === 'CASE') {
    const counties = r.brief.caseCounties?.length ? r.brief.caseCounties.join(', ') : t('referrals.noCounty');
    return t('referrals.titleCase', { type: word(t, 'traffickingType', r.brief.caseType), counties });
  }
  const what = r.serviceCategory ? word(t, 'referrals.category', r.serviceCategory) : t('referrals.kind.MANDATORY_CHILD_WELFARE');
  return t('referrals.titleVictim', { code: r.brief.victimCode ?? '', what });
}
