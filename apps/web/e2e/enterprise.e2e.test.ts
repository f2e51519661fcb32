import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, ensureChampion } from './api.js';
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

/** Demo sign-ins of this flow (apps/server/src/modules/demo/members.ts). */
const OWNER: DemoUser = { login: 'owner.e0', password: 'Demo-owner.e0-2025' };
/** A lender that submitted nothing about demo enterprise 0: it may read only under a consent. */
const OFFICER: DemoUser = { login: 'officer.qinghe', password: 'Demo-officer.qinghe-2025' };
const OFFICER_MEMBER = '安吉青禾村镇银行股份有限公司';
/** The credit officer of the lender that submitted demo enterprise 0's loans: it reads as the submitter. */
const SUBMITTER_OFFICER: DemoUser = { login: 'officer.xinghe', password: 'Demo-officer.xinghe-2025' };

/** Any Chinese character (CJK ideographs, their punctuation and full-width forms). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
/** A raw feature id of the scoring engine, which a person should never have to read. */
const RAW_FEATURE = /\b(?:fin|inv|loan|pub|ent)_[a-z0-9_]+\b/;

/**
 * The interface text on screen: every text node of the page except data (names, references, free text:
 * marked translate="no"), elements in another language on purpose (the language switch names each language
 * in itself) and code (credit codes).
 */
async function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('[translate="no"], [lang], code, script, style, noscript, option')) continue;
      if (!parent.checkVisibility()) continue;
      parts.push(node.textContent.trim());
    }
    return parts.join('\n');
  });
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Waits until the page has no loading state left (spinners of the page and of lazy chunks). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0);
}

function h1(page: Page, locale: Locale, key: string): Locator {
  return page.getByRole('heading', { level: 1, name: text(locale, key), exact: true });
}

