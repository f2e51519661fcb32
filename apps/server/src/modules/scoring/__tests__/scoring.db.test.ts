import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, newMember, submitText, testConfig } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { buildApp } from '../../../platform/http/app.js';
import type { TActor, TMemberKind, TRole } from '../../access/index.js';
import {
  CANONICAL_COLUMNS,
  DEMO_MEMBERS,
  type DemoData,
  generateDemo,
  toCsvLines,
} from '../../demo/index.js';
import { RESCORE_QUEUE } from '../index.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let demo: DemoData;
const tokens: Partial<Record<TRole, string>> = {};
const actors: Partial<Record<TRole, TActor>> = {};
const memberIds = new Map<string, string>();
// The demo's outcome window is (2024-12-31, 2025-12-31]: features as of its start, defaults within 12 months.
const TRAIN_AS_OF = '2024-12-31';

async function loadDemo() {
  for (const member of DEMO_MEMBERS) {
    const created = await app.services.access.createMember({
      name: member.name,
      kind: member.kind as TMemberKind,
    });
    memberIds.set(member.key, created.id);
  }
  const seeder = actors.operator as TActor;
  for (const dataset of ['enterprises', 'statements', 'loans', 'public_records', 'invoices'] as const) {
    for (const upload of demo.uploads.filter((candidate) => candidate.dataset === dataset)) {
      const { submission } = await app.services.registry.submit({
        actor: seeder,
        memberId: memberIds.get(upload.memberKey),
        kind: dataset,
        mode: 'accept_valid',
        format: 'csv',
        fileName: `demo-${upload.memberKey}-${dataset}.csv`,
        input: Readable.from([[...toCsvLines(CANONICAL_COLUMNS[dataset], upload.rows)].join('')]),
      });
      expect(submission.rowsAccepted).toBeGreaterThan(0);
    }
  }
}

async function signIn(role: TRole, memberId: string | null) {
  const user = await app.services.access.createUser({
    login: `scoring-${role}`,
    displayName: role,
    password: 'correct horse battery staple',
    role,
    memberId,
    enterpriseId: null,
  });
  tokens[role] = await app.services.access.createApiToken({ userId: user.id, name: 'test', expiresAt: null });
  const actor = await app.services.access.authenticate({ bearerToken: tokens[role] });
  if (!actor) throw new Error('setup: the token did not authenticate');
  actors[role] = actor;
}

const call = (role: TRole, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${tokens[role]}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    pool: database.pool,
    config: testConfig({ webDistDir: '/nonexistent' }),
    clock: fixedClock,
    logger: false,
  });
  const bank = await newMember(app.services);
  demo = generateDemo({ enterprises: 400, invoicesPerEnterprise: 60 });
  await signIn('operator', null);
  await loadDemo();
  await signIn('analyst', bank.id);
  // The credit officer works at a lender of the first demo enterprise: as a submitter it may read its score.
  await signIn('credit_officer', memberIds.get(demo.enterprises[0]?.lenderKeys[0] ?? '') ?? bank.id);
  await signIn('regulator', null);
  await signIn('approver', bank.id);
}, 240_000);

afterAll(async () => {
  await app.close();
});

