import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common as enCommon } from './en/common';
import { common as esCommon } from './es/common';
import { vocab as enVocab } from './en/vocab';
import { vocab as esVocab } from './es/vocab';
import { victims as enVictims } from './en/victims';
import { victims as esVictims } from './es/victims';

/**
 * English and Spanish, every string of the console in both. Each area adds its own file per
 * language (en/leads.ts and es/leads.ts, ...) and registers it here; the Spanish file is typed
 * by the English one, so a missing key fails the typecheck.
 */
export const resources = {
  en: { translation: { ...enCommon, ...enVocab, ...enVictims } },
  es: { translation: { ...esCommon, ...esVocab, ...esVictims } },
};

export const LANGUAGES = [{ code: 'en', label: 'English' }, { code: 'es', label: 'Español' }] as const;

void i18n.use(initReactI18next).init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, returnNull: false });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
