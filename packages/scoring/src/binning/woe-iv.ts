/**
 * Weight of evidence and information value of a binned characteristic (DOMAIN.md §5.2):
 * `WoE_i = ln(DistrBad_i / DistrGood_i)` with 0.5 added to each count, `IV = Σ (DistrBad_i − DistrGood_i)·WoE_i`.
 * Empty bins get WoE 0. Bins smaller than `minCount` have their WoE shrunk towards 0 by `count / minCount`.
 * @param counts - records per bin.
 * @param events - events (bads) per bin.
 * @param minCount - credibility size. @default 0
 * @returns WoE per bin, IV contribution per bin and the total IV.
 * @throws RangeError when the bins hold no event or no non-event.
 */
export function woeIv(
  counts: ArrayLike<number>,
  events: ArrayLike<number>,
  minCount = 0,
): { woe: number[]; ivs: number[]; iv: number } {
  if (counts.length !== events.length)
    throw new RangeError('woeIv: counts and events must have the same length');
  let B = 0;
  let N = 0;
  for (let i = 0; i < counts.length; i++) {
    if (!(events[i]! >= 0 && counts[i]! >= events[i]!)) {
      throw new RangeError('woeIv: events must be between 0 and the count of each bin');
    }
    B += events[i]!;
    N += counts[i]!;
  }
  const G = N - B;
  if (B === 0 || G === 0) throw new RangeError('woeIv: the bins must hold both events and non-events');
  const woe: number[] = [];
  const ivs: number[] = [];
  let iv = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) {
      woe.push(0);
      ivs.push(0);
      continue;
    }
    const b = events[i]!;
    const db = (b + 0.5) / (B + 0.5);
    const dg = (n - b + 0.5) / (G + 0.5);
    let w = Math.log(db / dg);
    if (n < minCount) w *= n / minCount;
    const contribution = (b / B - (n - b) / G) * w;
    woe.push(w);
    ivs.push(contribution);
    iv += contribution;
  }
  return { woe, ivs, iv };
}
