import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

export type CsvRecord = Record<string, string>;

/** Streams the records of a gzip (or plain, when the name does not end in `.gz`) UTF-8 CSV file with a header row. */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const parser = parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true });
  const input = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  input.on('error', (error: Error) => parser.destroy(error));
  input.pipe(parser);
  for await (const record of parser) yield record as CsvRecord;
}
