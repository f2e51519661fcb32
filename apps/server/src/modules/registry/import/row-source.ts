import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import StreamJson from 'stream-json';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import StreamValues from 'stream-json/streamers/StreamValues.js';
import { AppError } from '../../../platform/errors.js';

export const FILE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export const FILE_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** One data row: its number as the user sees it (header = row 1) and its cells in header order. */
export type SourceRow = { row: number; cells: string[] };

export type RowSource = {
  /** Column names in file order (for JSON: the keys seen in the first object). */
  header: Promise<string[]>;
  /** Data rows in batches, in file order. */
  rows: AsyncIterable<SourceRow[]>;
  /** SHA-256 of the raw bytes; complete once `rows` is exhausted. */
  contentHash: () => string;
  bytesRead: () => number;
};

/**
 * Turns an uploaded file (a byte stream) into rows without holding the file in memory: bytes are hashed
 * for the idempotency key, checked to be UTF-8 (or decoded from GB18030 when the caller says so), and
 * parsed as CSV, XLSX (first worksheet) or JSON (an array of objects, or one object per line).
 */
export function openRowSource(
  input: Readable,
  format: FileFormat,
  options: { encoding?: FileEncoding } = {},
): RowSource {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  input.on('error', (error) => tap.destroy(error));
  const tapped = input.pipe(tap);
  let digest: string | null = null;
  const contentHash = () => {
    digest ??= hash.digest('hex');
    return digest;
  };
  const bytesRead = () => bytes;

  if (format === 'xlsx') {
    return { ...readXlsx(tapped), contentHash, bytesRead };
  }
  const text: Readable =
    options.encoding === 'gb18030'
      ? (tapped.pipe(iconv.decodeStream('gb18030')) as unknown as Readable)
      : tapped.pipe(createUtf8Check());
  tapped.on('error', (error) => text.destroy(error));
  return { ...(format === 'csv' ? readCsv(text) : readJson(text)), contentHash, bytesRead };
}

/** Fails the stream at the first byte sequence that is not UTF-8, saying what the file probably is. */
function createUtf8Check(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        callback(null, chunk);
      } catch {
        const looksLikeGb = isLikelyGb18030(chunk);
        callback(
          new AppError('REGISTRY_BAD_ENCODING', {
            message: `the file is not UTF-8 (invalid bytes near byte ${offset + firstInvalidUtf8Offset(chunk)})${
              looksLikeGb ? '; it looks like GBK/GB18030, as saved by Excel on Chinese Windows' : ''
            }. Save it as "CSV UTF-8", or send it again with encoding=gb18030.`,
            details: { encodingGuess: looksLikeGb ? 'gb18030' : 'unknown' },
          }),
        );
      }
    },
    flush(callback) {
      try {
        decoder.decode();
        callback();
      } catch {
        callback(
          new AppError('REGISTRY_BAD_ENCODING', { message: 'the file ends inside a UTF-8 character' }),
        );
      }
    },
  });
}

function firstInvalidUtf8Offset(chunk: Buffer): number {
  for (let end = 1; end <= chunk.length; end++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  return 0;
}

function isLikelyGb18030(chunk: Buffer): boolean {
  const decoded = iconv.decode(chunk, 'gb18030');
  const han = decoded.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return han > 0 && !decoded.includes('\ufffd');
}

/** CSV rows in batches (Papa Parse, chunked with back-pressure: the reader pauses while a batch is used). */
function readCsv(text: Readable): Pick<RowSource, 'header' | 'rows'> {
  text.setEncoding('utf8');
  let resolveHeader: (header: string[]) => void = () => {};
  let rejectHeader: (error: unknown) => void = () => {};
  const header = new Promise<string[]>((resolve, reject) => {
    resolveHeader = resolve;
    rejectHeader = reject;
  });
  header.catch(() => {});
  async function* rows(): AsyncGenerator<SourceRow[]> {
    const queue: string[][][] = [];
    let parseError: Papa.ParseError | null = null;
    let failure: unknown = null;
    let isDone = false;
    let wake: (() => void) | null = null;
    let parser: Papa.Parser | null = null;
    text.on('error', (error) => {
      failure = error;
      wake?.();
    });
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
      delimiter: ',',
      skipEmptyLines: true,
      chunkSize: 128 * 1024,
      chunk: (results, chunkParser) => {
        parser = chunkParser;
        queue.push(results.data);
        parseError ??= results.errors[0] ?? null;
        chunkParser.pause();
        wake?.();
      },
      complete: () => {
        isDone = true;
        wake?.();
      },
      error: (error: Error) => {
        failure = error;
        wake?.();
      },
    });
    let row = 0;
    try {
      while (true) {
        const batch = queue.shift();
        if (batch) {
          if (queue.length === 0) (parser as Papa.Parser | null)?.resume();
          const out: SourceRow[] = [];
          for (const cells of batch) {
            row++;
            if (row === 1) {
              resolveHeader(
                cells.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).trim()),
              );
              continue;
            }
            out.push({ row, cells });
          }
          const error = parseError as Papa.ParseError | null;
          if (error) {
            throw new AppError('REGISTRY_SUBMISSION_REJECTED', {
              message: `the file cannot be read as CSV near row ${row}: ${error.message} (check the quotes)`,
              details: { row },
            });
          }
          if (out.length > 0) yield out;
          continue;
        }
        if (failure) throw failure;
        if (isDone) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      if (row === 0) resolveHeader([]);
    } catch (error) {
      rejectHeader(error);
      throw wrapParseError(error, row + 1);
    }
  }
  return { header, rows: rows() };
}

