/**
 * The row loops of GAM boosting as a small WebAssembly module, emitted here byte by byte (no toolchain, no
 * dependency). The same loops in JavaScript pay typed-array checks and loads on every element (their arrays are
 * arguments, not constants); compiled from WebAssembly they run about twice as fast. The arithmetic is the same
 * IEEE-754 double arithmetic as the JavaScript loops, operation for operation and in the same order, so the
 * models are identical bit for bit with or without the module (see `gam-kernel.test.ts`).
 *
 * All pointers are byte offsets into the memory the module is instantiated with; the caller lays the arrays out.
 * A histogram is three doubles per bin (gradient, hessian, count), zeroed by the caller.
 */

import { F64, I32, moduleBytes, type WasmFunction, wasmLoader } from '../internal/wasm.js';

/** The loops of one instance and the memory they work in. */
export type GamKernel = {
  /** The instance's memory (its buffer does not change: the memory is never grown). */
  buffer: ArrayBuffer;
  /**
   * Histogram of the `count` rows listed (u32) at `rows` under `bins` (u8 per row), from the odds at `ot`
   * (f64 per row) and the labels at `yt` (u8 per row): q = o / (1 + o), gradient y − q, hessian q (1 − q).
   */
  count8: (rows: number, count: number, bins: number, ot: number, yt: number, hist: number) => void;
  /**
   * For the listed rows: odds ← min(odds × factor[binsT], 1e300), then the histogram under `next` from the
   * updated odds ({@link GamKernel.count8}'s sums, in the same pass).
   */
  update8: (
    rows: number,
    count: number,
    binsT: number,
    factors: number,
    ot: number,
    yt: number,
    next: number,
    hist: number,
  ) => void;
  /** For the listed rows: odds ← min(odds × factor[bin], 1e300). */
  mul8: (rows: number, count: number, bins: number, factors: number, odds: number) => void;
  /** For rows 0 … n − 1: odds ← min(odds × factor[bin], 1e300). */
  mulAll8: (n: number, bins: number, factors: number, odds: number) => void;
  /** {@link GamKernel.count8} with u16 bins (pair cells). */
  count16: GamKernel['count8'];
  /** {@link GamKernel.update8} with u16 bins (pair cells). */
  update16: GamKernel['update8'];
  /** {@link GamKernel.mul8} with u16 bins (pair cells). */
  mul16: GamKernel['mul8'];
  /** {@link GamKernel.mulAll8} with u16 bins (pair cells). */
  mulAll16: GamKernel['mulAll8'];
};

/** Instructions, one line of the listing per inner array (flattened when the module is built). */
type Code = number[][];

// opcodes
const BLOCK = 0x02;
const LOOP = 0x03;
const VOID = 0x40;
const END = 0x0b;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const SELECT = 0x1b;
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const I32_LOAD8_U = 0x2d;
const I32_LOAD16_U = 0x2f;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_EQZ = 0x45;
const I32_LT_U = 0x49;
const I32_GE_U = 0x4f;
const F64_LT = 0x63;
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_SHL = 0x74;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const F64_DIV = 0xa3;
const F64_CONVERT_I32_U = 0xb8;

/** An f64 constant (8 bytes, little-endian). */
const f64 = (x: number) => [F64_CONST, ...new Uint8Array(new Float64Array([x]).buffer)];
/** f64.load / f64.store with 8-byte alignment at a constant offset (< 128). */
const loadF64 = (offset: number) => [F64_LOAD, 3, offset];
const storeF64 = (offset: number) => [F64_STORE, 3, offset];

/** Pushes the bin of row `i` (local) of the array at `bins` (local): u8, or u16 when `wide`. */
const binOf = (bins: number, i: number, wide: boolean) =>
  wide
    ? [GET, bins, GET, i, I32_CONST, 1, I32_SHL, I32_ADD, I32_LOAD16_U, 1, 0]
    : [GET, bins, GET, i, I32_ADD, I32_LOAD8_U, 0, 0];

/** Pushes the address `base + 8 i` of row `i`'s double (`base`, `i` locals). */
const f64At = (base: number, i: number) => [GET, base, GET, i, I32_CONST, 3, I32_SHL, I32_ADD];

/** Local `o` ← min(o × factors[bin of row i], 1e300): a compare and a select, as the JavaScript `capOdds`. */
const scaleOdds = (o: number, factors: number, bins: number, i: number, wide: boolean): Code => [
  [GET, o, GET, factors, ...binOf(bins, i, wide), I32_CONST, 3, I32_SHL, I32_ADD],
  [...loadF64(0), F64_MUL, SET, o],
  [GET, o, ...f64(1e300), GET, o, ...f64(1e300), F64_LT, SELECT, SET, o],
];

/**
 * A loop over the listed rows (`rows`, `count` are locals 0 and 1): `end` = rows + 4 count; each iteration
 * loads the row `i` from the list, runs `body`, and moves `rows` on by 4.
 */
const overRows = (end: number, i: number, body: Code): Code => [
  [GET, 0, GET, 1, I32_CONST, 2, I32_SHL, I32_ADD, SET, end],
  [BLOCK, VOID, GET, 0, GET, end, I32_GE_U, BR_IF, 0],
  [LOOP, VOID, GET, 0, I32_LOAD, 2, 0, SET, i],
  ...body,
  [GET, 0, I32_CONST, 4, I32_ADD, TEE, 0, GET, end, I32_LT_U, BR_IF, 0, END, END],
];