describe('the enterprise decides who sees its data; the lender is refused, allowed, refused', () => {
  const locale: Locale = 'en';
  let browser: Browser;
  let ownerContext: BrowserContext;
  let officerContext: BrowserContext;
  let owner: Page;
  let officer: Page;
  let creditCode = '';
  let disputedLoanRef = '';

  beforeAll(async () => {
    await ensureChampion();
    const session = await apiSignIn(OWNER);
    creditCode =
      (await apiCall<{ user: { enterpriseCreditCode: string | null } }>(session, 'GET', '/auth/me')).body.user
        .enterpriseCreditCode ?? '';
    browser = await launchChromium();
    ownerContext = await newContext(browser, locale);
    officerContext = await newContext(browser, locale);
    owner = await ownerContext.newPage();
    officer = await officerContext.newPage();
  });

  afterAll(async () => {
    await ownerContext?.close();
    await officerContext?.close();
    await browser?.close();
  });

  /** The officer opens the enterprise from the look-up for a credit assessment. */
  async function officerOpensEnterprise(): Promise<void> {
    await navLink(officer, locale, 'lookup.nav').click();
    await visible(h1(officer, locale, 'lookup.title'));
    await officer.getByLabel(text(locale, 'lookup.searchLabel'), { exact: true }).fill(creditCode);
    await officer
      .getByLabel(text(locale, 'lookup.purpose'), { exact: true })
      .selectOption({ label: text(locale, 'consent.purposes.credit_assessment') });
    await officer.getByRole('button', { name: text(locale, 'lookup.search'), exact: true }).click();
    const results = await visible(officer.getByRole('table', { name: text(locale, 'lookup.title') }));
    await results.getByRole('link').first().click();
    await officer.waitForURL((url) => url.pathname === `/lookup/${creditCode}`);
    expect(new URL(officer.url()).searchParams.get('purpose')).toBe('credit_assessment');
    await settled(officer);
  }

  it('refuses the credit officer before any consent, with a sentence saying the enterprise must grant one', async () => {
    await signIn(officer, locale, OFFICER);
    await officerOpensEnterprise();
    const refused = await visible(officer.getByTestId('refused'));
    expect(await textOf(refused)).toContain(text(locale, 'lookup.refused.title'));
    expect(await textOf(refused)).toContain(text(locale, 'accessLog.refusal.no_consent'));
    expect(await textOf(refused)).toContain(
      text(locale, 'lookup.refused.explanation', {
        purpose: text(locale, 'consent.purposes.credit_assessment'),
      }),
    );
    expect(await officer.getByRole('heading', { name: text(locale, 'credit.score.title') }).count()).toBe(0);
    await screenshot(officer, 'enterprise-01-officer-refused-before-consent');
  });

  it('shows the enterprise its score with the reasons and the advice in plain words', async () => {
    await signIn(owner, locale, OWNER);
    await navLink(owner, locale, 'enterprise.nav.credit').click();
    await visible(h1(owner, locale, 'enterprise.credit.title'));
    await settled(owner);
    const tiles = await visible(owner.getByRole('definition').first());
    expect(await textOf(tiles)).toMatch(/^\d+$/);
    await visible(owner.getByRole('heading', { name: text(locale, 'credit.reasons.titleOwn'), exact: true }));
    const reasons = await owner.getByTestId('reasons').getByRole('listitem').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      // "X is between a and just under b, which scores n points less than the best band for it."
      expect(reason).toMatch(/ points less than the best band for it\.$/);
      expect(reason).not.toMatch(RAW_FEATURE);
    }
    await visible(owner.getByRole('heading', { name: text(locale, 'credit.advice.titleOwn'), exact: true }));
    const advice = await owner.getByTestId('advice').getByRole('listitem').allTextContents();
    for (const step of advice) {
      expect(step).toMatch(/^bring .+ from .+ to .+ \(\+[\d.]+ points\)$/);
      expect(step).not.toMatch(RAW_FEATURE);
    }
    // The score history is drawn by ECharts (loaded on demand) as SVG.
    await visible(owner.getByRole('img', { name: text(locale, 'credit.history.chartLabel') }));
    await visible(owner.locator('.chart svg').first());
    await screenshot(owner, 'enterprise-02-my-credit-reasons');
  });

  it('shows the enterprise its report in the page and offers it as HTML, PDF and JSON', async () => {
    await navLink(owner, locale, 'enterprise.nav.report').click();
    await visible(h1(owner, locale, 'enterprise.report.title'));
    const frame = await visible(owner.getByTitle(text(locale, 'credit.report.frameTitle'), { exact: true }));
    // The report is framed from its text (the server forbids framing its own answers), scripts off.
    expect(await frame.getAttribute('sandbox')).toBe('');
    const body = owner.frameLocator('iframe.report-frame').locator('body');
    await visible(body.getByText(creditCode).first());
    await screenshot(owner, 'enterprise-02b-my-report');

    const links = owner
      .getByRole('list', { name: text(locale, 'credit.report.downloads') })
      .getByRole('link');
    expect(await links.allTextContents()).toEqual(
      ['html', 'pdf', 'json'].map((format) => text(locale, `credit.report.download.${format}`)),
    );
    const hrefs = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
    );
    const [html, pdf, json] = await Promise.all(hrefs.map((href) => owner.request.get(href)));
    if (!html || !pdf || !json) throw new Error(`e2e: three downloads expected, got ${hrefs.length}`);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    expect(await html.text()).toContain(creditCode);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(((await json.json()) as { enterprise: { creditCode: string } }).enterprise.creditCode).toBe(
      creditCode,
    );
    for (const href of hrefs) expect(new URL(href).searchParams.get('lang')).toBe('en');
  });

  it('shows the enterprise the refused look-up in "who looked"', async () => {
    await navLink(owner, locale, 'enterprise.nav.accessLog').click();
    await visible(h1(owner, locale, 'accessLog.title'));
    const log = await visible(owner.getByRole('table', { name: text(locale, 'accessLog.title') }));
    const refusedRow = log.locator('tr.row--refused').filter({ hasText: OFFICER_MEMBER }).first();
    await visible(refusedRow);
    expect(await textOf(refusedRow)).toContain(text(locale, 'accessLog.refusal.no_consent'));
    await screenshot(owner, 'enterprise-03-who-looked-refused');
  });

  it('lets the enterprise grant the lender a consent with the labelled form', async () => {
    await navLink(owner, locale, 'enterprise.nav.consents').click();
    await visible(h1(owner, locale, 'consent.title'));
    await owner.getByRole('button', { name: text(locale, 'consent.grant'), exact: true }).click();
    const form = await visible(owner.getByRole('form', { name: text(locale, 'consent.form.title') }));
    // The member directory offers every lender by name, grouped by kind; typing narrows the list.
    await form.getByLabel(text(locale, 'consent.form.memberFilter'), { exact: true }).fill('青禾');
    await form
      .getByLabel(text(locale, 'consent.form.member'), { exact: true })
      .selectOption({ label: OFFICER_MEMBER });
    await form
      .getByLabel(text(locale, 'consent.form.purpose'), { exact: true })
      .selectOption({ label: text(locale, 'consent.purposes.credit_assessment') });
    expect(await form.getByLabel(text(locale, 'consent.scopes.report'), { exact: true }).isChecked()).toBe(
      true,
    );

    // A bad value is refused in the form with a sentence before anything is sent.
    await form.getByLabel(text(locale, 'consent.form.maxLookups'), { exact: true }).fill('0');
    await form.getByRole('button', { name: text(locale, 'consent.form.submit'), exact: true }).click();
    await visible(form.getByText(text(locale, 'consent.form.problems.maxLookups'), { exact: true }));
    await form.getByLabel(text(locale, 'consent.form.maxLookups'), { exact: true }).fill('5');
    await screenshot(owner, 'enterprise-04-grant-form', form);
    await form.getByRole('button', { name: text(locale, 'consent.form.submit'), exact: true }).click();

    await visible(
      owner.getByText(text(locale, 'consent.granted', { member: OFFICER_MEMBER }), { exact: true }),
    );
    const table = await visible(owner.getByRole('table', { name: text(locale, 'consent.listTitle') }));
    const row = table.locator('tbody tr').filter({ hasText: OFFICER_MEMBER }).first();
    expect(await textOf(row)).toContain(text(locale, 'consent.status.active'));
    expect(await textOf(row)).toContain(text(locale, 'consent.lookupsUsed', { used: '0', max: '5' }));
    await screenshot(owner, 'enterprise-05-consent-granted');
  });

  it('lets the enterprise dispute a loan and explain it from "my data", and follow the dispute', async () => {
    await navLink(owner, locale, 'enterprise.nav.data').click();
    await visible(h1(owner, locale, 'enterprise.data.title'));
    await settled(owner);
    const loans = await visible(owner.getByRole('table', { name: text(locale, 'credit.loans.title') }));
    const firstLoan = loans.locator('tbody tr').first();
    disputedLoanRef = (await textOf(firstLoan.locator('.cell-sub').first())).trim();
    expect(disputedLoanRef).not.toBe('');

    await firstLoan
      .getByRole('button', { name: `${text(locale, 'credit.dispute.action')} ${disputedLoanRef}` })
      .click();
    const disputeForm = await visible(owner.getByRole('form', { name: text(locale, 'disputes.form.title') }));
    // Too short a reason is refused in the form, with the rule.
    await disputeForm.getByLabel(text(locale, 'disputes.form.reason'), { exact: true }).fill('no');
    await disputeForm
      .getByRole('button', { name: text(locale, 'disputes.form.submit'), exact: true })
      .click();
    await visible(
      disputeForm.getByText(text(locale, 'disputes.form.problems.reason', { min: 5 }), { exact: true }),
    );
    await disputeForm
      .getByLabel(text(locale, 'disputes.form.reason'), { exact: true })
      .fill('This loan was repaid in full on time; the status is wrong.');
    await screenshot(owner, 'enterprise-06a-dispute-form', disputeForm);
    await disputeForm
      .getByRole('button', { name: text(locale, 'disputes.form.submit'), exact: true })
      .click();
    await visible(
      owner.getByRole('status').filter({ hasText: /Your dispute has been filed; the member must answer by/ }),
    );

    const disputedRow = loans.locator('tbody tr').filter({ hasText: disputedLoanRef }).first();
    await visible(disputedRow.getByText(text(locale, 'credit.dispute.badge'), { exact: true }));
    expect(
      await disputedRow
        .getByRole('button', { name: `${text(locale, 'credit.dispute.action')} ${disputedLoanRef}` })
        .count(),
    ).toBe(0);

    await disputedRow
      .getByRole('button', { name: `${text(locale, 'enterprise.data.explain')} ${disputedLoanRef}` })
      .click();
    const explainForm = await visible(
      owner.getByRole('form', { name: text(locale, 'enterprise.data.explainTitle') }),
    );
    await explainForm
      .getByLabel(text(locale, 'enterprise.data.explanation'), { exact: true })
      .fill('Repaid early from a customer payment.');
    await explainForm
      .getByRole('button', { name: text(locale, 'enterprise.data.saveExplanation'), exact: true })
      .click();
    await visible(owner.getByText(text(locale, 'enterprise.data.explanationSaved'), { exact: true }));
    await visible(disputedRow.getByText('Repaid early from a customer payment.', { exact: true }));
    await screenshot(owner, 'enterprise-06b-my-data-under-dispute', loans);

    await navLink(owner, locale, 'enterprise.nav.disputes').click();
    await visible(h1(owner, locale, 'disputes.title'));
    const disputes = await visible(owner.getByRole('table', { name: text(locale, 'disputes.title') }));
    const dispute = disputes.locator('tbody tr').filter({ hasText: disputedLoanRef }).first();
    const row = await textOf(dispute);
    expect(row).toContain(text(locale, 'disputes.recordTypes.loan'));
    expect(row).toContain(text(locale, 'disputes.status.open'));
    expect(row).toContain(text(locale, 'disputes.deadline.on_time'));
    expect(row).toContain(text(locale, 'disputes.noAnswer'));
    await screenshot(owner, 'enterprise-06c-my-disputes');
  });

  it('opens the report for the credit officer once the consent is granted', async () => {
    // Opening the enterprise is one identified read: the page asks for the report once, with the purpose.
    const reads: string[] = [];
    const onRequest = (request: { url: () => string }) => {
      if (request.url().includes(`/api/v1/reports/enterprises/${creditCode}`)) reads.push(request.url());
    };
    officer.on('request', onRequest);
    // The page's chunk may mount after the look-up settles: wait for its report read, then count.
    const reportRead = officer.waitForRequest((request) =>
      request.url().includes(`/api/v1/reports/enterprises/${creditCode}`),
    );
    await officerOpensEnterprise();
    await reportRead;
    await settled(officer);
    officer.off('request', onRequest);
    expect(reads).toHaveLength(1);
    expect(new URL(reads[0] ?? '').searchParams.get('purpose')).toBe('credit_assessment');
    await visible(officer.getByRole('heading', { name: text(locale, 'credit.score.title'), exact: true }));
    expect(await officer.getByTestId('refused').count()).toBe(0);
    await visible(
      officer.getByRole('heading', { name: text(locale, 'credit.reasons.titleMember'), exact: true }),
    );
    const basis = text(locale, 'lookup.readAs', {
      purpose: text(locale, 'consent.purposes.credit_assessment'),
      basis: text(locale, 'accessLog.basis.consent'),
    });
    await visible(officer.getByText(basis));
    await visible(officer.getByRole('img', { name: text(locale, 'credit.history.chartLabel') }));
    // The disputed loan is marked in the lender's view too (its reference is the other lender's, so hidden).
    const loans = await visible(officer.getByRole('table', { name: text(locale, 'credit.loans.title') }));
    await visible(loans.getByText(text(locale, 'credit.dispute.badge'), { exact: true }).first());
    await screenshot(officer, 'enterprise-06-officer-report-under-consent');
  });

  it('lets the enterprise revoke after a confirmation, and the officer is refused again', async () => {
    await navLink(owner, locale, 'enterprise.nav.consents').click();
    await visible(h1(owner, locale, 'consent.title'));
    const table = await visible(owner.getByRole('table', { name: text(locale, 'consent.listTitle') }));
    const row = table.locator('tbody tr').filter({ hasText: OFFICER_MEMBER }).first();
    // The officer's one opening of the report was one look-up spent from the consent.
    expect(await textOf(row)).toContain(text(locale, 'consent.lookupsUsed', { used: '1', max: '5' }));
    await row.getByRole('button', { name: text(locale, 'consent.revoke.action'), exact: true }).click();
    await visible(row.getByText(text(locale, 'consent.revoke.question', { member: OFFICER_MEMBER })));
    await row.getByRole('button', { name: text(locale, 'consent.revoke.confirm'), exact: true }).click();
    await visible(
      owner.getByText(text(locale, 'consent.revoked', { member: OFFICER_MEMBER }), { exact: true }),
    );
    await visible(row.getByText(text(locale, 'consent.status.revoked'), { exact: true }));
    await screenshot(owner, 'enterprise-07-consent-revoked');

    await officer.reload();
    await settled(officer);
    const refused = await visible(officer.getByTestId('refused'));
    expect(await textOf(refused)).toContain(text(locale, 'lookup.refused.title'));
    expect(await textOf(refused)).toContain(text(locale, 'accessLog.refusal.revoked'));
    await screenshot(officer, 'enterprise-08-officer-refused-after-revocation');
  });
});

