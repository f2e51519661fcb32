import type { TFunction } from 'i18next';
import en from '../i18n/en.json';

/**
 * A column description without its trailing format hint: "营业收入（元，最多两位小数）" → "营业收入",
 * "Established on (YYYY-MM-DD)" → "Established on". The hint helps when filling in a file, not when
 * reading figures about it.
 */
export function withoutFormatHint(description: string): string {
  const stripped = description.replace(/\s*[（(][^（）()]*[）)]\s*$/u, '').trim();
  return stripped || description;
}

/** The industry groups of the size standard (the server sends only their ids, e.g. `software_it_services`). */
const INDUSTRY_GROUPS = Object.keys(en.industryGroup) as ReadonlyArray<keyof typeof en.industryGroup>;

/** The name of an industry group in the user's language; an id the app does not know is shown as it is. */
export function industryGroupLabel(t: TFunction, id: string): string {
  const group = INDUSTRY_GROUPS.find((candidate) => candidate === id);
  return group ? t(`industryGroup.${group}`) : id;
}
