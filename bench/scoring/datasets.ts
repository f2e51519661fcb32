// Loads the shared benchmark data sets with their fixed splits, as raw CSV tables (no feature engineering:
// only identifiers, the target, the split flags and post-outcome (leakage) columns are excluded).
import { type CsvTable, readCsvTable } from '../../apps/server/src/cli/model.command.js';

export const DATA = process.env.CREDITBRIDGE_SHARED_DATA ?? '/work/shared/data';

export type Split = { train: CsvTable; test: CsvTable };
export type BenchDataset = {
  name: string;
  target: string;
  exclude: string[];
  splits: () => Promise<Split[]>;
  note?: string;
};

function subset(table: CsvTable, keep: (row: string[]) => boolean): CsvTable {
  return { header: table.header, rows: table.rows.filter(keep) };
}

function bySplitColumn(file: string, column: string, train: string, test: string, filterUnlabeled = false) {
  return async (): Promise<Split[]> => {
    const t = await readCsvTable(`${DATA}/${file}`);
    const j = t.header.indexOf(column);
    const rows = filterUnlabeled ? subset(t, (r) => r[j] !== 'unlabeled') : t;
    return [{ train: subset(rows, (r) => r[j] === train), test: subset(rows, (r) => r[j] === test) }];
  };
}

const polish = (year: number): BenchDataset => ({
  name: `polish_${year}year`,
  target: 'class',
  exclude: ['row_id', 'split'],
  splits: bySplitColumn(`polish_bankruptcy/polish_${year}year.csv.gz`, 'split', 'train', 'test'),
});

export const DATASETS: BenchDataset[] = [
  polish(1),
  polish(3),
  polish(5),
  {
    name: 'sba_national_head22427',
    target: 'default',
    // identifiers, split, and post-outcome columns (MIS_Status is the target's source)
    exclude: ['LoanNr_ChkDgt', 'split', 'ChgOffDate', 'ChgOffPrinGr', 'MIS_Status'],
    splits: bySplitColumn('sba_7a/sba_national_head22427.csv.gz', 'split', 'train', 'test', true),
  },
  {
    name: 'sba_case_li2018',
    target: 'Default',
    // identifiers, split flags, post-outcome columns; daysterm/xx are derived from the loan's future
    exclude: [
      'LoanNr_ChkDgt',
      'split',
      'Selected',
      'ChgOffDate',
      'ChgOffPrinGr',
      'MIS_Status',
      'daysterm',
      'xx',
    ],
    splits: bySplitColumn('sba_7a/sba_case_li2018.csv.gz', 'split', 'train', 'test'),
  },
  {
    name: 'cumcm2020c_att1_default',
    target: '是否违约',
    exclude: ['企业代号', '附件', '企业名称', '信誉评级'],
    splits: async () => {
      const feats = await readCsvTable(`${DATA}/cumcm2020c/derived_features_v1.csv.gz`);
      const ent = await readCsvTable(`${DATA}/cumcm2020c/enterprises.csv.gz`);
      const folds = await readCsvTable(`${DATA}/cumcm2020c/cv_folds_att1.csv.gz`);
      const id = ent.header.indexOf('企业代号');
      const att = ent.header.indexOf('附件');
      const featById = new Map(feats.rows.map((r) => [r[0]!, r]));
      const header = [...ent.header, ...feats.header.slice(1)];
      const labelled = ent.rows
        .filter((r) => r[att] === '1')
        .map((r) => [...r, ...featById.get(r[id]!)!.slice(1)]);
      const rowById = new Map(labelled.map((r) => [r[id]!, r]));
      const out: Split[] = [];
      for (let rep = 0; rep < 5; rep++) {
        for (let fold = 0; fold < 5; fold++) {
          const testIds = new Set(
            folds.rows.filter((r) => r[1] === String(rep) && r[2] === String(fold)).map((r) => r[0]!),
          );
          const ordered = [...rowById.values()];
          out.push({
            train: { header, rows: ordered.filter((r) => !testIds.has(r[id]!)) },
            test: { header, rows: ordered.filter((r) => testIds.has(r[id]!)) },
          });
        }
      }
      return out;
    },
  },
];
