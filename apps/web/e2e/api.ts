import { baseUrl, type DemoUser } from './browser.js';

/** The API as a test drives it directly (setup a page needs, checks behind the page): cookie and CSRF token. */

const OPERATOR: DemoUser = { login: 'operator', password: 'Demo-operator-2025' };
const APPROVER: DemoUser = { login: 'approver.xinghe', password: 'Demo-approver.xinghe-2025' };

export type ApiSession = { cookie: string; csrf: string };

export async function apiSignIn(user: DemoUser): Promise<ApiSession> {
  const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: user.password }),
  });
  if (!response.ok) throw new Error(`e2e: ${user.login} cannot sign in: ${response.status}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.getSetCookie?.() ?? []).map((line) => line.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}

export async function apiCall<T>(session: ApiSession, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const textBody = await response.text();
  return { status: response.status, body: (textBody ? JSON.parse(textBody) : null) as T };
}

/**
 * The demo starts without a champion model, and "my credit" needs one to give reasons: the operator trains
 * a scorecard on the registry and makes it champion (directly, or by a request another person approves
 * where promotion needs a second person).
 */
export async function ensureChampion(): Promise<void> {
  const operator = await apiSignIn(OPERATOR);
  const models = await apiCall<{ items: { id: string; status: string }[] }>(
    operator,
    'GET',
    '/scoring/models',
  );
  if (models.body.items.some((model) => model.status === 'champion')) return;
  const trained = await apiCall<{ model: { id: string } }>(operator, 'POST', '/scoring/models', {
    source: 'registry',
    asOf: '2024-06-30',
  });
  if (trained.status !== 201) throw new Error(`e2e: training failed: ${JSON.stringify(trained.body)}`);
  const id = trained.body.model.id;
  const promoted = await apiCall(operator, 'POST', `/scoring/models/${id}/promote`, {});
  if (promoted.status === 200) return;
  const requested = await apiCall<{ id: string }>(
    operator,
    'POST',
    `/scoring/models/${id}/promotion-requests`,
    { reason: 'e2e: a champion for the scored pages' },
  );
  if (requested.status !== 201)
    throw new Error(`e2e: promotion request failed: ${JSON.stringify(requested.body)}`);
  const approver = await apiSignIn(APPROVER);
  const approved = await apiCall(
    approver,
    'POST',
    `/scoring/promotion-requests/${requested.body.id}/approve`,
    {},
  );
  if (approved.status !== 200) throw new Error(`e2e: approval failed: ${JSON.stringify(approved.body)}`);
}
