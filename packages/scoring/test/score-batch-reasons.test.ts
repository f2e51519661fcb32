import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Column,
  parseModel,
  type ScoringModel,
  score,
  scoreBatchWithReasons,
  train,
} from '../src/index.js';
import { createRandom } from '../src/internal/util.js';

const golden: ScoringModel = parseModel(
  readFileSync(new URL('./fixtures/golden-model-v1.json', import.meta.url), 'utf8'),
);

/** A synthetic data set with numeric, text, missing, infinite and unknown values. */
function synthetic(n: number, seed: number) {
  const random = createRandom(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const sector: (string | null)[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = random() < 0.05 ? Number.NaN : random() * 2;
    b[i] = random() < 0.01 ? Number.POSITIVE_INFINITY : random() - 0.5;
    sector.push(
      random() < 0.03 ? null : ['retail', 'manufacturing', 'services', 'farming'][Math.floor(random() * 4)]!,
    );
    const eta =
      -2 +
      1.5 * (Number.isNaN(a[i]!) ? 1 : a[i]!) -
      2 * Math.min(b[i]!, 1) +
      (sector[i] === 'retail' ? 0.8 : 0);
    target.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  const columns: Column[] = [
    { name: 'a', type: 'numeric', values: a },
    { name: 'b', type: 'numeric', values: b },
    { name: 'sector', type: 'text', values: sector },
  ];
  return { columns, target };
}

function rowsOf(columns: Column[], n: number) {
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(columns.map((column) => [column.name, column.values[i] ?? null])),
  );
}

describe('scoreBatchWithReasons', () => {
  it('gives the golden model the same score, PD, grade and reasons as score(), pair included', () => {
    const rows = [
      { ratio: 0.7, sector: 'C', size: 12 },
      { ratio: -5, sector: 'C', size: 3 },
      { ratio: null, sector: 'Z', size: 3 },
      { ratio: Number.POSITIVE_INFINITY, sector: 'A', size: 12 },
      { ratio: Number.NEGATIVE_INFINITY, sector: null, size: Number.NaN },
      { ratio: -999, sector: 'NA', size: 0 },
    ];
    for (const reasons of [0, 1, 2, 4, 10]) {
      const batch = scoreBatchWithReasons(
        golden,
        {
          ratio: Float64Array.from(rows, (r) => (r.ratio === null ? Number.NaN : r.ratio)),
          sector: rows.map((r) => r.sector),
          size: Float64Array.from(rows, (r) => r.size),
        },
        { reasons },
      );
      rows.forEach((row, i) => {
        const one = score(golden, row, { reasons });
        expect(batch.score[i]).toBe(one.score);
        expect(batch.pd[i]).toBe(one.pd);
        expect(batch.grade[i]).toBe(one.grade);
        expect(batch.reasons[i]).toEqual(one.reasons);
      });
    }
    // a known row: two reasons against the best bins (the worked example of score())
    const known = scoreBatchWithReasons(golden, { ratio: [-5], sector: ['C'], size: [3] }, { reasons: 2 });
    expect(known.reasons[0]).toEqual([
      { feature: 'ratio', bin: '< 0', points: -30, pointsLost: 50.25 },
      { feature: 'sector', bin: 'C', points: -5, pointsLost: 15 },
    ]);
  });

  for (const kind of ['scorecard', 'gam'] as const) {
    it(`equals score() row by row on 2,000 records of a trained ${kind}`, () => {
      const data = synthetic(2000, kind === 'gam' ? 7 : 3);
      const { model } = train({ columns: data.columns }, data.target, {
        kind,
        ...(kind === 'gam' ? { gam: { interactions: 1, maxRounds: 100 } } : {}),
      });
      const rows = rowsOf(data.columns, 2000);
      const batch = scoreBatchWithReasons(model, { columns: data.columns }, { reasons: 5 });
      let withReasons = 0;
      rows.forEach((row, i) => {
        const one = score(model, row, { reasons: 5 });
        expect(batch.score[i]).toBe(one.score);
        expect(batch.pd[i]).toBe(one.pd);
        expect(batch.grade[i]).toBe(one.grade);
        expect(batch.reasons[i]).toEqual(one.reasons);
        if (one.reasons.length > 0) withReasons++;
      });
      expect(withReasons).toBeGreaterThan(1000);
    });
  }

  it('shares one frozen reason object per bin between rows', () => {
    const batch = scoreBatchWithReasons(golden, { ratio: [-5, -6], sector: ['C', 'C'], size: [3, 3] });
    expect(batch.reasons[0]![0]).toBe(batch.reasons[1]![0]);
    expect(Object.isFrozen(batch.reasons[0]![0])).toBe(true);
  });
});