describe('training from registry data', () => {
  let modelId = '';

  it('learns the demo defaults: hold-out AUC above 0.65', async () => {
    const response = await call('analyst', 'POST', '/scoring/models', {
      source: 'registry',
      kind: 'scorecard',
      asOf: TRAIN_AS_OF,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    modelId = body.model.id;
    expect(modelId).toMatch(/^mdl_/);
    expect(body.model).toMatchObject({
      status: 'challenger',
      version: 1,
      source: 'registry',
      asOf: TRAIN_AS_OF,
    });
    expect(body.model.trainingDataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.validation.n).toBeGreaterThan(50);
    expect(body.validation.auc).toBeGreaterThan(0.65);
    expect(body.selected.length).toBeGreaterThan(0);
  }, 120_000);

  it('keeps the model, its report and an identical data hash for the same data', async () => {
    const detail = (await call('analyst', 'GET', `/scoring/models/${modelId}`)).json();
    expect(detail.model.format).toBe('creditbridge.points-table');
    expect(detail.validationReport.selected).toEqual(detail.features);
    const again = (
      await call('operator', 'POST', '/scoring/models', {
        source: 'registry',
        kind: 'gam',
        asOf: TRAIN_AS_OF,
      })
    ).json();
    expect(again.model.trainingDataHash).toBe(detail.trainingDataHash);
    expect(again.model.kind).toBe('gam');
    const list = (await call('analyst', 'GET', '/scoring/models')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([again.model.id, modelId]);
  }, 180_000);

  it('refuses training to roles other than operator and analyst', async () => {
    const response = await call('credit_officer', 'POST', '/scoring/models', { source: 'registry' });
    expect(response.statusCode).toBe(403);
  });

  it('refuses to score before a champion exists', async () => {
    const code = demo.enterprises[0]?.creditCode ?? '';
    const response = await call('credit_officer', 'GET', `/scoring/enterprises/${code}/score`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('SCORING_NO_CHAMPION');
  });

  it('promotes a challenger only on a second person’s approval, retiring the former champion, audited', async () => {
    const asked = await call('analyst', 'POST', `/scoring/models/${modelId}/promotion-requests`, {
      reason: 'first',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({
      modelId,
      status: 'pending',
      reason: 'first',
      requestedByName: 'analyst',
    });
    // Nothing changes until someone else approves.
    expect((await call('analyst', 'GET', `/scoring/models/${modelId}`)).json().status).toBe('challenger');
    const twice = await call('operator', 'POST', `/scoring/models/${modelId}/promotion-requests`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('already has a pending promotion request');
    // The requester's role may not decide, nor may a credit officer.
    const byAnalyst = await call('analyst', 'POST', `/scoring/promotion-requests/${request.id}/approve`);
    expect(byAnalyst.statusCode, byAnalyst.body).toBe(403);
    expect(
      (await call('credit_officer', 'POST', `/scoring/promotion-requests/${request.id}/approve`)).statusCode,
    ).toBe(403);
    const approved = await call('approver', 'POST', `/scoring/promotion-requests/${request.id}/approve`, {
      note: 'checked the validation report',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      previousChampionId: null,
      request: {
        status: 'approved',
        decidedByName: 'approver',
        decisionNote: 'checked the validation report',
      },
    });
    const again = await call('operator', 'POST', `/scoring/promotion-requests/${request.id}/approve`);
    expect(again.statusCode).toBe(409);

    // The operator asks for the GAM; the operator cannot approve its own request, an approver rejects it,
    // then a fresh request is approved by another user.
    const list = (await call('analyst', 'GET', '/scoring/models')).json();
    const gamId = list.items.find((item: { kind: string }) => item.kind === 'gam').id;
    const own = (await call('operator', 'POST', `/scoring/models/${gamId}/promotion-requests`, {})).json();
    const selfApproval = await call('operator', 'POST', `/scoring/promotion-requests/${own.id}/approve`);
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().message).toContain('a different user');
    const rejected = await call('approver', 'POST', `/scoring/promotion-requests/${own.id}/reject`, {
      note: 'not yet',
    });
    expect(rejected.json().request.status).toBe('rejected');
    expect((await call('analyst', 'GET', `/scoring/models/${gamId}`)).json().status).toBe('challenger');
    const gamRequest = (
      await call('analyst', 'POST', `/scoring/models/${gamId}/promotion-requests`, {})
    ).json();
    const second = (
      await call('operator', 'POST', `/scoring/promotion-requests/${gamRequest.id}/approve`)
    ).json();
    expect(second.previousChampionId).toBe(modelId);
    const retired = (await call('analyst', 'GET', `/scoring/models/${modelId}`)).json();
    expect(retired.status).toBe('retired');
    expect(
      (await call('analyst', 'POST', `/scoring/models/${modelId}/promotion-requests`, {})).statusCode,
    ).toBe(409);

    // The scorecard comes back for the tests below: the service's direct promotion (seeding, tests).
    await app.services.scoring.promote({ actor: actors.operator as TActor, id: modelId, reason: 'back' });
    const champion = (await call('analyst', 'GET', `/scoring/models/${modelId}`)).json();
    expect(champion.status).toBe('champion');
    expect(champion.promotions.map((p: { reason: string | null }) => p.reason)).toEqual(['first', 'back']);
    expect(champion.promotions[0].approvedBy).toBe(actors.approver?.id);
    expect(champion.promotions[1].previousChampionId).toBe(gamId);

    const history = (await call('approver', 'GET', `/scoring/promotion-requests?modelId=${gamId}`)).json();
    expect(history.items.map((item: { status: string }) => item.status)).toEqual(['approved', 'rejected']);
    const audit = await database.pool.query(
      `SELECT action, actor_user_id FROM audit_events WHERE entity_type = 'scoring_model' ORDER BY at, id`,
    );
    expect(audit.rows.map((row) => row.action).sort()).toEqual(
      [
        'scoring.promotion_approved',
        'scoring.promotion_approved',
        'scoring.promotion_rejected',
        'scoring.promotion_requested',
        'scoring.promotion_requested',
        'scoring.promotion_requested',
      ].sort(),
    );
    expect(audit.rows.map((row) => row.actor_user_id)).toContain(actors.approver?.id);
  });

  it('stores the validation charts: ROC from (0,0) to (1,1), scores by outcome, calibration by grade', async () => {
    const detail = (await call('analyst', 'GET', `/scoring/models/${modelId}`)).json();
    const charts = detail.validationReport.charts;
    expect(charts.sample).toBe('training');
    expect(charts.n).toBe(detail.validationReport.rows);
    expect(charts.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(charts.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    for (let k = 1; k < charts.roc.length; k++) {
      expect(charts.roc[k].fpr).toBeGreaterThanOrEqual(charts.roc[k - 1].fpr);
      expect(charts.roc[k].tpr).toBeGreaterThanOrEqual(charts.roc[k - 1].tpr);
    }
    const { edges, defaulted, notDefaulted } = charts.scoreHistogram;
    expect(edges.length).toBe(defaulted.length + 1);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(defaulted)).toBe(charts.events);
    expect(sum(defaulted) + sum(notDefaulted)).toBe(charts.n);
    expect(charts.events / charts.n).toBeCloseTo(detail.validationReport.eventRate, 10);
    const byGrade = charts.calibration as Array<{ n: number }>;
    expect(sum(byGrade.map((grade) => grade.n))).toBe(charts.n);
  });
});

describe('scoring one enterprise over HTTP', () => {
  it('gives score, PD, grade, reasons, a counterfactual and the model version to member staff', async () => {
    const code = demo.enterprises[1]?.creditCode ?? '';
    const response = await call('credit_officer', 'GET', `/scoring/enterprises/${code}/score`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.creditCode).toBe(code);
    expect(body.modelVersion).toBe(1);
    expect(body.modelKind).toBe('scorecard');
    expect(body.pd).toBeGreaterThan(0);
    expect(body.pd).toBeLessThan(1);
    expect(body.grade).toMatch(/^\d+$/);
    expect(Array.isArray(body.reasons)).toBe(true);
    expect(body.counterfactual.fromGrade).toBe(body.grade);
    expect(body.asOf).toBe('2026-06-30');
    const stored = await database.pool.query(
      'SELECT score, grade FROM enterprise_scores WHERE credit_code = $1',
      [code],
    );
    expect(stored.rows).toEqual([{ score: body.score, grade: body.grade }]);

    // a second look-up the same day reuses the day's score: the history gains no point per read
    const again = (await call('credit_officer', 'GET', `/scoring/enterprises/${code}/score`)).json();
    expect(again).toMatchObject({ score: body.score, grade: body.grade, computedAt: body.computedAt });
    const history = await database.pool.query('SELECT 1 FROM enterprise_scores WHERE credit_code = $1', [
      code,
    ]);
    expect(history.rows).toHaveLength(1);
    // a changed score (here: a different stored one, as after new data) is recorded as a new point
    await database.pool.query('UPDATE enterprise_scores SET score = score + 1 WHERE credit_code = $1', [
      code,
    ]);
    const changed = (await call('credit_officer', 'GET', `/scoring/enterprises/${code}/score`)).json();
    expect(changed.score).toBe(body.score);
    expect(
      (await database.pool.query('SELECT 1 FROM enterprise_scores WHERE credit_code = $1', [code])).rows,
    ).toHaveLength(2);
  });

  it('gives a verified enterprise owner its own score with reasons and advice, and no other enterprise’s', async () => {
    const own = demo.enterprises[1]?.creditCode ?? '';
    const other = demo.enterprises[2]?.creditCode ?? '';
    const found = await database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE credit_code = $1',
      [own],
    );
    const owner = await app.services.access.createUser({
      login: 'scoring-own-enterprise',
      displayName: 'owner',
      password: 'correct horse battery staple',
      role: 'enterprise_owner',
      enterpriseId: found.rows[0]?.id ?? null,
    });
    const token = await app.services.access.createApiToken({ userId: owner.id, name: 't', expiresAt: null });
    const get = (code: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/scoring/enterprises/${code}/score`,
        headers: { authorization: `Bearer ${token}` },
      });
    const response = await get(own);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.creditCode).toBe(own);
    expect(body.reasons.length).toBeGreaterThan(0);
    expect(body.counterfactual.fromGrade).toBe(body.grade);
    const staffView = (await call('credit_officer', 'GET', `/scoring/enterprises/${own}/score`)).json();
    expect(body.score).toBe(staffView.score);
    expect([403, 404]).toContain((await get(other)).statusCode);
  });

  it('refuses roles without a basis for identified reads, and unknown enterprises', async () => {
    const code = demo.enterprises[1]?.creditCode ?? '';
    expect((await call('regulator', 'GET', `/scoring/enterprises/${code}/score`)).statusCode).toBe(403);
    const unknown = await call('operator', 'GET', '/scoring/enterprises/91440300MA5XXXXXXX/score');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('batch re-scoring (a pg-boss job)', () => {
  /** Queues a re-scoring and polls its job until it ends. */
  async function rescoreJob(payload: object) {
    const queued = await call('operator', 'POST', '/scoring/rescore', payload);
    expect(queued.statusCode, queued.body).toBe(202);
    const { jobId } = queued.json();
    for (let i = 0; i < 600; i++) {
      const status = await call('operator', 'GET', `/scoring/rescore/${jobId}`);
      expect(status.statusCode, status.body).toBe(200);
      const body = status.json();
      if (['completed', 'failed', 'cancelled'].includes(body.state)) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${jobId} did not end`);
  }

  it('ends at once with the reason when there is nothing to score with', async () => {
    const before = await database.pool.query<{ id: string }>(
      "SELECT id FROM scoring_models WHERE status = 'champion'",
    );
    // the champion is taken away for this check, then put back (the newest registry model when the
    // promotion tests above left none)
    await database.pool.query("UPDATE scoring_models SET status = 'challenger' WHERE status = 'champion'");
    const refused = await rescoreJob({});
    expect(refused).toMatchObject({ state: 'failed', result: null });
    expect(refused.error).toContain('there is no champion model');
    await database.pool.query(
      `UPDATE scoring_models SET status = 'champion'
       WHERE id = coalesce($1, (SELECT id FROM scoring_models WHERE source = 'registry' ORDER BY created_at DESC LIMIT 1))`,
      [before.rows[0]?.id ?? null],
    );
  }, 120_000);

  it('scores every enterprise, then only those whose data changed', async () => {
    const full = await rescoreJob({ mode: 'full' });
    expect(full).toMatchObject({ state: 'completed', mode: 'full', error: null });
    expect(full.result).toMatchObject({ enterprises: 400, scored: 400, skipped: 0 });
    expect(full.progress).toEqual({ enterprises: 400, scored: 400 });
    const none = await rescoreJob({});
    expect(none.result).toMatchObject({ enterprises: 400, scored: 0, skipped: 400 });
    const changed = demo.enterprises[5]?.creditCode ?? '';
    const { submission } = await submitText(
      app.services,
      actors.analyst as TActor,
      'public_records',
      `${CANONICAL_COLUMNS.public_records.join(',')}\n${changed},court_judgment,NEW-1,Court,2026-05-01,,1000.00,\n`,
    );
    expect(submission.errors).toEqual([]);
    const some = await rescoreJob({});
    expect(some.result).toMatchObject({ scored: 1, skipped: 399 });
    const latest = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enterprise_scores WHERE credit_code = $1',
      [changed],
    );
    expect(latest.rows[0]?.n).toBe(2);
    expect((await call('analyst', 'POST', '/scoring/rescore', {})).statusCode).toBe(403);
    expect((await call('analyst', 'GET', `/scoring/rescore/${some.jobId}`)).statusCode).toBe(403);
    const unknown = await call('operator', 'GET', '/scoring/rescore/00000000-0000-0000-0000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await call('operator', 'GET', '/scoring/rescore/not-a-job')).statusCode).toBe(404);
  }, 120_000);

  it('is idempotent: a request while one waits returns the waiting job; a retried full job resumes', async () => {
    // Pause the worker so the first job stays queued, then ask twice.
    await app.services.jobs.pause(RESCORE_QUEUE);
    const first = await call('operator', 'POST', '/scoring/rescore', { mode: 'full' });
    const second = await call('operator', 'POST', '/scoring/rescore', { mode: 'full' });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json().state).toBe('created');
    expect(second.json().jobId).toBe(first.json().jobId);
    const before = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enterprise_scores',
    );
    // Simulate a crashed first attempt that scored half the registry after the job was queued.
    await database.pool.query(
      `INSERT INTO enterprise_scores (credit_code, model_id, score, pd, grade, reasons, computed_at)
       SELECT DISTINCT ON (credit_code) credit_code, model_id, score, pd, grade, reasons, now()
       FROM enterprise_scores ORDER BY credit_code, computed_at DESC LIMIT 200`,
    );
    // The worker takes the waiting job again.
    await app.services.jobs.resume(RESCORE_QUEUE);
    let body = (await call('operator', 'GET', `/scoring/rescore/${first.json().jobId}`)).json();
    for (let i = 0; i < 600 && body.state !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = (await call('operator', 'GET', `/scoring/rescore/${first.json().jobId}`)).json();
    }
    expect(body.result).toMatchObject({ enterprises: 400, scored: 200, skipped: 200 });
    const after = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enterprise_scores',
    );
    expect((after.rows[0]?.n ?? 0) - (before.rows[0]?.n ?? 0)).toBe(400);
  }, 120_000);
});

describe('monitoring', () => {
  it('reports PSI of the score and of each feature, and default rate by grade against PD', async () => {
    const response = await call('analyst', 'GET', `/scoring/monitoring?outcomeAsOf=${TRAIN_AS_OF}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.population).toBe(400);
    expect(body.scorePsi).toBeGreaterThanOrEqual(0);
    expect(body.features.length).toBeGreaterThan(0);
    for (const feature of body.features) expect(Number.isFinite(feature.psi)).toBe(true);
    const byGrade = body.calibration.byGrade as Array<{ n: number; observed: number; predicted: number }>;
    expect(byGrade.reduce((sum, grade) => sum + grade.n, 0)).toBe(body.calibration.n);
    // On its own training population the calibration holds overall: mean PD near the default rate.
    const events = byGrade.reduce((sum, grade) => sum + grade.observed * grade.n, 0);
    const predicted = byGrade.reduce((sum, grade) => sum + grade.predicted * grade.n, 0);
    expect(Math.abs(events - predicted) / body.calibration.n).toBeLessThan(0.03);
  }, 120_000);
});

describe('PSI over time', () => {
  it('measures the population of a past date against the training sample', async () => {
    const past = (
      await call('analyst', 'GET', `/scoring/monitoring?asOf=${TRAIN_AS_OF}&outcomeAsOf=${TRAIN_AS_OF}`)
    ).json();
    const today = (await call('analyst', 'GET', `/scoring/monitoring?outcomeAsOf=${TRAIN_AS_OF}`)).json();
    expect(past.asOf).toBe(TRAIN_AS_OF);
    expect(today.asOf).toBe('2026-06-30');
    // The training sample is that date's population less the firms already in default: nearly no drift.
    expect(past.scorePsi).toBeLessThan(0.05);
    expect(past.scorePsi).not.toBe(today.scorePsi);
  }, 120_000);
});

describe('API document', () => {
  it('lists the scoring routes in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/scoring/models',
        '/api/v1/scoring/models/{id}/promotion-requests',
        '/api/v1/scoring/promotion-requests/{id}/approve',
        '/api/v1/scoring/enterprises/{creditCode}/score',
        '/api/v1/scoring/rescore',
        '/api/v1/scoring/monitoring',
      ]),
    );
  });
});
