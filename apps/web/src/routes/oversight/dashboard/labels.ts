import type { TFunction } from 'i18next';

const MONTH = /^\d{4}-\d{2}$/;

/** A month (YYYY-MM) in words: "September 2026", or "Sep 2026" for an axis. */
export function monthName(month: string, lang: string, style: 'long' | 'short' = 'long'): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A day (YYYY-MM-DD) in words, its day always in two digits ("December 01, 2026"). */
export function dayName(day: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { day: '2-digit', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Where each indicator's keys are put in words (the first vocabulary that knows a key wins). */
const VOCABULARIES: Record<string, string[]> = {
  leadsBySourceAndMonth: ['leadSource'],
  openCasesByStatus: ['caseStatus'],
  openCasesByType: ['traffickingType'],
  openCasesByVenue: ['venue', 'oversight.keys'],
  servicesByCategoryAndStatus: ['oversight.serviceCategory', 'oversight.serviceStatus'],
  chargesByDisposition: ['chargeDisposition'],
};

/** One key of an indicator in words; a free-text key (a county, an investigator's name) as it is. */
export function keyLabel(indicator: string, key: string, t: TFunction, lang: string, style: 'long' | 'short' = 'long'): string {
  if (MONTH.test(key)) return monthName(key, lang, style);
  if (indicator === 'victimsIdentifiedByMonth') {
    const [age, ...type] = key.split('_');
    if (age === 'MINOR' || age === 'ADULT')
      return t('oversight.victimGroup.label', { age: t(`oversight.victimGroup.${age}`), type: t(`traffickingType.${type.join('_')}`) });
  }
  if (indicator === 'caseloadPerInvestigator' || key.includes('.')) return key;
  const vocabularies = VOCABULARIES[indicator] ?? ['oversight.keys'];
  return t(
    [...vocabularies, 'oversight.keys'].map((v) => `${v}.${key}`),
    { defaultValue: key },
  );
}
