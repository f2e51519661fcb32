// 1M rows × 50 columns synthetic training (run in a child process by bench.ts so its peak RSS is its own).
// Usage: node --import tsx bench/scoring/synthetic.ts [scorecard|gam] [rows]
import { type Column, train } from '@creditbridge/scoring';
import { createRandom } from '../../packages/scoring/src/internal/util.js';

const kind = (process.argv[2] ?? 'scorecard') as 'scorecard' | 'gam';
const n = Number(process.argv[3] ?? 1_000_000);
const random = createRandom(20240601);
const columns: Column[] = [];
const eta = new Float64Array(n).fill(-2.5);
for (let j = 0; j < 45; j++) {
  const values = new Float64Array(n);
  const weight = j < 15 ? 0.6 / (1 + j / 3) : 0;
  for (let i = 0; i < n; i++) {
    const u = random();
    let x = Math.log(u / (1 - u)); // logistic-distributed
    if (j % 5 === 0 && random() < 0.1)
      x = Number.NaN; // missing
    else if (j % 7 === 0 && random() < 0.001)
      x = random() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    else if (random() < 0.002) x *= 1e6; // outliers
    values[i] = x;
    if (weight && Number.isFinite(x)) eta[i]! += weight * (j % 3 === 0 ? Math.abs(x) - 1 : Math.tanh(x));
  }
  columns.push({ name: `x${j}`, type: 'numeric', values });
}
for (let j = 0; j < 5; j++) {
  const levels = [10, 50, 200, 1000, 5000][j]!;
  const names = Array.from({ length: levels }, (_, k) => `L${k}`);
  const effect = Float64Array.from({ length: levels }, () => (j < 3 ? random() - 0.5 : 0));
  const values: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(random() ** 2 * levels);
    values[i] = random() < 0.02 ? null : names[k]!;
    eta[i]! += effect[k]!;
  }
  columns.push({ name: `c${j}`, type: 'text', values });
}
const target = new Uint8Array(n);
for (let i = 0; i < n; i++) target[i] = random() < 1 / (1 + Math.exp(-eta[i]!)) ? 1 : 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { report } = train({ columns }, target, { kind });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds,
    maxRssMb,
    auc: report.validation?.auc ?? Number.NaN,
    selected: report.selected.length,
  }),
);
