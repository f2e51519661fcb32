import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../platform/money.js';
import { validateCreditCode } from '../registry/domain/index.js';
import { CANONICAL_COLUMNS } from './columns.js';
import { cumcmCreditCode, cumcmInvoiceRows, cumcmLabels, loadCumcmEnterprises } from './cumcm-source.js';

// apps/server/src/modules/demo → the repository's sibling ../shared/data (or SHARED_DATA_DIR).
const folder = process.env.SHARED_DATA_DIR
  ? `${process.env.SHARED_DATA_DIR}/cumcm2020c`
  : fileURLToPath(new URL('../../../../../../shared/data/cumcm2020c', import.meta.url));
const present = existsSync(`${folder}/enterprises.csv.gz`);
if (!present) console.info(`cumcm-source tests skipped: the CUMCM 2020 C data is not at ${folder}`);

describe('cumcm-source', () => {
  it('throws a clear error naming where it looked when the data is absent', async () => {
    await expect(loadCumcmEnterprises('/nonexistent/cumcm2020c')).rejects.toThrow(
      /CUMCM 2020 C data not found: looked for \/nonexistent\/cumcm2020c\/enterprises\.csv\.gz/,
    );
  });

  it('makes deterministic, valid codes that no generated firm uses', () => {
    expect(cumcmCreditCode('E1')).toBe(cumcmCreditCode('E1'));
    expect(validateCreditCode(cumcmCreditCode('E425')).isValid).toBe(true);
    expect(cumcmCreditCode('E60', true).slice(0, 2)).toBe('92');
    expect(cumcmCreditCode('E7').slice(8, 13)).toBe('MAYYC');
    expect(() => cumcmCreditCode('X1')).toThrow(RangeError);
  });

  it.skipIf(!present)('reads the 425 enterprises under unique valid codes, with the 123 labels', async () => {
    const enterprises = await loadCumcmEnterprises(folder);
    expect(enterprises).toHaveLength(425);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(425);
    for (const enterprise of enterprises)
      expect(validateCreditCode(enterprise.creditCode).isValid).toBe(true);
    expect(enterprises[0]).toMatchObject({
      id: 'E1',
      attachment: 1,
      name: '***电器销售有限公司',
      rating: 'A',
      defaulted: false,
    });
    const labels = cumcmLabels(enterprises).filter((label) => label.defaulted !== null);
    expect(labels).toHaveLength(123);
    expect(labels.filter((label) => label.defaulted)).toHaveLength(27);
    expect(enterprises.filter((e) => e.creditCode.startsWith('92')).length).toBe(59);
  });

  it.skipIf(!present)('streams invoices in the canonical format', async () => {
    const enterprises = await loadCumcmEnterprises(folder);
    const rows = [];
    for await (const row of cumcmInvoiceRows(folder, enterprises)) {
      rows.push(row);
      if (rows.length === 2000) break;
    }
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual([...CANONICAL_COLUMNS.invoices].sort());
    expect(rows[0]).toEqual({
      credit_code: enterprises[0]?.creditCode,
      direction: 'purchase',
      invoice_no: '3390939',
      issued_on: '2017-07-18',
      counterparty: 'A00297',
      amount: '-943.40',
      tax: '-56.60',
      total: '-1000.00',
      status: 'valid',
    });
    for (const row of rows) {
      expect(row.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(['valid', 'void']).toContain(row.status);
      expect(
        Math.abs(
          parseYuanToFen(row.total ?? '') - parseYuanToFen(row.amount ?? '') - parseYuanToFen(row.tax ?? ''),
        ),
      ).toBeLessThanOrEqual(1);
    }
  });
});
