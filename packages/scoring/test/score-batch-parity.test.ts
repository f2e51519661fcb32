import { describe, expect, it } from 'vitest';
import {
  type Column,
  columnsFromRows,
  compileModel,
  type ScoringModel,
  type ScoringRecord,
  score,
  scoreBatch,
  scoreBatchWithReasons,
  train,
} from '../src/index.js';
import { createRandom } from '../src/internal/util.js';
import { setScoringKernel } from '../src/runtime/score-batch.js';
import { createKernel } from '../src/runtime/wasm-kernel.js';
import { HAND_MADE_HEADER } from './fixtures/model-header.js';

/** Values that probe the numeric lookup: edges themselves, their neighbours, ±0, ±Infinity, NaN, subnormals. */
function awkward(edges: number[], random: () => number): number {
  const r = random();
  if (r < 0.05) return Number.NaN;
  if (r < 0.08) return Number.POSITIVE_INFINITY;
  if (r < 0.11) return Number.NEGATIVE_INFINITY;
  if (r < 0.14) return -0;
  if (r < 0.16) return 0;
  if (r < 0.18) return (random() < 0.5 ? -1 : 1) * 5e-324;
  if (r < 0.2) return (random() < 0.5 ? -1 : 1) * Number.MAX_VALUE;
  const e = edges[Math.floor(random() * edges.length)] ?? 0;
  if (r < 0.45) return e;
  if (r < 0.6)
    return e + (random() < 0.5 ? -1 : 1) * Math.abs(e) * Number.EPSILON * (1 + Math.floor(random() * 3));
  // anywhere from −1e9 to 1e9 on a log scale, and plain uniform values near the edges
  if (r < 0.8) return (random() < 0.5 ? -1 : 1) * 10 ** (random() * 18 - 9);
  return e * (0.5 + random());
}

/** A hand-made GAM whose edges straddle zero over many octaves, plus a categorical term and a pair. */
function wideModel(): ScoringModel {
  const wide = [-1e6, -3.5, -1, -1e-300, -0, 1e-300, 2 ** -20, 0.1, 0.10000000000000002, 1, 7.25, 1e12];
  const narrow = [0.5, 0.50001, 0.5001, 0.501, 0.51, 0.6];
  const points = (k: number, seed: number) =>
    Array.from({ length: k }, (_, i) => ((i * seed) % 17) - 8 + 0.25);
  return {
    ...HAND_MADE_HEADER,
    intercept: 500,
    features: [
      {
        feature: 'wide',
        binning: { type: 'numeric', edges: wide, specialValues: [] },
        labels: Array.from({ length: wide.length + 2 }, (_, i) => `w${i}`),
        points: points(wide.length + 2, 5),
      },
      {
        feature: 'narrow',
        binning: { type: 'numeric', edges: narrow, specialValues: [] },
        labels: Array.from({ length: narrow.length + 2 }, (_, i) => `n${i}`),
        points: points(narrow.length + 2, 7),
      },
      {
        feature: 'special',
        binning: { type: 'numeric', edges: [0, 10], specialValues: [-1, 999] },
        labels: ['missing', '-1', '999', '< 0', '0 to 10', '>= 10'],
        points: [-3, -9, 4, 1, 2, 3],
      },
      {
        feature: 'sector',
        binning: { type: 'categorical', groups: [['A', 'B'], ['C']], otherBin: 3 },
        labels: ['missing', 'A, B', 'C', 'other'],
        points: [-2, 6, 1, -4.5],
      },
    ],
    interactions: [
      {
        features: ['wide', 'narrow'],
        binnings: [
          // axes with edges of their own (-2, 0.3, 0.505) besides some of the feature's: a column's classes
          // come from the union of its binnings' edges
          { type: 'numeric', edges: [-2, -1, 0, 0.3, 1], specialValues: [] },
          { type: 'numeric', edges: [0.5, 0.505, 0.51], specialValues: [] },
        ],
        labels: [
          ['missing', '< -2', '-2 to -1', '-1 to 0', '0 to 0.3', '0.3 to 1', '>= 1'],
          ['missing', '< 0.5', '0.5 to 0.505', '0.505 to 0.51', '>= 0.51'],
        ],
        points: Array.from({ length: 35 }, (_, i) => ((i * 3) % 11) - 5),
      },
    ],
    calibration: { a: -4.1, b: 0.0071 },
    pdDecimals: 5,
    pdFloor: 0.0005,
    masterScale: [
      { grade: 'A', pdMax: 0.01 },
      { grade: 'B', pdMax: 0.05 },
      { grade: 'C', pdMax: 1 },
    ],
  };
}

