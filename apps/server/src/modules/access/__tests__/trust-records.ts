import { expect } from 'vitest';
import { csv, submitText } from '../../../../test/factories.js';
import type { Database } from '../../../platform/db/database.js';
import type { Services } from '../../../services.js';
import { newStatements } from '../../registry/domain/statement.fixtures.js';
import { KIND_SPECS, STATEMENT_LINE_FIELDS } from '../../registry/index.js';
import type { TActor } from '../access.schemas.js';

const columnsOf = (kind: 'loans' | 'public_records' | 'statements') =>
  KIND_SPECS[kind].columns.map((column) => column.name);

/**
 * One loan that went into default and was written off on `writtenOffOn`, one that is current, a court judgment
 * that ended on `judgmentEndedOn`, and an annual statement: all submitted by `submitter` about `creditCode`.
 * Returns the ids the registry gave the rows.
 */
export async function submitRecords(
  services: Services,
  database: Database,
  submitter: TActor,
  creditCode: string,
  dates: { writtenOffOn: string; judgmentEndedOn: string } = {
    writtenOffOn: '2020-09-30',
    judgmentEndedOn: '2020-05-31',
  },
) {
  const submit = async (kind: 'loans' | 'public_records' | 'statements', text: string) => {
    const { submission } = await submitText(services, submitter, kind, text);
    expect(submission.errors).toEqual([]);
    expect(submission.status).toBe('accepted');
  };
  const loan = (ref: string, cells: string[]) => [creditCode, ref, 'working_capital', ...cells];
  await submit(
    'loans',
    csv(columnsOf('loans'), [
      loan('BAD-1', [
        '100000',
        '2018-01-10',
        '2019-01-10',
        '2019-06-30',
        '80000',
        '120',
        'default',
        '2019-04-10',
        'none',
      ]),
      loan('BAD-1', [
        '100000',
        '2018-01-10',
        '2019-01-10',
        dates.writtenOffOn,
        '80000',
        '200',
        'written_off',
        '2019-04-10',
        'none',
      ]),
      loan('GOOD-1', [
        '50000',
        '2025-01-01',
        '2027-01-01',
        '2026-03-31',
        '40000',
        '0',
        'current',
        '',
        'none',
      ]),
    ]),
  );
  await submit(
    'public_records',
    csv(columnsOf('public_records'), [
      [
        creditCode,
        'court_judgment',
        'JUDG-1',
        'Shenzhen court',
        '2019-02-01',
        dates.judgmentEndedOn,
        '3000.00',
        'unpaid supplier',
      ],
    ]),
  );
  const lines = newStatements();
  await submit(
    'statements',
    csv(columnsOf('statements'), [
      [
        creditCode,
        '2025-12-31',
        'annual',
        ...STATEMENT_LINE_FIELDS.map((field) => {
          const fen = lines[field];
          return fen === null || fen === undefined ? '' : (fen / 100).toFixed(2);
        }),
      ],
    ]),
  );
  const idOf = async (sql: string) => {
    const result = await database.pool.query<{ id: string }>(sql, [creditCode]);
    const id = result.rows[0]?.id;
    if (!id) throw new Error(`setup: no row for ${sql}`);
    return id;
  };
  return {
    badLoanDefaultId: await idOf(
      "SELECT id::text FROM loans WHERE credit_code = $1 AND loan_ref = 'BAD-1' AND status = 'default'",
    ),
    badLoanWrittenOffId: await idOf(
      "SELECT id::text FROM loans WHERE credit_code = $1 AND loan_ref = 'BAD-1' AND status = 'written_off'",
    ),
    goodLoanId: await idOf("SELECT id::text FROM loans WHERE credit_code = $1 AND loan_ref = 'GOOD-1'"),
    judgmentId: await idOf('SELECT id::text FROM public_records WHERE credit_code = $1'),
    statementId: await idOf('SELECT id::text FROM statements WHERE credit_code = $1'),
  };
}
