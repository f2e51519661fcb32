/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/cli-process.js';
import { actorFor, testConfig } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import { seedDemoIfEmpty } from '../../../cli/seed-demo.js';
import type { Database } from '../../../platform/db/database.js';
import { isAppError } from '../../../platform/errors.js';
import { buildApp } from '../../../platform/http/app.js';
import type { TActor } from '../../access/index.js';
import { createPdfRenderer, DEFAULT_CHROMIUM_PATH } from '../reports.pdf.js';

/** PDFs and page-one screenshots of the last run (git-ignored), for a person to look at. */
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../../../artifacts/reports');
const HAS_TOOLS = existsSync(DEFAULT_CHROMIUM_PATH) && existsSync('/usr/bin/pdftotext');
if (!HAS_TOOLS) {
  console.warn(
    `report-pdf: skipped, needs Debian's chromium (${DEFAULT_CHROMIUM_PATH}) and poppler-utils (pdftotext)`,
  );
}

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let creditCode = '';
let name = '';
let token = '';
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');

const EXPLANATION = '该笔逾期系客户回款延迟所致，已于次月结清';
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** Whitespace-free text: pdftotext may break a long Chinese name across table lines. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  if (!HAS_TOOLS) return;
  await mkdir(ARTIFACTS, { recursive: true });
  database = await createTestDatabase();
  app = await buildApp({ pool: database.pool, config: testConfig(), logger: false });
  const { services } = app;
  await seedDemoIfEmpty({
    services,
    config: testConfig(),
    say: () => {},
    enterprises: 120,
    invoicesPerEnterprise: 40,
  });
  const trained = await services.scoring.train({
    actor: operator,
    request: { source: 'registry', kind: 'scorecard', asOf: '2024-12-31', horizonMonths: 12 },
  });
  await services.scoring.promote({ actor: operator, id: trained.model.id });
  const row = await database.pool.query<{ credit_code: string; name: string }>(
    `SELECT s.credit_code, e.name FROM statements s JOIN enterprises e USING (credit_code)
     WHERE s.superseded_by IS NULL AND s.period_type = 'annual' AND e.name IS NOT NULL
       AND EXISTS (SELECT 1 FROM loans l WHERE l.credit_code = s.credit_code)
     GROUP BY s.credit_code, e.name ORDER BY count(*) DESC, s.credit_code LIMIT 1`,
  );
  creditCode = row.rows[0]?.credit_code ?? '';
  name = row.rows[0]?.name ?? '';
  // The enterprise explains its latest loan; the report prints the explanation beside the loan.
  const loan = await database.pool.query<{ id: string; enterprise_id: string }>(
    `SELECT l.id::text, e.id AS enterprise_id FROM loans l JOIN enterprises e USING (credit_code)
     WHERE l.credit_code = $1 AND l.superseded_by IS NULL ORDER BY l.as_of DESC, l.id DESC LIMIT 1`,
    [creditCode],
  );
  await services.registry.explainRecord({
    actor: {
      ...operator,
      id: 'usr_owner_pdf',
      role: 'enterprise_owner',
      memberId: null,
      enterpriseId: loan.rows[0]?.enterprise_id ?? '',
    },
    recordType: 'loan',
    recordId: loan.rows[0]?.id ?? '',
    explanation: EXPLANATION,
  });
  const user = await services.access.createUser({
    login: 'pdf-operator',
    displayName: 'PDF operator',
    password: 'a long enough password',
    role: 'operator',
  });
  token = await services.access.createApiToken({ userId: user.id, name: 'pdf', expiresAt: null });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!HAS_TOOLS)('credit assessment report as PDF', () => {
  it('zh-CN: searchable text holds the Chinese name, the score and the grade; CJK fonts are embedded', async () => {
    expect(name).toMatch(/[\u4e00-\u9fff]/);
    const rendered = await app.services.reports.renderCreditReport({
      actor: operator,
      creditCode,
      purpose: 'credit_assessment',
      format: 'pdf',
      lang: 'zh-CN',
    });
    expect(rendered.contentType).toBe('application/pdf');
    expect(rendered.report.score.available).toBe(true);
    if (!rendered.report.score.available) return;
    const file = path.join(ARTIFACTS, 'credit-report-zh-CN.pdf');
    await writeFile(file, rendered.body);
    const text = pdfText(file);
    expect(squeezed(text)).toContain(squeezed(name));
    expect(text).toContain(creditCode);
    expect(text).toContain('企业信用评估报告');
    expect(text).toContain('信用评分');
    expect(text).toMatch(new RegExp(`信用评分\\s+${rendered.report.score.score.toFixed(0)}\\b`));
    expect(text).toMatch(new RegExp(`等级\\s+${rendered.report.score.grade}\\b`));
    expect(rendered.report.loans.some((entry) => entry.explanation === EXPLANATION)).toBe(true);
    expect(squeezed(text)).toContain(squeezed(EXPLANATION));
    // Every font is embedded (`emb`) with a Unicode map (`uni`): the PDF looks the same on a machine without
    // Noto and its text can be searched and copied. (Skia embeds Noto CJK's CFF outlines as Type 3 glyphs.)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
  }, 120_000);

  it('en: English labels, and the PDF renders in Chromium (page one saved as PNG)', async () => {
    const rendered = await app.services.reports.renderCreditReport({
      actor: operator,
      creditCode,
      purpose: 'credit_assessment',
      format: 'pdf',
      lang: 'en',
    });
    const file = path.join(ARTIFACTS, 'credit-report-en.pdf');
    await writeFile(file, rendered.body);
    const text = pdfText(file);
    for (const label of [
      'Credit assessment report',
      'Probability of default',
      'Score history',
      'Key ratios and peer percentiles',
      'Invoice activity',
      'Loans and repayment',
      'Public records',
      'Look-ups',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).not.toContain('信用评分');

    // Chromium opens the PDF in its own viewer; page one is saved for a person to look at, then measured:
    // the page area must be mostly white paper with dark text on it (a blank or failed render is not).
    const browser = await chromium.launch({
      executablePath: DEFAULT_CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const viewer = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const opened = await viewer.goto(pathToFileURL(file).href);
      expect(opened?.headers()['content-type']).toBe('application/pdf');
      await viewer.waitForTimeout(2_500);
      const screenshot = path.join(ARTIFACTS, 'credit-report-en-page1.png');
      await viewer.screenshot({ path: screenshot });
      const probe = await browser.newPage();
      await probe.goto(pathToFileURL(screenshot).href);
      const shares = await probe.evaluate(() => {
        const image = document.querySelector('img') as HTMLImageElement;
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        context.drawImage(image, 0, 0);
        // The first page of the viewer sits right of the thumbnails, below the toolbar.
        const { data } = context.getImageData(340, 120, 520, 700);
        let white = 0;
        let dark = 0;
        for (let index = 0; index < data.length; index += 4) {
          const light = ((data[index] ?? 0) + (data[index + 1] ?? 0) + (data[index + 2] ?? 0)) / 3;
          if (light > 235) white++;
          else if (light < 120) dark++;
        }
        const pixels = data.length / 4;
        return { white: white / pixels, dark: dark / pixels };
      });
      expect(shares.white).toBeGreaterThan(0.6);
      expect(shares.dark).toBeGreaterThan(0.005);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('GET ?format=pdf answers application/pdf, and the CLI writes the same report to --out', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/enterprises/${creditCode}?format=pdf&lang=en`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const out = path.join(ARTIFACTS, 'cli-report.pdf');
    await rm(out, { force: true });
    const run = await runCli(
      ['report', '--enterprise', creditCode, '--format', 'pdf', '--lang', 'zh-CN', '--out', out],
      { DATABASE_URL: database.url },
    );
    expect(run.stderr).toContain(`wrote ${out}`);
    expect(run.code).toBe(0);
    expect((await readFile(out)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(squeezed(pdfText(out))).toContain(squeezed(name));

    const refused = await runCli(['report', '--enterprise', creditCode, '--format', 'pdf', '--lang', 'fr'], {
      DATABASE_URL: database.url,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--lang must be zh-CN or en (got 'fr')");
    expect(refused.stderr).toContain('--format pdf needs --out <file>');
  }, 180_000);

  it('says clearly when Chromium is missing', async () => {
    const renderer = createPdfRenderer({ executablePath: '/nonexistent/chromium' });
    const error = await renderer.render('<p>x</p>').catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('REPORTS_PDF_UNAVAILABLE');
    expect((error as Error).message).toContain('/nonexistent/chromium');
    expect((error as Error).message).toContain('apt-get install chromium');
    await renderer.close();
  });
});
