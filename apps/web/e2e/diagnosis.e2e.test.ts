import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatWanYuan } from '../src/i18n/format.js';
import {
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

/** A demo enterprise owner (printed by `creditbridge serve`). */
const OWNER: DemoUser = { login: 'owner.e0', password: 'Demo-owner.e0-2025' };

type Funding = {
  workingCapitalNeed: { amountFen: number; monthsOfSales: number | null };
  debtRepayment: { earnings: { years: number | null; repayable: boolean } };
};

describe("the enterprise's diagnosis in the browser", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser, 'en');
    page = await context.newPage();
    await signIn(page, 'en', OWNER);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows the working capital need in 万元 and the years to repay debt, in both languages', async () => {
    const response = await page.request.get('/api/v1/reports/my/diagnosis');
    expect(response.status()).toBe(200);
    const diagnosis = (await response.json()) as Funding;

    for (const locale of ['en', 'zh-CN'] as Locale[]) {
      if (locale === 'zh-CN') {
        await page
          .getByRole('group', { name: text('en', 'language.label') })
          .getByRole('button', { name: '中文' })
          .click();
      } else {
        await navLink(page, locale, 'enterprise.nav.diagnosis').click();
      }
      const section = await visible(
        page.getByRole('region', { name: text(locale, 'enterprise.diagnosis.funding.title') }),
      );
      const need = section
        .locator('dt', { hasText: new RegExp(`^${text(locale, 'enterprise.diagnosis.funding.need')}$`) })
        .locator('xpath=following-sibling::dd[1]');
      expect((await need.textContent())?.trim()).toBe(
        formatWanYuan(diagnosis.workingCapitalNeed.amountFen, locale),
      );
      const earnings = section
        .locator('dt', { hasText: text(locale, 'enterprise.diagnosis.funding.fromEarnings') })
        .locator('xpath=following-sibling::dd[1]');
      const { years, repayable } = diagnosis.debtRepayment.earnings;
      expect((await earnings.textContent())?.trim()).toBe(
        repayable
          ? text(locale, 'enterprise.diagnosis.funding.years', { value: formatNumber(years, locale, 1) })
          : text(locale, 'enterprise.diagnosis.funding.cannotRepay'),
      );
      await screenshot(page, `diagnosis-funding-${locale}`, section);
    }
  }, 120_000);
});
