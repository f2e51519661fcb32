/**
 * Remembers which row first had each key, for duplicate detection in files of millions of rows: keys
 * are 53-bit hashes kept in typed arrays (open addressing), so memory stays at ~24 bytes a row and the
 * garbage collector never scans them.
 */
export class RowKeySet {
  private keys: Float64Array;
  private rows: Int32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** Records `key` for `row`; returns the earlier row with the same key, or 0 when the key is new. */
  addOrGet(key: number, row: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const stored = key + 1; // 0 marks an empty slot
    const mask = this.keys.length - 1;
    let slot = ((stored % 4294967296) >>> 0) & mask;
    while (true) {
      const found = this.keys[slot] as number;
      if (found === 0) {
        this.keys[slot] = stored;
        this.rows[slot] = row;
        this.size++;
        return 0;
      }
      if (found === stored) return this.rows[slot] as number;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    this.size = 0;
    for (let index = 0; index < oldKeys.length; index++) {
      const stored = oldKeys[index] as number;
      if (stored !== 0) this.addOrGet(stored - 1, oldRows[index] as number);
    }
  }
}

/** cyrb53 over several strings (with a separator), without building the joined string. */
export function hashStrings(parts: readonly (string | number | null | undefined)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let part = 0; part < parts.length; part++) {
    const value = parts[part];
    const text =
      value === null || value === undefined ? '\u0000' : typeof value === 'number' ? String(value) : value;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
