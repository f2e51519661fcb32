import { afterEach, describe, expect, it } from 'vitest';
import { type Column, train } from '../src/index.js';
import { createRandom } from '../src/internal/util.js';
import { setGamKernelEnabled } from '../src/train/fit-gam.js';
import { createGamKernel } from '../src/train/gam-kernel.js';

/** Odds ← min(odds × factor, 1e300) and the histogram of the next bins, as the JavaScript loops compute them. */
function reference(
  rows: number[],
  binsT: ArrayLike<number>,
  factors: ArrayLike<number>,
  odds: Float64Array,
  y: ArrayLike<number>,
  next: ArrayLike<number>,
  nb: number,
) {
  const hist = new Float64Array(3 * nb);
  for (const i of rows) {
    const v = odds[i]! * factors[binsT[i]!]!;
    const o = Math.min(v, 1e300);
    odds[i] = o;
    const q = o / (1 + o);
    hist[3 * next[i]!]! += y[i]! - q;
    hist[3 * next[i]! + 1]! += q * (1 - q);
    hist[3 * next[i]! + 2]! += 1;
  }
  return hist;
}

describe('GAM boosting kernel (WebAssembly)', () => {
  const n = 500;
  const random = createRandom(11);
  const kernel = createGamKernel(1 << 16)!;
  // layout: rows (u32) | binsT (u8) | next (u16) | y (u8) | odds (f64) | factors (f64) | hist (f64) | wide binsT (u16)
  const rows = new Uint32Array(kernel.buffer, 0, n);
  const binsT = new Uint8Array(kernel.buffer, 4 * n, n);
  const next = new Uint16Array(kernel.buffer, 5 * n, n);
  const y = new Uint8Array(kernel.buffer, 7 * n, n);
  const binsT16 = new Uint16Array(kernel.buffer, 32 * n, n);
  const odds = new Float64Array(kernel.buffer, 8 * n, n);
  const factors = new Float64Array(kernel.buffer, 16 * n, 8);
  const hist = new Float64Array(kernel.buffer, 16 * n + 64, 3 * 300);
  const listed: number[] = [];
  for (let i = 0; i < n; i++) {
    binsT[i] = Math.floor(random() * 8);
    next[i] = Math.floor(random() * 300);
    y[i] = random() < 0.3 ? 1 : 0;
    // odds from tiny to the cap, so the cap is exercised
    odds[i] = i === 7 ? 1e299 : Math.exp(40 * random() - 20);
    if (random() < 0.6) listed.push(i);
  }
  rows.set(listed);
  for (let b = 0; b < 8; b++) factors[b] = b === 3 ? 50 : Math.exp(random() - 0.5);
  binsT[7] = 3;
  binsT16.set(binsT);

  it('updates the listed rows and builds the next histogram with the JavaScript loops’ numbers, bit for bit', () => {
    const expectedOdds = odds.slice();
    const expected = reference(listed, binsT, factors, expectedOdds, y, next, 300);
    hist.fill(0);
    kernel.update16(
      rows.byteOffset,
      listed.length,
      binsT16.byteOffset,
      factors.byteOffset,
      odds.byteOffset,
      y.byteOffset,
      next.byteOffset,
      hist.byteOffset,
    );
    expect(Array.from(odds)).toEqual(Array.from(expectedOdds));
    expect(Array.from(hist)).toEqual(Array.from(expected));
    expect(odds[7]).toBe(1e300);
  });

  it('builds a histogram from the odds without changing them (u8 bins)', () => {
    const before = odds.slice();
    const expected = reference(listed, binsT, [1, 1, 1, 1, 1, 1, 1, 1], before.slice(), y, binsT, 8);
    hist.fill(0);
    kernel.count8(
      rows.byteOffset,
      listed.length,
      binsT.byteOffset,
      odds.byteOffset,
      y.byteOffset,
      hist.byteOffset,
    );
    expect(Array.from(hist.subarray(0, 24))).toEqual(Array.from(expected));
    expect(Array.from(odds)).toEqual(Array.from(before));
  });

  it('multiplies the listed rows, or every row, and leaves the others alone', () => {
    const before = odds.slice();
    kernel.mul8(rows.byteOffset, 2, binsT.byteOffset, factors.byteOffset, odds.byteOffset);
    for (let i = 0; i < n; i++) {
      const v = before[i]! * factors[binsT[i]!]!;
      expect(odds[i]).toBe(i === listed[0] || i === listed[1] ? Math.min(v, 1e300) : before[i]);
    }
    const again = odds.slice();
    kernel.mulAll8(n, binsT.byteOffset, factors.byteOffset, odds.byteOffset);
    for (let i = 0; i < n; i++) {
      const v = again[i]! * factors[binsT[i]!]!;
      expect(odds[i]).toBe(Math.min(v, 1e300));
    }
  });
});

describe('GAM training with and without the kernel', () => {
  afterEach(() => setGamKernelEnabled(true));
  it('gives the same model, bit for bit (main effects, text, missing values and pair tables, with a refit)', () => {
    const random = createRandom(5);
    const m = 3000;
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    const sector: (string | null)[] = [];
    const target: number[] = [];
    for (let i = 0; i < m; i++) {
      a[i] = random() < 0.05 ? Number.NaN : random();
      b[i] = random() * 4;
      sector.push(random() < 0.03 ? null : ['x', 'y', 'z', 'w'][Math.floor(random() * 4)]!);
      const eta = -2 + (Number.isNaN(a[i]!) ? 1 : 2 * a[i]!) - 0.5 * b[i]! + (sector[i] === 'x' ? 1 : 0);
      const both = a[i]! > 0.5 === b[i]! > 2;
      target.push(random() < 1 / (1 + Math.exp(-eta - (both ? 1 : 0))) ? 1 : 0);
    }
    const columns: Column[] = [
      { name: 'a', type: 'numeric', values: a },
      { name: 'b', type: 'numeric', values: b },
      { name: 'sector', type: 'text', values: sector },
    ];
    const fit = () => train({ columns }, target, { kind: 'gam', gam: { interactions: 2, refit: true } });
    const withKernel = fit();
    setGamKernelEnabled(false);
    const withoutKernel = fit();
    expect(withKernel.report.notes.some((n) => n.startsWith('refit on all'))).toBe(true);
    expect(withKernel.model.interactions.length).toBeGreaterThan(0);
    expect(withoutKernel.model).toEqual(withKernel.model);
  });
});
