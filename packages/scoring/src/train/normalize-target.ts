const POSITIVE = new Set(['1', '1.0', 'true', 't', 'yes', 'y', 'bad', 'default', '是']);
const NEGATIVE = new Set(['0', '0.0', 'false', 'f', 'no', 'n', 'good', '否']);

/**
 * Normalises a binary target to 0/1: accepts 1/0, true/false, yes/no (y/n, t/f, bad/good, 是/否; any case).
 * Missing values (null, undefined, NaN, '') become −1 and are left out of training.
 * @param values - the raw target values.
 * @param positiveLabel - when given, this value (compared as text) is the event and every other
 *   non-missing value a non-event. @default undefined
 * @returns the labels (1 = event, 0 = non-event, −1 = missing).
 * @throws RangeError naming the first value that is not a recognised binary label and its row (1-based).
 */
export function normalizeTarget(values: ArrayLike<unknown>, positiveLabel?: string): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
      out[i] = -1;
      continue;
    }
    if (positiveLabel !== undefined) {
      out[i] = String(v).trim() === positiveLabel ? 1 : 0;
      continue;
    }
    if (v === true || v === 1) out[i] = 1;
    else if (v === false || v === 0) out[i] = 0;
    else {
      const s = String(v).trim().toLowerCase();
      if (POSITIVE.has(s)) out[i] = 1;
      else if (NEGATIVE.has(s)) out[i] = 0;
      else if (s === '') out[i] = -1;
      else {
        throw new RangeError(
          `train: the target's row ${i + 1} has the value ${JSON.stringify(v)}, which is not binary (expected 1/0, true/false or yes/no)`,
        );
      }
    }
  }
  return out;
}
