/**
 * The line items of the three statements of 《小企业会计准则》 (财会〔2011〕17号): 资产负债表 (会小企01表, 53 rows),
 * 利润表 (会小企02表, 32 rows) and 现金流量表 (会小企03表, 22 rows, direct method), as data (DOMAIN §3).
 *
 * A line's id is the statement prefix and its two-digit row number (行次): `bs_30` is balance-sheet row 30.
 * Subtotals carry their formula; "其中" memo rows carry their parent and are never added into subtotals.
 * Amounts are integer fen.
 */

/** The three statements. */
export type StatementType = 'balance_sheet' | 'income_statement' | 'cash_flow';

/** item: an input row; subtotal: computed from other rows by `formula`; memo: an "of which" part of `parent`. */
export type StatementLineKind = 'item' | 'subtotal' | 'memo';

/** One term of a subtotal's formula. */
export type FormulaTerm = { id: string; sign: 1 | -1 };

/** One line of a statement. */
export type StatementLine = {
  /** 'bs_01'…'bs_53', 'is_01'…'is_32', 'cf_01'…'cf_22'. */
  id: string;
  statement: StatementType;
  /** The row number (行次) printed on the form. */
  row: number;
  zh: string;
  en: string;
  kind: StatementLineKind;
  /** For subtotals: the signed rows it sums; null otherwise. */
  formula: readonly FormulaTerm[] | null;
  /** For memos: the id of the row it details; null otherwise. */
  parent: string | null;
  /** Whether a negative amount is normal for this line (otherwise `lintStatement` warns). */
  canBeNegative: boolean;
};

/** The prefix of each statement's line ids. */
export const STATEMENT_PREFIXES: Readonly<Record<StatementType, string>> = {
  balance_sheet: 'bs',
  income_statement: 'is',
  cash_flow: 'cf',
};

/** Names of the statements. */
export const STATEMENT_NAMES: Readonly<Record<StatementType, { zh: string; en: string; form: string }>> = {
  balance_sheet: { zh: '资产负债表', en: 'Balance sheet', form: '会小企01表' },
  income_statement: { zh: '利润表', en: 'Income statement', form: '会小企02表' },
  cash_flow: { zh: '现金流量表', en: 'Cash flow statement', form: '会小企03表' },
};

type LineSpec = [row: number, zh: string, en: string, rule?: string, options?: { canBeNegative?: boolean }];

// rule: undefined = item; '=1+2-3' = subtotal; '<9' = memo of row 9.
const BALANCE_SHEET: readonly LineSpec[] = [
  [1, '货币资金', 'Cash and bank balances'],
  [2, '短期投资', 'Short-term investments'],
  [3, '应收票据', 'Notes receivable'],
  [4, '应收账款', 'Accounts receivable'],
  [5, '预付账款', 'Prepayments'],
  [6, '应收股利', 'Dividends receivable'],
  [7, '应收利息', 'Interest receivable'],
  [8, '其他应收款', 'Other receivables'],
  [9, '存货', 'Inventories'],
  [10, '其中：原材料', 'of which: raw materials', '<9'],
  [11, '在产品', 'of which: work in progress', '<9'],
  [12, '库存商品', 'of which: finished goods and merchandise', '<9'],
  [13, '周转材料', 'of which: turnover materials', '<9'],
  [14, '其他流动资产', 'Other current assets'],
  [15, '流动资产合计', 'Total current assets', '=1+2+3+4+5+6+7+8+9+14'],
  [16, '长期债券投资', 'Long-term bond investments'],
  [17, '长期股权投资', 'Long-term equity investments'],
  [18, '固定资产原价', 'Fixed assets at cost'],
  [19, '减：累计折旧', 'Less: accumulated depreciation'],
  [20, '固定资产账面价值', 'Fixed assets, net book value', '=18-19'],
  [21, '在建工程', 'Construction in progress'],
  [22, '工程物资', 'Construction materials'],
  [23, '固定资产清理', 'Fixed assets pending disposal', undefined, { canBeNegative: true }],
  [24, '生产性生物资产', 'Productive biological assets'],
  [25, '无形资产', 'Intangible assets'],
  [26, '开发支出', 'Development expenditure'],
  [27, '长期待摊费用', 'Long-term deferred expenses'],
  [28, '其他非流动资产', 'Other non-current assets'],
  [29, '非流动资产合计', 'Total non-current assets', '=16+17+20+21+22+23+24+25+26+27+28'],
  [30, '资产总计', 'Total assets', '=15+29'],
  [31, '短期借款', 'Short-term borrowings'],
  [32, '应付票据', 'Notes payable'],
  [33, '应付账款', 'Accounts payable'],
  [34, '预收账款', 'Advances from customers'],
  [35, '应付职工薪酬', 'Employee benefits payable'],
  [36, '应交税费', 'Taxes payable', undefined, { canBeNegative: true }],
  [37, '应付利息', 'Interest payable'],
  [38, '应付利润', 'Profits payable'],
  [39, '其他应付款', 'Other payables'],
  [40, '其他流动负债', 'Other current liabilities'],
  [41, '流动负债合计', 'Total current liabilities', '=31+32+33+34+35+36+37+38+39+40'],
  [42, '长期借款', 'Long-term borrowings'],
  [43, '长期应付款', 'Long-term payables'],
  [44, '递延收益', 'Deferred income'],
  [45, '其他非流动负债', 'Other non-current liabilities'],
  [46, '非流动负债合计', 'Total non-current liabilities', '=42+43+44+45'],
  [47, '负债合计', 'Total liabilities', '=41+46'],
  [48, '实收资本（或股本）', 'Paid-in capital'],
  [49, '资本公积', 'Capital reserve'],
  [50, '盈余公积', 'Surplus reserve'],
  [51, '未分配利润', 'Retained earnings', undefined, { canBeNegative: true }],
  [52, '所有者权益（或股东权益）合计', "Total owners' equity", '=48+49+50+51', { canBeNegative: true }],
  [53, '负债和所有者权益（或股东权益）总计', 'Total liabilities and equity', '=47+52'],
];

