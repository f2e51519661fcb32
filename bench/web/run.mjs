#!/usr/bin/env node
// `npm run bench -- web [--runs N] [--no-build] [--web-dist DIR] [--no-write] [--keep]`
//
// First load of every page of the web app in Debian's Chromium (playwright-core, headless), against the real
// server (`creditbridge serve`, embedded PostgreSQL, demo data), as the role the page is for. Each run opens
// a fresh browser context (cold HTTP cache, no service worker) holding only the role's session cookie, then
// measures from navigation start to "content visible": the page's <h1> is shown and no loading state is
// left in <main> (every API call of the page answered and drawn; charts drawn). p50/p95 over the runs.
// Peer, in the same run and measured the same way: the server's Swagger UI page (/docs), a well-known
// third-party single-page app served by the same process. Writes the "Web first load" section of
// docs/BENCHMARKS.md (and only that section).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '7'));
// --web-dist: serve an app built elsewhere (e.g. an older commit's, to compare before/after in one sitting).
const givenWebDist = option('--web-dist', null);
const shouldBuild = !args.includes('--no-build') && !givenWebDist;
const shouldWrite = !args.includes('--no-write');
const shouldKeep = args.includes('--keep');
const CHROMIUM = '/usr/bin/chromium';
const TARGET_MS = 1000;
const TRAIN_AS_OF = '2024-12-31';
const say = (line) => process.stdout.write(`${line}\n`);

const USERS = {
  operator: { login: 'operator', password: 'Demo-operator-2025' },
  analyst: { login: 'analyst.xinghe', password: 'Demo-analyst.xinghe-2025' },
  approver: { login: 'approver.xinghe', password: 'Demo-approver.xinghe-2025' },
  admin: { login: 'admin.xinghe', password: 'Demo-admin.xinghe-2025' },
  officer: { login: 'officer.xinghe', password: 'Demo-officer.xinghe-2025' },
  owner: { login: 'owner.e0', password: 'Demo-owner.e0-2025' },
  regulator: { login: 'regulator', password: 'Demo-regulator-2025' },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startServer(dataDir, port, webDist) {
  const env = { ...process.env, CREDITBRIDGE_WEB_DIST: webDist };
  delete env.DATABASE_URL;
  delete env.PORT;
  delete env.CREDITBRIDGE_DATA_DIR;
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'apps/server/bin/creditbridge.mjs'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 300 s:\n${log}`)), 300_000);
    const onData = (chunk) => {
      log += chunk.toString();
      const match = /CreditBridge is running at (http:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${log}`));
    });
  });
  return { child, ready };
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Signs in through the API; returns the session cookie and CSRF token. */
async function login(baseUrl, user) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!response.ok)
    throw new Error(`sign-in of ${user.login} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('cb_session='));
  const { csrfToken, user: who } = await response.json();
  return { cookie: cookie.split(';')[0].slice('cb_session='.length), csrfToken, user: who };
}

async function call(baseUrl, session, method, url, body) {
  const response = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: {
      cookie: `cb_session=${session.cookie}`,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Time of the model page's PSI series (filled by preparePages). */
const psiSeries = { ms: Number.NaN, dates: 0 };

/** The pages as their users open them; the ids come from the demo and from the preparation. */
async function preparePages(baseUrl, sessions) {
  const trained = await call(baseUrl, sessions.analyst, 'POST', '/scoring/models', {
    source: 'registry',
    kind: 'scorecard',
    asOf: TRAIN_AS_OF,
  });
  const modelId = trained.model.id;
  const request = await call(
    baseUrl,
    sessions.analyst,
    'POST',
    `/scoring/models/${modelId}/promotion-requests`,
    {
      reason: 'bench',
    },
  );
  await call(baseUrl, sessions.approver, 'POST', `/scoring/promotion-requests/${request.id}/approve`, {});
  const submissions = await call(baseUrl, sessions.operator, 'GET', '/registry/submissions?limit=1');
  const submissionId = submissions.items[0].id;
  const enterprises = await call(
    baseUrl,
    sessions.officer,
    'GET',
    '/registry/enterprises?q=%E6%9C%89%E9%99%90&limit=1',
  );
  const creditCode = enterprises.items[0].creditCode;
  // The model page's PSI over time, measured when its section is scrolled to: one monitoring call per
  // quarter end since training (the latest six) and today, in sequence as the page makes them.
  const today = new Date().toISOString().slice(0, 10);
  const dates = [];
  for (let year = 2025; ; year++) {
    const ends = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`].filter(
      (date) => date < today,
    );
    dates.push(...ends);
    if (ends.length < 4) break;
  }
  const psiDates = [...dates.slice(-6), today];
  const psiStarted = performance.now();
  for (const asOf of psiDates) {
    await call(baseUrl, sessions.analyst, 'GET', `/scoring/monitoring?modelId=${modelId}&asOf=${asOf}`);
  }
  psiSeries.ms = performance.now() - psiStarted;
  psiSeries.dates = psiDates.length;
  return [
    ['operator', '/', 'home (operator)'],
    ['analyst', '/', 'home (member analyst)'],
    ['regulator', '/', 'home (regulator)'],
    ['owner', '/', 'home (enterprise)'],
    ['analyst', '/registry/submissions', 'submissions'],
    ['operator', `/registry/submissions/${submissionId}`, 'submission detail'],
    ['analyst', '/registry/enterprises', 'enterprise search'],
    ['operator', `/registry/enterprises/${creditCode}`, 'enterprise detail'],
    ['officer', '/lookup', 'look-up'],
    ['officer', `/lookup/${creditCode}?purpose=credit_assessment`, 'look-up: an enterprise'],
    ['owner', '/my/credit', 'my credit'],
    ['owner', '/my/report', 'my report'],
    ['owner', '/my/diagnosis', 'my diagnosis'],
    ['owner', '/my/data', 'my data'],
    ['owner', '/my/consents', 'my consents'],
    ['owner', '/my/access-log', 'my access log'],
    ['owner', '/my/disputes', 'my disputes'],
    ['analyst', '/models', 'models'],
    ['analyst', `/models/${modelId}`, 'model validation (charts, PSI over time)'],
    ['operator', '/admin/members', 'admin: members'],
    ['admin', '/admin/users', 'admin: users'],
    ['operator', '/admin/tokens', 'admin: API tokens'],
  ];
}

