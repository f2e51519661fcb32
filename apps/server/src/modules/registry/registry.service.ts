import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { Config } from '../../platform/config.js';
import { withReadContext } from '../../platform/db/read-context.js';
import { AppError } from '../../platform/errors.js';
import type { Clock, ConsentService, TActor, TPurpose } from '../access/index.js';
import { ENTERPRISE_ROLES, readContextOf } from '../access/index.js';
import { divisionOf } from './domain/division.js';
import { type ImportOutcome, importSubmission, type SubmissionMode } from './import/importer.js';
import type { FileEncoding, FileFormat } from './import/row-source.js';
import {
  ENTERPRISE_PROFILE_FIELDS,
  KIND_SPECS,
  SUBMISSION_KINDS,
  type SubmissionKind,
} from './import/submission-kinds.js';
import { createRegistryRepository, type EnterpriseRow, type SubmissionRow } from './registry.repository.js';
import type { TRowError, TSubmission } from './registry.schemas.js';
import {
  annotationsOf,
  createRegistryTrustStore,
  type OpenDisputeLookup,
  type TRecordType,
} from './registry.trust.js';

type Deps = {
  pool: pg.Pool;
  clock: Clock;
  config: Pick<Config, 'importBatchRows'>;
  authorizeIdentifiedRead: ConsentService['authorizeIdentifiedRead'];
  /** Access's open disputes of an enterprise: records under dispute are marked in every read. */
  openDisputes?: OpenDisputeLookup;
};

const FIRST_ERRORS_SHOWN = 100;

/** Staff of a member see what their member submitted; the operator sees everything. */
function memberScope(actor: TActor): string | null {
  if (actor.role === 'operator') return null;
  if (!actor.memberId)
    throw new AppError('FORBIDDEN', { message: 'only member institutions and the operator submit data' });
  return actor.memberId;
}

