import { describe, expect, it } from 'vitest';
import { binCategorical, binNumeric, fitLogistic, mergeBins, woeIv } from '../src/index.js';

describe('woeIv', () => {
  it('computes WoE = ln(DistrBad/DistrGood) and IV of a 2-bin table (0.5 added to counts)', () => {
    // bin 0: 100 records, 10 bad; bin 1: 100 records, 30 bad → B = 40, G = 160
    const { woe, iv } = woeIv([100, 100], [10, 30]);
    const w0 = Math.log(10.5 / 40.5 / (90.5 / 160.5));
    const w1 = Math.log(30.5 / 40.5 / (70.5 / 160.5));
    expect(woe[0]).toBeCloseTo(w0, 12);
    expect(woe[1]).toBeCloseTo(w1, 12);
    expect(iv).toBeCloseTo((10 / 40 - 90 / 160) * w0 + (30 / 40 - 70 / 160) * w1, 12);
  });
  it('refuses bins without both classes', () => {
    expect(() => woeIv([10, 10], [0, 0])).toThrow(
      new RangeError('woeIv: the bins must hold both events and non-events'),
    );
  });
});

describe('mergeBins', () => {
  it('finds an ascending grouping that respects the minimum size', () => {
    const r = mergeBins([100, 100, 100, 100], [5, 20, 60, 80], {
      shape: 'ascending',
      minCount: 100,
      maxGroups: 4,
      totalEvents: 165,
      totalNonEvents: 235,
    });
    expect(r?.starts).toEqual([0, 1, 2, 3]);
    expect(
      mergeBins([100, 100], [5, 20], {
        shape: 'ascending',
        minCount: 150,
        maxGroups: 4,
        totalEvents: 25,
        totalNonEvents: 175,
      })?.starts,
    ).toEqual([0]);
  });
  it('merges a dip to keep the event rate monotone', () => {
    const r = mergeBins([10, 10, 10], [2, 1, 8], {
      shape: 'ascending',
      minCount: 1,
      maxGroups: 3,
      totalEvents: 11,
      totalNonEvents: 19,
    });
    expect(r?.starts).toEqual([0, 2]);
  });
  it('finds a peak when asked', () => {
    const r = mergeBins([10, 10, 10], [1, 8, 1], {
      shape: 'peak',
      minCount: 1,
      maxGroups: 3,
      totalEvents: 10,
      totalNonEvents: 20,
    });
    expect(r?.starts).toEqual([0, 1, 2]);
  });
});

describe('binNumeric', () => {
  const n = 400;
  const x: (number | null)[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = i / n;
    x.push(i % 40 === 0 ? null : i % 53 === 0 ? -999 : i === 7 ? Number.POSITIVE_INFINITY : v);
    y.push((i * 7919) % 100 < v * 60 ? 1 : 0);
  }
  it('builds monotone bins with missing and special bins, Infinity in the top interval', () => {
    const r = binNumeric('x', x, y, { specialValues: [-999] });
    expect(r.binning.type).toBe('numeric');
    expect(r.labels[0]).toBe('missing');
    expect(r.labels[1]).toBe('= -999');
    expect(r.counts[0]).toBe(10);
    expect(r.counts.reduce((s, c) => s + c, 0)).toBe(n);
    expect(r.shape).toBe('ascending');
    const rates = r.counts.slice(2).map((c, k) => r.events[k + 2]! / c);
    for (let k = 1; k < rates.length; k++) expect(rates[k]!).toBeGreaterThan(rates[k - 1]!);
    for (const c of r.counts.slice(2)) expect(c).toBeGreaterThanOrEqual(20);
    expect(r.iv).toBeGreaterThan(0.1);
    expect(r.woe.every(Number.isFinite)).toBe(true);
  });
});

describe('binCategorical', () => {
  it('pools rare levels into other and orders groups by event rate', () => {
    const x: string[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const level = i < 100 ? 'low' : i < 200 ? 'mid' : i < 296 ? 'high' : `rare${i}`;
      x.push(level);
      y.push(
        level === 'low'
          ? i % 10 === 0
            ? 1
            : 0
          : level === 'mid'
            ? i % 3 === 0
              ? 1
              : 0
            : i % 3 === 0
              ? 0
              : 1,
      );
    }
    const r = binCategorical('c', x, y);
    const b = r.binning;
    if (b.type !== 'categorical') throw new Error('expected categorical');
    expect(b.groups.flat()).not.toContain('rare296');
    expect(b.groups[0]).toContain('low');
    expect(r.counts.reduce((s, c) => s + c, 0)).toBe(300);
  });
});

describe('fitLogistic', () => {
  it('matches the closed form for one binary feature (no penalty)', () => {
    // x = 0: 100 rows, 20 events; x = 1: 100 rows, 50 events
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      x.push(i < 100 ? 0 : 1);
      y.push(i < 100 ? (i < 20 ? 1 : 0) : i < 150 ? 1 : 0);
    }
    const fit = fitLogistic([x], y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(20 / 80), 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(50 / 50) - Math.log(20 / 80), 8);
  });
  it('refuses a single class', () => {
    expect(() => fitLogistic([[1, 2]], [0, 0])).toThrow(
      new RangeError('fitLogistic: labels must contain both classes'),
    );
  });
});
