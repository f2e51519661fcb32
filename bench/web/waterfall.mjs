#!/usr/bin/env node
// `node bench/web/waterfall.mjs --base-url http://127.0.0.1:PORT [--runs N] [--only substring]`
//
// Against a server that is already running (`creditbridge serve` with the demo): makes sure a champion model
// exists, then records one cold load of each chart page as a waterfall (every request's start and end, ms
// since navigation start, and when the page was ready by the same rule as bench/web/run.mjs), then N more
// cold loads of each for p50. A tool to find the critical path; the numbers of record come from run.mjs.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const baseUrl = option('--base-url', 'http://127.0.0.1:4391');
const runs = Number(option('--runs', '5'));
const only = option('--only', '');
const say = (line) => process.stdout.write(`${line}\n`);

const USERS = {
  analyst: { login: 'analyst.xinghe', password: 'Demo-analyst.xinghe-2025' },
  approver: { login: 'approver.xinghe', password: 'Demo-approver.xinghe-2025' },
  officer: { login: 'officer.xinghe', password: 'Demo-officer.xinghe-2025' },
  owner: { login: 'owner.e0', password: 'Demo-owner.e0-2025' },
  operator: { login: 'operator', password: 'Demo-operator-2025' },
};

async function login(user) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!response.ok) throw new Error(`sign-in of ${user.login} failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('cb_session='));
  const { csrfToken } = await response.json();
  return { cookie: cookie.split(';')[0].slice('cb_session='.length), csrfToken };
}

async function call(session, method, url, body) {
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

const appReady = () => {
  const main = document.querySelector('main');
  const heading = main?.querySelector('h1');
  if (!heading || heading.getBoundingClientRect().height === 0) return false;
  if (main.querySelector('.state--loading')) return false;
  if (document.querySelector('.fullscreen-state')) return false;
  for (const chart of main.querySelectorAll('.chart__canvas'))
    if (!chart.querySelector('svg path')) return false;
  return performance.now();
};

async function load(browser, session, url, withWaterfall) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
  });
  try {
    await context.addCookies([
      { name: 'cb_session', value: session.cookie, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
    ]);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(appReady, undefined, { polling: 'raf', timeout: 60_000 });
    const ready = await handle.jsonValue();
    let rows = [];
    if (withWaterfall) {
      rows = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => ({
          name: entry.name.replace(location.origin, ''),
          start: entry.startTime,
          requestStart: entry.requestStart,
          responseStart: entry.responseStart,
          end: entry.responseEnd,
          size: entry.encodedBodySize,
        })),
      );
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return { responseEnd: n.responseEnd, dcl: n.domContentLoadedEventEnd };
      });
      const marks = await page.evaluate(() =>
        performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, start: mark.startTime })),
      );
      rows.unshift({
        name: '(document)',
        start: 0,
        requestStart: 0,
        responseStart: 0,
        end: nav.responseEnd,
        size: 0,
      });
      rows.push({ name: '(DOMContentLoaded)', start: nav.dcl, end: nav.dcl, size: 0 });
      for (const mark of marks)
        rows.push({ name: `mark ${mark.name}`, start: mark.start, end: mark.start, size: 0 });
    }
    return { ready, rows };
  } finally {
    await context.close();
  }
}

const sessions = {};
for (const [role, user] of Object.entries(USERS)) sessions[role] = await login(user);
let models = (await call(sessions.analyst, 'GET', '/scoring/models')).items;
let champion = models.find((model) => model.status === 'champion');
if (!champion) {
  say('training a champion…');
  const trained = await call(sessions.analyst, 'POST', '/scoring/models', {
    source: 'registry',
    kind: 'scorecard',
    asOf: '2024-12-31',
  });
  const request = await call(
    sessions.analyst,
    'POST',
    `/scoring/models/${trained.model.id}/promotion-requests`,
    {
      reason: 'waterfall',
    },
  );
  await call(sessions.approver, 'POST', `/scoring/promotion-requests/${request.id}/approve`, {});
  models = (await call(sessions.analyst, 'GET', '/scoring/models')).items;
  champion = models.find((model) => model.status === 'champion');
}
const enterprises = await call(sessions.officer, 'GET', '/registry/enterprises?q=%E6%9C%89%E9%99%90&limit=1');
const creditCode = enterprises.items[0].creditCode;
const pages = [
  ['officer', `/lookup/${creditCode}?purpose=credit_assessment`],
  ['owner', '/my/credit'],
  ['analyst', `/models/${champion.id}`],
  ['operator', '/'],
].filter(([, url]) => url.includes(only));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  await load(browser, sessions.operator, '/', false);
  for (const [role, url] of pages) {
    const { ready, rows } = await load(browser, sessions[role], url, true);
    say(`\n${url} (${role}): ready at ${Math.round(ready)} ms`);
    for (const row of rows.sort((a, b) => a.start - b.start)) {
      say(
        `  ${String(Math.round(row.start)).padStart(5)} → ${String(Math.round(row.end)).padStart(5)}  (ttfb ${String(Math.round((row.responseStart ?? row.start) - row.start)).padStart(4)})  ${String(Math.round(row.size / 1024)).padStart(4)} kB  ${row.name.slice(0, 110)}`,
      );
    }
    const times = [];
    for (let run = 0; run < runs; run++) times.push((await load(browser, sessions[role], url, false)).ready);
    times.sort((a, b) => a - b);
    say(
      `  ${runs} more loads: ${times.map(Math.round).join(' ')}  (median ${Math.round(times[Math.floor(times.length / 2)])})`,
    );
  }
} finally {
  await browser.close();
}
