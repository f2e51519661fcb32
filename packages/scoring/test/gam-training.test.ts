import { describe, expect, it } from 'vitest';
import { type Column, train } from '../src/index.js';
import { createRandom } from '../src/internal/util.js';

/** `n` rows, a smooth effect (x), a step (y jumps at 0.7), a heavy-tailed ratio (r) and noise; event rate ~ `rate`. */
function data(n: number, rate: number, seed: number) {
  const random = createRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const target: number[] = [];
  const base = Math.log(rate / (1 - rate));
  for (let i = 0; i < n; i++) {
    x[i] = random();
    y[i] = random();
    const u = random();
    r[i] = (u - 0.5) / (1 - u) ** 2;
    z[i] = random();
    const eta = base + 1.5 * (x[i]! - 0.5) + (y[i]! > 0.7 ? 1.2 : 0) + 0.5 * Math.tanh(r[i]!);
    target.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  const columns: Column[] = [
    { name: 'x', type: 'numeric', values: x },
    { name: 'y', type: 'numeric', values: y },
    { name: 'r', type: 'numeric', values: r },
    { name: 'z', type: 'numeric', values: z },
  ];
  return { columns, target };
}

describe('GAM step trees: 3 leaves or stumps by validation loss with few validation events', () => {
  it('boosts both, keeps the lower validation loss, and gives the model of that choice made explicitly', () => {
    const { columns, target } = data(3000, 0.06, 3);
    const chosen = train({ columns }, target, { kind: 'gam', gam: { interactions: 1 } });
    const note = chosen.report.notes.find((n) => n.startsWith('step trees of'));
    expect(note).toBeDefined();
    const losses = [...note!.matchAll(/(\d) leaves (\d\.\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(losses.map(([l]) => l)).toEqual([3, 2]);
    const leaves = Number(/^step trees of (\d) leaves/.exec(note!)![1]);
    const lower = losses[1]![1]! < losses[0]![1]! ? 2 : 3;
    expect(leaves).toBe(lower);
    const explicit = train({ columns }, target, { kind: 'gam', gam: { interactions: 1, maxLeaves: leaves } });
    expect(explicit.report.notes.some((n) => n.startsWith('step trees of'))).toBe(false);
    expect(explicit.model).toEqual(chosen.model);
    expect(explicit.report.validation).toEqual(chosen.report.validation);
  });

  it('keeps 3 leaves without a choice with many validation events', () => {
    const { columns, target } = data(4000, 0.3, 4);
    const fitted = train({ columns }, target, { kind: 'gam', gam: { interactions: 0 } });
    expect(fitted.report.notes.some((n) => n.startsWith('step trees of'))).toBe(false);
    const three = train({ columns }, target, { kind: 'gam', gam: { interactions: 0, maxLeaves: 3 } });
    expect(three.model).toEqual(fitted.model);
  });
});
