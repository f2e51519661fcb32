import { barChartSvg, lineChartSvg, percentileGaugeSvg } from './reports.charts.js';
import { type TCreditReport, type TLang, UNDISCLOSED_LENDER } from './reports.schemas.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const LABELS = {
  title: { 'zh-CN': '企业信用评估报告', en: 'Credit assessment report' },
  generated: { 'zh-CN': '生成时间', en: 'Generated' },
  purpose: { 'zh-CN': '查询用途', en: 'Purpose' },
  identity: { 'zh-CN': '基本信息', en: 'Identity' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  industry: { 'zh-CN': '行业', en: 'Industry' },
  sizeClass: { 'zh-CN': '企业规模', en: 'Size class' },
  province: { 'zh-CN': '省份', en: 'Province' },
  established: { 'zh-CN': '成立日期', en: 'Established' },
  employees: { 'zh-CN': '从业人员', en: 'Employees' },
  revenue: { 'zh-CN': '营业收入（元）', en: 'Revenue (yuan)' },
  assets: { 'zh-CN': '资产总额（元）', en: 'Total assets (yuan)' },
  score: { 'zh-CN': '信用评分', en: 'Credit score' },
  pd: { 'zh-CN': '违约概率', en: 'Probability of default' },
  grade: { 'zh-CN': '等级', en: 'Grade' },
  model: { 'zh-CN': '模型版本', en: 'Model version' },
  asOf: { 'zh-CN': '数据日期', en: 'As of' },
  reasons: { 'zh-CN': '主要扣分原因', en: 'Main reasons' },
  raise: { 'zh-CN': '如何提升等级', en: 'What would raise the grade' },
  noScore: { 'zh-CN': '暂无评分', en: 'No score' },
  history: { 'zh-CN': '评分历史', en: 'Score history' },
  statements: { 'zh-CN': '财务指标及同业百分位', en: 'Key ratios and peer percentiles' },
  ratio: { 'zh-CN': '指标', en: 'Ratio' },
  value: { 'zh-CN': '数值', en: 'Value' },
  percentile: { 'zh-CN': '同业百分位', en: 'Peer percentile' },
  peers: { 'zh-CN': '同业样本数', en: 'Peers' },
  invoices: { 'zh-CN': '发票经营活动', en: 'Invoice activity' },
  month: { 'zh-CN': '月份', en: 'Month' },
  sales: { 'zh-CN': '销售额（元）', en: 'Sales (yuan)' },
  purchases: { 'zh-CN': '采购额（元）', en: 'Purchases (yuan)' },
  topCustomer: { 'zh-CN': '第一大客户占比', en: 'Largest customer share' },
  topSupplier: { 'zh-CN': '第一大供应商占比', en: 'Largest supplier share' },
  voidShare: { 'zh-CN': '作废发票占比', en: 'Void share' },
  loans: { 'zh-CN': '借贷及还款记录', en: 'Loans and repayment' },
  lender: { 'zh-CN': '机构', en: 'Lender' },
  product: { 'zh-CN': '品种', en: 'Product' },
  principal: { 'zh-CN': '本金（元）', en: 'Principal (yuan)' },
  outstanding: { 'zh-CN': '余额（元）', en: 'Outstanding (yuan)' },
  status: { 'zh-CN': '状态', en: 'Status' },
  maxDpd: { 'zh-CN': '最长逾期天数', en: 'Max days past due' },
  publicRecords: { 'zh-CN': '公共记录', en: 'Public records' },
  type: { 'zh-CN': '类型', en: 'Type' },
  authority: { 'zh-CN': '机关', en: 'Authority' },
  decided: { 'zh-CN': '决定日期', en: 'Decided' },
  disputed: { 'zh-CN': '异议处理中', en: 'Under dispute' },
  lookups: { 'zh-CN': '查询记录汇总', en: 'Look-ups' },
  total: { 'zh-CN': '合计', en: 'Total' },
  allowed: { 'zh-CN': '已授权', en: 'Allowed' },
  refused: { 'zh-CN': '已拒绝', en: 'Refused' },
  last12: { 'zh-CN': '近12个月', en: 'Last 12 months' },
  none: { 'zh-CN': '无', en: 'None' },
  invoiceCount: { 'zh-CN': '发票张数', en: 'Invoices' },
  customers: { 'zh-CN': '客户数', en: 'Customers' },
  suppliers: { 'zh-CN': '供应商数', en: 'Suppliers' },
  customerHhi: { 'zh-CN': '客户集中度（HHI）', en: 'Customer concentration (HHI)' },
  supplierHhi: { 'zh-CN': '供应商集中度（HHI）', en: 'Supplier concentration (HHI)' },
  salesTrend: { 'zh-CN': '月度销售与采购（万元）', en: 'Monthly sales and purchases (10k yuan)' },
  scoreTrend: { 'zh-CN': '评分走势', en: 'Score over time' },
  granted: { 'zh-CN': '发放日', en: 'Granted' },
  repayment: { 'zh-CN': '还款记录（逾期天数）', en: 'Repayment history (days past due)' },
  ended: { 'zh-CN': '终结日期', en: 'Ended' },
  description: { 'zh-CN': '说明', en: 'Description' },
  reference: { 'zh-CN': '文号', en: 'Reference' },
  amount: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' },
  explanations: { 'zh-CN': '企业说明', en: "The enterprise's explanations" },
  explanation: { 'zh-CN': '企业说明', en: 'Explanation' },
  openDisputes: { 'zh-CN': '处理中的异议', en: 'Open disputes' },
  byPurpose: { 'zh-CN': '按用途', en: 'By purpose' },
  readBasis: { 'zh-CN': '查询依据', en: 'Read basis' },
  peerNote: { 'zh-CN': '同业组：行业 × 规模 × 省份', en: 'Peers: industry group × size class × province' },
  percentileHelp: {
    'zh-CN': '百分位：同业中低于本企业数值的比例（0–100），竖线为中位数',
    en: 'Percentile: the share of peers below the value (0–100); the line marks the median',
  },
  record: { 'zh-CN': '记录', en: 'Record' },
  statement: { 'zh-CN': '财务报表', en: 'Statement' },
  loan: { 'zh-CN': '贷款', en: 'Loan' },
  publicRecord: { 'zh-CN': '公共记录', en: 'Public record' },
} as const satisfies Record<string, Record<TLang, string>>;

