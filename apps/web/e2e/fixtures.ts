import { computeCreditCodeCheckCharacters } from '../../server/src/modules/registry/domain/credit-code.js';

/** The canonical enterprises header (only credit_code, name and industry_code are required). */
export const ENTERPRISES_HEADER =
  'credit_code,name,industry_code,established_on,employees,annual_revenue,total_assets,registered_capital,address';

/** A valid unified social credit code: a Shenzhen (440300) company with organisation code `digits8`. */
export function validCreditCode(digits8: string): string {
  const first16 = `91440300${digits8}`;
  return `${first16}${computeCreditCodeCheckCharacters(first16)}`;
}

/** The same code with its last (mod-31 check) character replaced, so that it fails the checksum. */
export function brokenCreditCode(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return `${code.slice(0, -1)}${last}`;
}

export type EnterpriseRow = {
  creditCode: string;
  name: string;
  employees: number;
};

export function enterprisesCsv(rows: EnterpriseRow[]): string {
  const lines = rows.map(
    (row) =>
      `${row.creditCode},${row.name},C13,2015-03-01,${row.employees},1200000,2500000,500000,深圳市南山区`,
  );
  return `${[ENTERPRISES_HEADER, ...lines].join('\n')}\n`;
}