/** One cold first load: fresh context, the role's cookie, navigation start → content visible. */
async function firstLoad(browser, baseUrl, session, url, isReady) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
  });
  try {
    if (session) {
      await context.addCookies([
        { name: 'cb_session', value: session.cookie, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
      ]);
    }
    const page = await context.newPage();
    const failures = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const handle = await page
      .waitForFunction(isReady, undefined, { polling: 'raf', timeout: 60_000 })
      .catch(async (error) => {
        const where = new URL(page.url()).pathname;
        const body = (
          (await page
            .locator('body')
            .textContent()
            .catch(() => '')) ?? ''
        ).slice(0, 600);
        throw new Error(
          `${url}: not ready within 60 s (at ${where}): ${error.message}\n${failures.join('\n')}\n${body}`,
        );
      });
    const readyAt = await handle.jsonValue();
    const domReady = await page.evaluate(
      () => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? Number.NaN,
    );
    const bytes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'))
        .reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize || 0), 0),
    );
    if (new URL(page.url()).pathname === '/sign-in') throw new Error(`${url}: sent to sign in`);
    return { ms: readyAt, domReady, scriptBytes: bytes };
  } finally {
    await context.close();
  }
}

// Runs in the page: the time (ms since navigation start) at which the app's page is ready, else false.
const appReady = () => {
  const main = document.querySelector('main');
  const heading = main?.querySelector('h1');
  if (!heading || heading.getBoundingClientRect().height === 0) return false;
  if (main.querySelector('.state--loading')) return false;
  if (document.querySelector('.fullscreen-state')) return false;
  // Charts: every chart container holds its drawn SVG.
  for (const chart of main.querySelectorAll('.chart__canvas'))
    if (!chart.querySelector('svg path')) return false;
  return performance.now();
};

// The peer: Swagger UI's page is ready when the API's title and its operations are drawn.
const swaggerReady = () => {
  const title = document.querySelector('.swagger-ui .info .title');
  const operations = document.querySelectorAll('.swagger-ui .opblock');
  return title && operations.length > 0 ? performance.now() : false;
};

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

function summarise(samples) {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const dom = samples.map((sample) => sample.domReady).sort((a, b) => a - b);
  return {
    domP50: quantile(dom, 0.5),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
    kb: Math.round(samples[0].scriptBytes / 1024),
  };
}

