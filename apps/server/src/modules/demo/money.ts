import { parseYuanToFen } from '../../platform/money.js';

const CENTS = Array.from({ length: 100 }, (_, cents) => (cents < 10 ? `.0${cents}` : `.${cents}`));

/**
 * Formats integer fen as a canonical money cell: yuan with exactly two decimals and no grouping
 * (`-0.05`, `1000.00`). Kept here (not `formatFen`) because it is the hot path of million-row sets.
 */
export function formatMoneyCell(fen: number): string {
  if (fen === 0) return '0.00';
  if (!Number.isSafeInteger(fen))
    throw new RangeError(`formatMoneyCell: fen must be a safe integer, got ${fen}`);
  const negative = fen < 0;
  const absolute = negative ? -fen : fen;
  const cents = absolute % 100;
  const text = String((absolute - cents) / 100) + CENTS[cents];
  return negative ? `-${text}` : text;
}

/** Normalises yuan text to the canonical money cell (`-1000.0` → `-1000.00`), exactly. */
export function normaliseYuan(text: string): string {
  return formatMoneyCell(parseYuanToFen(text));
}

export { parseYuanToFen };
