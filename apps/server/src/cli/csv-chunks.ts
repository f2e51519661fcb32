import { type CanonicalRow, toCsvLine } from '../modules/demo/index.js';

/**
 * Canonical rows as CSV text in ~1 MB chunks (header first, at most `limit` rows), so that generated or
 * converted data reach the importer exactly like a member's file, without one string per row.
 */
export async function* csvChunks(
  columns: readonly string[],
  rows: AsyncIterable<CanonicalRow> | Iterable<CanonicalRow>,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<string> {
  let chunk = `${columns.join(',')}\n`;
  let count = 0;
  for await (const row of rows) {
    if (count >= limit) break;
    chunk += `${toCsvLine(columns, row)}\n`;
    count++;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
