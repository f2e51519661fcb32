import { describe, expect, it } from 'vitest';
import { createScaling, defaultMasterScale, gradeOf, pdFromScore, scoreForPd } from '../src/index.js';

describe('createScaling', () => {
  it('600 points at 50:1 with PDO 20 (DOMAIN.md §5.1)', () => {
    const s = createScaling({ baseScore: 600, baseOdds: 50, pdo: 20 });
    expect(s.factor).toBeCloseTo(28.853901, 6);
    expect(s.offset).toBeCloseTo(487.122876, 6);
    // score = offset + factor · ln(odds): 620 ↔ 100:1, 580 ↔ 25:1
    expect(s.offset + s.factor * Math.log(100)).toBeCloseTo(620, 9);
    expect(s.offset + s.factor * Math.log(25)).toBeCloseTo(580, 9);
  });
  it('defaults to 600 / 50 / 20 and refuses bad parameters', () => {
    expect(createScaling()).toEqual(createScaling({ baseScore: 600, baseOdds: 50, pdo: 20 }));
    expect(() => createScaling({ pdo: 0 })).toThrow(new RangeError('pdo must be positive'));
    expect(() => createScaling({ baseOdds: -1 })).toThrow(new RangeError('baseOdds must be positive'));
    expect(() => createScaling({ baseScore: Number.NaN })).toThrow(
      new TypeError('baseScore must be a finite number'),
    );
  });
});

describe('pdFromScore', () => {
  const s = createScaling();
  const model = { calibration: { a: s.offset / s.factor, b: -1 / s.factor }, pdDecimals: 6, pdFloor: 0.0005 };
  it('reproduces the DOMAIN.md table (rounded to 6 decimals)', () => {
    expect(pdFromScore(model, 600)).toBe(0.019608);
    expect(pdFromScore(model, 620)).toBe(0.009901);
    expect(pdFromScore(model, 580)).toBe(0.038462);
    expect(pdFromScore(model, s.offset)).toBe(0.5);
  });
  it('applies the Basel floor and never returns NaN for huge scores', () => {
    expect(pdFromScore(model, 900)).toBe(0.0005);
    expect(pdFromScore({ ...model, pdFloor: 0.0003 }, 900)).toBe(0.0003);
    expect(pdFromScore(model, 1e9)).toBe(0.0005);
    expect(pdFromScore(model, -1e9)).toBe(1);
  });
  it('scoreForPd inverts the calibration', () => {
    expect(scoreForPd(model, 1 / 51)).toBeCloseTo(600, 9);
    expect(() => scoreForPd(model, 1)).toThrow(new RangeError('scoreForPd: pd must be in (0, 1)'));
  });
});

describe('gradeOf', () => {
  const scale = defaultMasterScale();
  it('uses exclusive upper PD bounds', () => {
    expect(gradeOf(0.0005, scale)).toBe('1');
    expect(gradeOf(0.001, scale)).toBe('2');
    expect(gradeOf(0.05, scale)).toBe('7');
    expect(gradeOf(0.5, scale)).toBe('9');
    expect(gradeOf(1, scale)).toBe('10');
  });
  it('refuses a PD outside [0, 1]', () => {
    expect(() => gradeOf(1.2, scale)).toThrow(new RangeError('gradeOf: pd must be in [0, 1]'));
  });
});
