import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import en from '../src/i18n/en.json' with { type: 'json' };
import zhCN from '../src/i18n/zh-CN.json' with { type: 'json' };
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './paths.js';

export const baseUrl = (): string => inject('e2eBaseUrl');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type Locale = 'en' | 'zh-CN';

/** A fresh browser profile (no cookies, no stored language) whose browser prefers `locale`. */
export async function newContext(browser: Browser, locale: Locale): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  // The machine is shared and small: give the app time, but fail with a clear locator message.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

type Messages = typeof en;
const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN as Messages };

/**
 * The visible text of a translation key in a language, straight from the app's locale files, so that the
 * tests find controls by the labels users see. `{{name}}` placeholders are filled from `values`.
 */
export function text(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`e2e: no ${locale} text for "${key}"`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

export type DemoUser = { login: string; password: string };

/** Demo sign-ins printed by `creditbridge serve` on a fresh data directory. */
export const DEMO = {
  analyst: { login: 'analyst.xinghe', password: 'Demo-analyst.xinghe-2025' },
  operator: { login: 'operator', password: 'Demo-operator-2025' },
  regulator: { login: 'regulator', password: 'Demo-regulator-2025' },
} satisfies Record<string, DemoUser>;

/** Fills in the sign-in form by its labels and submits it with a click. */
export async function fillSignIn(page: Page, locale: Locale, user: DemoUser): Promise<void> {
  await page.getByLabel(text(locale, 'signIn.login'), { exact: true }).fill(user.login);
  await page.getByLabel(text(locale, 'signIn.password'), { exact: true }).fill(user.password);
  await page.getByRole('button', { name: text(locale, 'signIn.submit'), exact: true }).click();
}

/** Opens the app, which sends a visitor to sign in, signs in, and waits for the shell. */
export async function signIn(page: Page, locale: Locale, user: DemoUser): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/sign-in$/);
  await fillSignIn(page, locale, user);
  await visible(sidebar(page, locale));
}

/** The sidebar (an <aside> labelled "Main navigation"). */
export function sidebar(page: Page, locale: Locale) {
  return page.getByRole('complementary', { name: text(locale, 'shell.navigation') });
}

export function navLink(page: Page, locale: Locale, key: string) {
  return sidebar(page, locale).getByRole('link', { name: text(locale, key), exact: true });
}

/**
 * Saves what the viewport shows to artifacts/e2e/<name>.png, after scrolling `target` (if any) to the top,
 * just below the sticky top bar. Full-page captures would paint the fixed sidebar and the sticky top bar
 * in the middle of the page, so they are not used.
 */
export async function screenshot(page: Page, name: string, target?: Locator): Promise<void> {
  if (target) {
    await target.evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      const topbar = document.querySelector('.topbar');
      window.scrollBy(0, -((topbar?.getBoundingClientRect().height ?? 0) + 16));
    });
  }
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Waits until the locator shows exactly one visible element, and returns it. */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}
