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
 * @param options.tolerance - stop when the largest coefficient change is below this. @default 1e-8
 * @returns the coefficients and the convergence status.
 * @throws RangeError when the labels hold one class, or lengths differ.
 */
export function fitLogistic(
  columns: ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: { l2?: number; maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-8 } = options;
  const n = labels.length;
  const p = columns.length;
  for (const c of columns) if (c.length !== n) throw new RangeError('fitLogistic: columns and labels must have the same length');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  if (positives === 0 || positives === n) throw new RangeError('fitLogistic: labels must contain both classes');
  const d = p + 1;
  const beta = new Float64Array(d);
  beta[0] = Math.log(positives / (n - positives));
  const eta = new Float64Array(n);
  const x = new Float64Array(d);
  const lossAt = (b: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let e = b[0]!;
      for (let j = 0; j < p; j++) e += b[j + 1]! * columns[j]![i]!;
      eta[i] = e;
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
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const pr = e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
      const w = Math.max(pr * (1 - pr), 1e-12);
      const r = labels[i]! - pr;
      x[0] = 1;
      for (let j = 0; j < p; j++) x[j + 1] = columns[j]![i]!;
      for (let a = 0; a < d; a++) {
        const xa = x[a]!;
        g[a]! += r * xa;
        const wa = w * xa;
        const row = a * d;
        for (let b = 0; b <= a; b++) H[row + b]! += wa * x[b]!;
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b * d + a] = H[a * d + b]!;
    for (let j = 1; j < d; j++) {
      H[j * d + j]! += l2;
      g[j]! -= l2 * beta[j]!;
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
  lossAt(beta);
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), iterations, converged, loss };
}
