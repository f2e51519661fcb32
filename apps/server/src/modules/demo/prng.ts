/**
 * A small, seeded, platform-independent random source. Only 32-bit integer arithmetic (Math.imul, >>>) feeds
 * the state, so the stream is identical on every platform; transcendental helpers (normal draws) use V8's
 * fdlibm-based Math functions, which are deterministic across platforms for the same Node.js major version.
 */

/** Mixes 32-bit words into one well-scrambled 32-bit hash (murmur3 finaliser over an FNV-style combine). */
export function hashWords(...words: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const word of words) hash = mixWord(hash, word);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

function mixWord(hash: number, word: number): number {
  let mixed = Math.imul(hash ^ (word >>> 0), 0x01000193) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 15), 0x2c1b3c6d) >>> 0;
  return (mixed ^ (mixed >>> 12)) >>> 0;
}

/** {@link hashWords} of exactly four words, without the rest-parameter array (hot path). */
export function hashWords4(a: number, b: number, c: number, d: number): number {
  let hash = mixWord(mixWord(mixWord(mixWord(0x811c9dc5, a), b), c), d);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Hashes a short ASCII/Unicode tag into a 32-bit word (used to name sub-streams). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

/** A seeded pseudo-random stream (mulberry32 core) with the draws the generator needs. */
export class Random {
  private state: number;
  private spareNormal: number | null = null;

  /** @param seed - any 32-bit integer; sub-streams are usually made with {@link Random.derive} */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream that depends only on the given words, e.g. `Random.derive(seed, enterpriseIndex, STREAM)`. */
  static derive(seed: number, index: number, stream: number, extra = 0): Random {
    return new Random(hashWords4(seed, index, stream, extra));
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform integer in [low, high] (both included). */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** A log-normal draw with the given median and log-scale standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick: the list is empty');
    return item;
  }

  /** The index of a weight, chosen with probability proportional to it. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let index = 0; index < weights.length; index += 1) {
      target -= weights[index] ?? 0;
      if (target < 0) return index;
    }
    return weights.length - 1;
  }
}

/** The standard normal cumulative distribution (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A quantile table as written by calibrate.ts: keys p5…p95. */
export type QuantileTable = Readonly<Record<string, number>>;

const COMPILED = new WeakMap<QuantileTable, { levels: Float64Array; values: Float64Array }>();
const LEVELS = [5, 10, 25, 50, 75, 90, 95] as const;

function compile(table: QuantileTable): { levels: Float64Array; values: Float64Array } {
  let compiled = COMPILED.get(table);
  if (!compiled) {
    const levels: number[] = [];
    const values: number[] = [];
    for (const level of LEVELS) {
      const value = table[`p${level}`];
      if (value !== undefined) {
        levels.push(level / 100);
        values.push(value);
      }
    }
    compiled = { levels: Float64Array.from(levels), values: Float64Array.from(values) };
    COMPILED.set(table, compiled);
  }
  return compiled;
}

/**
 * Evaluates a calibrated quantile table at probability u (0–1) by piecewise-linear interpolation between the
 * stored levels, and linear extrapolation to `floor`/`ceiling` at u = 0 and u = 1.
 */
export function quantileAt(table: QuantileTable, u: number, floor: number, ceiling: number): number {
  const { levels, values } = compile(table);
  const clamped = Math.min(1, Math.max(0, u));
  let x0 = 0;
  let y0 = floor;
  for (let index = 0; index <= levels.length; index += 1) {
    const x1 = index < levels.length ? (levels[index] as number) : 1;
    const y1 = index < levels.length ? (values[index] as number) : ceiling;
    if (clamped <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (clamped - x0)) / (x1 - x0);
    x0 = x1;
    y0 = y1;
  }
  return ceiling;
}
