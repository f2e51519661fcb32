import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  type Locale,
  launchChromium,
  navLink,
  newContext,
  screenshot,
  signIn,
  text,
  visible,
} from './browser.js';
import { ARTIFACTS_DIR } from './paths.js';

/** The demo's annual statements run to 2024 (as of 2025-12-31): its last full year of statistics. */
const YEAR = '2024';
/** The suppression threshold the server applies (cells of fewer firms are not published). */
const MINIMUM_CELL_SIZE = 10;

describe('peer statistics in the browser', () => {
  const locale: Locale = 'en';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser, locale);
    page = await context.newPage();
    await signIn(page, locale, DEMO.analyst);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows a member analyst the charts and the table, labels suppressed cells and downloads XLSX', async () => {
    await navLink(page, locale, 'statistics.nav').click();
    await visible(page.getByRole('heading', { name: text(locale, 'statistics.title'), level: 1 }));
    await page.getByLabel(text(locale, 'statistics.year'), { exact: true }).selectOption(YEAR);
    await page
      .getByLabel(text(locale, 'statistics.indicator'), { exact: true })
      .selectOption('current_ratio');

    // Both charts are images named for screen readers, drawn as SVG by ECharts.
    const indicator = text(locale, 'statistics.indicators.current_ratio');
    for (const name of [
      text(locale, 'statistics.chart.distributionLabel', { indicator }),
      text(locale, 'statistics.chart.defaultLabel'),
    ]) {
      const chart = await visible(page.getByRole('img', { name, exact: true }));
      await expect
        .poll(async () => chart.locator('svg path').count(), { timeout: 20_000 })
        .toBeGreaterThan(3);
    }

    await screenshot(page, 'peer-statistics-01-charts', page.getByRole('heading', { level: 2 }).nth(1));

    // Every industry group, size class and province: the table lists all cells, suppressed ones among them.
    await page.getByLabel(text(locale, 'statistics.groupBy'), { exact: true }).selectOption('province');
    await page.getByLabel(text(locale, 'statistics.industry'), { exact: true }).selectOption('');
    await page.getByLabel(text(locale, 'statistics.size'), { exact: true }).selectOption('');
    // The table lists cells with their firm counts; a suppressed cell says so instead of showing 0.
    const table = page.getByRole('table', {
      name: text(locale, 'statistics.table.caption', { indicator }),
    });
    await expect.poll(async () => table.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    const suppressedLabel = text(locale, 'statistics.suppressed', { min: MINIMUM_CELL_SIZE });
    const suppressedRow = table.locator('tbody tr').filter({ hasText: suppressedLabel }).first();
    await visible(suppressedRow);
    const firms = (await suppressedRow.locator('td').nth(3).textContent())?.trim();
    expect(firms).toBe(suppressedLabel);
    // A published cell shows a count of at least the threshold.
    const publishedRow = table
      .locator('tbody tr')
      .filter({ hasNotText: text(locale, 'statistics.suppressedShort') })
      .first();
    const count = Number((await publishedRow.locator('td').nth(3).textContent())?.replace(/[^\d]/g, ''));
    expect(count).toBeGreaterThanOrEqual(MINIMUM_CELL_SIZE);
    // In the chart, suppressed cells keep their place on the axis, labelled as suppressed.
    const distribution = page.getByRole('img', {
      name: text(locale, 'statistics.chart.distributionLabel', { indicator }),
      exact: true,
    });
    const suppressedAxisLabel = `(${text(locale, 'statistics.suppressedShort')})`;
    await expect
      .poll(async () => (await distribution.locator('svg text').allTextContents()).join('\n'))
      .toContain(suppressedAxisLabel);
    await screenshot(page, 'peer-statistics-02-table', table);

    // XLSX: a zip container (PK header) named for the year.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: text(locale, 'statistics.downloadXlsx'), exact: true }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`peer-statistics-${YEAR}.xlsx`);
    const saved = path.join(ARTIFACTS_DIR, xlsx.suggestedFilename());
    await xlsx.saveAs(saved);
    const bytes = await fs.readFile(saved);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    // The sample data for members' own models: CSV without names or credit codes.
    const [sample] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: text(locale, 'statistics.downloadSample'), exact: true }).click(),
    ]);
    const samplePath = path.join(ARTIFACTS_DIR, sample.suggestedFilename());
    await sample.saveAs(samplePath);
    const header = (await fs.readFile(samplePath, 'utf8')).replace(/^\uFEFF/, '').split('\n')[0] ?? '';
    expect(header).toMatch(/industry/i);
    expect(header).not.toMatch(/credit_code|name/i);

    // The same page in Chinese.
    const switcher = page.getByRole('group', { name: text(locale, 'language.label') });
    await switcher.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('heading', { name: text('zh-CN', 'statistics.title'), level: 1 }));
    await visible(
      page
        .getByRole('cell', { name: text('zh-CN', 'statistics.suppressed', { min: MINIMUM_CELL_SIZE }) })
        .first(),
    );
    await screenshot(page, 'peer-statistics-03-zh');
    await page
      .getByRole('group', { name: text('zh-CN', 'language.label') })
      .getByRole('button', { name: 'English' })
      .click();
  }, 180_000);

  it('is offered to regulators too', async () => {
    const regulator = await newContext(browser, locale);
    try {
      const other = await regulator.newPage();
      await signIn(other, locale, DEMO.regulator);
      await navLink(other, locale, 'statistics.nav').click();
      await visible(other.getByRole('heading', { name: text(locale, 'statistics.title'), level: 1 }));
      await other.getByLabel(text(locale, 'statistics.year'), { exact: true }).selectOption(YEAR);
      await visible(
        other.getByRole('img', { name: text(locale, 'statistics.chart.defaultLabel'), exact: true }),
      );
    } finally {
      await regulator.close();
    }
  }, 120_000);
});
