// Iterate on one data set without the peers: trains with option variants given as JSON and prints test AUC.
// Usage: node --import tsx bench/scoring/tune.ts <dataset> <kind> '<json options>' ['<json options>' …]
import { auc, scoreBatch, type TrainOptions, train } from '@creditbridge/scoring';
import { datasetFromTable } from '../../apps/server/src/cli/model.command.js';
import { DATASETS } from './datasets.js';

const [name, kind, ...variants] = process.argv.slice(2);
const ds = DATASETS.find((d) => d.name === name);
if (!ds) throw new Error(`unknown data set ${name}; one of ${DATASETS.map((d) => d.name).join(', ')}`);
const splits = await ds.splits();
for (const v of variants.length ? variants : ['{}']) {
  const extra = JSON.parse(v) as TrainOptions;
  const aucs: number[] = [];
  let seconds = 0;
  let notes: string[] = [];
  for (const split of splits) {
    const { dataset, target } = datasetFromTable(split.train, { target: ds.target, exclude: ds.exclude });
    const t0 = performance.now();
    const { model, report } = train(dataset, target, {
      kind: kind as 'scorecard' | 'gam',
      ...extra,
      gam: { ...extra.gam },
    });
    seconds += (performance.now() - t0) / 1000;
    notes = report.notes;
    const ti = split.test.header.indexOf(ds.target);
    const raw: Record<string, string[]> = {};
    split.test.header.forEach((h, j) => {
      raw[h] = split.test.rows.map((r) => r[j] ?? '');
    });
    const { pd } = scoreBatch(model, raw);
    const labels = Uint8Array.from(split.test.rows, (r) =>
      ['1', 'true', 'yes', '是'].includes((r[ti] ?? '').trim().toLowerCase()) ? 1 : 0,
    );
    aucs.push(auc(labels, pd));
  }
  const m = aucs.reduce((s, x) => s + x, 0) / aucs.length;
  console.log(
    `${name} ${kind} ${v}: AUC ${m.toFixed(4)} train ${(seconds / splits.length).toFixed(2)} s ${JSON.stringify(notes)}`,
  );
}
