/** 2^k for k in [−1100, 1100], at index k + 1100. */
const POW2 = Float64Array.from({ length: 2201 }, (_, i) => 2 ** (i - 1100));

/**
 * e^x for |x| <= 700, to a relative error below 1e−12 (measured in the tests): x·log₂e split into an integer k
 * and a remainder r with |r| <= ½·ln 2, e^r by its Taylor series to degree 10, times 2^k from a table. About five
 * times faster than `Math.exp` in V8; batch scoring uses it where the PD's rounding cannot tell the difference
 * and `Math.exp` elsewhere.
 * @param x - the exponent, |x| <= 700.
 * @returns an approximation of e^x.
 */
export function fastExp(x: number): number {
  const t = x * Math.LOG2E;
  const k = Math.round(t);
  const r = (t - k) * Math.LN2;
  const p =
    1 +
    r *
      (1 +
        r *
          (1 / 2 +
            r *
              (1 / 6 +
                r *
                  (1 / 24 +
                    r *
                      (1 / 120 +
                        r *
                          (1 / 720 + r * (1 / 5040 + r * (1 / 40320 + r * (1 / 362880 + r / 3628800)))))))));
  return POW2[k + 1100]! * p;
}