export function createRegistryService({ pool, clock, config, authorizeIdentifiedRead, openDisputes }: Deps) {
  const repository = createRegistryRepository(pool);
  const trust = createRegistryTrustStore(pool, { clock });

  async function toSubmission(
    row: SubmissionRow,
    duplicateOf: string | null,
    withErrors: boolean,
  ): Promise<TSubmission> {
    return {
      id: row.id,
      kind: row.kind as SubmissionKind,
      fileName: row.file_name,
      format: row.format as FileFormat,
      mode: row.mode as SubmissionMode,
      status: row.status as TSubmission['status'],
      rowsTotal: row.rows_total,
      rowsAccepted: row.rows_accepted,
      rowsRejected: row.rows_rejected,
      errorCount: row.error_count,
      errors: withErrors ? await repository.listErrors(row.id, FIRST_ERRORS_SHOWN) : [],
      memberId: row.member_id,
      memberName: row.member_name,
      submittedBy: row.submitted_by,
      submittedByName: row.submitted_by_name,
      createdAt: row.created_at.toISOString(),
      duplicateOf,
    };
  }

  async function getSubmissionRow(actor: TActor, id: string): Promise<SubmissionRow> {
    const row = await repository.findSubmission(id);
    const scope = memberScope(actor);
    if (!row || (scope !== null && row.member_id !== scope)) {
      throw new AppError('NOT_FOUND', { message: `submission ${id} not found` });
    }
    return row;
  }

  /** Decides and logs an identified read of one enterprise (its submitters, a consent, itself, the operator). */
  async function authorizeEnterpriseRead(input: {
    actor: TActor;
    creditCode: string;
    resource: string;
    purpose?: TPurpose;
    requestId?: string | null;
  }) {
    const row = await repository.findEnterprise(input.creditCode.trim().toUpperCase());
    if (!row)
      throw new AppError('NOT_FOUND', { message: `enterprise ${input.creditCode} is not in the registry` });
    const sources = await repository.listSources(row.credit_code);
    await authorizeIdentifiedRead({
      actor: input.actor,
      enterpriseId: row.id,
      enterpriseCreditCode: row.credit_code,
      scope: 'report',
      purpose: input.purpose ?? 'credit_assessment',
      resource: input.resource,
      submitterMemberIds: sources.map((source) => source.member_id),
      requestId: input.requestId ?? null,
    });
    return { row, sources };
  }

  return {
    authorizeEnterpriseRead,

    /** The enterprise attaches its explanation to one of its records (a statement, a loan, a public record). */
    async explainRecord(input: {
      actor: TActor;
      recordType: TRecordType;
      recordId: string;
      explanation: string;
      requestId?: string | null;
    }) {
      const { actor } = input;
      if (!ENTERPRISE_ROLES.includes(actor.role) || !actor.enterpriseId) {
        throw new AppError('FORBIDDEN', {
          message: ENTERPRISE_ROLES.includes(actor.role)
            ? 'your account is not yet bound to an enterprise (verification pending): it explains no record'
            : 'only the enterprise itself attaches explanations to its records',
        });
      }
      return trust.writeExplanation({
        actorUserId: actor.id,
        enterpriseId: actor.enterpriseId,
        recordType: input.recordType,
        recordId: input.recordId,
        explanation: input.explanation,
        requestId: input.requestId ?? null,
      });
    },

    listKinds() {
      return SUBMISSION_KINDS.map((kind) => ({
        kind,
        label: KIND_SPECS[kind].label,
        columns: KIND_SPECS[kind].columns.map((column) => ({
          name: column.name,
          required: column.required,
          type: column.type,
          ...(column.values ? { values: [...column.values] } : {}),
          description: column.description,
        })),
      }));
    },

    /** Imports a member's file; the outcome includes the first row errors. */
    async submit(input: {
      actor: TActor;
      memberId?: string;
      kind: SubmissionKind;
      mode: SubmissionMode;
      format: FileFormat;
      encoding?: FileEncoding;
      fileName: string;
      input: Readable;
      onProgress?: (progress: { rows: number; bytes: number }) => void;
    }): Promise<{ submission: TSubmission; outcome: ImportOutcome }> {
      const memberId = input.memberId ?? memberScope(input.actor) ?? input.actor.memberId;
      if (!memberId) {
        throw new AppError('VALIDATION_FAILED', { message: 'say which member submits this file (--member)' });
      }
      const outcome = await importSubmission(pool, {
        kind: input.kind,
        mode: input.mode,
        format: input.format,
        encoding: input.encoding,
        fileName: input.fileName,
        input: input.input,
        memberId,
        submittedBy: input.actor.id,
        today: clock.now().toISOString().slice(0, 10),
        batchRows: config.importBatchRows,
        onProgress: input.onProgress,
      });
      const row = await repository.findSubmission(outcome.submissionId);
      if (!row) throw new AppError('INTERNAL', { message: 'the submission vanished after import' });
      return { submission: await toSubmission(row, outcome.duplicateOf, true), outcome };
    },

    async listSubmissions(input: { actor: TActor; limit: number; offset: number }) {
      const page = await repository.listSubmissions({ memberId: memberScope(input.actor), ...input });
      return {
        items: await Promise.all(page.items.map((row) => toSubmission(row, null, false))),
        total: page.total,
      };
    },

    async getSubmission(input: { actor: TActor; id: string }) {
      return toSubmission(await getSubmissionRow(input.actor, input.id), null, true);
    },

    /** The full error report as CSV text chunks; cells are neutralised against formula injection. */
    async *errorReportCsv(input: { actor: TActor; id: string }): AsyncGenerator<string> {
      await getSubmissionRow(input.actor, input.id);
      yield '\uFEFFrow,field,value,rule,message\n';
      for await (const page of repository.streamErrors(input.id)) {
        yield page.map(errorToCsvLine).join('');
      }
    },

    async quality(input: { actor: TActor }) {
      const scope =
        input.actor.role === 'operator' || input.actor.role === 'regulator' ? null : memberScope(input.actor);
      const [rows, lags] = await Promise.all([
        repository.qualityByMemberAndKind(scope),
        repository.statementLagMedians(scope),
      ]);
      const members = new Map<string, { memberId: string; memberName: string; kinds: unknown[] }>();
      for (const row of rows) {
        const member = members.get(row.member_id) ?? {
          memberId: row.member_id,
          memberName: row.member_name,
          kinds: [],
        };
        member.kinds.push({
          kind: row.kind,
          submissions: Number(row.submissions),
          rowsAccepted: Number(row.rows_accepted),
          rowsRejected: Number(row.rows_rejected),
          completeness: Object.entries(row.completeness ?? {}).map(([field, ratio]) => ({
            field,
            ratio: Number(ratio),
          })),
          statementLagDaysMedian: row.kind === 'statements' ? (lags.get(row.member_id) ?? null) : null,
        });
        members.set(row.member_id, member);
      }
      return { members: [...members.values()] };
    },

    async listEnterprises(input: { actor: TActor; query: string | null; limit: number; offset: number }) {
      const page = await repository.listEnterprises(input);
      return { items: page.items.map(toEnterpriseItem), total: page.total };
    },

    /** An identified read: decided and logged by access's `authorizeIdentifiedRead` before anything is shown. */
    async getEnterprise(input: {
      actor: TActor;
      creditCode: string;
      purpose?: TPurpose;
      requestId?: string | null;
    }) {
      const { row, sources } = await authorizeEnterpriseRead({ ...input, resource: 'registry.enterprise' });
      const consolidated: Record<string, string | number | null> = {
        name: row.name,
        industry_code: row.industry_code,
        established_on: row.established_on,
        employees: row.employees,
        annual_revenue: row.annual_revenue_fen,
        total_assets: row.total_assets_fen,
        registered_capital: row.registered_capital_fen,
        address: row.address,
      };
      // The records are read as the acting party: row-level security is the second wall behind the check above.
      const records = await withReadContext(
        pool,
        readContextOf(input.actor, clock.now(), { creditCode: row.credit_code }),
        async (client) => {
          const annotation = await annotationsOf(
            client,
            { id: row.id, creditCode: row.credit_code },
            openDisputes ?? null,
          );
          return repository.listCurrentRecords(client, row.credit_code, annotation);
        },
      );
      return {
        ...toEnterpriseItem(row),
        ...records,
        sizeStandardVersion: row.size_standard_version,
        establishedOn: row.established_on,
        employees: row.employees,
        annualRevenueFen: row.annual_revenue_fen,
        totalAssetsFen: row.total_assets_fen,
        registeredCapitalFen: row.registered_capital_fen,
        address: row.address,
        fields: ENTERPRISE_PROFILE_FIELDS.map((field) => {
          const values = sources.map((source) => source.fields[field] ?? null);
          const distinct = new Set(values.filter((value) => value !== null && value !== ''));
          return {
            field,
            value:
              consolidated[field] === null || consolidated[field] === undefined
                ? null
                : String(consolidated[field]),
            hasConflict: distinct.size > 1,
            sources: sources.map((source) => ({
              memberId: source.member_id,
              memberName: source.member_name,
              value:
                source.fields[field] === null || source.fields[field] === undefined
                  ? null
                  : String(source.fields[field]),
              submittedAt: source.submitted_at.toISOString(),
            })),
          };
        }),
      };
    },
  };
}

function toEnterpriseItem(row: EnterpriseRow) {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    industryCode: row.industry_code,
    industryGroup: row.industry_group,
    sizeClass: row.size_class,
    provinceName: divisionOf(row.division_code).provinceName,
    hasConflicts: row.has_conflicts,
    sourceCount: row.source_count,
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A cell a spreadsheet would run as a formula is prefixed with ' (plain negative numbers stay numbers).
  if (/^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function errorToCsvLine(error: TRowError): string {
  return `${[error.row, error.field, error.value, error.rule, error.message].map(csvCell).join(',')}\n`;
}

export type RegistryService = ReturnType<typeof createRegistryService>;
