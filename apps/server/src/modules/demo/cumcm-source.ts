import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_REGIONS } from './catalogues.js';
import type { CanonicalRow } from './columns.js';
import { readCsvRecords } from './csv-gz.js';
import { completeCreditCode } from './enterprise.js';
import { normaliseYuan } from './money.js';
import { hashText } from './prng.js';

/** One of the 425 CUMCM 2020 C enterprises, under a generated credit code. */
export type CumcmEnterprise = {
  /** E1 … E425. */
  id: string;
  /** 1 = 附件1 (with credit records, labelled), 2 = 附件2 (unlabelled). */
  attachment: 1 | 2;
  /** 企业名称 as given, trimmed (anonymised, e.g. '***电器销售有限公司'; not unique). */
  name: string;
  creditCode: string;
  /** 信誉评级 A–D (附件1 only). Never a feature for the default target: all D firms defaulted. */
  rating: 'A' | 'B' | 'C' | 'D' | null;
  /** 是否违约 (附件1 only). */
  defaulted: boolean | null;
};

const FILES = {
  enterprises: 'enterprises.csv.gz',
  invoices: [
    ['att1_input_invoices.csv.gz', 'purchase', '销方单位代号'],
    ['att1_output_invoices.csv.gz', 'sales', '购方单位代号'],
    ['att2_input_invoices.csv.gz', 'purchase', '销方单位代号'],
    ['att2_output_invoices.csv.gz', 'sales', '购方单位代号'],
  ],
} as const;

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The deterministic credit code of CUMCM enterprise `E{n}`: entity type 91 (企业) or 92 (个体工商户, for the
 * `个体经营E…` firms), a demo division picked by hash, and the body 'MAYYC' + three characters, a block
 * that no generated demo firm, counterparty or member uses, so both sets can live in one registry.
 */
export function cumcmCreditCode(id: string, isSoleProprietor = false): string {
  const match = /^E(\d+)$/.exec(id);
  const number = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || number >= 31 ** 3) {
    throw new RangeError(
      `cumcmCreditCode: expected an enterprise id like 'E1' … 'E425', got ${JSON.stringify(id)}`,
    );
  }
  const region = DEMO_REGIONS[hashText(id) % DEMO_REGIONS.length] ?? DEMO_REGIONS[0];
  let body = '';
  for (let rest = number, k = 0; k < 3; k += 1, rest = Math.floor(rest / 31))
    body = CHARSET[rest % 31] + body;
  return completeCreditCode(`${isSoleProprietor ? '92' : '91'}${region?.division ?? '330100'}MAYYC${body}`);
}

function assertFolder(folder: string): string {
  const absolute = resolve(folder);
  if (!existsSync(join(absolute, FILES.enterprises))) {
    throw new Error(
      `CUMCM 2020 C data not found: looked for ${join(absolute, FILES.enterprises)} (pass the folder that holds ` +
        "cumcm2020c's enterprises.csv.gz and att{1,2}_{input,output}_invoices.csv.gz, e.g. ../shared/data/cumcm2020c)",
    );
  }
  return absolute;
}

/**
 * Reads the 425 enterprises with their generated credit codes and labels.
 *
 * @param folder - the `cumcm2020c` folder of the shared data
 * @throws Error naming the path looked at when the folder or its files are absent
 */
export async function loadCumcmEnterprises(folder: string): Promise<CumcmEnterprise[]> {
  const absolute = assertFolder(folder);
  const enterprises: CumcmEnterprise[] = [];
  for await (const record of readCsvRecords(join(absolute, FILES.enterprises))) {
    const id = record.企业代号 ?? '';
    const name = (record.企业名称 ?? '').trim();
    const attachment = record.附件 === '1' ? 1 : 2;
    const rating = record.信誉评级 ?? '';
    const defaulted = record.是否违约 ?? '';
    enterprises.push({
      id,
      attachment,
      name,
      creditCode: cumcmCreditCode(id, name.startsWith('个体经营')),
      rating: rating === 'A' || rating === 'B' || rating === 'C' || rating === 'D' ? rating : null,
      defaulted: defaulted === '是' ? true : defaulted === '否' ? false : null,
    });
  }
  return enterprises;
}

/** The enterprises as canonical `enterprises` rows (only the code and the name are known). */
export function cumcmEnterpriseRows(enterprises: readonly CumcmEnterprise[]): CanonicalRow[] {
  return enterprises.map((enterprise) => ({
    credit_code: enterprise.creditCode,
    name: enterprise.name,
    industry_code: '',
    established_on: '',
    employees: '',
    annual_revenue: '',
    total_assets: '',
    registered_capital: '',
    address: '',
  }));
}

/**
 * Streams the 1,099,441 invoices as canonical `invoices` rows: 进项 (input) = purchase, 销项 (output) =
 * sales; 有效发票 → valid, 作废发票 → void; counterparty = the seller/buyer code as given (A…/B…/C…/D…);
 * amounts normalised to two decimals (exactly; the source has at most two); 源表行号 dropped. Duplicates and
 * the 5 rows whose 价税合计 differs from 金额 + 税额 are kept as in the source, for the importer to judge.
 *
 * @param folder - the `cumcm2020c` folder
 * @param enterprises - from {@link loadCumcmEnterprises} (read when omitted)
 */
export async function* cumcmInvoiceRows(
  folder: string,
  enterprises?: readonly CumcmEnterprise[],
): AsyncGenerator<CanonicalRow> {
  const absolute = assertFolder(folder);
  const codes = new Map(
    (enterprises ?? (await loadCumcmEnterprises(absolute))).map((e) => [e.id, e.creditCode]),
  );
  for (const [file, direction, partnerColumn] of FILES.invoices) {
    for await (const record of readCsvRecords(join(absolute, file))) {
      const id = record.企业代号 ?? '';
      const creditCode = codes.get(id);
      if (!creditCode) throw new Error(`${file}: unknown enterprise ${JSON.stringify(id)}`);
      const status = (record.发票状态 ?? '').trim();
      yield {
        credit_code: creditCode,
        direction,
        invoice_no: record.发票号码 ?? '',
        issued_on: record.开票日期 ?? '',
        counterparty: record[partnerColumn] ?? '',
        amount: normaliseYuan(record.金额 ?? ''),
        tax: normaliseYuan(record.税额 ?? ''),
        total: normaliseYuan(record.价税合计 ?? ''),
        status: status === '作废发票' ? 'void' : status === '有效发票' ? 'valid' : status,
      };
    }
  }
}

/** Labels for scoring: the 123 附件1 firms (default and rating); 附件2 firms have nulls. */
export function cumcmLabels(enterprises: readonly CumcmEnterprise[]) {
  return enterprises.map(({ id, creditCode, defaulted, rating }) => ({ id, creditCode, defaulted, rating }));
}

/** Where the shared CUMCM data usually is, relative to the repository (../shared/data/cumcm2020c). */
export function defaultCumcmFolder(repositoryRoot: string): string {
  return join(repositoryRoot, '..', 'shared', 'data', 'cumcm2020c');
}
