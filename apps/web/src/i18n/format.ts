/**
 * Locale-aware formatting of the figures the app shows. Money arrives as integer fen (分) and is shown in
 * yuan; `formatWanYuan` gives the 万元 unit Chinese financial tables use (its English rendering is the
 * compact form English readers expect, CN¥12.35M). All functions are pure: pass the language.
 */
import type { Language } from './languages.js';

const FEN_PER_YUAN = 100;
const FEN_PER_WAN_YUAN = 1_000_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    cache.set(key, format);
  }
  return format;
}

/** Shown for a missing value. */
export const EMPTY_VALUE = '—';

export function formatNumber(
  value: number | null | undefined,
  lang: Language,
  maximumFractionDigits = 2,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return numberFormat(lang, { maximumFractionDigits }).format(value);
}

export function formatInteger(value: number | null | undefined, lang: Language): string {
  return formatNumber(value, lang, 0);
}

/** A ratio in [0, 1] as a percentage: 0.923 → "92.3%". */
export function formatPercent(ratio: number | null | undefined, lang: Language, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  // Never round a rate with some rejections up to 100%, nor a few acceptances down to 0%.
  const step = 10 ** -(fractionDigits + 2);
  const shown = ratio < 1 && ratio > 1 - step ? 1 - step : ratio > 0 && ratio < step ? step : ratio;
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(shown);
}

/** Integer fen as yuan with two decimals: 123456 → "¥1,234.56" (zh-CN), "CN¥1,234.56" (en). */
export function formatYuan(fen: number | null | undefined, lang: Language): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return EMPTY_VALUE;
  return numberFormat(lang, {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(fen / FEN_PER_YUAN);
}

/** Integer fen in 万元 (10,000 yuan): 1234567800 → "1,234.57万元" (zh-CN), "CN¥12.35M" (en). */
export function formatWanYuan(fen: number | null | undefined, lang: Language): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return EMPTY_VALUE;
  if (lang === 'zh-CN') {
    return `${numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / FEN_PER_WAN_YUAN)}万元`;
  }
  return numberFormat(lang, {
    style: 'currency',
    currency: 'CNY',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(fen / FEN_PER_YUAN);
}

function parseDate(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A calendar date. ISO dates ("2024-03-05") are days, not instants, so they are shown as written whatever
 * the viewer's time zone; timestamps are shown on the viewer's calendar (or `timeZone`).
 */
export function formatDate(value: string | null | undefined, lang: Language, timeZone?: string): string {
  if (!value) return EMPTY_VALUE;
  const date = parseDate(value);
  if (!date) return value;
  const zone = DATE_ONLY.test(value) ? 'UTC' : timeZone;
  return dateFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone }).format(date);
}

/** A UTC timestamp as date and time on the viewer's clock (or `timeZone`). */
export function formatDateTime(value: string | null | undefined, lang: Language, timeZone?: string): string {
  if (!value) return EMPTY_VALUE;
  const date = parseDate(value);
  if (!date) return value;
  return dateFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** Bytes as B / KB / MB with the locale's digits. */
export function formatBytes(bytes: number, lang: Language): string {
  if (bytes < 1024) return `${formatInteger(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}
