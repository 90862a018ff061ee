import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common as enCommon } from './en/common';
import { common as esCommon } from './es/common';
import { vocab as enVocab } from './en/vocab';
import { vocab as esVocab } from './es/vocab';
import { leads as enLeads } from './en/leads';
import { leads as esLeads } from './es/leads';
import { cases as enCases } from './en/cases';
import { cases as esCases } from './es/cases';
import { referrals as enReferrals } from './en/referrals';
import { referrals as esReferrals } from './es/referrals';
import { oversight as enOversight } from './en/oversight';
import { oversight as esOversight } from './es/oversight';
import { victims as enVictims } from './en/victims';
import { victims as esVictims } from './es/victims';

/**
 * English and Spanish, every string of the console in both. Each area adds its own file per
 * language (en/leads.ts and es/leads.ts, ...) and registers it here; the Spanish file is typed
 * by the English one, so a missing key fails the typecheck.
 */
/** Each file's top-level keys must be its own (the files are spread into one namespace; a test checks). */
export const EN_FILES: Record<string, Record<string, unknown>> = {
  common: enCommon,
  vocab: enVocab,
  leads: enLeads,
  cases: enCases,
  victims: enVictims,
  referrals: enReferrals,
  oversight: enOversight,
};

export const resources = {
  en: { translation: { ...enCommon, ...enVocab, ...enLeads, ...enCases, ...enVictims, ...enReferrals, ...enOversight } },
  es: { translation: { ...esCommon, ...esVocab, ...esLeads, ...esCases, ...esVictims, ...esReferrals, ...esOversight } },
};

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
] as const;

void i18n.use(initReactI18next).init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, returnNull: false });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
