/**
 * What the package's WebAssembly kernels share: the binary encoding of a module (emitted byte by byte: no
 * toolchain, no dependency) and its compilation and instantiation, with a memory of the caller's size imported
 * as `env.memory`. The kernels themselves are `runtime/wasm-kernel.ts` (batch scoring) and
 * `train/gam-kernel.ts` (GAM boosting).
 */

/** The part of the WebAssembly API used here (the package is built without DOM or Node types). */
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
};

/** Value type i32. */
export const I32 = 0x7f;
/** Value type f64. */
export const F64 = 0x7c;

/**
 * Unsigned LEB128, as WebAssembly encodes counts, sizes and indexes.
 * @param n - a non-negative integer below 2^32.
 * @returns its bytes.
 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

/** One function of a module: parameter types, locals (runs of a count and a type), and its instructions. */
export type WasmFunction = {
  name: string;
  params: number[];
  locals: [number, number][];
  /** The instructions, without the final `end` (nested arrays are flattened). */
  code: (number | number[])[];
};

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/**
 * The bytes of a module that imports its memory as `env.memory` and exports the functions by name (no results).
 * @param functions - the functions, in order.
 * @returns the module's binary.
 */
export function moduleBytes(functions: WasmFunction[]): Uint8Array {
  const types = vec(functions.map((f) => [0x60, ...uleb(f.params.length), ...f.params, 0]));
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]);
  const funcs = vec(functions.map((_, k) => uleb(k)));
  const exports = vec(functions.map((f, k) => [...name(f.name), 0x00, ...uleb(k)]));
  const codes = vec(
    functions.map((f) => {
      const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code.flat(), 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}

/**
 * A loader for one module: compiled on first use, then each call instantiates it with a fresh memory of at
 * least `bytes` bytes (never grown, so views on its buffer stay valid). Null where WebAssembly is unavailable
 * or refuses the module: the callers then run the same loops in JavaScript.
 * @param build - makes the module's bytes.
 * @returns the loader.
 */
export function wasmLoader(
  build: () => Uint8Array,
): (bytes: number) => { buffer: ArrayBuffer; exports: Record<string, unknown> } | null {
  let compiled: object | null | undefined;
  return (bytes) => {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!api) return null;
    if (compiled === undefined) {
      try {
        compiled = new api.Module(build());
      } catch {
        compiled = null;
      }
    }
    if (compiled === null) return null;
    const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    return { buffer: memory.buffer, exports: new api.Instance(compiled, { env: { memory } }).exports };
  };
}
