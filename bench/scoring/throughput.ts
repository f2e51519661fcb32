// Scoring throughput alone: trains each data set's model once (cached as JSON in a temp directory), then times
// batch scoring of its test split exactly as bench.ts does (compiled model, typed columns, repeated ≥ 0.25 s).
// Usage: node --import tsx bench/scoring/throughput.ts [gam|scorecard] [dataset …]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { columnsFromRows, compileModel, type ScoringModel, scoreBatch, train } from '@creditbridge/scoring';
import { datasetFromTable } from '../../apps/server/src/cli/model.command.js';
import { DATASETS } from './datasets.js';

const [kind = 'gam', ...names] = process.argv.slice(2);
const cacheDir = path.join(os.tmpdir(), 'creditbridge-throughput');
mkdirSync(cacheDir, { recursive: true });
for (const ds of DATASETS) {
  if (names.length && !names.includes(ds.name)) continue;
  const split = (await ds.splits())[0]!;
  const file = path.join(cacheDir, `${ds.name}.${kind}.json`);
  let model: ScoringModel;
  if (existsSync(file)) model = JSON.parse(readFileSync(file, 'utf8'));
  else {
    const { dataset, target } = datasetFromTable(split.train, { target: ds.target, exclude: ds.exclude });
    model = train(dataset, target, { kind: kind as 'gam' | 'scorecard', targetName: ds.target }).model;
    writeFileSync(file, JSON.stringify(model));
  }
  const typed = columnsFromRows(split.test.header, split.test.rows, { exclude: [ds.target, ...ds.exclude] });
  const compiled = compileModel(model);
  // wall-clock rate as bench.ts measures it, and the rate per second of this process's CPU time (less noisy on
  // a loaded machine); best of 5 rounds each
  const best: number[] = [];
  const bestCpu: number[] = [];
  for (let round = 0; round < 5; round++) {
    scoreBatch(compiled, typed);
    let reps = 0;
    const s0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - s0 < 250) {
      scoreBatch(compiled, typed);
      reps++;
    }
    const cpu = process.cpuUsage(c0);
    best.push((split.test.rows.length * reps) / ((performance.now() - s0) / 1000));
    bestCpu.push((split.test.rows.length * reps) / ((cpu.user + cpu.system) / 1e6));
  }
  const special = model.features.filter(
    (f) => f.binning.type === 'numeric' && f.binning.specialValues.length,
  ).length;
  const text = model.features.filter((f) => f.binning.type === 'categorical').length;
  console.log(
    `${ds.name} ${kind}: ${Math.round(Math.max(...best)).toLocaleString('en')} rows/s wall, ${Math.round(Math.max(...bestCpu)).toLocaleString('en')} rows/CPU-s (best of 5), ${split.test.rows.length} rows, ${model.features.length} features (${special} with special values, ${text} categorical), ${model.interactions.length} pairs`,
  );
}