const INCOME_STATEMENT: readonly LineSpec[] = [
  [1, '一、营业收入', 'Operating revenue'],
  [2, '减：营业成本', 'Cost of sales'],
  [3, '税金及附加', 'Taxes and surcharges'],
  [4, '其中：消费税', 'of which: consumption tax', '<3'],
  [5, '营业税', 'of which: business tax', '<3'],
  [6, '城市维护建设税', 'of which: urban maintenance and construction tax', '<3'],
  [7, '资源税', 'of which: resource tax', '<3'],
  [8, '土地增值税', 'of which: land appreciation tax', '<3'],
  [
    9,
    '城镇土地使用税、房产税、车船税、印花税',
    'of which: land-use, property, vehicle and stamp taxes',
    '<3',
  ],
  [
    10,
    '教育费附加、矿产资源补偿费、排污费',
    'of which: education surcharge, mineral compensation and pollutant fees',
    '<3',
  ],
  [11, '销售费用', 'Selling expenses'],
  [12, '其中：商品维修费', 'of which: product repair', '<11'],
  [13, '广告费和业务宣传费', 'of which: advertising and promotion', '<11'],
  [14, '管理费用', 'Administrative expenses'],
  [15, '其中：开办费', 'of which: start-up costs', '<14'],
  [16, '业务招待费', 'of which: entertainment', '<14'],
  [17, '研究费用', 'of which: research', '<14'],
  [18, '财务费用', 'Finance costs', undefined, { canBeNegative: true }],
  [
    19,
    '其中：利息费用（收入以"-"号填列）',
    'of which: interest expense (net income negative)',
    '<18',
    { canBeNegative: true },
  ],
  [
    20,
    '加：投资收益（损失以"-"号填列）',
    'Add: investment income (loss negative)',
    undefined,
    { canBeNegative: true },
  ],
  [21, '二、营业利润', 'Operating profit', '=1-2-3-11-14-18+20', { canBeNegative: true }],
  [22, '加：营业外收入', 'Add: non-operating income'],
  [23, '其中：政府补助', 'of which: government grants', '<22'],
  [24, '减：营业外支出', 'Less: non-operating expenses'],
  [25, '其中：坏账损失', 'of which: bad-debt losses', '<24'],
  [26, '无法收回的长期债券投资损失', 'of which: irrecoverable long-term bond investment losses', '<24'],
  [27, '无法收回的长期股权投资损失', 'of which: irrecoverable long-term equity investment losses', '<24'],
  [28, '自然灾害等不可抗力因素造成的损失', 'of which: force-majeure losses', '<24'],
  [29, '税收滞纳金', 'of which: tax late-payment surcharges', '<24'],
  [30, '三、利润总额', 'Profit before tax', '=21+22-24', { canBeNegative: true }],
  [31, '减：所得税费用', 'Income tax expense'],
  [32, '四、净利润', 'Net profit', '=30-31', { canBeNegative: true }],
];

