import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  type DemoUser,
  type Locale,
  launchChromium,
  navLink,
  newContext,
  screenshot,
  signIn,
  text,
  visible,
} from './browser.js';

/** The demo's approver at the same bank as analyst.xinghe (printed by `creditbridge serve`). */
const APPROVER: DemoUser = { login: 'approver.xinghe', password: 'Demo-approver.xinghe-2025' };
/** The demo's outcome window starts here: features as of this date, defaults within 12 months after. */
const TRAIN_AS_OF = '2024-12-31';

describe('models and administration in the browser', () => {
  const locale: Locale = 'en';
  let browser: Browser;
  let analyst: { context: BrowserContext; page: Page };
  let modelPath = '';

  async function signedIn(user: DemoUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, locale);
    const page = await context.newPage();
    await signIn(page, locale, user);
    return { context, page };
  }

  beforeAll(async () => {
    browser = await launchChromium();
    analyst = await signedIn(DEMO.analyst);
  });

  afterAll(async () => {
    await analyst?.context.close();
    await browser?.close();
  });

  it('lets an analyst train a challenger and read its validation charts and points table', async () => {
    const { page } = analyst;
    await navLink(page, locale, 'models.nav.models').click();
    await visible(page.getByRole('heading', { name: text(locale, 'models.title'), level: 1 }));
    await page.getByLabel(text(locale, 'models.train.kind'), { exact: true }).selectOption('scorecard');
    await page.getByLabel(text(locale, 'models.train.asOf'), { exact: true }).fill(TRAIN_AS_OF);
    await page.getByRole('button', { name: text(locale, 'models.train.submit'), exact: true }).click();

    await page.waitForURL(/\/models\/mdl_[0-9a-z]+$/, { timeout: 60_000 });
    modelPath = new URL(page.url()).pathname;
    await visible(page.getByRole('heading', { name: text(locale, 'models.charts.title'), level: 2 }));
    // Each chart is an image named for screen readers, drawn as SVG by ECharts.
    for (const key of [
      'models.charts.rocLabel',
      'models.charts.distributionLabel',
      'models.charts.calibrationLabel',
    ]) {
      const chart = await visible(page.getByRole('img', { name: text(locale, key), exact: true }));
      await chart.locator('svg path').first().waitFor({ state: 'attached' });
      expect(await chart.locator('svg path').count()).toBeGreaterThan(3);
    }
    const metrics = page.locator(`dl[aria-label="${text(locale, 'models.metricsLabel')}"]`);
    const auc = Number((await metrics.locator('dd').first().textContent())?.trim());
    expect(auc).toBeGreaterThan(0.6);
    expect(auc).toBeLessThanOrEqual(1);
    await screenshot(page, 'models-01-validation-charts');

    // PSI over time: measured once the section is scrolled to (each date scores the whole population).
    await page.locator('#psi-title').scrollIntoViewIfNeeded();
    const psi = page.getByRole('img', { name: text(locale, 'models.charts.psiLabel'), exact: true });
    await psi.waitFor({ state: 'visible', timeout: 60_000 });
    await psi.locator('svg path').first().waitFor({ state: 'attached', timeout: 60_000 });
    await screenshot(page, 'models-02-psi-over-time', page.locator('#psi-title'));

    // The points table: one captioned table per feature, with a points column.
    const points = page.locator('.models-points table');
    expect(await points.count()).toBeGreaterThan(2);
    await expect.poll(async () => (await points.first().locator('tbody tr').count()) > 1).toBe(true);
    await screenshot(page, 'models-03-points-table', page.locator('#points-title'));

    // The same page in Chinese: headings, axis names and legends follow the language switch.
    const switcher = page.getByRole('group', { name: text(locale, 'language.label') });
    await switcher.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('heading', { name: text('zh-CN', 'models.charts.title'), level: 2 }));
    await visible(page.getByRole('img', { name: text('zh-CN', 'models.charts.rocLabel'), exact: true }));
    await screenshot(page, 'models-07-validation-zh', page.locator('#validation-title'));
    await page
      .getByRole('group', { name: text('zh-CN', 'language.label') })
      .getByRole('button', { name: 'English' })
      .click();
    await visible(page.getByRole('heading', { name: text(locale, 'models.charts.title'), level: 2 }));
  }, 180_000);

  it('turns a challenger into the champion only when a second person approves', async () => {
    const { page } = analyst;
    await page.goto(modelPath);
    await visible(page.getByRole('heading', { name: text(locale, 'models.promotion.title'), level: 2 }));
    await page.getByLabel(text(locale, 'models.promotion.reason'), { exact: true }).fill('AUC above the bar');
    await page.getByRole('button', { name: text(locale, 'models.promotion.request'), exact: true }).click();
    await visible(page.getByText(text(locale, 'models.promotion.ownRequest'), { exact: true }));
    // The requester is offered no approve button, and the model stays a challenger.
    expect(await page.getByRole('button', { name: text(locale, 'models.promotion.approve') }).count()).toBe(
      0,
    );
    await screenshot(page, 'models-04-promotion-requested', page.locator('#promotion-title'));

    const approver = await signedIn(APPROVER);
    try {
      const other = approver.page;
      await navLink(other, locale, 'models.nav.models').click();
      const pending = await visible(
        other.getByRole('region', { name: text(locale, 'models.promotion.pendingTitle') }),
      );
      const request = await visible(pending.getByRole('article').filter({ hasText: 'AUC above the bar' }));
      await request
        .getByLabel(text(locale, 'models.promotion.note'), { exact: true })
        .fill('checked the charts');
      await screenshot(other, 'models-05-approver-sees-request');
      await request
        .getByRole('button', { name: text(locale, 'models.promotion.approve'), exact: true })
        .click();
      await request.waitFor({ state: 'detached' });
      const row = other.locator(`tr:has(a[href="${modelPath}"])`);
      await visible(row.getByText(text(locale, 'models.status.champion'), { exact: true }));
      await screenshot(other, 'models-06-champion-after-approval');
    } finally {
      await approver.context.close();
    }

    await page.reload();
    await visible(page.getByText(text(locale, 'models.promotion.isChampion'), { exact: true }));
    await visible(
      page.getByText(
        new RegExp(`^${text(locale, 'models.promotion.decidedBy.approved', { name: '.+', at: '.+' })}`),
      ),
    );
  }, 120_000);

  it('lets an operator create a scoped token, shows its secret once, and revokes it', async () => {
    const { context, page } = await signedIn(DEMO.operator);
    try {
      await navLink(page, locale, 'admin.nav.tokens').click();
      await visible(page.getByRole('heading', { name: text(locale, 'admin.tokens.title'), level: 1 }));
      await page.getByLabel(text(locale, 'admin.tokens.name'), { exact: true }).fill('e2e nightly export');
      await page
        .getByLabel(text(locale, 'admin.tokens.expiry'), { exact: true })
        .selectOption({ label: text(locale, 'admin.tokens.days_other', { count: 30 }) });
      await page.getByLabel(text(locale, 'admin.tokens.scope.registry_read'), { exact: true }).check();
      await page.getByRole('button', { name: text(locale, 'admin.tokens.create'), exact: true }).click();

      const secretField = await visible(
        page.getByLabel(text(locale, 'admin.tokens.secretLabel'), { exact: true }),
      );
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^cbt_[A-Za-z0-9_-]{20,}$/);
      await screenshot(page, 'admin-01-token-secret-once');

      const row = page.getByRole('row').filter({ hasText: 'e2e nightly export' });
      await visible(row.getByText(text(locale, 'admin.tokens.scope.registry_read')));
      await visible(row.getByText(text(locale, 'admin.tokens.active'), { exact: true }));

      // The token works for what its scope covers and nothing more.
      const bearer = { authorization: `Bearer ${secret}` };
      expect((await page.request.get('/api/v1/registry/kinds', { headers: bearer })).status()).toBe(200);
      expect((await page.request.get('/api/v1/scoring/models', { headers: bearer })).status()).toBe(403);

      await page.getByRole('button', { name: text(locale, 'admin.tokens.secretDone'), exact: true }).click();
      expect(await page.getByLabel(text(locale, 'admin.tokens.secretLabel')).count()).toBe(0);
      await row
        .getByRole('button', {
          name: text(locale, 'admin.tokens.revokeLabel', { name: 'e2e nightly export' }),
        })
        .click();
      await visible(row.getByText(text(locale, 'admin.tokens.revoked'), { exact: true }));
      expect((await page.request.get('/api/v1/registry/kinds', { headers: bearer })).status()).toBe(401);
      await screenshot(page, 'admin-02-token-revoked');

      // The operator's user administration lists the demo's users with their roles.
      await navLink(page, locale, 'admin.nav.users').click();
      const users = await visible(page.getByRole('table', { name: text(locale, 'admin.users.title') }));
      await visible(users.getByRole('row').filter({ hasText: APPROVER.login }).first());
      await screenshot(page, 'admin-03-users');
    } finally {
      await context.close();
    }
  }, 120_000);
});
