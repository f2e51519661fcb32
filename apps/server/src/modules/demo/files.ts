import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CANONICAL_COLUMNS, toCsvLines } from './columns.js';
import { type DemoData, type GenerateScaleSetOptions, generateScaleCsv } from './generator.js';

/**
 * Writes each upload of a demo to `<directory>/<memberKey>/<dataset>.csv` (UTF-8, `\n`), streaming.
 *
 * @returns the files written, in upload order
 */
export async function writeDemoCsv(
  demo: DemoData,
  directory: string,
): Promise<{ memberKey: string; dataset: string; path: string }[]> {
  const written: { memberKey: string; dataset: string; path: string }[] = [];
  for (const upload of demo.uploads) {
    const folder = join(directory, upload.memberKey);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${upload.dataset}.csv`);
    await pipeline(
      Readable.from(toCsvLines(CANONICAL_COLUMNS[upload.dataset], upload.rows)),
      createWriteStream(path),
    );
    written.push({ memberKey: upload.memberKey, dataset: upload.dataset, path });
  }
  return written;
}

/** Streams a scale set (e.g. 1M statements) to one CSV file without holding it in memory. */
export async function writeScaleCsv(options: GenerateScaleSetOptions, path: string): Promise<void> {
  await pipeline(Readable.from(generateScaleCsv(options)), createWriteStream(path));
}