function wrapParseError(error: unknown, row: number): unknown {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('REGISTRY_SUBMISSION_REJECTED', {
    message: `the file cannot be read as CSV near row ${row}: ${message}`,
    details: { row },
  });
}

function readJson(text: Readable): Pick<RowSource, 'header' | 'rows'> {
  let resolveHeader: (header: string[]) => void = () => {};
  const header = new Promise<string[]>((resolve) => {
    resolveHeader = resolve;
  });
  async function* rows(): AsyncGenerator<SourceRow[]> {
    const batch: SourceRow[] = [];
    const iterator = text[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstChunk: string = first.done ? '' : String(first.value);
    const firstCharacter = firstChunk.replace(/^\uFEFF/, '').trimStart()[0];
    const replay = new Transform({ transform: (chunk, _e, cb) => cb(null, chunk) });
    if (!first.done) replay.write(firstChunk.replace(/^\uFEFF/, ''));
    (async () => {
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          if (!replay.write(next.value)) await new Promise((resolve) => replay.once('drain', resolve));
        }
        replay.end();
      } catch (error) {
        replay.destroy(error as Error);
      }
    })();
    const isArray = firstCharacter === '[';
    const pipeline = isArray
      ? replay.pipe(StreamJson.parser()).pipe(StreamArray.streamArray())
      : replay.pipe(StreamJson.parser({ jsonStreaming: true })).pipe(StreamValues.streamValues());
    let keys: string[] | null = null;
    let row = 0;
    try {
      for await (const item of pipeline as AsyncIterable<{ value: unknown }>) {
        row++;
        const value = item.value;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw new AppError('REGISTRY_SUBMISSION_REJECTED', {
            message: `JSON item ${row} is not an object; send an array of objects (one per row) or one object per line`,
            details: { row },
          });
        }
        const record = value as Record<string, unknown>;
        if (!keys) {
          keys = Object.keys(record);
          resolveHeader(keys);
        }
        const extra = Object.keys(record).filter((key) => !keys?.includes(key));
        const cells = keys.map((key) => jsonCell(record[key]));
        // Unknown keys after the first object still reach validation as a column the header lacks.
        for (const key of extra) cells.push(`\u0000unknown:${key}`);
        batch.push({ row, cells });
        if (batch.length >= 1000) yield batch.splice(0);
      }
      if (batch.length > 0) yield batch;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('REGISTRY_SUBMISSION_REJECTED', {
        message: `the file is not valid JSON near item ${row + 1}: ${(error as Error).message}`,
        details: { row: row + 1 },
      });
    } finally {
      if (!keys) resolveHeader([]);
    }
  }
  return { header, rows: rows() };
}

function jsonCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function readXlsx(input: Readable): Pick<RowSource, 'header' | 'rows'> {
  let resolveHeader: (header: string[]) => void = () => {};
  const header = new Promise<string[]>((resolve) => {
    resolveHeader = resolve;
  });
  async function* rows(): AsyncGenerator<SourceRow[]> {
    const batch: SourceRow[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      styles: 'cache',
      hyperlinks: 'ignore',
    });
    let width = 0;
    let isHeaderSeen = false;
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          const values = (row.values as unknown[]).slice(1).map(xlsxCell);
          if (!isHeaderSeen) {
            isHeaderSeen = true;
            width = values.length;
            resolveHeader(values.map((value) => value.trim()));
            continue;
          }
          while (values.length < width) values.push('');
          if (values.every((value) => value === '')) continue;
          batch.push({ row: row.number, cells: values });
          if (batch.length >= 1000) yield batch.splice(0);
        }
        break; // the first worksheet only
      }
      if (batch.length > 0) yield batch;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('REGISTRY_SUBMISSION_REJECTED', {
        message: `the file cannot be read as XLSX: ${(error as Error).message}`,
      });
    } finally {
      if (!isHeaderSeen) resolveHeader([]);
    }
  }
  return { header, rows: rows() };
}

function xlsxCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.result !== undefined) return xlsxCell(cell.result);
    if (cell.text !== undefined) return String(cell.text);
    return '';
  }
  return String(value);
}
