import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationByGrade, defaultMasterScale, gini, ks, logLoss, psi } from '../src/index.js';

describe('auc', () => {
  it('matches a hand count of concordant pairs', () => {
    // positives 0.8, 0.4; negatives 0.6, 0.2, 0.1 → pairs (0.8>all 3) + (0.4>0.2, 0.4>0.1) = 5 of 6
    expect(auc([1, 0, 1, 0, 0], [0.8, 0.6, 0.4, 0.2, 0.1])).toBeCloseTo(5 / 6, 12);
  });
  it('counts ties as one half', () => {
    expect(auc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1])).toBeCloseTo((1 + 1 + 0.5 + 1) / 4, 12);
  });
  it('refuses a single class', () => {
    expect(() => auc([1, 1], [0.1, 0.2])).toThrow(new RangeError('auc: labels must contain both classes'));
  });
  it('refuses NaN predictions and non-binary labels', () => {
    expect(() => auc([1, 0], [Number.NaN, 0.2])).toThrow(
      new TypeError('auc: predictions must be finite numbers'),
    );
    expect(() => auc([2, 0], [0.1, 0.2])).toThrow(new RangeError('auc: labels must be 0 or 1'));
    expect(() => auc([1, 0], [0.1])).toThrow(new RangeError('auc: arrays must have the same length'));
  });
  it('gini is 2·AUC − 1', () => {
    expect(gini([1, 0, 1, 0, 0], [0.8, 0.6, 0.4, 0.2, 0.1])).toBeCloseTo(2 / 3, 12);
  });
});

describe('ks', () => {
  it('is the largest gap of the cumulative shares', () => {
    // sorted desc: 0.8(b) 0.6(g) 0.4(b) 0.2(g) 0.1(g): after 0.4 cumBad 1, cumGood 1/3 → 2/3
    expect(ks([1, 0, 1, 0, 0], [0.8, 0.6, 0.4, 0.2, 0.1])).toBeCloseTo(2 / 3, 12);
  });
  it('is 1 for a perfect separation', () => {
    expect(ks([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
  });
});

describe('brier and logLoss', () => {
  it('brier is the mean squared error', () => {
    expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });
  it('logLoss is the mean cross-entropy', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });
  it('refuses probabilities outside [0, 1]', () => {
    expect(() => brier([1], [1.5])).toThrow(new RangeError('brier: probabilities must be in [0, 1]'));
  });
});

describe('psi', () => {
  it('matches a hand computation', () => {
    const e = [0.5, 0.5];
    const a = [0.6, 0.4];
    const expected = (0.6 - 0.5) * Math.log(0.6 / 0.5) + (0.4 - 0.5) * Math.log(0.4 / 0.5);
    expect(psi(e, a)).toBeCloseTo(expected, 12);
    expect(psi([50, 50], [60, 40])).toBeCloseTo(expected, 12);
  });
  it('is 0 for identical distributions and refuses mismatched bins', () => {
    expect(psi([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 12);
    expect(() => psi([1, 2], [1])).toThrow(
      new RangeError('psi: expected and actual must have the same bins'),
    );
    expect(() => psi([0, 0], [1, 1])).toThrow(new RangeError('psi: both distributions must hold records'));
  });
});

describe('calibrationByGrade', () => {
  it('groups observed and predicted by grade', () => {
    const rows = calibrationByGrade([0, 1, 0, 0], [0.0005, 0.2, 0.2, 0.0015], defaultMasterScale());
    expect(rows.find((r) => r.grade === '1')).toEqual({ grade: '1', n: 1, observed: 0, predicted: 0.0005 });
    expect(rows.find((r) => r.grade === '9')).toEqual({ grade: '9', n: 2, observed: 0.5, predicted: 0.2 });
  });
});
