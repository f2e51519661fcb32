import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { collectGarbageAbove } from '../../../platform/memory.js';
import { validateStatement } from '../domain/statement-validator.js';
import {
  CellError,
  detachString,
  type ParseContext,
  type ParsedValue,
  parseCell,
  type RowError,
} from './column-parsers.js';
import { consolidateEnterprises } from './consolidation.js';
import { toCopyLine } from './copy-text.js';
import { hashStrings, RowKeySet } from './row-key-set.js';
import { type FileEncoding, type FileFormat, openRowSource } from './row-source.js';
import {
  KIND_SPECS,
  type KindSpec,
  type ParsedRow,
  STATEMENT_LINE_FIELDS,
  type SubmissionKind,
} from './submission-kinds.js';

export type SubmissionMode = 'all_or_nothing' | 'accept_valid';

export type ImportRequest = {
  kind: SubmissionKind;
  mode: SubmissionMode;
  format: FileFormat;
  encoding?: FileEncoding;
  fileName: string;
  input: Readable;
  memberId: string;
  /** The acting user (or `cli:<name>` for the operator's command line). */
  submittedBy: string;
  /** ISO date that "in the future" is measured against. */
  today: string;
  batchRows?: number;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
};

export type ImportOutcome = {
  submissionId: string;
  status: 'accepted' | 'partially_accepted' | 'rejected';
  duplicateOf: string | null;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  errorCount: number;
};

/** Rows kept in memory per error list; past this the report says how many more there were. */
const MAX_STORED_ERRORS = 100_000;

const COPY_CHUNK_CHARACTERS = 128 * 1024;
/** Past this much live heap, an import asks for a full collection (see platform/memory.ts). */
const HEAP_CEILING_BYTES = 160 * 1024 * 1024;

const COMMON_COPY_COLUMNS = ['credit_code', 'member_id', 'submission_id', 'source_row'];

/**
 * Imports one member file as ONE transaction: rows stream from the file through validation into a COPY,
 * so a file of millions of rows never sits in memory. A crash (even kill -9) before COMMIT leaves nothing;
 * the idempotency key (member + kind + content hash) makes the same file count once however often it
 * is sent. Invalid rows become `{row, field, value, rule, message}` errors; in all-or-nothing mode any
 * error rejects the whole file.
 */