const CASH_FLOW: readonly LineSpec[] = [
  [1, '销售产成品、商品、提供劳务收到的现金', 'Cash received from sales of goods and services'],
  [2, '收到其他与经营活动有关的现金', 'Other cash received from operating activities'],
  [3, '购买原材料、商品、接受劳务支付的现金', 'Cash paid for materials, goods and services'],
  [4, '支付的职工薪酬', 'Cash paid to employees'],
  [5, '支付的税费', 'Taxes paid'],
  [6, '支付其他与经营活动有关的现金', 'Other cash paid for operating activities'],
  [
    7,
    '经营活动产生的现金流量净额',
    'Net cash flow from operating activities',
    '=1+2-3-4-5-6',
    { canBeNegative: true },
  ],
  [8, '收回短期投资、长期债券投资和长期股权投资收到的现金', 'Cash received from disposal of investments'],
  [9, '取得投资收益收到的现金', 'Investment income received'],
  [
    10,
    '处置固定资产、无形资产和其他非流动资产收回的现金净额',
    'Net cash from disposal of fixed, intangible and other non-current assets',
  ],
  [11, '短期投资、长期债券投资和长期股权投资支付的现金', 'Cash paid for investments'],
  [
    12,
    '购建固定资产、无形资产和其他非流动资产支付的现金',
    'Cash paid for fixed, intangible and other non-current assets',
  ],
  [
    13,
    '投资活动产生的现金流量净额',
    'Net cash flow from investing activities',
    '=8+9+10-11-12',
    { canBeNegative: true },
  ],
  [14, '取得借款收到的现金', 'Cash received from borrowings'],
  [15, '吸收投资者投资收到的现金', 'Cash received from capital contributions'],
  [16, '偿还借款本金支付的现金', 'Repayment of borrowings (principal)'],
  [17, '偿还借款利息支付的现金', 'Interest paid'],
  [18, '分配利润支付的现金', 'Profit distributions paid'],
  [
    19,
    '筹资活动产生的现金流量净额',
    'Net cash flow from financing activities',
    '=14+15-16-17-18',
    { canBeNegative: true },
  ],
  [20, '四、现金净增加额', 'Net increase in cash', '=7+13+19', { canBeNegative: true }],
  [21, '加：期初现金余额', 'Opening cash balance'],
  [22, '五、期末现金余额', 'Closing cash balance', '=20+21'],
];

/**
 * Builds the line id of a statement row.
 *
 * @param statement - the statement
 * @param row - the row number (行次)
 * @returns e.g. `lineIdOf('balance_sheet', 1)` → 'bs_01'
 */
export function lineIdOf(statement: StatementType, row: number): string {
  return `${STATEMENT_PREFIXES[statement]}_${String(row).padStart(2, '0')}`;
}

function buildLines(statement: StatementType, specs: readonly LineSpec[]): StatementLine[] {
  return specs.map(([row, zh, en, rule, options]) => {
    const id = lineIdOf(statement, row);
    const base = { id, statement, row, zh, en, canBeNegative: options?.canBeNegative ?? false };
    if (rule?.startsWith('=')) {
      const formula = [...rule.slice(1).matchAll(/([+-]?)(\d+)/g)].map(
        (match): FormulaTerm => ({
          id: lineIdOf(statement, Number(match[2])),
          sign: match[1] === '-' ? -1 : 1,
        }),
      );
      return { ...base, kind: 'subtotal', formula, parent: null };
    }
    if (rule?.startsWith('<')) {
      return { ...base, kind: 'memo', formula: null, parent: lineIdOf(statement, Number(rule.slice(1))) };
    }
    return { ...base, kind: 'item', formula: null, parent: null };
  });
}

/** Balance-sheet lines bs_01…bs_53. */
export const BALANCE_SHEET_LINES: readonly StatementLine[] = Object.freeze(
  buildLines('balance_sheet', BALANCE_SHEET),
);
/** Income-statement lines is_01…is_32. */
export const INCOME_STATEMENT_LINES: readonly StatementLine[] = Object.freeze(
  buildLines('income_statement', INCOME_STATEMENT),
);
/** Cash-flow lines cf_01…cf_22. */
export const CASH_FLOW_LINES: readonly StatementLine[] = Object.freeze(buildLines('cash_flow', CASH_FLOW));

/** All 107 lines, balance sheet first. */
export const STATEMENT_LINES: readonly StatementLine[] = Object.freeze([
  ...BALANCE_SHEET_LINES,
  ...INCOME_STATEMENT_LINES,
  ...CASH_FLOW_LINES,
]);

const LINES_BY_ID: ReadonlyMap<string, StatementLine> = new Map(
  STATEMENT_LINES.map((line) => [line.id, line]),
);

/**
 * Finds a line by id.
 *
 * @param id - e.g. 'bs_30'
 * @returns the line, or null when there is no such line
 */
export function findStatementLine(id: string): StatementLine | null {
  return LINES_BY_ID.get(id) ?? null;
}

/**
 * Gets a line by id.
 *
 * @param id - e.g. 'bs_30'
 * @returns the line
 * @throws RangeError when there is no such line
 */
export function getStatementLine(id: string): StatementLine {
  const line = LINES_BY_ID.get(id);
  if (!line) {
    throw new RangeError(
      `getStatementLine: unknown line ${JSON.stringify(id)}; expected bs_01…bs_53, is_01…is_32 or cf_01…cf_22`,
    );
  }
  return line;
}