function expectParity(model: ScoringModel, input: Record<string, ArrayLike<unknown>>, n: number) {
  // the WebAssembly kernel and the JavaScript loops (where WebAssembly is missing) give the same numbers
  try {
    setScoringKernel(false);
    expectParityOnce(model, input, n);
  } finally {
    setScoringKernel(true);
  }
  expectParityOnce(model, input, n);
}

function expectParityOnce(model: ScoringModel, input: Record<string, ArrayLike<unknown>>, n: number) {
  const compiled = compileModel(model);
  const batch = scoreBatch(compiled, input as Parameters<typeof scoreBatch>[1]);
  const withReasons = scoreBatchWithReasons(compiled, input as Parameters<typeof scoreBatch>[1], {
    reasons: 3,
  });
  for (let i = 0; i < n; i++) {
    const record: ScoringRecord = {};
    for (const [name, values] of Object.entries(input)) record[name] = values[i] as ScoringRecord[string];
    const one = score(model, record, { reasons: 3 });
    // Object.is: identical bits, -0 included
    expect(Object.is(batch.score[i], one.score), `row ${i} score`).toBe(true);
    expect(Object.is(batch.pd[i], one.pd), `row ${i} pd`).toBe(true);
    expect(withReasons.grade[i]).toBe(one.grade);
    expect(withReasons.reasons[i]).toEqual(one.reasons);
  }
}