/**
 * Adds row `i`'s gradient and hessian (q in local `q`) to the histogram at `hist` under the bin of `next`:
 * h = hist + 24 bin; h[0] += y − q; h[1] += q (1 − q); h[2] += 1 (the JavaScript loops' expressions).
 */
const accumulate = (
  hist: number,
  next: number,
  yt: number,
  i: number,
  q: number,
  h: number,
  wide: boolean,
) => [
  [GET, hist, ...binOf(next, i, wide), I32_CONST, 24, I32_MUL, I32_ADD, SET, h],
  [GET, h, GET, h, ...loadF64(0), GET, yt, GET, i, I32_ADD, I32_LOAD8_U, 0, 0, F64_CONVERT_I32_U],
  [GET, q, F64_SUB, F64_ADD, ...storeF64(0)],
  [GET, h, GET, h, ...loadF64(8), GET, q, ...f64(1), GET, q, F64_SUB, F64_MUL, F64_ADD, ...storeF64(8)],
  [GET, h, GET, h, ...loadF64(16), ...f64(1), F64_ADD, ...storeF64(16)],
];

/** Local `q` ← o / (1 + o) for local `o`. */
const probability = (o: number, q: number) => [GET, o, ...f64(1), GET, o, F64_ADD, F64_DIV, SET, q];

type Fn = Omit<WasmFunction, 'name'> & { code: Code };

// count(rows 0, count 1, bins 2, ot 3, yt 4, hist 5); locals end 6, i 7, h 8 (i32), o 9, q 10 (f64)
const countFn = (wide: boolean): Fn => ({
  params: [I32, I32, I32, I32, I32, I32],
  locals: [
    [3, I32],
    [2, F64],
  ],
  code: overRows(6, 7, [
    [...f64At(3, 7), ...loadF64(0), SET, 9],
    probability(9, 10),
    ...accumulate(5, 2, 4, 7, 10, 8, wide),
  ]),
});

// update(rows 0, count 1, binsT 2, factors 3, ot 4, yt 5, next 6, hist 7); locals end 8, i 9, a 10, h 11, o 12, q 13
const updateFn = (wide: boolean): Fn => ({
  params: [I32, I32, I32, I32, I32, I32, I32, I32],
  locals: [
    [4, I32],
    [2, F64],
  ],
  code: overRows(8, 9, [
    [...f64At(4, 9), TEE, 10, ...loadF64(0), SET, 12],
    ...scaleOdds(12, 3, 2, 9, wide),
    [GET, 10, GET, 12, ...storeF64(0)],
    probability(12, 13),
    ...accumulate(7, 6, 5, 9, 13, 11, wide),
  ]),
});

// mul(rows 0, count 1, bins 2, factors 3, odds 4); locals end 5, i 6, a 7 (i32), o 8 (f64)
const mulFn = (wide: boolean): Fn => ({
  params: [I32, I32, I32, I32, I32],
  locals: [
    [3, I32],
    [1, F64],
  ],
  code: overRows(5, 6, [
    [...f64At(4, 6), TEE, 7, ...loadF64(0), SET, 8],
    ...scaleOdds(8, 3, 2, 6, wide),
    [GET, 7, GET, 8, ...storeF64(0)],
  ]),
});

// mulAll(n 0, bins 1, factors 2, odds 3); locals i 4, a 5 (i32), o 6 (f64)
const mulAllFn = (wide: boolean): Fn => ({
  params: [I32, I32, I32, I32],
  locals: [
    [2, I32],
    [1, F64],
  ],
  code: [
    [BLOCK, VOID, GET, 0, I32_EQZ, BR_IF, 0, LOOP, VOID],
    [...f64At(3, 4), TEE, 5, ...loadF64(0), SET, 6],
    ...scaleOdds(6, 2, 1, 4, wide),
    [GET, 5, GET, 6, ...storeF64(0)],
    [GET, 4, I32_CONST, 1, I32_ADD, TEE, 4, GET, 0, I32_LT_U, BR_IF, 0, END, END],
  ],
});

const EXPORTS = ['count8', 'update8', 'mul8', 'mulAll8', 'count16', 'update16', 'mul16', 'mulAll16'] as const;

const load = wasmLoader(() =>
  moduleBytes(
    [false, true]
      .flatMap((wide) => [countFn(wide), updateFn(wide), mulFn(wide), mulAllFn(wide)])
      .map((f, k) => ({ name: EXPORTS[k]!, ...f })),
  ),
);

/**
 * An instance of the kernel with a memory of at least `bytes` bytes, or null where WebAssembly is unavailable
 * (the caller then runs the same loops in JavaScript).
 * @param bytes - the memory the caller will lay out.
 * @returns the kernel, or null.
 */
export function createGamKernel(bytes: number): GamKernel | null {
  const loaded = load(bytes);
  if (loaded === null) return null;
  const kernel = { buffer: loaded.buffer } as GamKernel;
  for (const e of EXPORTS) (kernel as Record<string, unknown>)[e] = loaded.exports[e];
  return kernel;
}
