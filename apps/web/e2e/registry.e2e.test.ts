import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  fillSignIn,
  type Locale,
  launchChromium,
  navLink,
  newContext,
  screenshot,
  sidebar,
  signIn,
  text,
  visible,
} from './browser.js';
import { brokenCreditCode, enterprisesCsv, validCreditCode } from './fixtures.js';
import { ARTIFACTS_DIR } from './paths.js';

/** The member of analyst.xinghe in the demo. */
const XINGHE = '星河商业银行股份有限公司';

/** Texts of the cells of each body row of a table (header rows, which hold <th>, are skipped). */
async function bodyRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td, th'), (cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

/** A <dl> of <div><dt/><dd/></div> pairs as { term: description }. */
async function definitions(list: Locator): Promise<Record<string, string>> {
  const pairs = await list
    .locator('dl > div')
    .evaluateAll((divs) =>
      divs.map((div) => [
        (div.querySelector('dt')?.textContent ?? '').trim(),
        (div.querySelector('dd')?.textContent ?? '').trim(),
      ]),
    );
  return Object.fromEntries(pairs);
}

/** "1,234" or "1 234" → 1234. */
function integerOf(formatted: string | undefined): number {
  const digits = (formatted ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`e2e: "${formatted}" is not a number`);
  return Number(digits);
}

/** Clicks the file field, which opens the browser's file chooser, and picks an in-memory CSV file. */
async function chooseCsv(page: Page, locale: Locale, name: string, csv: string): Promise<void> {
  // The transparent file input covers the drop zone: a click anywhere on it lands on the input.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel(text(locale, 'registry.upload.file'), { exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await visible(page.locator('.dropzone__file').getByText(name, { exact: true }));
}

