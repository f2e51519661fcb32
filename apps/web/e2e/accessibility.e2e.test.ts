import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChampion } from './api.js';
import { baseUrl, type DemoUser, type Locale, launchChromium, screenshot, signIn, text } from './browser.js';

/**
 * Issue 6: "keyboard-usable, labelled forms, visible focus, contrast that passes WCAG AA; responsive to a
 * laptop and a tablet". Every page every role can reach, in both languages, at a laptop and a tablet
 * viewport, is checked by axe-core (injected from the installed package, no network) with the WCAG 2 A/AA
 * rules; the tablet width must not scroll sideways; the sign-in form and the consent grant form are walked
 * with the Tab key. A champion model is made first (as enterprise.e2e does), so that the scored pages are
 * checked with their score, charts and points table rather than their "no model yet" state.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  tablet: { width: 768, height: 1024 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;

const LOCALES: Locale[] = ['en', 'zh-CN'];

/** Demo sign-ins (apps/server/src/modules/demo/members.ts), one per role. */
const ROLES: Record<string, DemoUser> = {
  'enterprise owner': { login: 'owner.e0', password: 'Demo-owner.e0-2025' },
  'credit officer': { login: 'officer.xinghe', password: 'Demo-officer.xinghe-2025' },
  analyst: { login: 'analyst.xinghe', password: 'Demo-analyst.xinghe-2025' },
  approver: { login: 'approver.xinghe', password: 'Demo-approver.xinghe-2025' },
  operator: { login: 'operator', password: 'Demo-operator-2025' },
  regulator: { login: 'regulator', password: 'Demo-regulator-2025' },
};

/** List pages whose first row opens a detail page of its own route (checked as well). */
const DETAIL_OF = ['/registry/submissions', '/registry/enterprises', '/models', '/lookup'];

/**
 * A fresh browser profile as browser.ts's newContext makes, except that the page's Content-Security-Policy
 * (no inline scripts) is bypassed so that axe can be injected with addScriptTag: the app's own scripts are
 * unaffected, and the policy itself is the server's concern, tested there.
 */
async function newContext(browser: Browser, locale: Locale): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    viewport: VIEWPORTS.laptop,
    bypassCSP: true,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

type Violation = { page: string; rule: string; impact: string; target: string; summary: string };

/** Waits until the page shows its heading and no loading state is left (pages and lazy chunks). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('h1') !== null && document.querySelectorAll('.state--loading').length === 0,
    undefined,
    { timeout: 45_000 },
  );
  // ECharts draws on the next frame after its container is measured.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}

/** Runs axe with the WCAG 2 A/AA rules on the whole document. */
async function axeViolations(page: Page, label: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const run = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return run.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, WCAG_AA_TAGS);
  return results.flatMap((violation) =>
    violation.nodes.map((node) => ({
      page: label,
      rule: violation.rule,
      impact: violation.impact,
      target: node.target,
      summary: node.summary,
    })),
  );
}

/** How far the document scrolls sideways beyond the viewport (0 when it fits), and the element that sticks out. */
async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprit: string }> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const overflow = scroller.scrollWidth - window.innerWidth;
    // The deepest element whose right edge passes the viewport, as a CSS-like path.
    let culprit = '';
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (element.getBoundingClientRect().right > window.innerWidth + 0.5 && element.checkVisibility()) {
        const path: string[] = [];
        for (
          let node: HTMLElement | null = element;
          node && node !== document.body;
          node = node.parentElement
        ) {
          path.unshift(
            `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`,
          );
        }
        culprit = path.join(' > ');
      }
    }
    return { overflow, culprit };
  });
}

function report(violations: Violation[]): string {
  return violations
    .map((v) => `${v.page}: [${v.rule}${v.impact ? `, ${v.impact}` : ''}] ${v.target}\n    ${v.summary}`)
    .join('\n');
}

/** The pages a signed-in role can reach: its sidebar links, plus the first detail page of each list. */
async function pagesOf(page: Page): Promise<string[]> {
  const links = await page
    .locator('.sidebar a[href^="/"]')
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? '/'));
  const pages = [...new Set(links)];
  for (const list of DETAIL_OF.filter((path) => pages.includes(path))) {
    await page.goto(list);
    await settled(page);
    const detail = await page
      .locator(`main a[href^="${list}/"]`)
      .first()
      .getAttribute('href', { timeout: 2_000 })
      .catch(() => null);
    if (detail) pages.push(detail);
  }
  return pages;
}

