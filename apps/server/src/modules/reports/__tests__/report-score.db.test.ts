import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, testConfig, testServices } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import { seedDemoIfEmpty } from '../../../cli/seed-demo.js';
import type { Services } from '../../../services.js';
import type { TActor } from '../../access/index.js';
import { renderCreditReportHtml } from '../reports.html.js';

let services: Services;
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');
let creditCode = '';

beforeAll(async () => {
  const database = await createTestDatabase();
  services = testServices(database);
  await seedDemoIfEmpty({
    services,
    config: testConfig(),
    say: () => {},
    enterprises: 150,
    invoicesPerEnterprise: 40,
  });
  const trained = await services.scoring.train({
    actor: operator,
    request: { source: 'registry', kind: 'scorecard', asOf: '2024-12-31', horizonMonths: 12 },
  });
  await services.scoring.promote({ actor: operator, id: trained.model.id });
  const row = await database.pool.query<{ credit_code: string }>(
    `SELECT credit_code FROM statements WHERE superseded_by IS NULL AND period_type = 'annual'
     GROUP BY credit_code ORDER BY count(*) DESC, credit_code LIMIT 1`,
  );
  creditCode = row.rows[0]?.credit_code ?? '';
}, 240_000);

describe('credit assessment report with a champion model', () => {
  it("carries the champion's score, reasons, counterfactual and the score history", async () => {
    const report = await services.reports.getCreditReport({
      actor: operator,
      creditCode,
      purpose: 'credit_assessment',
    });
    expect(report.score.available).toBe(true);
    if (!report.score.available) return;
    expect(report.score.modelVersion).toBe(1);
    expect(report.score.pd).toBeGreaterThan(0);
    expect(report.score.pd).toBeLessThan(1);
    expect(report.score.counterfactual.fromGrade).toBe(report.score.grade);
    expect(report.scoreHistory[0]).toMatchObject({ score: report.score.score, grade: report.score.grade });
    expect(report.statements.length).toBeGreaterThan(0);
    expect(report.statements.length).toBeLessThanOrEqual(3);
    expect(report.invoiceActivity.invoices).toBeGreaterThan(0);
    const html = renderCreditReportHtml(report, 'en');
    expect(html).toContain(`<td>${report.score.grade}</td>`);
  }, 60_000);

  it('adds score statistics to published peer-statistic cells', async () => {
    await services.scoring.rescore({ actor: operator, mode: 'full' });
    const year = 2024;
    const statistics = await services.reports.getPeerStatistics({ actor: operator, year });
    const published = statistics.cells.filter((cell) => cell.suppression === null);
    expect(published.length).toBeGreaterThan(0);
    const all = published[0]?.subgroups.find((subgroup) => subgroup.subgroup === 'all');
    expect(all?.indicators.score?.median).toEqual(expect.any(Number));
    for (const cell of statistics.cells) {
      if (cell.suppression === null) expect(cell.count).toBeGreaterThanOrEqual(10);
      else expect(cell.count).toBeNull();
    }
  }, 120_000);
});
