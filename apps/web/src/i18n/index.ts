import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatInteger,
  formatNumber,
  formatPercent,
  formatWanYuan,
  formatYuan,
} from './format';
import { detectLanguage, isLanguage, LANGUAGE_STORAGE_KEY, type Language } from './languages';
import zhCN from './zh-CN.json';

export type { Language } from './languages';
export { LANGUAGES } from './languages';

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function applyToDocument(lang: Language): void {
  document.documentElement.lang = lang;
}

export function initI18n(): typeof i18n {
  const lang = detectLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]);
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: lang,
    fallbackLng: false,
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(lang);
  return i18n;
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  void i18n.changeLanguage(lang);
  applyToDocument(lang);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** Picks the text of the current language from a `{ zh, en }` pair the server sent. */
export function pickLocalized(text: { zh: string; en: string } | null | undefined, lang: Language): string {
  if (!text) return '';
  return lang === 'zh-CN' ? text.zh || text.en : text.en || text.zh;
}

/** The formatters bound to the current language, for components. */
export function useFormat() {
  const { i18n: instance } = useTranslation();
  return formattersFor(isLanguage(instance.language) ? instance.language : 'zh-CN');
}

/** The formatters bound to one language (what `useFormat` gives a component). */
export function formattersFor(lang: Language) {
  return {
    lang,
    number: (value: number | null | undefined, digits?: number) => formatNumber(value, lang, digits),
    integer: (value: number | null | undefined) => formatInteger(value, lang),
    percent: (ratio: number | null | undefined, digits?: number) => formatPercent(ratio, lang, digits),
    yuan: (fen: number | null | undefined) => formatYuan(fen, lang),
    wanYuan: (fen: number | null | undefined) => formatWanYuan(fen, lang),
    date: (value: string | null | undefined) => formatDate(value, lang),
    dateTime: (value: string | null | undefined) => formatDateTime(value, lang),
    bytes: (bytes: number) => formatBytes(bytes, lang),
    localized: (text: { zh: string; en: string } | null | undefined) => pickLocalized(text, lang),
  };
}

export type Formatters = ReturnType<typeof formattersFor>;