describe('the language switch changes every visible string of the enterprise pages', () => {
  const PAGES = [
    ['/', 'home.title'],
    ['/my/credit', 'enterprise.credit.title'],
    ['/my/report', 'enterprise.report.title'],
    ['/my/diagnosis', 'enterprise.diagnosis.title'],
    ['/my/data', 'enterprise.data.title'],
    ['/my/consents', 'consent.title'],
    ['/my/access-log', 'accessLog.title'],
    ['/my/disputes', 'disputes.title'],
  ] as const;
  // Latin words that stay in Chinese text: the product's name and file formats.
  const LATIN_ALLOWED = new Set(['CreditBridge', 'PDF', 'HTML', 'JSON', 'Altman']);
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

  /** Visits each page in English, then in Chinese (switched with the language switch), checking its text. */
  async function checkLanguages(
    on: Page,
    pages: ReadonlyArray<readonly [string, string | null]>,
    shotPrefix: string,
  ): Promise<void> {
    for (const locale of ['en', 'zh-CN'] as const) {
      const switchName = locale === 'en' ? 'English' : '中文';
      await on.getByRole('button', { name: switchName, exact: true }).click();
      await on.waitForFunction((lang) => document.documentElement.lang === lang, locale);
      for (const [path, titleKey] of pages) {
        await on.goto(path);
        await visible(titleKey ? h1(on, locale, titleKey) : on.getByRole('heading', { level: 1 }));
        await settled(on);
        const shown = await interfaceText(on);
        if (locale === 'en') {
          const chinese = shown.split('\n').filter((line) => CJK.test(line));
          expect(chinese, `Chinese text on ${path} in English`).toEqual([]);
        } else {
          const english = (shown.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !LATIN_ALLOWED.has(word));
          expect(english, `English text on ${path} in Chinese`).toEqual([]);
        }
        await screenshot(on, `${shotPrefix}-${locale}${path.replace(/[/?=&]/g, '-')}`);
      }
    }
  }

  it('shows no Chinese interface text in English and no English in Chinese', async () => {
    await checkLanguages(page, PAGES, 'enterprise-lang');
  });

  it("does the same on the member's look-up pages (a lender that submitted the enterprise's data)", async () => {
    const session = await apiSignIn(OWNER);
    const code = (await apiCall<{ creditCode: string }>(session, 'GET', '/reports/my/diagnosis')).body
      .creditCode;
    const memberContext = await newContext(browser, 'en');
    try {
      const member = await memberContext.newPage();
      await signIn(member, 'en', SUBMITTER_OFFICER);
      await checkLanguages(
        member,
        [
          [`/lookup?q=${code}&purpose=credit_assessment`, 'lookup.title'],
          [`/lookup/${code}?purpose=credit_assessment`, null],
        ],
        'lookup-lang',
      );
    } finally {
      await memberContext.close();
    }
  });
});