describe('the web shell against the real server', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('member staff: sign-in, submissions, history and data quality', () => {
    const locale: Locale = 'en';
    let context: BrowserContext;
    let page: Page;

    // Three enterprises; the file "with errors" has a negative head count and a broken credit code.
    const codes = [validCreditCode('20250101'), validCreditCode('20250102'), validCreditCode('20250103')] as [
      string,
      string,
      string,
    ];
    const broken = brokenCreditCode(codes[2]);
    const badFile = {
      name: 'e2e-enterprises-with-errors.csv',
      csv: enterprisesCsv([
        { creditCode: codes[0], name: 'E2E 星河精密制造有限公司', employees: 20 },
        { creditCode: codes[1], name: 'E2E 星河食品有限公司', employees: -5 },
        { creditCode: broken, name: 'E2E 星河包装有限公司', employees: 8 },
      ]),
    };
    const fixedFile = {
      name: 'e2e-enterprises-fixed.csv',
      csv: enterprisesCsv([
        { creditCode: codes[0], name: 'E2E 星河精密制造有限公司', employees: 20 },
        { creditCode: codes[1], name: 'E2E 星河食品有限公司', employees: 5 },
        { creditCode: codes[2], name: 'E2E 星河包装有限公司', employees: 8 },
      ]),
    };
    let qualityBefore: Record<string, string> = {};

    const latestResult = () => page.locator('#latest-result');
    const qualityRegion = () => page.getByRole('region', { name: text(locale, 'registry.quality.title') });
    const enterprisesQualityCard = () =>
      qualityRegion()
        .getByRole('article')
        .filter({ has: page.getByRole('heading', { name: 'Enterprise profiles', exact: true }) });

    async function upload(mode: 'all_or_nothing' | 'accept_valid'): Promise<void> {
      await page.getByRole('radio', { name: text(locale, `registry.mode.${mode}.label`) }).check();
      await page.getByRole('button', { name: text(locale, 'registry.upload.submit'), exact: true }).click();
    }

    beforeAll(async () => {
      context = await newContext(browser, locale);
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it('refuses a wrong password with a sentence, then signs in to the home page of the member', async () => {
      await page.goto('/');
      await page.waitForURL(/\/sign-in$/);
      await visible(page.getByRole('heading', { name: text(locale, 'signIn.title'), exact: true }));

      await fillSignIn(page, locale, { login: DEMO.analyst.login, password: 'not-the-password' });
      const alert = await visible(page.getByRole('alert'));
      expect(await alert.textContent()).toBe(text(locale, 'signIn.badCredentials'));
      expect(page.url()).toMatch(/\/sign-in$/);
      await screenshot(page, '01-sign-in-wrong-password');

      await page.getByLabel(text(locale, 'signIn.password'), { exact: true }).fill(DEMO.analyst.password);
      await page.getByRole('button', { name: text(locale, 'signIn.submit'), exact: true }).click();

      await page.waitForURL((url) => url.pathname === '/');
      await visible(page.getByRole('heading', { level: 1, name: text(locale, 'home.title'), exact: true }));
      await visible(page.locator('.topbar__org').getByText(XINGHE, { exact: true }));
      await visible(
        page.getByRole('heading', {
          name: text(locale, 'home.member.figures', { member: XINGHE }),
          exact: true,
        }),
      );
      await visible(page.getByText(/^Welcome, .+ \(Data analyst\)\.$/));
      await screenshot(page, '02-member-home');
    });

    it('rejects a file with errors in all-or-nothing mode, lists the row errors and offers the report', async () => {
      await navLink(page, locale, 'nav.submissions').click();
      await page.waitForURL(/\/registry\/submissions$/);
      await visible(
        page.getByRole('heading', {
          level: 1,
          name: text(locale, 'registry.submissions.title'),
          exact: true,
        }),
      );
      // The data-quality figures before this test's uploads, to compare afterwards.
      await visible(enterprisesQualityCard());
      qualityBefore = await definitions(enterprisesQualityCard());

      await page
        .getByLabel(text(locale, 'registry.upload.kind'), { exact: true })
        .selectOption({ label: 'Enterprise profiles' });
      await visible(page.getByRole('table', { name: 'Columns expected for Enterprise profiles' }));
      await chooseCsv(page, locale, badFile.name, badFile.csv);
      await upload('all_or_nothing');

      const result = latestResult();
      await visible(
        result.getByRole('heading', { name: text(locale, 'registry.result.headline.rejected'), exact: true }),
      );
      await visible(
        result.locator('.badge').getByText(text(locale, 'registry.status.rejected'), { exact: true }),
      );
      const stats = await definitions(result);
      expect(stats[text(locale, 'registry.result.rowsTotal')]).toBe('3');
      expect(stats[text(locale, 'registry.result.rowsAccepted')]).toBe('0');
      expect(stats[text(locale, 'registry.result.rowsRejected')]).toBe('3');
      await visible(result.getByRole('heading', { name: '2 errors', exact: true }));

      const errors = result.getByRole('table', { name: text(locale, 'registry.result.errorsCaption') });
      await visible(errors);
      expect(await errors.getByRole('columnheader').allTextContents()).toEqual(
        ['row', 'field', 'value', 'rule', 'message'].map((key) => text(locale, `registry.errors.${key}`)),
      );
      const rows = await bodyRows(errors);
      expect(rows).toHaveLength(2);
      // Rows are numbered as in the file, the header being row 1.
      expect(rows[0]?.slice(0, 4)).toEqual(['3', 'employees', '-5', 'min']);
      expect(rows[0]?.[4]).toMatch(/employees/);
      expect(rows[1]?.slice(0, 4)).toEqual(['4', 'credit_code', broken, 'credit_code']);
      expect(rows[1]?.[4]).toMatch(/credit code/i);
      await screenshot(page, '03-submission-rejected', result);

      const [report] = await Promise.all([
        page.waitForEvent('download'),
        result.getByRole('link', { name: text(locale, 'registry.result.downloadErrors') }).click(),
      ]);
      expect(report.suggestedFilename()).toMatch(/-errors\.csv$/);
      const saved = path.join(ARTIFACTS_DIR, report.suggestedFilename());
      await report.saveAs(saved);
      const lines = (await fs.readFile(saved, 'utf8'))
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe('row,field,value,rule,message');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^3,employees,-5,min,/);
      expect(lines[2]).toMatch(new RegExp(`^4,credit_code,${broken},credit_code,`));
    });

    it('accepts the corrected file, then answers a second upload of it with the earlier result', async () => {
      await chooseCsv(page, locale, fixedFile.name, fixedFile.csv);
      await upload('all_or_nothing');

      const result = latestResult();
      await visible(
        result.getByRole('heading', { name: text(locale, 'registry.result.headline.accepted'), exact: true }),
      );
      const stats = await definitions(result);
      expect(stats[text(locale, 'registry.result.rowsTotal')]).toBe('3');
      expect(stats[text(locale, 'registry.result.rowsAccepted')]).toBe('3');
      expect(stats[text(locale, 'registry.result.rowsRejected')]).toBe('0');
      await visible(result.getByText(text(locale, 'registry.result.noErrors'), { exact: true }));
      expect(
        await result.getByRole('link', { name: text(locale, 'registry.result.downloadErrors') }).count(),
      ).toBe(0);
      expect(await result.getByRole('status').count()).toBe(0);
      await screenshot(page, '04-submission-accepted', result);

      await chooseCsv(page, locale, fixedFile.name, fixedFile.csv);
      await upload('all_or_nothing');
      const notice = await visible(latestResult().getByRole('status'));
      expect(await notice.textContent()).toContain(text(locale, 'registry.result.replay'));
      await visible(
        latestResult().getByRole('heading', {
          name: text(locale, 'registry.result.headline.accepted'),
          exact: true,
        }),
      );
      await screenshot(page, '05-submission-replay', latestResult());
    });

    it('lists both submissions in the history and counts them in the data-quality panel', async () => {
      const history = page.getByRole('table', { name: text(locale, 'registry.history.title') });
      await visible(history);
      const rowOf = (fileName: string) =>
        history.getByRole('row').filter({ has: page.getByRole('link', { name: fileName, exact: true }) });
      // The replay stored nothing new: one row per file.
      await visible(rowOf(fixedFile.name));
      await visible(rowOf(badFile.name));
      const [newest, second] = await bodyRows(history);
      expect(newest?.[1]).toContain(fixedFile.name);
      expect(newest).toContain(text(locale, 'registry.status.accepted'));
      expect(second?.[1]).toContain(badFile.name);
      expect(second).toContain(text(locale, 'registry.status.rejected'));
      expect(await rowOf(badFile.name).getByRole('cell').allTextContents()).toEqual(
        expect.arrayContaining(['3', '0', 'Enterprise profiles']),
      );

      const figures = (values: Record<string, string>) => ({
        submissions: integerOf(values[text(locale, 'registry.quality.submissions')]),
        rowsAccepted: integerOf(values[text(locale, 'registry.quality.rowsAccepted')]),
        rowsRejected: integerOf(values[text(locale, 'registry.quality.rowsRejected')]),
      });
      const before = figures(qualityBefore);
      const expected = {
        submissions: before.submissions + 2,
        rowsAccepted: before.rowsAccepted + 3,
        rowsRejected: before.rowsRejected + 3,
      };
      await expect
        .poll(async () => figures(await definitions(enterprisesQualityCard())), { timeout: 20_000 })
        .toEqual(expected);
      const card = enterprisesQualityCard();
      expect(await card.getByRole('progressbar').count()).toBeGreaterThan(0);
      await visible(card.getByRole('progressbar', { name: 'Registered name' }));
      await screenshot(page, '06-history', history);
      await screenshot(page, '07-quality', qualityRegion());

      // The history links to each submission's own page, with its errors.
      await rowOf(badFile.name).getByRole('link', { name: badFile.name, exact: true }).click();
      await page.waitForURL(/\/registry\/submissions\/sub_/);
      await visible(page.getByRole('heading', { level: 1, name: badFile.name, exact: true }));
      await visible(
        page.getByRole('heading', { name: text(locale, 'registry.result.headline.rejected'), exact: true }),
      );
      await screenshot(page, '08-submission-detail');
    });
  });

  describe('navigation by role', () => {
    const locale: Locale = 'zh-CN';
    let context: BrowserContext;

    beforeAll(async () => {
      context = await newContext(browser, locale);
    });

    afterAll(async () => {
      await context?.close();
    });

    it('shows the regulator no registry enterprise or submission pages', async () => {
      const page = await context.newPage();
      await signIn(page, locale, DEMO.regulator);
      await visible(page.getByRole('heading', { name: text(locale, 'home.regulator.title'), exact: true }));
      const links = await sidebar(page, locale).getByRole('link').allTextContents();
      expect(links[0]).toBe(text(locale, 'nav.home'));
      // Other capabilities add their pages; none that reads identified enterprise data is offered.
      for (const key of ['nav.submissions', 'nav.enterprises', 'lookup.nav', 'enterprise.nav.credit']) {
        expect(links).not.toContain(text(locale, key));
      }
      await screenshot(page, '09-regulator-home');

      // Typing the address does not help: the page says there is no access.
      await page.goto('/registry/enterprises');
      await visible(
        page.getByRole('heading', { level: 1, name: text(locale, 'forbidden.title'), exact: true }),
      );
      await screenshot(page, '10-regulator-no-access');
      await page.getByRole('button', { name: text(locale, 'shell.signOut') }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.close();
    });

    it('shows the operator the registry pages, and the enterprise search works', async () => {
      const page = await context.newPage();
      await signIn(page, locale, DEMO.operator);
      const links = await sidebar(page, locale).getByRole('link').allTextContents();
      expect(links.slice(0, 3)).toEqual([
        text(locale, 'nav.home'),
        text(locale, 'nav.submissions'),
        text(locale, 'nav.enterprises'),
      ]);

      await navLink(page, locale, 'nav.enterprises').click();
      await page.waitForURL(/\/registry\/enterprises/);
      await visible(
        page.getByRole('heading', {
          level: 1,
          name: text(locale, 'registry.enterprises.title'),
          exact: true,
        }),
      );
      const table = page.getByRole('table', { name: text(locale, 'registry.enterprises.title') });
      await visible(table);
      const rows = await bodyRows(table);
      expect(rows.length).toBeGreaterThan(0);
      // Industry groups are named in the user's language, never shown as the API's ids (software_it_services).
      for (const row of rows) expect(row[2]).not.toMatch(/^[a-z_]+/);
      const firstName = rows[0]?.[0] ?? '';
      expect(firstName).not.toBe('');
      await screenshot(page, '11-operator-enterprises');

      await page
        .getByRole('searchbox', { name: text(locale, 'registry.enterprises.searchLabel') })
        .fill(firstName);
      await page
        .getByRole('button', { name: text(locale, 'registry.enterprises.search'), exact: true })
        .click();
      await page.waitForURL((url) => url.searchParams.get('q') === firstName);
      await visible(page.getByText(new RegExp(`“${firstName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`)));
      await visible(table.getByRole('link', { name: firstName, exact: true }).first());
      await page.close();
    });
  });

  describe('language switch', () => {
    it('switches visible strings between zh-CN and en, and remembers the choice', async () => {
      const context = await newContext(browser, 'zh-CN');
      const page = await context.newPage();
      try {
        await page.goto('/');
        await page.waitForURL(/\/sign-in$/);
        // A Chinese browser starts in Chinese.
        await visible(page.getByRole('heading', { name: text('zh-CN', 'signIn.title'), exact: true }));
        await visible(page.getByLabel(text('zh-CN', 'signIn.login'), { exact: true }));
        expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

        await page
          .getByRole('group', { name: text('zh-CN', 'language.label') })
          .getByRole('button', { name: 'English' })
          .click();
        await visible(page.getByLabel(text('en', 'signIn.login'), { exact: true }));
        await visible(page.getByRole('heading', { name: text('en', 'signIn.title'), exact: true }));
        expect(await page.getAttribute('html', 'lang')).toBe('en');

        await fillSignIn(page, 'en', DEMO.analyst);
        await visible(sidebar(page, 'en'));
        const english = await sidebar(page, 'en').getByRole('link').allTextContents();
        expect(english.slice(0, 4)).toEqual(['Home', 'Submissions', 'Enterprises', 'Credit report look-up']);
        await visible(page.getByRole('button', { name: text('en', 'shell.signOut') }));
        await visible(page.getByRole('heading', { name: 'Latest submissions', exact: true }));
        await visible(page.getByRole('heading', { name: `Data submitted by ${XINGHE}`, exact: true }));
        await visible(page.getByText(text('en', 'home.stats.rowsAccepted'), { exact: true }));
        await screenshot(page, '12-language-en');

        await page
          .getByRole('group', { name: text('en', 'language.label') })
          .getByRole('button', { name: '中文' })
          .click();
        await visible(navLink(page, 'zh-CN', 'nav.home'));
        const chinese = await sidebar(page, 'zh-CN').getByRole('link').allTextContents();
        expect(chinese.slice(0, 4)).toEqual(['首页', '数据报送', '企业查询', '信用报告查询']);
        await visible(page.getByRole('heading', { level: 1, name: '首页', exact: true }));
        await visible(page.getByRole('button', { name: text('zh-CN', 'shell.signOut') }));
        await visible(page.getByRole('heading', { name: '最新报送', exact: true }));
        await visible(page.getByRole('heading', { name: `${XINGHE} 的报送数据`, exact: true }));
        expect(await page.getByRole('heading', { name: 'Latest submissions' }).count()).toBe(0);
        expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
        await screenshot(page, '13-language-zh');

        // Back to English, then a reload: the choice is kept (localStorage), the session too.
        await page.getByRole('button', { name: 'English' }).click();
        await visible(navLink(page, 'en', 'nav.submissions'));
        await page.reload();
        await visible(navLink(page, 'en', 'nav.submissions'));
        expect(await page.getAttribute('html', 'lang')).toBe('en');
      } finally {
        await context.close();
      }
    });
  });
});