function writeSection(section) {
  const doc = path.join(root, 'docs/BENCHMARKS.md');
  let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf('## Web first load');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${text.slice(next + 1)}` : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(doc, text);
  return doc;
}

async function main() {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  const loadStart = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  const work = mkdtempSync(path.join(os.tmpdir(), 'creditbridge-bench-web-'));
  chmodSync(work, 0o755);
  // The bench builds into its own folder and the server serves that one: others working in this checkout
  // may rebuild apps/web/dist meanwhile, which would pull the assets from under the pages being measured.
  let webDist = givenWebDist ? path.resolve(givenWebDist) : path.join(root, 'apps/web/dist');
  if (shouldBuild) {
    webDist = path.join(work, 'web-dist');
    say(`building the web app into ${webDist}…`);
    const built = spawnSync(
      'npm',
      ['run', 'build', '-w', 'apps/web', '--', '--outDir', webDist, '--emptyOutDir'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    if (built.status !== 0) throw new Error(`the web build failed:\n${built.stdout}\n${built.stderr}`);
  }
  say(`starting the platform with the demo in ${work}…`);
  const server = startServer(path.join(work, 'data'), await freePort(), webDist);
  let browser;
  try {
    const baseUrl = await server.ready;
    const sessions = {};
    for (const [role, user] of Object.entries(USERS)) sessions[role] = await login(baseUrl, user);
    say('training a model and approving its promotion (the model pages and the enterprise pages need one)…');
    const pages = await preparePages(baseUrl, sessions);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
    // One warm-up load so that the server's first-request costs (JIT, pools) are not charged to a page.
    await firstLoad(browser, baseUrl, sessions.operator, '/', appReady);
    const results = [];
    // Rounds over all pages rather than all runs of one page, so that a burst of load on this shared
    // machine spreads over the pages instead of landing on one.
    const samples = new Map(pages.map(([role, url]) => [`${role} ${url}`, []]));
    const peerSamples = [];
    for (let run = 0; run < runs; run++) {
      for (const [role, url] of pages) {
        samples.get(`${role} ${url}`).push(await firstLoad(browser, baseUrl, sessions[role], url, appReady));
      }
      peerSamples.push(await firstLoad(browser, baseUrl, null, '/docs/', swaggerReady));
      say(`  run ${run + 1}/${runs} done`);
    }
    for (const [role, url, label] of pages) {
      const stats = summarise(samples.get(`${role} ${url}`));
      results.push({ role, url, label, ...stats });
      say(
        `${label.padEnd(44)} ${String(Math.round(stats.p50)).padStart(5)} ms p50 ${String(Math.round(stats.p95)).padStart(5)} ms p95  ${stats.kb} kB JS`,
      );
    }
    const peer = summarise(peerSamples);
    say(
      `${'peer: Swagger UI /docs'.padEnd(44)} ${String(Math.round(peer.p50)).padStart(5)} ms p50 ${String(Math.round(peer.p95)).padStart(5)} ms p95  ${peer.kb} kB JS`,
    );
    const loadEnd = os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const over = results.filter((result) => result.p95 >= TARGET_MS);
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).stdout.trim();
    const chromiumVersion = browser.version();
    const lines = [
      '## Web first load',
      '',
      `Command: \`npm run bench -- web\` (bench/web/run.mjs, ${runs} runs per page). Machine: 2 cores / 24 GiB / Node ${process.versions.node}, ` +
        `Chromium ${chromiumVersion} headless (Debian), shared with other work (load average ${loadStart} at the start, ${loadEnd} at the end). ` +
        `Commit ${commit}, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      'Each run opens a fresh browser context (cold HTTP cache) holding only the session cookie of the role the page is for, ' +
        'and measures from navigation start to content visible: the page heading shown, no loading state left in the page ' +
        '(all its API calls answered and drawn) and every chart drawn. The real server (`creditbridge serve`, embedded ' +
        'PostgreSQL, the 300-enterprise demo) serves the built app; a scorecard trained on the registry is the champion. ' +
        "Peer, measured the same way in the same run: the server's Swagger UI page (`/docs`), ready when its operations are drawn. " +
        '"JS" is the script transferred for the page (route-split chunks; ECharts only on pages with charts).',
      '',
      `Target: under ${TARGET_MS} ms for every page. Result: ${over.length === 0 ? `met — the slowest page at p95 is ${worst.label} (${Math.round(worst.p95)} ms)` : `NOT met on ${over.map((result) => `${result.label} (${Math.round(result.p95)} ms)`).join(', ')}`}.`,
      '',
      '| page | role | p50 ms | p95 ms | max ms | DOMContentLoaded p50 ms | JS kB |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        (result) =>
          `| ${result.label} (\`${result.url
            .replace(/mdl_[0-9a-z]+/, 'mdl_…')
            .replace(/\/[0-9A-Z]{18}/, '/<code>')
            .replace(
              /sub_[0-9a-z]+/,
              'sub_…',
            )}\`) | ${result.role} | ${Math.round(result.p50)} | ${Math.round(result.p95)} | ${Math.round(result.max)} | ${Math.round(result.domP50)} | ${result.kb} |`,
      ),
      `| peer: Swagger UI (\`/docs\`) | none | ${Math.round(peer.p50)} | ${Math.round(peer.p95)} | ${Math.round(peer.max)} | ${Math.round(peer.domP50)} | ${peer.kb} |`,
      '',
      `The model page draws its PSI over time when that section is scrolled to (or asked for): ${psiSeries.dates} monitoring calls ` +
        `(each scores the whole population as of its date) took ${Math.round(psiSeries.ms)} ms in sequence in this run, after the page's first load above.`,
      '',
    ];
    const section = `${lines.join('\n')}\n`;
    if (shouldWrite) say(`wrote ${writeSection(section)}`);
    else say(section);
  } finally {
    await browser?.close();
    await stopServer(server.child);
    if (!shouldKeep) rmSync(work, { recursive: true, force: true });
  }
}

await main();