export async function importSubmission(pool: pg.Pool, request: ImportRequest): Promise<ImportOutcome> {
  const spec = KIND_SPECS[request.kind];
  const submissionId = newId('submission');
  const errors = new ErrorCollector();
  const context: ParseContext = { today: request.today };
  const client = await pool.connect();
  let rowsTotal = 0;
  let rowsWritten = 0;
  let contentHash: string | null = null;
  let completeness: Record<string, number> = {};
  let copyStream: ReturnType<typeof copyFrom> | null = null;
  let isConnectionSuspect = false;
  const creditCodes = new Set<string>();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO submissions (id, member_id, submitted_by, kind, file_name, format, mode, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'processing')`,
      [
        submissionId,
        request.memberId,
        request.submittedBy,
        request.kind,
        request.fileName,
        request.format,
        request.mode,
      ],
    );
    const source = openRowSource(request.input, request.format, { encoding: request.encoding });
    const batches = source.rows[Symbol.asyncIterator]();
    const firstBatch = batches.next();
    firstBatch.catch(() => {}); // a bad header or encoding surfaces through `source.header`
    const header = await source.header;
    const layout = checkHeader(spec, header);
    const target = spec.kind === 'enterprises' ? await createStagingTable(client) : spec.table;
    copyStream = client.query(
      copyFrom(`COPY ${target} (${[...COMMON_COPY_COLUMNS, ...spec.copyColumns].join(', ')}) FROM STDIN`),
    );
    const copyDone = once(copyStream, 'finish');
    copyStream.on('error', () => {});
    const filled = new Array<number>(spec.columns.length).fill(0);
    const seen = new RowKeySet();
    const keyParts: ParsedValue[] = new Array(spec.keyFields.length);
    const batchRows = request.batchRows ?? 5000;
    let buffer = '';
    let buffered = 0;
    let batchCount = 0;

    for (let next = await firstBatch; !next.done; next = await batches.next()) {
      for (const { row, cells } of next.value) {
        rowsTotal++;
        const parsed = parseRow(spec, layout, row, cells, context, errors, filled);
        if (!parsed) continue;
        // Only invoices need the set (to look for earlier copies); a detached copy keeps no file text alive.
        if (spec.kind === 'invoices' && !creditCodes.has(parsed.credit_code as string)) {
          creditCodes.add(detachString(parsed.credit_code as string));
        }
        for (let index = 0; index < spec.keyFields.length; index++) {
          keyParts[index] = parsed[spec.keyFields[index] as string] ?? null;
        }
        const firstSeen = seen.addOrGet(hashStrings(keyParts), row);
        if (firstSeen !== 0) {
          errors.add({
            row,
            field: null,
            value: null,
            rule: 'duplicate_row',
            message: `duplicate of row ${firstSeen} (same ${describeKey(spec)})`,
          });
          continue;
        }
        if (request.mode === 'all_or_nothing' && errors.rowsWithErrors > 0) continue;
        buffer += toCopyLine([
          parsed.credit_code ?? null,
          request.memberId,
          submissionId,
          row,
          ...spec.toCopyValues(parsed),
        ]);
        buffered++;
        rowsWritten++;
        // Hand rows to COPY in small pieces, so that what a batch allocates dies young.
        if (buffered >= batchRows || buffer.length > COPY_CHUNK_CHARACTERS) {
          copyStream.write(buffer);
          buffer = '';
          buffered = 0;
        }
      }
      if (copyStream.writableNeedDrain) await once(copyStream, 'drain');
      if (++batchCount % 16 === 0) collectGarbageAbove(HEAP_CEILING_BYTES);
      request.onProgress?.({ rows: rowsTotal, bytes: source.bytesRead() });
    }
    if (buffer) copyStream.write(buffer);
    copyStream.end();
    await copyDone;
    copyStream = null;
    request.onProgress?.({ rows: rowsTotal, bytes: source.bytesRead() });
    contentHash = source.contentHash();
    completeness = Object.fromEntries(
      spec.columns.map((column, index) => [
        column.name,
        rowsTotal === 0 ? 0 : (filled[index] ?? 0) / rowsTotal,
      ]),
    );
    if (rowsTotal === 0) {
      errors.add({
        row: null,
        field: null,
        value: null,
        rule: 'empty_file',
        message: 'the file has no data rows',
      });
    }

    if (!(request.mode === 'all_or_nothing' && errors.rowsWithErrors > 0)) {
      rowsWritten -= await rejectUnknownEnterprises(client, spec, submissionId, request.mode, errors);
    }
    if (request.mode === 'all_or_nothing' && errors.count > 0) {
      await client.query('ROLLBACK');
      return await recordRejected(pool, request, submissionId, rowsTotal, errors, contentHash, completeness);
    }
    if (rowsWritten === 0) {
      await client.query('ROLLBACK');
      return await recordRejected(pool, request, submissionId, rowsTotal, errors, contentHash, completeness);
    }
    const registered = await applyToRegistry(client, spec, submissionId, request.memberId, [...creditCodes]);
    const idempotencyKey = `${request.memberId}:${request.kind}:${contentHash}`;
    const status = errors.count > 0 ? 'partially_accepted' : 'accepted';
    try {
      await client.query('SAVEPOINT finalize');
      await client.query(
        `UPDATE submissions SET status = $2, idempotency_key = $3, content_hash = $4, rows_total = $5,
           rows_accepted = $6, rows_rejected = $7, error_count = $8, stats = $9, completed_at = now()
         WHERE id = $1`,
        [
          submissionId,
          status,
          idempotencyKey,
          contentHash,
          rowsTotal,
          rowsWritten,
          rowsTotal - rowsWritten,
          errors.count,
          JSON.stringify({ completeness, ...registered }),
        ],
      );
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await client.query('ROLLBACK');
      const existing = await pool.query('SELECT id FROM submissions WHERE idempotency_key = $1', [
        idempotencyKey,
      ]);
      return await describeDuplicate(pool, existing.rows[0]?.id as string);
    }
    await writeErrors(client, submissionId, errors);
    await client.query(
      `INSERT INTO audit_events (id, action, actor_user_id, actor_member_id, entity_type, entity_id, after)
       VALUES ($1, 'registry.submission.accepted', $2, $3, 'submission', $4, $5)`,
      [
        newId('audit'),
        request.submittedBy,
        request.memberId,
        submissionId,
        JSON.stringify({ kind: request.kind, status, rowsTotal, rowsAccepted: rowsWritten, contentHash }),
      ],
    );
    await client.query('COMMIT');
    return {
      submissionId,
      status,
      duplicateOf: null,
      rowsTotal,
      rowsAccepted: rowsWritten,
      rowsRejected: rowsTotal - rowsWritten,
      errorCount: errors.count,
    };
  } catch (error) {
    if (copyStream) {
      // Abort the COPY (CopyFail) so that the connection can roll back.
      const closed = once(copyStream, 'close').catch(() => {});
      copyStream.destroy(new Error('import aborted'));
      await closed;
      isConnectionSuspect = true;
    }
    await client.query('ROLLBACK').catch(() => {});
    if (error instanceof AppError && error.code !== 'INTERNAL') {
      errors.add({
        row: null,
        field: null,
        value: null,
        rule: ruleOfFileError(error),
        message: error.message,
      });
      const outcome = await recordRejected(
        pool,
        request,
        submissionId,
        rowsTotal,
        errors,
        contentHash,
        completeness,
      );
      throw new AppError(error.code, {
        message: error.message,
        details: { submissionId: outcome.submissionId, ...(error.details ?? {}) },
      });
    }
    throw error;
  } finally {
    client.release(isConnectionSuspect);
  }
}

type ColumnLayout = { columnIndexes: number[]; width: number };

function checkHeader(spec: KindSpec, header: string[]): ColumnLayout {
  if (header.length === 0) {
    throw new AppError('REGISTRY_BAD_HEADER', { message: 'the file is empty: it has no header row' });
  }
  const known = new Set(spec.columns.map((column) => column.name));
  const unknown = header.filter((name) => !known.has(name));
  const missing = spec.columns.filter((column) => column.required && !header.includes(column.name));
  const duplicated = header.filter((name, index) => header.indexOf(name) !== index);
  if (unknown.length > 0 || missing.length > 0 || duplicated.length > 0) {
    const parts = [
      missing.length > 0
        ? `missing required column(s): ${missing.map((column) => column.name).join(', ')}`
        : '',
      unknown.length > 0 ? `unknown column(s): ${unknown.join(', ')}` : '',
      duplicated.length > 0 ? `repeated column(s): ${duplicated.join(', ')}` : '',
    ].filter(Boolean);
    throw new AppError('REGISTRY_BAD_HEADER', {
      message: `the header does not match the ${spec.kind} format: ${parts.join('; ')}. Expected columns: ${spec.columns
        .map((column) => column.name)
        .join(', ')}`,
      details: { missing: missing.map((column) => column.name), unknown, duplicated },
    });
  }
  return { columnIndexes: spec.columns.map((column) => header.indexOf(column.name)), width: header.length };
}

function parseRow(
  spec: KindSpec,
  layout: ColumnLayout,
  row: number,
  cells: string[],
  context: ParseContext,
  errors: ErrorCollector,
  filled: number[],
): ParsedRow | null {
  if (cells.length !== layout.width) {
    const unknownKey = cells.find((cell) => cell.startsWith('\u0000unknown:'));
    errors.add({
      row,
      field: unknownKey ? unknownKey.slice('\u0000unknown:'.length) : null,
      value: null,
      rule: unknownKey ? 'unknown_column' : 'column_count',
      message: unknownKey
        ? `unknown field ${unknownKey.slice('\u0000unknown:'.length)}`
        : `the row has ${cells.length} cells but the header has ${layout.width} columns`,
    });
    return null;
  }
  const parsed: ParsedRow = {};
  let isValid = true;
  for (let index = 0; index < spec.columns.length; index++) {
    const column = spec.columns[index] as (typeof spec.columns)[number];
    const position = layout.columnIndexes[index] ?? -1;
    const raw = position >= 0 ? cells[position] : undefined;
    if (raw !== undefined && raw.trim() !== '') filled[index] = (filled[index] ?? 0) + 1;
    try {
      parsed[column.name] = parseCell(column, raw, context);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      isValid = false;
      errors.add({ row, field: column.name, value: raw ?? null, rule: error.rule, message: error.message });
    }
  }
  if (!isValid) return null;
  const crossField = [...(spec.checkRow?.(parsed) ?? []), ...checkStatement(spec, parsed)];
  for (const error of crossField) errors.add({ row, ...error });
  return crossField.length > 0 ? null : parsed;
}

function checkStatement(spec: KindSpec, parsed: ParsedRow): Array<Omit<RowError, 'row'>> {
  if (spec.kind !== 'statements') return [];
  const values: Record<string, number | null> = {};
  for (const field of STATEMENT_LINE_FIELDS) values[field] = (parsed[field] as number | null) ?? null;
  return validateStatement(values).map((issue) => ({
    field: issue.field,
    value:
      values[issue.field] === null || values[issue.field] === undefined ? null : String(values[issue.field]),
    rule: issue.rule,
    message: issue.message,
  }));
}

function describeKey(spec: KindSpec): string {
  return spec.keyFields.length === spec.columns.length ? 'values in every column' : spec.keyFields.join(', ');
}

async function createStagingTable(client: pg.PoolClient): Promise<string> {
  await client.query(
    'CREATE TEMP TABLE staging_enterprise_sources (LIKE enterprise_sources INCLUDING DEFAULTS) ON COMMIT DROP',
  );
  return 'staging_enterprise_sources';
}

/** Facts about an enterprise the registry does not know yet are refused: its profile must come first. */
async function rejectUnknownEnterprises(
  client: pg.PoolClient,
  spec: KindSpec,
  submissionId: string,
  mode: SubmissionMode,
  errors: ErrorCollector,
): Promise<number> {
  if (spec.kind === 'enterprises') return 0;
  const unknown = await client.query<{ source_row: number; credit_code: string }>(
    `SELECT source_row, credit_code FROM ${spec.table} t
     WHERE submission_id = $1 AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = t.credit_code)
     ORDER BY source_row`,
    [submissionId],
  );
  for (const row of unknown.rows) {
    errors.add({
      row: row.source_row,
      field: 'credit_code',
      value: row.credit_code,
      rule: 'enterprise_unknown',
      message: `enterprise ${row.credit_code} is not in the registry yet: submit its profile (kind enterprises) first`,
    });
  }
  if (unknown.rows.length > 0 && mode === 'accept_valid') {
    await client.query(
      `DELETE FROM ${spec.table} t WHERE submission_id = $1
       AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = t.credit_code)`,
      [submissionId],
    );
  }
  return unknown.rows.length;
}

/**
 * Makes the accepted rows count: newer versions supersede older ones from the same member (the older
 * stay, nothing is lost), invoices already registered are not registered twice, and enterprise profiles
 * are consolidated.
 */
async function applyToRegistry(
  client: pg.PoolClient,
  spec: KindSpec,
  submissionId: string,
  memberId: string,
  creditCodes: string[],
): Promise<Record<string, number>> {
  switch (spec.kind) {
    case 'enterprises': {
      await client.query(
        `INSERT INTO enterprise_sources (credit_code, member_id, submission_id, source_row, fields, submitted_at)
         SELECT credit_code, member_id, submission_id, source_row, fields, now() FROM staging_enterprise_sources
         ON CONFLICT (credit_code, member_id) DO UPDATE SET submission_id = excluded.submission_id,
           source_row = excluded.source_row, fields = excluded.fields, submitted_at = excluded.submitted_at`,
      );
      return { enterprisesUpdated: await consolidateEnterprises(client, submissionId) };
    }
    case 'statements':
    case 'loans':
    case 'public_records':
      return {
        superseded: await supersedeOlderVersions(
          client,
          spec.table,
          VERSION_KEYS[spec.kind],
          submissionId,
          memberId,
        ),
      };
    case 'invoices': {
      // Only enterprises that already have invoices from earlier files can repeat one.
      const earlier = await client.query(
        'SELECT 1 FROM invoices WHERE credit_code = ANY($1) AND submission_id <> $2 LIMIT 1',
        [creditCodes, submissionId],
      );
      if (earlier.rowCount === 0) return { alreadyRegistered: 0 };
      const repeated = await client.query(
        `DELETE FROM invoices n WHERE n.submission_id = $1 AND EXISTS (
           SELECT 1 FROM invoices o WHERE o.credit_code = n.credit_code AND o.invoice_no = n.invoice_no
             AND o.submission_id <> $1 AND o.direction = n.direction AND o.issued_on = n.issued_on
             AND o.counterparty = n.counterparty AND o.amount_fen = n.amount_fen AND o.tax_fen = n.tax_fen
             AND o.total_fen = n.total_fen AND o.is_void = n.is_void)`,
        [submissionId],
      );
      return { alreadyRegistered: repeated.rowCount ?? 0 };
    }
  }
}

/** The columns that make a row a new version of an earlier one from the same member. */
const VERSION_KEYS = {
  statements: ['credit_code', 'period_end', 'period_type'],
  loans: ['loan_ref', 'as_of'],
  public_records: ['credit_code', 'record_type', 'reference_no'],
} as const;

async function supersedeOlderVersions(
  client: pg.PoolClient,
  table: string,
  keys: readonly string[],
  submissionId: string,
  memberId: string,
): Promise<number> {
  const sameKey = keys.map((key) => `old.${key} = new.${key}`).join(' AND ');
  const result = await client.query(
    `UPDATE ${table} old SET superseded_by = new.id FROM ${table} new
     WHERE new.submission_id = $1 AND old.submission_id <> $1 AND old.superseded_by IS NULL
       AND old.member_id = $2 AND ${sameKey}`,
    [submissionId, memberId],
  );
  return result.rowCount ?? 0;
}

async function recordRejected(
  pool: pg.Pool,
  request: ImportRequest,
  submissionId: string,
  rowsTotal: number,
  errors: ErrorCollector,
  contentHash: string | null,
  completeness: Record<string, number>,
): Promise<ImportOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO submissions (id, member_id, submitted_by, kind, file_name, format, mode, status, content_hash,
         rows_total, rows_accepted, rows_rejected, error_count, stats, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'rejected', $8, $9, 0, $9, $10, $11, now())`,
      [
        submissionId,
        request.memberId,
        request.submittedBy,
        request.kind,
        request.fileName,
        request.format,
        request.mode,
        contentHash,
        rowsTotal,
        errors.count,
        JSON.stringify({ completeness }),
      ],
    );
    await writeErrors(client, submissionId, errors);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return {
    submissionId,
    status: 'rejected',
    duplicateOf: null,
    rowsTotal,
    rowsAccepted: 0,
    rowsRejected: rowsTotal,
    errorCount: errors.count,
  };
}

