import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn } from './api.js';
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

/** The owner of demo enterprise 0 (apps/server/src/modules/demo/members.ts): bound at the seed. */
const BOUND_OWNER: DemoUser = { login: 'owner.e0', password: 'Demo-owner.e0-2025' };

function h1(page: Page, locale: Locale, key: string) {
  return page.getByRole('heading', { level: 1, name: text(locale, key), exact: true });
}

describe('an unbound enterprise user asks for its binding, the operator attests it, the credit page opens', () => {
  const locale: Locale = 'en';
  const newcomer: DemoUser = {
    login: `binding.e2e.${Date.now()}`,
    password: 'Binding-e2e-password-2025',
  };
  const displayName = 'Binding E2E Owner';
  let creditCode = '';
  let browser: Browser;
  let userContext: BrowserContext;
  let operatorContext: BrowserContext;
  let user: Page;
  let operator: Page;

  beforeAll(async () => {
    // The code of a registered enterprise, as /auth/me gives it to its bound owner.
    const owner = await apiSignIn(BOUND_OWNER);
    const me = await apiCall<{ user: { enterpriseCreditCode: string | null } }>(owner, 'GET', '/auth/me');
    creditCode = me.body.user.enterpriseCreditCode ?? '';
    expect(creditCode).toMatch(/^[0-9A-Z]{18}$/);
    // The operator creates the account without an enterprise: it starts unbound.
    const session = await apiSignIn(DEMO.operator);
    const created = await apiCall<{ id: string; enterpriseId: string | null }>(
      session,
      'POST',
      '/access/admin/users',
      { login: newcomer.login, displayName, password: newcomer.password, role: 'enterprise_owner' },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.enterpriseId).toBeNull();
    browser = await launchChromium();
    userContext = await newContext(browser, locale);
    operatorContext = await newContext(browser, locale);
    user = await userContext.newPage();
    operator = await operatorContext.newPage();
  });

  afterAll(async () => {
    await userContext?.close();
    await operatorContext?.close();
    await browser?.close();
  });

  it('shows the new user it is not bound and takes its binding request by credit code', async () => {
    await signIn(user, locale, newcomer);
    await navLink(user, locale, 'enterprise.nav.credit').click();
    await visible(h1(user, locale, 'enterprise.binding.title'));
    const form = await visible(user.getByRole('form', { name: text(locale, 'enterprise.binding.title') }));
    const field = form.getByLabel(text(locale, 'enterprise.binding.creditCode'), { exact: true });
    await field.fill('123');
    await form.getByRole('button', { name: text(locale, 'enterprise.binding.submit'), exact: true }).click();
    await visible(form.getByText(text(locale, 'enterprise.binding.problem'), { exact: true }));
    await field.fill(creditCode.toLowerCase());
    await form.getByRole('button', { name: text(locale, 'enterprise.binding.submit'), exact: true }).click();
    const waiting = text(locale, 'enterprise.binding.pending').split('{{date}}')[1] ?? '';
    await visible(user.getByRole('status').filter({ hasText: waiting }));
    await screenshot(user, 'binding-01-request-pending');
  });

  it('lists the request on the operator’s binding page, where the operator attests it', async () => {
    await signIn(operator, locale, DEMO.operator);
    await navLink(operator, locale, 'admin.nav.bindings').click();
    await visible(h1(operator, locale, 'admin.bindings.title'));
    const table = await visible(operator.getByRole('table', { name: text(locale, 'admin.bindings.title') }));
    const row = table.getByRole('row').filter({ hasText: newcomer.login });
    expect(await row.textContent()).toContain(creditCode);
    await screenshot(operator, 'binding-02-operator-requests');
    await row
      .getByRole('button', { name: text(locale, 'admin.bindings.attestLabel', { user: displayName }) })
      .click();
    await visible(operator.getByRole('status').filter({ hasText: `${displayName} is now bound to` }));
    await expect.poll(async () => table.getByRole('row').filter({ hasText: newcomer.login }).count()).toBe(0);
  });

  it('opens the user’s credit page once the binding is attested', async () => {
    await user.reload();
    await visible(h1(user, locale, 'enterprise.credit.title'));
    await visible(user.getByRole('heading', { name: text(locale, 'credit.score.title'), exact: true }));
    const session = await apiSignIn(newcomer);
    const me = await apiCall<{ user: { enterpriseCreditCode: string | null } }>(session, 'GET', '/auth/me');
    expect(me.body.user.enterpriseCreditCode).toBe(creditCode);
    await screenshot(user, 'binding-03-credit-page');
  });
});