/** A control's name in the Tab order: its id, or its tag and label. */
function keyOf(stop: { id: string; tag: string; label: string }): string {
  return stop.id || `${stop.tag}:${stop.label}`;
}

/** Focus information of the element that has the keyboard focus. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const control = element as HTMLInputElement;
    const labelText =
      element.getAttribute('aria-label') ??
      (element.getAttribute('aria-labelledby')
        ? document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent
        : null) ??
      (control.labels && control.labels.length > 0 ? control.labels[0]?.textContent : null) ??
      (element.tagName === 'BUTTON' || element.tagName === 'A' ? element.textContent : null);
    const hasOutline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const hasShadow = style.boxShadow !== 'none';
    return {
      id: element.id,
      tag: element.tagName.toLowerCase(),
      type: control.type ?? '',
      label: (labelText ?? '').replace(/\s+/g, ' ').trim(),
      visibleFocus: hasOutline || hasShadow,
    };
  });
}

describe('every page of every role passes axe (WCAG 2 A/AA) at a laptop and a tablet width', () => {
  let browser: Browser;
  let creditCode = '';

  beforeAll(async () => {
    browser = await launchChromium();
    // With a champion model the scored pages show what they are for (score, reasons, score history chart,
    // the model's charts and points table), and that is what gets checked: the demo starts without one.
    await ensureChampion();
    // The look-up detail page needs an enterprise the demo officer's lender reported (demo enterprise 0).
    const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ROLES['enterprise owner']),
    });
    const cookie = (response.headers.getSetCookie?.() ?? []).map((line) => line.split(';')[0]).join('; ');
    const diagnosis = await fetch(`${baseUrl()}/api/v1/reports/my/diagnosis`, { headers: { cookie } });
    creditCode = ((await diagnosis.json()) as { creditCode: string }).creditCode;
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of LOCALES) {
    it(`the sign-in page (${locale})`, async () => {
      const context = await newContext(browser, locale);
      try {
        const page = await context.newPage();
        const violations: Violation[] = [];
        for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
          await page.setViewportSize(VIEWPORTS[viewport]);
          await page.goto('/sign-in');
          await settled(page);
          const label = `/sign-in (${locale}, ${viewport})`;
          violations.push(...(await axeViolations(page, label)));
          if (viewport === 'tablet') {
            const { overflow, culprit } = await horizontalOverflow(page);
            if (overflow > 0) violations.push(overflowViolation(label, overflow, culprit));
            await screenshot(page, `a11y-tablet-${locale}-sign-in`);
          }
        }
        expect(violations, report(violations)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    for (const [role, user] of Object.entries(ROLES)) {
      it(`the pages of the ${role} (${locale})`, async () => {
        const context = await newContext(browser, locale);
        try {
          const page = await context.newPage();
          await page.setViewportSize(VIEWPORTS.laptop);
          await signIn(page, locale, user);
          const pages = await pagesOf(page);
          if (pages.includes('/lookup')) pages.push(`/lookup/${creditCode}?purpose=credit_assessment`);
          pages.push('/no-such-page');
          const violations: Violation[] = [];
          for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
            await page.setViewportSize(VIEWPORTS[viewport]);
            for (const path of pages) {
              await page.goto(path);
              await settled(page);
              const label = `${path} (${locale}, ${viewport})`;
              violations.push(...(await axeViolations(page, label)));
              if (viewport === 'tablet') {
                const { overflow, culprit } = await horizontalOverflow(page);
                if (overflow > 0) violations.push(overflowViolation(label, overflow, culprit));
              }
            }
          }
          if (locale === 'en' || role === 'enterprise owner') {
            // A few pages at the tablet width, for review (artifacts/e2e).
            await page.setViewportSize(VIEWPORTS.tablet);
            for (const path of pages.slice(0, 3)) {
              await page.goto(path);
              await settled(page);
              const name = path === '/' ? 'home' : path.replace(/[/?=]+/g, '-').replace(/^-|-$/g, '');
              await screenshot(page, `a11y-tablet-${locale}-${role.replace(/ /g, '-')}-${name}`);
            }
          }
          expect(violations, report(violations)).toEqual([]);
        } finally {
          await context.close();
        }
      }, 600_000);
    }
  }
});

function overflowViolation(page: string, overflow: number, culprit: string): Violation {
  return {
    page,
    rule: 'horizontal-overflow',
    impact: 'serious',
    target: culprit || 'document.scrollingElement',
    summary: `the page is ${overflow}px wider than the ${VIEWPORTS.tablet.width}px tablet viewport`,
  };
}

describe('the keyboard reaches every control in order, with a visible focus', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const locale: Locale = 'en';

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser, locale);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /**
   * Presses Tab from the element before `first` until focus leaves `scope`, and returns what was focused;
   * every stop must carry a label and a visible focus indicator.
   */
  async function tabThrough(scope: string, count: number) {
    const stops: NonNullable<Awaited<ReturnType<typeof focused>>>[] = [];
    for (let index = 0; index < count; index += 1) {
      await page.keyboard.press('Tab');
      const stop = await focused(page);
      if (!stop) break;
      const inside = await page.evaluate((selector) => {
        const active = document.activeElement;
        return active !== null && active.closest(selector) !== null;
      }, scope);
      if (!inside) break;
      // A date input has one Tab stop per part (year, month, day): the same control, visited once.
      const previous = stops.at(-1);
      if (previous && keyOf(previous) === keyOf(stop)) continue;
      stops.push(stop);
    }
    return stops;
  }

  /** The focusable controls of `scope` in document order (what Tab should visit). */
  async function controlsIn(scope: string): Promise<string[]> {
    return page.locator(scope).evaluate((root) =>
      Array.from(root.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]'))
        .filter((element) => !(element as HTMLInputElement).disabled && element.checkVisibility())
        // Radio buttons of one group are one Tab stop: the checked one.
        .filter(
          (element) =>
            (element as HTMLInputElement).type !== 'radio' || (element as HTMLInputElement).checked,
        )
        .map((element) => {
          if (element.id) return element.id;
          const label =
            (element as HTMLInputElement).labels?.[0]?.textContent ??
            (element.tagName === 'BUTTON' ? element.textContent : '');
          return `${element.tagName.toLowerCase()}:${(label ?? '').replace(/\s+/g, ' ').trim()}`;
        }),
    );
  }

  it('tabs through the sign-in form: login, password, sign in, each labelled and visibly focused', async () => {
    await page.goto('/sign-in');
    await settled(page);
    await page.getByLabel(text(locale, 'signIn.login'), { exact: true }).focus();
    const first = await focused(page);
    // Start from the control just before the form, so that the first Tab lands on its first field.
    await page.keyboard.press('Shift+Tab');
    const stops = await tabThrough('form', 10);
    expect(stops.map((stop) => stop.label)).toEqual([
      text(locale, 'signIn.login'),
      text(locale, 'signIn.password'),
      text(locale, 'signIn.submit'),
    ]);
    expect(stops[0]?.id).toBe(first?.id);
    for (const stop of stops)
      expect(stop, `focus indicator on ${stop.label}`).toMatchObject({ visibleFocus: true });
    await screenshot(page, 'a11y-keyboard-sign-in-focus');
  });

  it('tabs through the consent grant form in document order, each control labelled and visibly focused', async () => {
    await signIn(page, locale, ROLES['enterprise owner'] as DemoUser);
    await page.goto('/my/consents');
    await settled(page);
    const grant = page.getByRole('button', { name: text(locale, 'consent.grant'), exact: true });
    await grant.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: text(locale, 'consent.form.title') });
    await form.waitFor({ state: 'visible' });
    await settled(page);
    const expected = await controlsIn('form.form-grid');
    expect(expected.length).toBeGreaterThan(5);
    // Focus the grant button again: Tab goes on into the form below it.
    await grant.focus();
    const stops = await tabThrough('form.form-grid', expected.length * 4);
    expect(stops.map(keyOf)).toEqual(expected);
    for (const stop of stops) {
      expect(stop.label, `a label for the focused ${stop.tag}#${stop.id}`).not.toBe('');
      expect(stop, `focus indicator on "${stop.label}"`).toMatchObject({ visibleFocus: true });
    }
    await screenshot(page, 'a11y-keyboard-consent-form-focus');
  });
});