const fenToYuan = (fen: number | null) =>
  fen === null
    ? ''
    : (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function formatRatio(unit: string, value: number | null): string {
  if (value === null) return '—';
  if (unit === 'fen') return fenToYuan(value);
  if (unit === 'days') return value.toFixed(0);
  return value.toFixed(3);
}

/** The report's text for the PDF footer: who and when, no personal data beyond the code. */
export function reportFooterText(report: TCreditReport, lang: TLang): string {
  return escapeHtml(
    `${LABELS.title[lang]} · ${report.enterprise.creditCode} · ${report.generatedAt.slice(0, 10)}`,
  );
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.facts th{width:16%;white-space:nowrap}.loans td:not(:last-child){white-space:nowrap}.loans td:last-child{font-size:.8em}.muted{color:#555;font-size:.9rem}.flag{color:#a00;font-weight:bold}.num{text-align:right;white-space:nowrap}
.headline{display:flex;gap:2rem;align-items:baseline;margin:.4rem 0}.headline b{font-size:1.8rem}
.chart{max-width:640px;display:block;margin:.4rem 0}.gauge{vertical-align:middle;margin-left:.3rem}
.explanation{background:#f4f7fb;border-left:3px solid #4a7fc1;padding:.2rem .5rem;margin:.2rem 0}
@page{size:A4}
@media print{body{margin:0;max-width:none;font-size:9.5pt}table{font-size:8.5pt}h2{break-after:avoid}table{break-inside:auto}tr,.chart{break-inside:avoid}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** A printable, self-contained page (no external assets, no script); every value from the data is escaped. */
export function renderCreditReportHtml(report: TCreditReport, lang: TLang): string {
  const t = (key: keyof typeof LABELS) => escapeHtml(LABELS[key][lang]);
  const e = escapeHtml;
  const table = (head: string[], rows: string[][], className = '') =>
    rows.length === 0
      ? `<p class="muted">${t('none')}</p>`
      : `<table class="${className}"><thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows
          .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const flag = (isDisputed: boolean) => (isDisputed ? ` <span class="flag">${t('disputed')}</span>` : '');
  const explained = (text: string | null) =>
    text ? `<div class="explanation">${t('explanation')}: ${e(text)}</div>` : '';
  const { enterprise, score } = report;

  // Label/value pairs, two per row: long names stay on one line in print.
  const facts = (pairs: Array<[string, string]>) =>
    `<table class="facts"><tbody>${Array.from({ length: Math.ceil(pairs.length / 2) }, (_, row) =>
      pairs
        .slice(row * 2, row * 2 + 2)
        .map(([label, value]) => `<th>${label}</th><td>${value}</td>`)
        .join(''),
    )
      .map((cells) => `<tr>${cells}</tr>`)
      .join('')}</tbody></table>`;
  const identity = facts([
    [t('name'), e(enterprise.name)],
    [t('creditCode'), e(enterprise.creditCode)],
    [t('industry'), `${e(enterprise.industryCode)} / ${e(enterprise.industryGroup)}`],
    [t('sizeClass'), e(enterprise.sizeClass)],
    [
      t('province'),
      e(
        enterprise.provinceName
          ? lang === 'en'
            ? enterprise.provinceName.en
            : enterprise.provinceName.zh
          : enterprise.provinceCode,
      ),
    ],
    [t('established'), e(enterprise.establishedOn)],
    [t('employees'), e(enterprise.employees)],
    [t('revenue'), e(fenToYuan(enterprise.annualRevenueFen))],
    [t('assets'), e(fenToYuan(enterprise.totalAssetsFen))],
  ]);
  const scoreSection = score.available
    ? `<div class="headline"><span>${t('score')} <b>${e(score.score.toFixed(0))}</b></span><span>${t('grade')} <b>${e(score.grade)}</b></span><span>${t('pd')} <b>${e(percent(score.pd))}</b></span></div>
      ${table(
        [t('score'), t('pd'), t('grade'), t('model'), t('asOf')],
        [
          [
            e(score.score.toFixed(0)),
            e(percent(score.pd)),
            e(score.grade),
            e(`${score.modelKind} v${score.modelVersion}`),
            e(score.asOf),
          ],
        ],
      )}
      <h3>${t('reasons')}</h3><ul>${score.reasons
        .map(
          (reason) => `<li>${e(reason.feature)}: ${e(reason.bin)} (−${e(reason.pointsLost.toFixed(1))})</li>`,
        )
        .join('')}</ul>
      <h3>${t('raise')}</h3><ul>${score.counterfactual.changes
        .map(
          (change) =>
            `<li>${e(change.feature)}: ${e(change.fromBin)} → ${e(change.toBin)} (+${e(change.pointsGained.toFixed(1))})</li>`,
        )
        .join('')}</ul>${
        score.counterfactual.toGrade
          ? `<p>${e(score.counterfactual.fromGrade)} → ${e(score.counterfactual.toGrade)}</p>`
          : ''
      }`
    : `<p class="muted">${t('noScore')}: ${e(score.message)}</p>`;
  const oldestFirst = [...report.scoreHistory].reverse();
  const historyChart = lineChartSvg(
    oldestFirst.map((entry) => ({ label: entry.computedAt.slice(0, 10), value: entry.score })),
    { title: LABELS.scoreTrend[lang], escape: e },
  );
  const history = `${historyChart ?? ''}${table(
    [t('asOf'), t('score'), t('pd'), t('grade'), t('model')],
    report.scoreHistory.map((entry) => [
      e(entry.computedAt.slice(0, 10)),
      e(entry.score.toFixed(0)),
      e(percent(entry.pd)),
      e(entry.grade),
      e(entry.modelVersion === null ? entry.modelId : `v${entry.modelVersion}`),
    ]),
  )}`;
  const statements = report.statements
    .map(
      (statement) => `<h3>${e(statement.periodEnd)}${flag(statement.disputed)}</h3>
      <p class="muted">${t('peers')}: ${e(statement.peerGroup.count)}${statement.peerGroup.note ? ` — ${e(statement.peerGroup.note)}` : ''}</p>
      ${explained(statement.explanation)}
      ${table(
        [t('ratio'), t('value'), t('percentile')],
        statement.ratios.map((ratio) => [
          e(lang === 'en' ? ratio.en : ratio.zh),
          e(formatRatio(ratio.unit, ratio.value)),
          `${e(ratio.percentile === null ? '—' : ratio.percentile.toFixed(0))}${percentileGaugeSvg(ratio.percentile)}`,
        ]),
      )}`,
    )
    .join('');
  const activity = report.invoiceActivity;
  const salesChart = barChartSvg(
    activity.months.map((month) => ({
      label: month.month,
      values: [month.salesFen / 1_000_000, month.purchasesFen / 1_000_000],
    })),
    {
      title: LABELS.salesTrend[lang],
      series: [
        { name: LABELS.sales[lang], color: '#1f5fa8' },
        { name: LABELS.purchases[lang], color: '#e0a030' },
      ],
      escape: e,
      format: (value) => value.toFixed(1),
    },
  );
  const invoices = `${table(
    [
      t('invoiceCount'),
      t('customers'),
      t('suppliers'),
      t('topCustomer'),
      t('customerHhi'),
      t('topSupplier'),
      t('supplierHhi'),
      t('voidShare'),
    ],
    [
      [
        e(activity.invoices),
        e(activity.customers),
        e(activity.suppliers),
        e(percent(activity.topCustomerShare)),
        e(activity.customerHhi === null ? '—' : activity.customerHhi.toFixed(3)),
        e(percent(activity.topSupplierShare)),
        e(activity.supplierHhi === null ? '—' : activity.supplierHhi.toFixed(3)),
        e(percent(activity.voidShare)),
      ],
    ],
  )}${salesChart ? `<h3>${t('salesTrend')}</h3>${salesChart}` : ''}${table(
    [t('month'), t('sales'), t('purchases')],
    activity.months.map((month) => [
      e(month.month),
      e(fenToYuan(month.salesFen)),
      e(fenToYuan(month.purchasesFen)),
    ]),
  )}`;
  const loans = table(
    [
      t('lender'),
      t('product'),
      t('principal'),
      t('granted'),
      t('outstanding'),
      t('status'),
      t('maxDpd'),
      t('asOf'),
      t('repayment'),
    ],
    report.loans.map((loan) => [
      // Explanations are listed in their own section: this table's cells do not wrap.
      e(loan.lenderDisclosed ? loan.lender : UNDISCLOSED_LENDER[lang]) + flag(loan.disputed),
      e(loan.product),
      e(fenToYuan(loan.principalFen)),
      e(loan.grantedOn),
      e(fenToYuan(loan.outstandingFen)),
      e(loan.status),
      e(loan.maxDaysPastDue),
      e(loan.asOf),
      e(
        loan.history
          .slice(-12)
          .map((entry) => `${entry.asOf.slice(0, 7)}: ${entry.daysPastDue}`)
          .join(' · '),
      ),
    ]),
    'loans',
  );
  const records = table(
    [t('type'), t('reference'), t('authority'), t('decided'), t('ended'), t('amount'), t('description')],
    report.publicRecords.map((record) => [
      e(record.recordType) + flag(record.disputed),
      e(record.referenceNo),
      e(record.authority),
      e(record.decidedOn),
      e(record.endedOn),
      e(fenToYuan(record.amountFen)),
      e(record.description) + explained(record.explanation),
    ]),
  );
  const explanations = [
    ...report.statements.map((statement) => [
      `${t('statement')} ${e(statement.periodEnd)}`,
      statement.explanation,
    ]),
    ...report.loans.map((loan) => [`${t('loan')} ${e(loan.grantedOn)} ${e(loan.product)}`, loan.explanation]),
    ...report.publicRecords.map((record) => [
      `${t('publicRecord')} ${e(record.referenceNo)}`,
      record.explanation,
    ]),
  ].flatMap(([what, text]) => (text ? [[what ?? '', e(text)]] : []));
  const lookups = `${table(
    [t('total'), t('allowed'), t('refused'), t('last12'), t('openDisputes')],
    [
      [
        e(report.lookups.total),
        e(report.lookups.allowed),
        e(report.lookups.refused),
        e(report.lookups.last12Months),
        e(report.openDisputes),
      ],
    ],
  )}${
    report.lookups.byPurpose.length > 0
      ? `<p class="muted">${t('byPurpose')}: ${report.lookups.byPurpose
          .map((entry) => `${e(entry.purpose)} ${e(entry.count)}`)
          .join(' · ')}</p>`
      : ''
  }`;
  return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')} — ${e(enterprise.name ?? enterprise.creditCode)}</title>
<style>${STYLE}</style></head><body>
<h1>${t('title')}</h1>
<p class="muted">${t('generated')}: ${e(report.generatedAt)} · ${t('purpose')}: ${e(report.purpose)} · ${t('readBasis')}: ${e(report.readBasis)}</p>
<h2>${t('identity')}</h2>${identity}
<h2>${t('score')}</h2>${scoreSection}
<h2>${t('history')}</h2>${history}
<h2>${t('statements')}</h2><p class="muted">${t('peerNote')}. ${t('percentileHelp')}</p>${statements || `<p class="muted">${t('none')}</p>`}
<h2>${t('invoices')}</h2>${invoices}
<h2>${t('loans')}</h2>${loans}
<h2>${t('publicRecords')}</h2>${records}
<h2>${t('explanations')}</h2>${table([t('record'), t('explanation')], explanations)}
<h2>${t('lookups')}</h2>${lookups}
</body></html>
`;
}
