import { describe, expect, it } from 'vitest';
import {
  type Column,
  columnsFromRows,
  counterfactual,
  csi,
  score,
  scoreBatch,
  toSqlScore,
  train,
} from '../src/index.js';
import { createRandom } from '../src/internal/util.js';

/** A small synthetic credit data set with a known signal. */
function synthetic(n: number, seed = 1) {
  const random = createRandom(seed);
  const leverage = new Float64Array(n);
  const margin = new Float64Array(n);
  const noise = new Float64Array(n);
  const sector: (string | null)[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    leverage[i] = random() * 2;
    margin[i] = random() < 0.05 ? Number.NaN : random() - 0.5;
    noise[i] = random();
    sector.push(random() < 0.02 ? null : ['retail', 'manufacturing', 'services'][Math.floor(random() * 3)]!);
    const eta =
      -3 +
      2 * leverage[i]! -
      3 * (Number.isNaN(margin[i]!) ? 0.3 : margin[i]!) +
      (sector[i] === 'retail' ? 0.8 : 0);
    target.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  const columns: Column[] = [
    { name: 'leverage', type: 'numeric', values: leverage },
    { name: 'margin', type: 'numeric', values: margin },
    { name: 'noise', type: 'numeric', values: noise },
    { name: 'sector', type: 'text', values: sector },
  ];
  return { columns, target };
}

describe('train (scorecard)', () => {
  const data = synthetic(3000);
  const { model, report } = train({ columns: data.columns }, data.target);
  it('learns the signal and reports validation metrics', () => {
    expect(report.selected).toContain('leverage');
    expect(report.selected).toContain('margin');
    expect(report.validation!.auc).toBeGreaterThan(0.7);
    expect(model.kind).toBe('scorecard');
    const lev = model.features.find((f) => f.feature === 'leverage')!;
    // more leverage, fewer points
    const intervals = lev.points.slice(1 + lev.binning.type.length * 0);
    expect(intervals[intervals.length - 1]!).toBeLessThan(intervals[1]!);
  });
  it('is deterministic', () => {
    expect(train({ columns: data.columns }, data.target).model).toEqual(model);
  });
  it('scores every record of the training data without NaN', () => {
    const { score: s, pd } = scoreBatch(model, { columns: data.columns });
    for (let i = 0; i < s.length; i++) {
      expect(Number.isFinite(s[i]!)).toBe(true);
      expect(pd[i]!).toBeGreaterThanOrEqual(0.0005);
    }
    expect(toSqlScore(model)).toContain('CASE');
  });
});

describe('train (scorecard) with few events', () => {
  const data = synthetic(300, 9);
  it('codes numeric features linearly within quantile bins and fits them all (no WoE to estimate)', () => {
    const { model, report } = train({ columns: data.columns }, data.target);
    expect(report.notes.some((n) => n.startsWith('numeric features coded linearly'))).toBe(true);
    const leverage = model.features.find((f) => f.feature === 'leverage')!;
    expect(leverage.woe).toBeUndefined();
    expect(leverage.binning.type === 'numeric' && leverage.binning.edges.length).toBeGreaterThan(10);
    // a linear term: points fall steadily as leverage (the risk driver) rises
    const intervals = leverage.points.slice(1);
    for (let k = 1; k < intervals.length; k++) expect(intervals[k]!).toBeLessThanOrEqual(intervals[k - 1]!);
    expect(report.selected).toEqual(expect.arrayContaining(['leverage', 'margin', 'noise', 'sector']));
    const { score: s } = scoreBatch(model, { columns: data.columns });
    for (const v of s) expect(Number.isFinite(v)).toBe(true);
  });
  it("keeps WoE binning and stepwise selection with coding: 'woe'", () => {
    const { model, report } = train({ columns: data.columns }, data.target, { coding: 'woe' });
    expect(report.notes.some((n) => n.startsWith('numeric features coded linearly'))).toBe(false);
    expect(model.features.every((f) => Array.isArray(f.woe))).toBe(true);
  });
});

describe('counterfactual and CSI on a trained scorecard', () => {
  const data = synthetic(3000, 4);
  const { model } = train({ columns: data.columns }, data.target);
  it('moves a risky record up one grade with few changes', () => {
    const record = { leverage: 1.9, margin: -0.45, sector: 'retail', noise: 0.5 };
    const before = score(model, record);
    const cf = counterfactual(model, record);
    expect(cf.fromGrade).toBe(before.grade);
    expect(cf.reachable).toBe(true);
    expect(cf.changes.length).toBeGreaterThan(0);
    expect(cf.changes.length).toBeLessThanOrEqual(2);
    expect(Number(cf.toGrade)).toBeLessThan(Number(before.grade));
    expect(cf.score).toBeGreaterThan(before.score);
  });
  it('CSI of the training population against itself is about 0', () => {
    const values = csi(model, { columns: data.columns });
    for (const v of Object.values(values)) expect(v).toBeLessThan(0.01);
  });
});

describe('train (gam)', () => {
  it('fits an additive model with the same points-table format', () => {
    const data = synthetic(3000, 2);
    const { model, report } = train({ columns: data.columns }, data.target, {
      kind: 'gam',
      gam: { interactions: 2, maxRounds: 300 },
    });
    expect(model.kind).toBe('gam');
    expect(report.validation!.auc).toBeGreaterThan(0.7);
    const r = score(model, { leverage: 1.9, margin: -0.4, sector: 'retail', noise: 0.5 });
    const good = score(model, { leverage: 0.1, margin: 0.4, sector: 'services', noise: 0.5 });
    expect(r.pd).toBeGreaterThan(good.pd);
    expect(Number.isFinite(r.score)).toBe(true);
  });
});

describe('train (gam) pair tables', () => {
  /** Risk only where both a and b are high or both low (no main effect): a pair must learn it. */
  function xor(n: number, seed: number) {
    const random = createRandom(seed);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const c = new Float64Array(n);
    const target: number[] = [];
    for (let i = 0; i < n; i++) {
      a[i] = random();
      b[i] = random();
      c[i] = random();
      const same = a[i]! > 0.6 === b[i]! > 0.3;
      target.push(random() < (same ? 0.3 : 0.03) ? 1 : 0);
    }
    const columns: Column[] = [
      { name: 'a', type: 'numeric', values: a },
      { name: 'b', type: 'numeric', values: b },
      { name: 'c', type: 'numeric', values: c },
    ];
    return { columns, target };
  }
  const fitted = (pairSteps: 'trees' | 'cells', interactions: number) => {
    const data = xor(4000, 7);
    return train({ columns: data.columns }, data.target, { kind: 'gam', gam: { pairSteps, interactions } });
  };
  it('learns an interaction without main effects with depth-2 pair trees (the default)', () => {
    const mainOnly = fitted('trees', 0);
    const withPair = fitted('trees', 1);
    expect(mainOnly.report.validation!.auc).toBeLessThan(0.65);
    // the best attainable AUC of this rule is about 0.76
    expect(withPair.report.validation!.auc).toBeGreaterThan(0.7);
    expect(withPair.report.validation!.auc).toBeGreaterThan(mainOnly.report.validation!.auc + 0.05);
    expect(withPair.model.interactions.map((t) => [...t.features].sort())).toEqual([['a', 'b']]);
    // the table's cells agree with the rule: both high costs more points than a high and b low
    const risky = score(withPair.model, { a: 0.9, b: 0.9, c: 0.5 });
    const safe = score(withPair.model, { a: 0.9, b: 0.1, c: 0.5 });
    expect(risky.pd).toBeGreaterThan(2 * safe.pd);
  });
  it('is deterministic', () => {
    expect(fitted('trees', 1).model).toEqual(fitted('trees', 1).model);
  });
  it('refits on all rows with the rounds early stopping found (validation metrics stay those of the first fit)', () => {
    const data = xor(4000, 7);
    const options = { kind: 'gam' as const, gam: { interactions: 1 } };
    const refit = train({ columns: data.columns }, data.target, options);
    const single = train({ columns: data.columns }, data.target, {
      ...options,
      gam: { interactions: 1, refit: false },
    });
    expect(refit.report.notes.some((n) => n.startsWith('refit on all 4000 rows'))).toBe(true);
    expect(refit.report.validation).toEqual(single.report.validation);
    expect(refit.model.intercept).not.toEqual(single.model.intercept);
  });
});

describe('train (gam) with a monotone constraint', () => {
  it('keeps the points of a constrained feature monotone', () => {
    const data = synthetic(2000, 5);
    const { model } = train({ columns: data.columns }, data.target, {
      kind: 'gam',
      gam: { monotone: { noise: 1, leverage: 1 }, interactions: 0, maxRounds: 300 },
    });
    for (const name of ['noise', 'leverage']) {
      const term = model.features.find((f) => f.feature === name);
      if (!term) continue;
      const intervals = term.points.slice(1); // skip the missing bin
      for (let k = 1; k < intervals.length; k++) expect(intervals[k]!).toBeLessThanOrEqual(intervals[k - 1]!);
    }
  });
});

describe('train refuses or handles bad input', () => {
  const base = synthetic(400, 3);
  it('drops a constant column and an all-missing column with a note', () => {
    const columns: Column[] = [
      ...base.columns,
      { name: 'constant', type: 'numeric', values: new Float64Array(400).fill(7) },
      { name: 'empty', type: 'numeric', values: new Float64Array(400).fill(Number.NaN) },
      { name: 'empty_text', type: 'text', values: new Array(400).fill(null) },
    ];
    const { report } = train({ columns }, base.target);
    expect(report.dropped).toContainEqual({ feature: 'constant', reason: 'constant column' });
    expect(report.dropped).toContainEqual({ feature: 'empty', reason: 'all values are missing' });
    expect(report.dropped).toContainEqual({ feature: 'empty_text', reason: 'all values are missing' });
  });
  it('refuses a single-class target', () => {
    expect(() => train({ columns: base.columns }, new Array(400).fill(0))).toThrow(
      new RangeError('train: the target has a single class (all non-events); both are needed'),
    );
  });
  it('refuses a target with other values', () => {
    const t = base.target.map((v, i) => (i === 5 ? 'maybe' : v));
    expect(() => train({ columns: base.columns }, t)).toThrow(
      new RangeError(
        `train: the target's row 6 has the value "maybe", which is not binary (expected 1/0, true/false or yes/no)`,
      ),
    );
  });
  it('accepts true/false and yes/no targets', () => {
    const tf = base.target.map((v) => (v ? 'true' : 'false'));
    const yn = base.target.map((v) => (v ? 'Yes' : 'no'));
    const a = train({ columns: base.columns }, base.target).model;
    expect(train({ columns: base.columns }, tf).model).toEqual(a);
    expect(train({ columns: base.columns }, yn).model).toEqual(a);
  });
  it('refuses GAM bin counts a byte cannot index', () => {
    const columns: Column[] = [
      { name: 'x', type: 'numeric', values: Float64Array.from({ length: 40 }, (_, i) => i) },
    ];
    const y = Array.from({ length: 40 }, (_, i) => i % 2);
    expect(() => train({ columns }, y, { kind: 'gam', gam: { maxBins: 256 } })).toThrow(
      new RangeError('train: gam.maxBins must be an integer from 2 to 254, got 256'),
    );
    expect(() => train({ columns }, y, { kind: 'gam', gam: { interactionBins: 1 } })).toThrow(
      new RangeError('train: gam.interactionBins must be an integer from 2 to 254, got 1'),
    );
  });

  it('refuses a 10-row file', () => {
    const columns: Column[] = [
      { name: 'x', type: 'numeric', values: Float64Array.from({ length: 10 }, (_, i) => i) },
    ];
    expect(() => train({ columns }, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1])).toThrow(
      new RangeError('train: need at least 20 rows with a target, got 10'),
    );
  });
  it('drops a text column with 100k levels as an identifier and pools rare levels of a wide one', () => {
    const n = 100_000;
    const random = createRandom(9);
    const x = new Float64Array(n);
    const id: string[] = [];
    const city: string[] = [];
    const target: number[] = [];
    for (let i = 0; i < n; i++) {
      x[i] = random();
      id.push(`firm-${i}`);
      city.push(i % 2 === 0 ? `c${i % 20}` : `rare-${i % 30_000}`);
      target.push(random() < 0.1 + 0.3 * x[i]! ? 1 : 0);
    }
    const { report, model } = train(
      {
        columns: [
          { name: 'x', type: 'numeric', values: x },
          { name: 'id', type: 'text', values: id },
          { name: 'city', type: 'text', values: city },
        ],
      },
      target,
    );
    expect(report.dropped.find((d) => d.feature === 'id')?.reason).toMatch(/looks like an identifier/);
    const cityTerm = model.features.find((f) => f.feature === 'city');
    if (cityTerm && cityTerm.binning.type === 'categorical') {
      expect(cityTerm.binning.groups.flat().length).toBeLessThanOrEqual(100);
    }
  }, 60_000);
  it('handles infinities: never NaN scores', () => {
    const lev = Float64Array.from(base.columns[0]!.values as Float64Array);
    for (let i = 0; i < 400; i += 13) lev[i] = i % 2 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    const columns: Column[] = [{ name: 'leverage', type: 'numeric', values: lev }, ...base.columns.slice(1)];
    for (const kind of ['scorecard', 'gam'] as const) {
      const { model } = train({ columns }, base.target, { kind, gam: { maxRounds: 100, interactions: 1 } });
      const { score: s, pd } = scoreBatch(model, { columns });
      for (let i = 0; i < 400; i++) {
        expect(Number.isFinite(s[i]!)).toBe(true);
        expect(Number.isFinite(pd[i]!)).toBe(true);
      }
      expect(Number.isFinite(score(model, { leverage: Number.POSITIVE_INFINITY }).score)).toBe(true);
    }
  });
  it('reads CSV-like text rows with missing tokens', () => {
    const ds = columnsFromRows(
      ['a', 'b'],
      [
        ['1.5', 'x'],
        ['NA', 'y'],
        ['', ''],
        ['-Infinity', 'NA'],
      ],
    );
    expect(ds.columns[0]!.type).toBe('numeric');
    expect(Array.from(ds.columns[0]!.values as Float64Array)).toEqual([
      1.5,
      Number.NaN,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(ds.columns[1]).toEqual({
      name: 'b',
      type: 'text',
      values: ['x', 'y', null, null],
      dictionary: { codes: Uint32Array.from([1, 2, 0, 0]), levels: [null, 'x', 'y'] },
    });
  });
});
