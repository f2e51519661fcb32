import { describe, expect, it } from 'vitest';
import { pdFromScore, type ScoringModel, scoreBatch } from '../src/index.js';
import { fastExp } from '../src/runtime/fast-exp.js';
import { HAND_MADE_HEADER } from './fixtures/model-header.js';

describe('fastExp', () => {
  it('is within 1e-12 relative of Math.exp on [-700, 700]', () => {
    let worst = 0;
    for (let i = 0; i <= 2_000_000; i++) {
      const x = -700 + (1400 * i) / 2_000_000;
      const exact = Math.exp(x);
      worst = Math.max(worst, Math.abs(fastExp(x) - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-12);
    expect(worst).toBeGreaterThan(0); // an approximation: the PD loop must not take it for Math.exp
  });
});

describe('batch PD', () => {
  it('equals pdFromScore on 40,001 scores 0.01 apart across the whole PD range', () => {
    const K = 40_000;
    const model: ScoringModel = {
      ...HAND_MADE_HEADER,
      intercept: 300,
      features: [
        {
          feature: 'x',
          binning: { type: 'numeric', edges: Array.from({ length: K }, (_, i) => i + 1), specialValues: [] },
          labels: Array.from({ length: K + 2 }, (_, i) => `b${i}`),
          points: Array.from({ length: K + 2 }, (_, i) => i / 100),
        },
      ],
      interactions: [],
      calibration: { a: 17.75, b: -0.0425 },
      pdDecimals: 5,
      pdFloor: 0.0003,
      masterScale: [{ grade: 'A', pdMax: 1 }],
    };
    const x = Float64Array.from({ length: K + 1 }, (_, i) => i + 0.5);
    const { score, pd } = scoreBatch(model, { x });
    let differs = 0;
    for (let i = 0; i <= K; i++) if (!Object.is(pd[i], pdFromScore(model, score[i]!))) differs++;
    expect(differs).toBe(0);
    expect(pd[0]).toBeGreaterThan(0.99); // the scores span the PD range, floor included
    expect(pd[K]).toBe(0.0003);
  });
});
