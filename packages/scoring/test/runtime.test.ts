import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  counterfactual,
  MODEL_FORMAT_VERSION,
  modelToJson,
  parseModel,
  type ScoringModel,
  score,
  scoreBatch,
  toSqlQuery,
  toSqlScore,
} from '../src/index.js';

const goldenText = readFileSync(new URL('./fixtures/golden-model-v1.json', import.meta.url), 'utf8');
const golden: ScoringModel = parseModel(goldenText);

describe('golden model v1', () => {
  it('is the current format version', () => {
    expect(MODEL_FORMAT_VERSION).toBe(1);
    expect(golden.formatVersion).toBe(1);
  });
  it('scores a record by hand: 500 + 5.5 − 5 + 4 = 504.5', () => {
    const r = score(golden, { ratio: 0.7, sector: 'C', size: 12 });
    expect(r.score).toBe(504.5);
    expect(r.pd).toBe(0.35383);
    expect(r.grade).toBe('9');
    expect(r.points).toEqual({ ratio: 5.5, sector: -5, 'ratio × size': 4 });
  });
  it('treats missing, unparsable, unknown and infinite values without NaN', () => {
    // ratio missing (−10), sector unknown → other (−7.5), pair: missing ratio row → 0; −Infinity → '< 0' (−30)
    expect(score(golden, { ratio: null, sector: 'Z', size: 3 }).score).toBe(482.5);
    expect(score(golden, { ratio: 'abc', sector: '', size: undefined }).score).toBe(490);
    expect(score(golden, { ratio: ' 0.7 ', sector: ' C ', size: '12' }).score).toBe(504.5);
    expect(score(golden, { ratio: Number.POSITIVE_INFINITY, sector: 'A', size: 12 }).score).toBe(534.25);
    expect(score(golden, { ratio: Number.NEGATIVE_INFINITY, sector: 'NA', size: 12 }).score).toBe(472);
    expect(score(golden, { ratio: -999 }).score).toBe(480);
    expect(score(golden, {}).score).toBe(490);
  });
  it('gives reason codes against the best bin', () => {
    const r = score(golden, { ratio: -5, sector: 'C', size: 3 }, { reasons: 2 });
    expect(r.reasons).toEqual([
      { feature: 'ratio', bin: '< 0', points: -30, pointsLost: 50.25 },
      { feature: 'sector', bin: 'C', points: -5, pointsLost: 15 },
    ]);
  });
  it('batch scoring equals record scoring', () => {
    const rows = [
      { ratio: 0.7, sector: 'C', size: 12 },
      { ratio: null, sector: 'Z', size: 3 },
      { ratio: Number.POSITIVE_INFINITY, sector: 'A', size: 12 },
      { ratio: -999, sector: null, size: Number.NaN },
    ];
    const batch = scoreBatch(golden, {
      ratio: Float64Array.from(rows, (r) => (r.ratio === null ? Number.NaN : r.ratio)),
      sector: rows.map((r) => r.sector),
      size: Float64Array.from(rows, (r) => r.size),
    });
    rows.forEach((r, i) => {
      const one = score(golden, r);
      expect(batch.score[i]).toBe(one.score);
      expect(batch.pd[i]).toBe(one.pd);
    });
  });
  it('finds the fewest changes that move up one grade', () => {
    const cf = counterfactual(golden, { ratio: -5, sector: 'C', size: 3 });
    expect(cf.fromGrade).toBe('9');
    // needs PD < 12.8%: score > 487.12 + 28.85·ln(0.872/0.128) ≈ 542.5; ratio → ≥1 gives 500+20.25−5+0 = 515.25,
    // sector → A/B adds 15 → 530.25 … not enough for grade 8 with 2 features, so reachable is false
    expect(cf.changes[0]?.feature).toBe('ratio');
    expect(cf.changes[0]?.toBin).toBe('>= 1');
    expect(cf.reachable).toBe(false);
  });
  it('round-trips through JSON and refuses other versions', () => {
    expect(parseModel(modelToJson(golden))).toEqual(golden);
    expect(() => parseModel(goldenText.replace('"formatVersion": 1', '"formatVersion": 2'))).toThrow(
      new RangeError('model: unsupported formatVersion 2 (this runtime reads 1)'),
    );
    expect(() => parseModel('{')).toThrow(TypeError);
    const broken = JSON.parse(goldenText);
    broken.features[0].points.pop();
    expect(() => parseModel(JSON.stringify(broken))).toThrow(
      new RangeError('model feature ratio: expected 5 points, got 4'),
    );
  });
  it('exports a PostgreSQL expression', () => {
    expect(toSqlScore(golden)).toMatchSnapshot();
    expect(toSqlQuery(golden, 'firms')).toContain('FROM "firms" t');
  });
});
