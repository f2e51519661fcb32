import { solveCholesky } from './solve-cholesky.js';

/** A fitted logistic regression. */
export type LogisticFit = {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
  /** Penalised negative log-likelihood at the solution. */
  loss: number;
};

/**
 * L2-penalised logistic regression by Newton–Raphson (IRLS) with step halving; deterministic.
 * Minimises `−Σ log-lik + l2/2 · Σ β_j²` (the intercept is not penalised).
 * @param columns - the features, one array per feature, each of length n.
 * @param labels - 0/1 outcomes.
 * @param options.l2 - ridge penalty. @default 1
 * @param options.maxIterations - Newton iterations. @default 50
 * @param options.tolerance - stop when the largest coefficient change is below this. @default 1e-7
 * @param options.initial - starting coefficients (intercept first), e.g. a warm start. @default undefined
 * @returns the coefficients and the convergence status.
 * @throws RangeError when the labels hold one class, or lengths differ.
 */
export function fitLogistic(
  columns: ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: { l2?: number; maxIterations?: number; tolerance?: number; initial?: ArrayLike<number> } = {},
): LogisticFit {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-7 } = options;
  const n = labels.length;
  const p = columns.length;
  for (const c of columns)
    if (c.length !== n) throw new RangeError('fitLogistic: columns and labels must have the same length');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  if (positives === 0 || positives === n)
    throw new RangeError('fitLogistic: labels must contain both classes');
  const d = p + 1;
  const beta = new Float64Array(d);
  if (options.initial && options.initial.length === d) beta.set(options.initial);
  else beta[0] = Math.log(positives / (n - positives));
  const eta = new Float64Array(n);
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  const wa = new Float64Array(n);
  const cols = columns.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c)));
  const lossAt = (b: Float64Array): number => {
    eta.fill(b[0]!);
    for (let j = 0; j < p; j++) {
      const c = cols[j]!;
      const bj = b[j + 1]!;
      if (bj === 0) continue;
      for (let i = 0; i < n; i++) eta[i]! += bj * c[i]!;
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      // log(1 + exp(e)) − y·e, stable
      loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - labels[i]! * e;
    }
    for (let j = 1; j < d; j++) loss += 0.5 * l2 * b[j]! ** 2;
    return loss;
  };
  let loss = lossAt(beta);
  let iterations = 0;
  let converged = false;
  const H = new Float64Array(d * d);
  const g = new Float64Array(d);
  while (iterations < maxIterations) {
    iterations++;
    let sw = 0;
    let sr = 0;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const pr = e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
      const wi = pr * (1 - pr) + 1e-12;
      w[i] = wi;
      r[i] = labels[i]! - pr;
      sw += wi;
      sr += r[i]!;
    }
    H[0] = sw;
    g[0] = sr;
    for (let a = 0; a < p; a++) {
      const ca = cols[a]!;
      let ga = 0;
      let h0 = 0;
      for (let i = 0; i < n; i++) {
        ga += r[i]! * ca[i]!;
        const v = w[i]! * ca[i]!;
        wa[i] = v;
        h0 += v;
      }
      g[a + 1] = ga - l2 * beta[a + 1]!;
      H[(a + 1) * d] = h0;
      H[a + 1] = h0;
      for (let b = 0; b <= a; b++) {
        const cb = cols[b]!;
        let hab = 0;
        // (w·ca)·cb, the products evaluated in the same order as w[i] * ca[i] * cb[i]
        for (let i = 0; i < n; i++) hab += wa[i]! * cb[i]!;
        H[(a + 1) * d + b + 1] = hab;
        H[(b + 1) * d + a + 1] = hab;
      }
      H[(a + 1) * d + a + 1]! += l2;
    }
    for (let j = 0; j < d; j++) H[j * d + j]! += 1e-10;
    const step = solveCholesky(H, g);
    let t = 1;
    let next = new Float64Array(d);
    let nextLoss = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 30; halving++) {
      next = beta.map((b, j) => b + t * step[j]!);
      nextLoss = lossAt(next);
      if (nextLoss <= loss + 1e-12 * Math.abs(loss)) break;
      t /= 2;
    }
    if (!Number.isFinite(nextLoss)) throw new RangeError('fitLogistic: the loss is not finite');
    let maxChange = 0;
    for (let j = 0; j < d; j++) maxChange = Math.max(maxChange, Math.abs(next[j]! - beta[j]!));
    beta.set(next);
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (maxChange < tolerance || improvement < 1e-12 * Math.max(1, Math.abs(loss))) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), iterations, converged, loss };
}