describe('scoreBatch equals score() record by record', () => {
  it('has its WebAssembly kernel here (Node compiles the emitted module)', () => {
    const kernel = createKernel(1 << 16);
    expect(kernel).not.toBeNull();
    // one pair row by hand: units[mA[ca[0]] + mB[cb[0]]] added to total[0]
    const view = new Int32Array(kernel!.memory.buffer);
    const f64 = new Float64Array(kernel!.memory.buffer);
    view.set([1], 0); // ca at 0: class 1
    view.set([2], 4); // cb at 16: class 2
    view.set([0, 3], 8); // mA at 32: class 1 → 3
    view.set([0, 0, 1], 16); // mB at 64: class 2 → 1
    f64.set([0, 0, 0, 0, 7.5], 16); // units at 128: cell 4 = 7.5
    f64[32] = 1; // total at 256
    kernel!.pair(1, 0, 16, 32, 64, 128, 256);
    expect(f64[32]).toBe(8.5);
  });

  it('on a hand-made model with edges over many octaves, subnormals, ±0, ±Infinity, NaN and unseen levels', () => {
    const model = wideModel();
    const random = createRandom(7);
    const n = 5000;
    const edgesOf = (b: unknown) => (b as { edges: number[] }).edges;
    const [wideAxis, narrowAxis] = model.interactions[0]!.binnings;
    const wideEdges = [...edgesOf(model.features[0]!.binning), ...edgesOf(wideAxis)];
    const narrowEdges = [...edgesOf(model.features[1]!.binning), ...edgesOf(narrowAxis)];
    const wide = Float64Array.from({ length: n }, () => awkward(wideEdges, random));
    const narrow = Float64Array.from({ length: n }, () => awkward(narrowEdges, random));
    const special = Float64Array.from({ length: n }, () =>
      random() < 0.3 ? [-1, 999, 0, 10][Math.floor(random() * 4)]! : awkward([0, 10], random),
    );
    const sector = Array.from({ length: n }, () =>
      random() < 0.1 ? null : ['A', 'B', 'C', 'Z', '', ' C ', 'NA', 'unseen'][Math.floor(random() * 8)]!,
    );
    expectParity(model, { wide, narrow, special, sector }, n);
    // the same values as plain arrays of numbers and of strings (the generic path)
    expectParity(model, { wide: Array.from(wide), narrow: Array.from(narrow, String), special, sector }, n);
  });

  it('on trained GAM and scorecard models, with columns absent, and with a few rows per call', () => {
    const random = createRandom(11);
    const n = 3000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const level: (string | null)[] = [];
    const target: number[] = [];
    for (let i = 0; i < n; i++) {
      x[i] = random() < 0.04 ? Number.NaN : (random() - 0.3) * 10 ** (random() * 6 - 3);
      y[i] = random() < 0.02 ? Number.NEGATIVE_INFINITY : random() * 100;
      level.push(random() < 0.05 ? null : `L${Math.floor(random() * 6)}`);
      const eta = -1 + (x[i]! > 0 ? 1.2 : -0.5) + 0.02 * Math.min(y[i]!, 100) - (level[i] === 'L2' ? 1 : 0);
      target.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
    }
    const columns: Column[] = [
      { name: 'x', type: 'numeric', values: x },
      { name: 'y', type: 'numeric', values: y },
      { name: 'level', type: 'text', values: level },
    ];
    for (const kind of ['gam', 'scorecard'] as const) {
      const { model } = train({ columns }, target, { kind, gam: { interactions: 2 } });
      expect(model.features.length).toBeGreaterThan(0);
      const m = 600;
      const xs = Float64Array.from({ length: m }, () =>
        awkward((model.features[0]!.binning as { edges?: number[] }).edges ?? [0], random),
      );
      const ys = Float64Array.from({ length: m }, () => awkward([0, 50, 100], random));
      const levels = Array.from({ length: m }, () =>
        random() < 0.1 ? null : ['L0', 'L2', 'L5', 'L9', 'unseen', ''][Math.floor(random() * 6)]!,
      );
      expectParity(model, { x: xs, y: ys, level: levels }, m);
      // the same rows as parsed text: the text column comes with its dictionary, read level by level
      const parsed = columnsFromRows(
        ['x', 'y', 'level'],
        Array.from({ length: m }, (_, i) => [String(xs[i]), String(ys[i]), levels[i] ?? '']),
      );
      expect(parsed.columns[2]!.type === 'text' && parsed.columns[2]!.dictionary).toBeTruthy();
      const fromDictionary = scoreBatch(model, parsed);
      expect(Array.from(fromDictionary.score)).toEqual(
        Array.from(scoreBatch(model, { x: xs, y: ys, level: levels }).score),
      );
      expectParity(model, { x: xs.subarray(5, 29), level: levels.slice(5, 29) }, 24); // y absent, 24 rows
      expectParity(model, { y: ys.subarray(0, 1) }, 1);
    }
  });

  it('refuses a dictionary whose codes do not fit its levels', () => {
    const model = wideModel();
    const values = ['A', 'C'];
    const bad = { codes: Uint32Array.from([1, 7]), levels: [null, 'A', 'C'] };
    expect(() =>
      scoreBatch(model, { columns: [{ name: 'sector', type: 'text', values, dictionary: bad }] }),
    ).toThrow('scoreBatch: column sector: row 1 has code 7, beyond its levels');
    const short = { codes: Uint32Array.from([1]), levels: [null, 'A', 'C'] };
    expect(() =>
      scoreBatch(model, { columns: [{ name: 'sector', type: 'text', values, dictionary: short }] }),
    ).toThrow("scoreBatch: column sector: the dictionary's codes must cover every row");
  });
});
