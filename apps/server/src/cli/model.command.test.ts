import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-process.js';

// The bad-input list, through the real `creditbridge model train` / `model score` in a child process:
// each case is either handled (and every score is a finite number) or refused with a message naming what to fix.
const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic pseudo-random stream (the tests must not depend on Math.random). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function writeCsv(name: string, header: string[], rows: (string | number)[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`);
  return file;
}

/** n rows: a signal column with ±Infinity and 1e400 cells, a constant, an all-missing and a unique text column. */
function messyFile(n: number): string {
  const random = lcg(42);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const x = random() * 4 - 2;
    const bad = 1 / (1 + Math.exp(-(x * 2 - 2))) > random() ? 1 : 0;
    const cell =
      i % 997 === 0 ? 'Infinity' : i % 991 === 0 ? '-Infinity' : i % 983 === 0 ? '1e400' : x.toFixed(4);
    rows.push([`E${i}`, cell, 7, '', `code-${i}`, ['a', 'b', 'c'][i % 3] ?? 'a', bad]);
  }
  return writeCsv(`messy-${n}.csv`, ['id', 'x', 'constant', 'empty', 'code', 'sector', 'bad'], rows);
}

function scoresOf(file: string) {
  const [header = '', ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return { id: cells[at('id')] ?? '', score: Number(cells[at('score')]), pd: Number(cells[at('pd')]) };
  });
}

describe('creditbridge model train on bad input', () => {
  const messy = messyFile(100_000);

  for (const kind of ['scorecard', 'gam'] as const) {
    it(`${kind}: drops a constant, an all-missing and a 100k-level text column, reads ±Infinity, never scores NaN`, async () => {
      const model = path.join(dir, `messy-${kind}.json`);
      const trained = await runCli([
        'model',
        'train',
        '--data',
        messy,
        '--target',
        'bad',
        '--id',
        'id',
        '--kind',
        kind,
        '--out',
        model,
      ]);
      expect(trained.code, trained.stderr).toBe(0);
      expect(trained.stdout).toContain('dropped constant: constant column');
      expect(trained.stdout).toContain('dropped empty: all values are missing');
      expect(trained.stdout).toContain(
        'dropped code: 100000 distinct levels in 100000 values: looks like an identifier',
      );
      const out = path.join(dir, `messy-${kind}-scores.csv`);
      const scored = await runCli([
        'model',
        'score',
        '--model',
        model,
        '--data',
        messy,
        '--id',
        'id',
        '--out',
        out,
      ]);
      expect(scored.code, scored.stderr).toBe(0);
      const scores = scoresOf(out);
      expect(scores).toHaveLength(100_000);
      for (const row of scores) {
        expect(Number.isFinite(row.score)).toBe(true);
        expect(row.pd).toBeGreaterThan(0);
        expect(row.pd).toBeLessThan(1);
      }
      // +Infinity is the top of x's range (more risk), −Infinity the bottom: scored like the extremes
      const byId = new Map(scores.map((row) => [row.id, row]));
      expect(byId.get('E997')?.pd).toBeGreaterThan(byId.get('E991')?.pd ?? 1);
    }, 120_000);
  }

  const threeValues = Array.from({ length: 50 }, (_, i) => [i, i % 2]);
  threeValues[7] = [7, 2];
  const refusals: Array<{ case: string; header: string[]; rows: (string | number)[][]; message: string }> = [
    {
      case: 'a single-class target',
      header: ['x', 'bad'],
      rows: Array.from({ length: 50 }, (_, i) => [i, 0]),
      message: 'the target has a single class (all non-events); both are needed',
    },
    {
      case: 'a target with other values, naming the row and the value',
      header: ['x', 'bad'],
      rows: threeValues,
      message: `the target's row 8 has the value "2", which is not binary (expected 1/0, true/false or yes/no)`,
    },
    {
      case: 'a 10-row file',
      header: ['x', 'bad'],
      rows: Array.from({ length: 10 }, (_, i) => [i, i % 2]),
      message: 'need at least 20 rows with a target, got 10',
    },
    {
      case: 'a file whose every feature is unusable',
      header: ['constant', 'empty', 'bad'],
      rows: Array.from({ length: 50 }, (_, i) => [1, '', i % 2]),
      message: 'no usable feature (every column was dropped)',
    },
  ];

  it.each(refusals)('refuses $case', async ({ case: name, header, rows, message }) => {
    const file = writeCsv(`${name.replaceAll(/\W+/g, '-')}.csv`, header, rows);
    const out = path.join(dir, 'refused.json');
    const run = await runCli(['model', 'train', '--data', file, '--target', 'bad', '--out', out]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
