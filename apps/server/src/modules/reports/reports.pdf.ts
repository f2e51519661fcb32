import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { AppError } from '../../platform/errors.js';

/** Debian's Chromium (package `chromium`); the platform never downloads a browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export type PdfRenderer = {
  /** Prints a self-contained HTML page to an A4 PDF (text kept as text, fonts embedded). */
  render(html: string, options?: { footer?: string }): Promise<Buffer>;
  /** Closes the browser if one was started; later renders start a new one. */
  close(): Promise<void>;
};

/**
 * A long-lived headless Chromium that prints HTML to PDF. The browser starts on the first render (a server
 * that never prints a PDF never starts it) and keeps a few pages open for reuse; `pages` renders run at a
 * time, the rest wait their turn. A crashed browser is replaced on the next render.
 */
export function createPdfRenderer(
  options: { executablePath?: string; pages?: number; timeoutMs?: number } = {},
): PdfRenderer {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const maxPages = Math.max(1, options.pages ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let browser: Promise<Browser> | null = null;
  const idle: Page[] = [];
  let busy = 0;
  const waiting: Array<() => void> = [];

  function launch(): Promise<Browser> {
    if (!existsSync(executablePath)) {
      throw new AppError('REPORTS_PDF_UNAVAILABLE', {
        message: `PDF reports need Chromium at ${executablePath}, which is missing: install Debian's package (apt-get install chromium) or ask for format=html and print it`,
      });
    }
    if (!browser) {
      const launching = chromium
        .launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: timeoutMs })
        .then((started) => {
          started.on('disconnected', () => {
            if (browser === launching) browser = null;
            idle.length = 0;
          });
          return started;
        });
      launching.catch(() => {
        if (browser === launching) browser = null;
      });
      browser = launching;
    }
    return browser.catch((error: unknown) => {
      throw new AppError('REPORTS_PDF_UNAVAILABLE', {
        message: `Chromium at ${executablePath} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        cause: error,
      });
    });
  }

  async function acquire(): Promise<Page> {
    while (busy >= maxPages) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
    try {
      const reusable = idle.pop();
      if (reusable && !reusable.isClosed()) return reusable;
      const page = await (await launch()).newPage();
      page.setDefaultTimeout(timeoutMs);
      return page;
    } catch (error) {
      release(null);
      throw error;
    }
  }

  function release(page: Page | null) {
    busy--;
    if (page && !page.isClosed()) idle.push(page);
    waiting.shift()?.();
  }

  return {
    async render(html, renderOptions = {}) {
      const page = await acquire();
      let isReusable = false;
      try {
        // No network: the page is self-contained, so anything it would fetch is refused.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;font-family:'Noto Sans CJK SC',sans-serif;display:flex;justify-content:space-between"><span>${renderOptions.footer ?? ''}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
        });
        await page.unroute('**/*');
        isReusable = true;
        return pdf;
      } finally {
        if (!isReusable) await page.close().catch(() => {});
        release(isReusable ? page : null);
      }
    },

    async close() {
      const running = browser;
      browser = null;
      idle.length = 0;
      if (running) await (await running.catch(() => null))?.close();
    },
  };
}