async function describeDuplicate(pool: pg.Pool, existingId: string): Promise<ImportOutcome> {
  const found = await pool.query(
    'SELECT status, rows_total, rows_accepted, rows_rejected, error_count FROM submissions WHERE id = $1',
    [existingId],
  );
  const row = found.rows[0];
  return {
    submissionId: existingId,
    status: row.status,
    duplicateOf: existingId,
    rowsTotal: row.rows_total,
    rowsAccepted: row.rows_accepted,
    rowsRejected: row.rows_rejected,
    errorCount: row.error_count,
  };
}

async function writeErrors(
  client: pg.PoolClient,
  submissionId: string,
  errors: ErrorCollector,
): Promise<void> {
  if (errors.count === 0) return;
  const stream = client.query(
    copyFrom('COPY submission_errors (submission_id, seq, row, field, value, rule, message) FROM STDIN'),
  );
  const done = once(stream, 'finish');
  let buffer = '';
  errors.list.forEach((error, index) => {
    buffer += toCopyLine([
      submissionId,
      index + 1,
      error.row,
      error.field,
      error.value,
      error.rule,
      error.message,
    ]);
    if (buffer.length > 1 << 20) {
      stream.write(buffer);
      buffer = '';
    }
  });
  if (errors.count > errors.list.length) {
    buffer += toCopyLine([
      submissionId,
      errors.list.length + 1,
      null,
      null,
      null,
      'too_many_errors',
      `${errors.count - errors.list.length} more errors are not listed; fix the ones above and send the file again`,
    ]);
  }
  stream.end(buffer);
  await done;
}

function ruleOfFileError(error: AppError): string {
  switch (error.code) {
    case 'REGISTRY_BAD_ENCODING':
      return 'encoding';
    case 'REGISTRY_BAD_HEADER':
      return 'header';
    default:
      return 'file';
  }
}

class ErrorCollector {
  readonly list: RowError[] = [];
  count = 0;
  rowsWithErrors = 0;
  private lastRow: number | null = null;

  add(error: RowError): void {
    this.count++;
    if (error.row !== null && error.row !== this.lastRow) {
      this.rowsWithErrors++;
      this.lastRow = error.row;
    }
    if (this.list.length < MAX_STORED_ERRORS) this.list.push(truncateValue(error));
  }
}

function truncateValue(error: RowError): RowError {
  return error.value !== null && error.value.length > 200
    ? { ...error, value: `${error.value.slice(0, 200)}…` }
    : error;
}

export type { ParsedValue };
