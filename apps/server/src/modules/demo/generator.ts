import { GENERATOR_TARGETS } from './calibration.js';
import { CANONICAL_COLUMNS, type CanonicalDataset, type CanonicalRow, toCsvLine } from './columns.js';
import { addMonths, dayOf, isoOf, monthsBetween, snapshotDays } from './dates.js';
import {
  buildEnterprise,
  type EnterpriseContext,
  type EnterpriseSpec,
  enterpriseIdentity,
  externalCreditCode,
  invoiceVatRate,
  MAX_ENTERPRISES,
  STREAM,
  solveDefaultIntercept,
} from './enterprise.js';
import { DEMO_MEMBERS, type DemoMember } from './members.js';
import { formatMoneyCell } from './money.js';
import { hashWords, normalCdf, quantileAt, Random } from './prng.js';
import { buildStatements, lineIdAt, MEMO_LINE_INDEXES, STATEMENT_LINE_COUNT } from './statements.js';

/** The default seed of every shared data set (see ../shared/data/README.md). */
export const DEFAULT_SEED = 20240601;
/** The default as-of date: fixed, so that a demo is the same whenever it is generated. */
export const DEFAULT_AS_OF = '2025-12-31';

export type GenerateDemoOptions = {
  /** @default 20240601 */
  seed?: number;
  enterprises: number;
  /** Invoices per enterprise over the invoice window, or 'calibrated' (CUMCM counts per month). @default 'calibrated' */
  invoicesPerEnterprise?: 'calibrated' | number;
  /** Months of invoices ending at asOf. @default 24 */
  invoiceMonths?: number;
  /** Statement years (annual, period end 12-31). @default the three years before asOf's year */
  years?: number[];
  /** @default '2025-12-31' */
  asOf?: string;
  /** Months of loan snapshots (quarter ends) ending at asOf. @default 24 */
  loanHistoryMonths?: number;
  /** @default DEMO_MEMBERS */
  members?: readonly DemoMember[];
};

/** What the generator knows about a firm and a registry must discover (for tests, scoring checks and the demo tour). */
export type DemoEnterprise = {
  index: number;
  creditCode: string;
  name: string;
  industryCode: string;
  industryGroup: string;
  size: EnterpriseSpec['size'];
  division: string;
  quality: number;
  pd: number;
  defaulted: boolean;
  /** Date the firm's loans reached 90 days past due (in the outcome window), or null. */
  defaultOn: string | null;
  lenderKeys: string[];
  /** The anchor firm is this firm's main customer. */
  anchorSupplier: boolean;
};

/** One member's upload of one data set; `rows` can be iterated any number of times and is generated lazily. */
export type DemoUpload = { memberKey: string; dataset: CanonicalDataset; rows: Iterable<CanonicalRow> };

export type DemoData = {
  seed: number;
  asOf: string;
  years: number[];
  /** Defaults counted are those with defaultOn in (outcomeWindow.from, outcomeWindow.to]. */
  outcomeWindow: { from: string; to: string };
  members: readonly DemoMember[];
  enterprises: DemoEnterprise[];
  uploads: DemoUpload[];
  /** Every member's rows of one data set, in upload order. */
  rows(dataset: CanonicalDataset): Iterable<CanonicalRow>;
};

type Relations = {
  lenders: DemoMember[];
  shares: number[];
  anchorSupplier: boolean;
  defaultDay: number | null;
  omitMemos: boolean;
};

type Context = EnterpriseContext & {
  asOfDay: number;
  windowStartDay: number;
  loanHistoryStartDay: number;
  invoiceMonths: number;
  invoicesPerEnterprise: 'calibrated' | number;
  enterpriseCount: number;
  members: readonly DemoMember[];
  anchor: DemoMember | null;
  guarantor: DemoMember | null;
  government: DemoMember | null;
};

const iterable = <T>(make: () => Iterator<T>): Iterable<T> => ({ [Symbol.iterator]: make });

function resolveContext(options: {
  seed?: number;
  asOf?: string;
  years?: number[];
  enterprises: number;
  invoiceMonths?: number;
  invoicesPerEnterprise?: 'calibrated' | number;
  loanHistoryMonths?: number;
  members?: readonly DemoMember[];
}): Context {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const asOfDay = dayOf(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  const years = [...(options.years ?? [asOfYear - 3, asOfYear - 2, asOfYear - 1])].sort((a, b) => a - b);
  if (years.length === 0 || years.some((year) => !Number.isInteger(year) || year >= asOfYear)) {
    throw new RangeError(
      `years must be whole years before asOf's year ${asOfYear}, got ${JSON.stringify(options.years)}`,
    );
  }
  for (let k = 1; k < years.length; k += 1) {
    if (years[k] !== (years[k - 1] ?? 0) + 1)
      throw new RangeError(`years must be consecutive, got ${years.join(', ')}`);
  }
  if (
    !Number.isInteger(options.enterprises) ||
    options.enterprises < 1 ||
    options.enterprises > MAX_ENTERPRISES
  ) {
    throw new RangeError(
      `enterprises must be an integer in [1, ${MAX_ENTERPRISES}], got ${options.enterprises}`,
    );
  }
  const perEnterprise = options.invoicesPerEnterprise ?? 'calibrated';
  if (perEnterprise !== 'calibrated' && (!Number.isInteger(perEnterprise) || perEnterprise < 0)) {
    throw new RangeError(
      `invoicesPerEnterprise must be 'calibrated' or a non-negative integer, got ${perEnterprise}`,
    );
  }
  const lastYear = years[years.length - 1] ?? asOfYear - 1;
  const windowStartDay = dayOf(`${lastYear}-12-31`);
  const windowYears = (asOfDay - windowStartDay) / 365;
  const members = options.members ?? DEMO_MEMBERS;
  if (!members.some((member) => member.lends))
    throw new RangeError('members must include at least one lending member');
  return {
    seed,
    years,
    windowYears,
    intercept: solveDefaultIntercept(GENERATOR_TARGETS.defaultRate12m),
    asOfDay,
    windowStartDay,
    loanHistoryStartDay: addMonths(asOfDay, -(options.loanHistoryMonths ?? 24)),
    invoiceMonths: options.invoiceMonths ?? 24,
    invoicesPerEnterprise: perEnterprise,
    enterpriseCount: options.enterprises,
    members,
    anchor: members.find((member) => member.kind === 'anchor_firm') ?? null,
    guarantor: members.find((member) => member.kind === 'guarantee_fund') ?? null,
    government:
      members.find((member) => member.kind === 'government') ??
      members.find((member) => member.kind === 'operator') ??
      null,
  };
}

function relationsOf(context: Context, spec: EnterpriseSpec): Relations {
  const random = Random.derive(context.seed, spec.index, 8);
  const province = spec.region.division.slice(0, 2);
  const candidates = context.members.filter(
    (member) => member.lends && (member.provinces === null || member.provinces.includes(province)),
  );
  const weights: number[] = candidates.map((member) =>
    member.kind === 'village_bank' ? (spec.size === 'micro' || spec.group === 'agriculture' ? 3 : 1.5) : 1,
  );
  const wanted =
    spec.index === 1 ? 3 : spec.index === 0 ? 2 : random.next() < 0.55 ? 1 : random.next() < 0.72 ? 2 : 3;
  const lenders: DemoMember[] = [];
  while (lenders.length < Math.min(wanted, candidates.length)) {
    const pick = random.weightedIndex(weights);
    const member = candidates[pick];
    if (member && !lenders.includes(member)) lenders.push(member);
    weights[pick] = 0;
  }
  const raw = lenders.map((_, k) => (k === 0 ? 1.6 : 1) * random.uniform(0.5, 1.5));
  const total = raw.reduce((sum, value) => sum + value, 0);
  const canSupply = ['industry', 'wholesale', 'transport', 'warehousing'].includes(spec.group);
  const anchorSupplier =
    context.anchor !== null && (spec.index === 0 || (spec.index !== 1 && canSupply && random.chance(0.25)));
  const defaultDay = spec.defaulted
    ? spec.index === 1
      ? context.windowStartDay + Math.round((context.asOfDay - context.windowStartDay) * 0.3)
      : context.windowStartDay + 1 + Math.floor(random.next() * (context.asOfDay - context.windowStartDay))
    : null;
  return {
    lenders,
    shares: raw.map((value) => value / total),
    anchorSupplier,
    defaultDay,
    omitMemos: hashWords(context.seed, spec.index, 99) % 100 < 12,
  };
}

// ------------------------------------------------------------------------------------------------ rows

const money = formatMoneyCell;

function enterpriseRow(spec: EnterpriseSpec): CanonicalRow {
  return {
    credit_code: spec.creditCode,
    name: spec.name,
    industry_code: spec.industry.code,
    established_on: spec.establishedOn,
    employees: String(spec.employees),
    annual_revenue: money(spec.revenueFen),
    total_assets: money(spec.assetsFen),
    registered_capital: money(spec.registeredCapitalFen),
    address: spec.address,
  };
}

/** A lender's view of the profile: a small share of secondary lenders hold stale or different values, on purpose. */
function enterpriseRowFor(context: Context, spec: EnterpriseSpec, lenderOrdinal: number): CanonicalRow {
  const row = enterpriseRow(spec);
  if (lenderOrdinal === 0) return row;
  const random = Random.derive(context.seed, spec.index, STREAM.conflicts, lenderOrdinal);
  if (!random.chance(0.12)) return row;
  const kind = random.int(0, 2);
  if (kind === 0) {
    row.employees = String(Math.max(1, Math.round(spec.employees * random.uniform(0.7, 0.92))));
  } else if (kind === 1) {
    const previousRevenue = spec.plan.revenueFen[spec.plan.revenueFen.length - 2];
    row.annual_revenue = money(previousRevenue ?? Math.round(spec.revenueFen * 0.9));
  } else {
    row.address = '';
    row.employees = '';
  }
  return row;
}

function statementRows(
  context: Context,
  spec: EnterpriseSpec,
  omitMemos: boolean,
  onlyLatest: boolean,
): CanonicalRow[] {
  const statements = buildStatements(spec.plan, Random.derive(context.seed, spec.index, STREAM.statements));
  const rows: CanonicalRow[] = [];
  const blank = new Uint8Array(STATEMENT_LINE_COUNT);
  if (omitMemos) for (const index of MEMO_LINE_INDEXES) blank[index] = 1;
  statements.forEach((values, k) => {
    if (onlyLatest && k !== statements.length - 1) return;
    const row: CanonicalRow = {
      credit_code: spec.creditCode,
      period_end: `${context.years[k]}-12-31`,
      period_type: 'annual',
    };
    for (let line = 0; line < STATEMENT_LINE_COUNT; line += 1) {
      row[LINE_IDS[line] ?? ''] = blank[line] ? '' : money(values[line] ?? 0);
    }
    rows.push(row);
  });
  return rows;
}

const LINE_IDS = Array.from({ length: STATEMENT_LINE_COUNT }, (_, index) => lineIdAt(index));

type LoanPlan = {
  lender: DemoMember;
  lenderOrdinal: number;
  ref: string;
  product: (typeof CANONICAL_PRODUCTS)[number];
  principal: number;
  grant: number;
  maturity: number;
  amortising: boolean;
  collateral: 'none' | 'guarantee' | 'pledge' | 'mortgage';
  affected: boolean;
  writeOff: boolean;
  overdueEpisode: number | null;
  restructuredFrom: number | null;
};

const CANONICAL_PRODUCTS = [
  'working_capital',
  'term',
  'trade_finance',
  'leasing',
  'factoring',
  'other',
] as const;

function roundPrincipal(fen: number): number {
  return Math.max(50_000_00, Math.round(fen / 1_000_00) * 1_000_00);
}

function loanPlansOf(context: Context, spec: EnterpriseSpec, relations: Relations): LoanPlan[] {
  const random = Random.derive(context.seed, spec.index, STREAM.loans);
  const statements = buildStatements(spec.plan, Random.derive(context.seed, spec.index, STREAM.statements));
  const last = statements[statements.length - 1];
  const bankDebt = Math.max(200_000_00, (last?.[30] ?? 0) + (last?.[41] ?? 0));
  const establishedDay = dayOf(spec.establishedOn);
  const plans: LoanPlan[] = [];
  const small = spec.size === 'micro' || spec.size === 'small';
  const weak = spec.quality < -1;
  relations.lenders.forEach((lender, ordinal) => {
    const debt = bankDebt * random.uniform(0.6, 1) * (relations.shares[ordinal] ?? 1);
    const relationStart = Math.max(
      establishedDay + 180,
      context.asOfDay - Math.round(365 * random.uniform(1.5, 5)),
    );
    const affected = ordinal === 0 || random.chance(0.7);
    let sequence = 0;
    const add = (
      plan: Omit<
        LoanPlan,
        'lender' | 'lenderOrdinal' | 'ref' | 'affected' | 'writeOff' | 'overdueEpisode' | 'restructuredFrom'
      >,
    ) => {
      if (relations.defaultDay !== null && plan.grant > relations.defaultDay - 30) return;
      if (plan.maturity < context.loanHistoryStartDay || plan.grant > context.asOfDay) return;
      sequence += 1;
      const episodeChance = 0.6 * normalCdf(-spec.quality - 1);
      plans.push({
        ...plan,
        lender,
        lenderOrdinal: ordinal,
        ref: `${lender.loanRefPrefix}-${isoOf(plan.grant).slice(0, 4)}-${String(spec.index).padStart(7, '0')}-${String(sequence).padStart(2, '0')}`,
        affected,
        writeOff: random.chance(0.5),
        overdueEpisode: random.chance(episodeChance) ? plan.grant + random.int(30, 300) : null,
        restructuredFrom:
          !spec.defaulted && weak && plan.product !== 'trade_finance' && random.chance(0.15)
            ? plan.grant + random.int(90, 330)
            : null,
      });
    };
    const collateralOf = (): LoanPlan['collateral'] => {
      const draw = random.next();
      if (small) return draw < 0.4 && context.guarantor ? 'guarantee' : draw < 0.75 ? 'none' : 'mortgage';
      return draw < 0.5 ? 'mortgage' : draw < 0.8 ? 'none' : context.guarantor ? 'guarantee' : 'pledge';
    };
    // Working capital: a 12-month loan renewed every year since the relationship began.
    const workingCapitalCollateral = collateralOf();
    for (let grant = relationStart; grant <= context.asOfDay; grant += 365) {
      const day = grant + random.int(-12, 12);
      add({
        product: 'working_capital',
        principal: roundPrincipal(debt * 0.6 * random.uniform(0.85, 1.15)),
        grant: day,
        maturity: addMonths(day, 12),
        amortising: false,
        collateral: workingCapitalCollateral,
      });
    }
    if (random.chance(spec.size === 'micro' ? 0.15 : 0.35)) {
      const months =
        Math.round(
          Math.min(120, Math.max(24, quantileAt(GENERATOR_TARGETS.loanTermMonths, random.next(), 6, 300))) /
            12,
        ) * 12;
      const grant =
        relationStart + Math.floor(random.next() * Math.max(1, context.asOfDay - 60 - relationStart));
      add({
        product: 'term',
        principal: roundPrincipal(debt * random.uniform(0.3, 0.6)),
        grant,
        maturity: addMonths(grant, months),
        amortising: true,
        collateral: random.chance(0.7) ? 'mortgage' : collateralOf(),
      });
    }
    if (['industry', 'wholesale'].includes(spec.group) && random.chance(0.25)) {
      const facilities = random.int(2, 4);
      for (let k = 0; k < facilities; k += 1) {
        const grant = context.asOfDay - random.int(30, 540);
        add({
          product: 'trade_finance',
          principal: roundPrincipal(debt * random.uniform(0.1, 0.25)),
          grant,
          maturity: grant + random.pick([90, 120, 180]),
          amortising: false,
          collateral: 'pledge',
        });
      }
    }
    if (['industry', 'transport'].includes(spec.group) && random.chance(0.12)) {
      const grant = context.asOfDay - random.int(60, 900);
      add({
        product: 'leasing',
        principal: roundPrincipal(debt * random.uniform(0.2, 0.4)),
        grant,
        maturity: addMonths(grant, 36),
        amortising: true,
        collateral: 'pledge',
      });
    }
    if (ordinal === 0 && relations.anchorSupplier && random.chance(0.7)) {
      for (
        let grant = context.asOfDay - 365 + random.int(0, 60);
        grant <= context.asOfDay - 15;
        grant += 95
      ) {
        add({
          product: 'factoring',
          principal: roundPrincipal(debt * random.uniform(0.1, 0.3)),
          grant,
          maturity: grant + 90,
          amortising: false,
          collateral: 'pledge',
        });
      }
    }
  });
  return plans;
}

function outstandingAt(plan: LoanPlan, day: number): number {
  if (!plan.amortising) return plan.principal;
  const totalMonths = Math.max(1, Math.round((plan.maturity - plan.grant) / 30.4375));
  const elapsed = Math.floor((day - plan.grant) / 30.4375);
  return Math.max(0, Math.round((plan.principal * (totalMonths - elapsed)) / totalMonths));
}

function* loanRows(
  context: Context,
  spec: EnterpriseSpec,
  relations: Relations,
  memberKey: string | null,
): Generator<CanonicalRow> {
  const snapshots = snapshotDays(context.loanHistoryStartDay, context.asOfDay);
  const defaultDay = relations.defaultDay;
  for (const plan of loanPlansOf(context, spec, relations)) {
    if (memberKey !== null && plan.lender.key !== memberKey) continue;
    const inDefault =
      defaultDay !== null && plan.affected && plan.grant <= defaultDay && defaultDay < plan.maturity + 90;
    for (const day of snapshots) {
      if (day < plan.grant) continue;
      let status: string = 'current';
      let daysPastDue = 0;
      let outstanding = outstandingAt(plan, Math.min(day, plan.maturity));
      let defaultOn = '';
      if (inDefault && defaultDay !== null && day >= defaultDay - 90) {
        if (day < defaultDay) {
          daysPastDue = day - (defaultDay - 90);
          status = daysPastDue > 0 ? 'overdue' : 'current';
        } else {
          daysPastDue = day - defaultDay + 90;
          outstanding = outstandingAt(plan, defaultDay);
          if (day - defaultDay > 180) outstanding = Math.round(outstanding * 0.8);
          status = plan.writeOff && day - defaultDay > 270 ? 'written_off' : 'default';
          defaultOn = isoOf(defaultDay);
        }
      } else if (day >= plan.maturity) {
        const closeRow = loanRow(spec, plan, day, 0, 0, 'closed', '');
        yield closeRow;
        break;
      } else if (plan.restructuredFrom !== null && day >= plan.restructuredFrom) {
        status = 'restructured';
      } else if (
        plan.overdueEpisode !== null &&
        day >= plan.overdueEpisode &&
        day < plan.overdueEpisode + 92
      ) {
        daysPastDue = Math.max(1, Math.min(60, day - plan.overdueEpisode));
        status = 'overdue';
      }
      yield loanRow(spec, plan, day, outstanding, daysPastDue, status, defaultOn);
    }
  }
}

function loanRow(
  spec: EnterpriseSpec,
  plan: LoanPlan,
  day: number,
  outstanding: number,
  daysPastDue: number,
  status: string,
  defaultOn: string,
): CanonicalRow {
  return {
    credit_code: spec.creditCode,
    loan_ref: plan.ref,
    product: plan.product,
    principal: money(plan.principal),
    granted_on: isoOf(plan.grant),
    maturity_on: isoOf(plan.maturity),
    as_of: isoOf(day),
    outstanding: money(outstanding),
    days_past_due: String(daysPastDue),
    status,
    default_on: defaultOn,
    collateral: plan.collateral,
  };
}

// ------------------------------------------------------------------------------------------- public records

const PENALTY_REASONS = [
  '未按规定公示即时信息',
  '销售不合格产品',
  '发布虚假广告',
  '未按规定办理变更登记',
  '违反安全生产管理规定',
];
const ABNORMAL_REASONS = [
  '未按规定报送年度报告',
  '通过登记的住所或者经营场所无法联系',
  '未按规定公示即时信息',
];
const TAX_REASONS = ['欠缴增值税', '欠缴企业所得税', '欠缴城市维护建设税及教育费附加'];
const COURT_REASONS = ['买卖合同纠纷', '劳动争议', '租赁合同纠纷', '承揽合同纠纷'];

function* publicRecordRows(
  context: Context,
  spec: EnterpriseSpec,
  relations: Relations,
): Generator<CanonicalRow> {
  const random = Random.derive(context.seed, spec.index, STREAM.records);
  const { region } = spec;
  const isMunicipality = region.province === `${region.namePrefix}市`;
  const place = isMunicipality ? `${region.province}${region.city}` : region.city;
  const spanStart = context.asOfDay - 3 * 365;
  const records: {
    type: string;
    day: number;
    amount: number | null;
    reason: string;
    authority: string;
    ref: string;
    ended: number | null;
  }[] = [];
  const expected = 0.14 * Math.exp(-0.95 * spec.quality);
  let count = 0;
  for (let draw = random.next(), p = Math.exp(-expected), cumulative = p; draw > cumulative && count < 6; ) {
    count += 1;
    p *= expected / count;
    cumulative += p;
  }
  const sequence = () => random.int(100, 9999);
  const make = (type: string, day: number, amount: number | null, reason: string) => {
    const year = isoOf(day).slice(0, 4);
    const short = region.namePrefix;
    const [authority, ref, endedChance, endedDays] =
      type === 'administrative_penalty'
        ? [`${place}市场监督管理局`, `${short}市监处罚〔${year}〕${sequence()}号`, 0.85, random.int(10, 60)]
        : type === 'abnormal_operation'
          ? [`${place}市场监督管理局`, `${short}市监异〔${year}〕${sequence()}号`, 0.5, random.int(30, 400)]
          : type === 'tax_arrears'
            ? [
                `国家税务总局${place}税务局`,
                `${short}税欠〔${year}〕${sequence()}号`,
                0.5,
                random.int(20, 300),
              ]
            : [
                isMunicipality ? `${place}人民法院` : `${region.city}中级人民法院`,
                `（${year}）${region.provinceShort}${region.division.slice(2, 4)}0${random.int(1, 9)}民初${sequence()}号`,
                0.3,
                random.int(60, 400),
              ];
    const ended = random.chance(endedChance) && day + endedDays <= context.asOfDay ? day + endedDays : null;
    records.push({ type, day, amount, reason, authority, ref, ended });
  };
  for (let k = 0; k < count; k += 1) {
    const day = spanStart + Math.floor(random.next() * (context.asOfDay - spanStart));
    const type =
      ['administrative_penalty', 'abnormal_operation', 'tax_arrears', 'court_judgment'][
        random.weightedIndex([0.45, 0.3, 0.15, 0.1])
      ] ?? 'administrative_penalty';
    const revenueYuan = spec.revenueFen / 100;
    if (type === 'administrative_penalty')
      make(
        type,
        day,
        Math.round(random.uniform(5_000, 200_000) / 100) * 10_000,
        random.pick(PENALTY_REASONS),
      );
    else if (type === 'abnormal_operation') make(type, day, null, random.pick(ABNORMAL_REASONS));
    else if (type === 'tax_arrears')
      make(
        type,
        day,
        Math.round(random.uniform(10_000, Math.max(20_000, revenueYuan * 0.02))) * 100,
        random.pick(TAX_REASONS),
      );
    else
      make(
        type,
        day,
        Math.round(random.uniform(20_000, Math.max(50_000, revenueYuan * 0.05))) * 100,
        random.pick(COURT_REASONS),
      );
  }
  if (relations.defaultDay !== null) {
    const lender = relations.lenders[0];
    const courtDay = relations.defaultDay + random.int(60, 240);
    if (lender && courtDay <= context.asOfDay && random.chance(0.75)) {
      const last = buildStatements(spec.plan, Random.derive(context.seed, spec.index, STREAM.statements)).at(
        -1,
      );
      const borrowings = Math.max(100_000_00, (last?.[30] ?? 0) + (last?.[41] ?? 0));
      const claim =
        Math.round((borrowings * (relations.shares[0] ?? 1) * random.uniform(0.4, 0.9)) / 100) * 100;
      make('court_judgment', courtDay, claim, `${lender.name}诉${spec.name}金融借款合同纠纷`);
    }
    if (random.chance(0.35)) {
      make(
        'tax_arrears',
        relations.defaultDay - random.int(30, 200),
        Math.round(random.uniform(20_000, 300_000)) * 100,
        random.pick(TAX_REASONS),
      );
    }
  }
  records.sort((a, b) => a.day - b.day || a.ref.localeCompare(b.ref));
  for (const record of records) {
    yield {
      credit_code: spec.creditCode,
      record_type: record.type,
      reference_no: record.ref,
      authority: record.authority,
      decided_on: isoOf(record.day),
      ended_on: record.ended === null ? '' : isoOf(record.ended),
      amount: record.amount === null ? '' : money(record.amount),
      description: record.reason,
    };
  }
}

// ------------------------------------------------------------------------------------------------ invoices

function zipfExponentFor(partners: number, hhi: number): number {
  if (partners <= 1 || hhi <= 1 / partners) return 0;
  const hhiOf = (exponent: number) => {
    let sum = 0;
    let squares = 0;
    for (let k = 1; k <= partners; k += 1) {
      const weight = k ** -exponent;
      sum += weight;
      squares += weight * weight;
    }
    return squares / (sum * sum);
  };
  let low = 0;
  let high = 8;
  for (let iteration = 0; iteration < 40; iteration += 1) {
    const middle = (low + high) / 2;
    if (hhiOf(middle) < hhi) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}

const SEASONALITY = [0.75, 0.7, 1.0, 1.0, 1.0, 1.02, 0.98, 0.98, 1.02, 1.0, 1.08, 1.3];
const MAX_INVOICES_PER_MONTH = 250;

function* invoiceRows(context: Context, spec: EnterpriseSpec, relations: Relations): Generator<CanonicalRow> {
  const random = Random.derive(context.seed, spec.index, STREAM.invoices);
  const months = monthsBetween(addMonths(context.asOfDay, -context.invoiceMonths), context.asOfDay);
  if (months.length === 0 || context.invoicesPerEnterprise === 0) return;
  const tables = GENERATOR_TARGETS.invoices;
  const sizeIndex = { micro: 0, small: 1, medium: 2, large: 3 }[spec.size];
  const weakness = -spec.quality;
  const smallScale = spec.revenueFen < 500 * 1_000_000 && spec.group !== 'agriculture';
  const salesToPurchase = Math.min(
    6,
    Math.max(1.05, quantileAt(GENERATOR_TARGETS.salesToPurchaseRatio, random.next(), 0.6, 50)),
  );
  const faceLimit =
    spec.size === 'large' || spec.size === 'medium'
      ? random.chance(0.7)
        ? 1_000_000_00
        : 10_000_000_00
      : random.chance(0.65)
        ? 100_000_00
        : 1_000_000_00;
  const lastYear = context.years[context.years.length - 1] ?? 0;
  const revenueOfYear = (year: number) => {
    const k = context.years.indexOf(year);
    if (k >= 0) return spec.plan.revenueFen[k] ?? spec.revenueFen;
    return year > lastYear
      ? spec.revenueFen * 1.03 ** (year - lastYear)
      : (spec.plan.revenueFen[0] ?? spec.revenueFen);
  };
  const firstYear = context.years[0] ?? 2022;

  for (const direction of ['sales', 'purchase'] as const) {
    const table = tables[direction];
    const get = (name: string) => table[name] ?? {};
    const volumeNormal = 0.5 * (sizeIndex - 1.2) + 0.2 * spec.quality + 0.8 * random.normal();
    const fixedRate =
      context.invoicesPerEnterprise === 'calibrated'
        ? null
        : (context.invoicesPerEnterprise * (direction === 'sales' ? 0.45 : 0.55)) / months.length;
    const rate = Math.min(
      MAX_INVOICES_PER_MONTH,
      fixedRate ?? quantileAt(get('invoicesPerActiveMonth'), normalCdf(volumeNormal), 0.5, 400),
    );
    const voidShare = quantileAt(
      get('voidShare'),
      normalCdf(0.45 * weakness + 0.89 * random.normal()),
      0,
      0.5,
    );
    const negativeShare = quantileAt(get('negativeShare'), random.next(), 0, 0.15);
    const cv = quantileAt(
      get('monthlyAmountCv'),
      normalCdf(0.35 * weakness + 0.94 * random.normal()),
      0.1,
      3,
    );
    const monthSigma = Math.min(1, Math.sqrt(Math.log(1 + cv * cv)) * 0.6);
    const expectedTotal = rate * months.length;
    const partnerCount = Math.max(
      1,
      Math.min(
        Math.round(expectedTotal / 2) + 1,
        Math.round(
          quantileAt(get('partners'), normalCdf(0.7 * volumeNormal + 0.71 * random.normal()), 1, 1500),
        ),
      ),
    );
    const exponent = zipfExponentFor(partnerCount, quantileAt(get('partnerHhi'), random.next(), 0.005, 1));
    const cumulative = new Float64Array(partnerCount);
    let sum = 0;
    for (let k = 0; k < partnerCount; k += 1) {
      sum += (k + 1) ** -exponent;
      cumulative[k] = sum;
    }
    const codes: string[] = [];
    const pool = 50 * context.enterpriseCount + 1000;
    for (let k = 0; k < partnerCount; k += 1) {
      if (k === 0 && direction === 'sales' && relations.anchorSupplier && context.anchor) {
        codes.push(context.anchor.creditCode);
      } else if (context.enterpriseCount > 1 && random.chance(0.12)) {
        let other = random.int(0, context.enterpriseCount - 2);
        if (other >= spec.index) other += 1;
        codes.push(enterpriseIdentity(context.seed, other, firstYear).creditCode);
      } else {
        const id = Math.floor(pool * random.next() ** 2) + (direction === 'purchase' ? pool : 0);
        codes.push(externalCreditCode(context.seed, id));
      }
    }
    const pickPartner = () => {
      const target = random.next() * sum;
      let low = 0;
      let high = partnerCount - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((cumulative[middle] ?? 0) < target) low = middle + 1;
        else high = middle;
      }
      return codes[low] ?? codes[0] ?? '';
    };
    let invoiceNumber = random.int(10_000_000, 60_000_000);
    const firmLevel = random.logNormal(1, 0.15);
    for (const month of months) {
      const year = Number(month.iso.slice(0, 4));
      const monthIndex = Number(month.iso.slice(5, 7)) - 1;
      let distress = 1;
      if (relations.defaultDay !== null) {
        const monthsToDefault = (relations.defaultDay - month.last) / 30.4;
        if (monthsToDefault < 0) distress = 0.35;
        else if (monthsToDefault < 6) distress = 1 - 0.1 * (6 - monthsToDefault);
      }
      const level =
        (SEASONALITY[monthIndex] ?? 1) *
        firmLevel *
        Math.exp(monthSigma * random.normal() - (monthSigma * monthSigma) / 2) *
        distress;
      const fraction = (month.last - month.first + 1) / 30.4375;
      let amountFen =
        (revenueOfYear(year) / 12) * level * fraction * (direction === 'sales' ? 1 : 1 / salesToPurchase);
      let count = poisson(random, rate * Math.min(2, level ** 0.7) * fraction);
      if (count === 0) continue;
      count = Math.min(MAX_INVOICES_PER_MONTH * 2, Math.max(count, Math.ceil(amountFen / (faceLimit * 0.9))));
      amountFen = Math.max(amountFen, count * 100_00);
      const typical = amountFen / count;
      const days: number[] = [];
      for (let k = 0; k < count; k += 1)
        days.push(month.first + Math.floor(random.next() * (month.last - month.first + 1)));
      days.sort((a, b) => a - b);
      for (const day of days) {
        const iso = isoOf(day);
        const vat =
          direction === 'sales'
            ? invoiceVatRate(spec.industry.profile, smallScale, iso)
            : random.pick([0.13, 0.13, 0.13, 0.06, 0.09, 0.03, 0.01]);
        const isNegative = random.chance(negativeShare);
        let amount = Math.min(faceLimit * 0.98, typical * Math.exp(0.8 * random.normal() - 0.32));
        if (isNegative) amount = -amount * random.uniform(0.05, 1);
        let net: number;
        let tax: number;
        if (random.chance(0.4)) {
          // Many invoices are for a round gross amount (to 10 yuan), the net and tax derived from it.
          const grossFen =
            Math.sign(amount) * Math.max(1, Math.round((Math.abs(amount) * (1 + vat)) / 1000)) * 1000;
          net = Math.round(grossFen / (1 + vat));
          tax = grossFen - net;
        } else {
          net = Math.round(amount) || 100;
          tax = Math.round(net * vat);
        }
        invoiceNumber += random.int(1, 3);
        yield {
          credit_code: spec.creditCode,
          direction,
          invoice_no: String(invoiceNumber).padStart(8, '0'),
          issued_on: iso,
          counterparty: pickPartner(),
          amount: money(net),
          tax: money(tax),
          total: money(net + tax),
          status: random.chance(voidShare) ? 'void' : 'valid',
        };
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------ demo

/**
 * Generates a demo data set: `enterprises` firms with statements, loans from 1–3 lending members, invoices,
 * public records and the members' uploads in the canonical import formats. Deterministic: the same options
 * give the same rows (byte-identical CSV), in any iteration order. Rows are generated lazily per upload.
 */
export function generateDemo(options: GenerateDemoOptions): DemoData {
  const context = resolveContext(options);
  const specs: EnterpriseSpec[] = [];
  const relations: Relations[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < context.enterpriseCount; index += 1) {
    const spec = buildEnterprise(context, index);
    if (seen.has(spec.name)) throw new Error(`generateDemo: duplicate company name ${spec.name}`);
    seen.add(spec.name);
    specs.push(spec);
    relations.push(relationsOf(context, spec));
  }

  const enterprises: DemoEnterprise[] = specs.map((spec, index) => {
    const relation = relations[index] as Relations;
    return {
      index,
      creditCode: spec.creditCode,
      name: spec.name,
      industryCode: spec.industry.code,
      industryGroup: spec.group,
      size: spec.size,
      division: spec.region.division,
      quality: spec.quality,
      pd: spec.pd,
      defaulted: relation.defaultDay !== null,
      defaultOn: relation.defaultDay === null ? null : isoOf(relation.defaultDay),
      lenderKeys: relation.lenders.map((lender) => lender.key),
      anchorSupplier: relation.anchorSupplier,
    };
  });

  const borrowersOf = (memberKey: string) =>
    specs
      .map((spec, index) => ({ spec, relation: relations[index] as Relations }))
      .filter(({ relation }) => relation.lenders.some((lender) => lender.key === memberKey));

  const uploads: DemoUpload[] = [];
  for (const member of context.members) {
    if (!member.lends) continue;
    const borrowers = borrowersOf(member.key);
    if (borrowers.length === 0) continue;
    uploads.push({
      memberKey: member.key,
      dataset: 'enterprises',
      rows: iterable(function* () {
        for (const { spec, relation } of borrowers) {
          yield enterpriseRowFor(
            context,
            spec,
            relation.lenders.findIndex((lender) => lender.key === member.key),
          );
        }
      }),
    });
    uploads.push({
      memberKey: member.key,
      dataset: 'statements',
      rows: iterable(function* () {
        for (const { spec, relation } of borrowers) {
          const isPrimary = relation.lenders[0]?.key === member.key;
          yield* statementRows(context, spec, relation.omitMemos, !isPrimary);
        }
      }),
    });
    uploads.push({
      memberKey: member.key,
      dataset: 'loans',
      rows: iterable(function* () {
        for (const { spec, relation } of borrowers) yield* loanRows(context, spec, relation, member.key);
      }),
    });
    uploads.push({
      memberKey: member.key,
      dataset: 'invoices',
      rows: iterable(function* () {
        for (const { spec, relation } of borrowers) {
          if (relation.lenders[0]?.key === member.key) yield* invoiceRows(context, spec, relation);
        }
      }),
    });
  }
  if (context.government) {
    uploads.push({
      memberKey: context.government.key,
      dataset: 'public_records',
      rows: iterable(function* () {
        for (let index = 0; index < specs.length; index += 1) {
          yield* publicRecordRows(context, specs[index] as EnterpriseSpec, relations[index] as Relations);
        }
      }),
    });
  }

  return {
    seed: context.seed,
    asOf: isoOf(context.asOfDay),
    years: [...context.years],
    outcomeWindow: { from: isoOf(context.windowStartDay), to: isoOf(context.asOfDay) },
    members: context.members,
    enterprises,
    uploads,
    rows: (dataset) =>
      iterable(function* () {
        for (const upload of uploads) if (upload.dataset === dataset) yield* upload.rows;
      }),
  };
}

// ------------------------------------------------------------------------------------------------ scale

export type GenerateScaleSetOptions = {
  /** @default 20240601 */
  seed?: number;
  enterprises: number;
  dataset: 'enterprises' | 'statements';
  /** Statement years; one row per enterprise per year. @default [asOf year − 1] */
  years?: number[];
  /** @default '2025-12-31' */
  asOf?: string;
  /** First enterprise index, to generate a range in parallel workers. @default 0 */
  fromIndex?: number;
};

/**
 * Streams a large set (1M enterprises and more) without holding it: one enterprise is built, emitted and
 * dropped at a time. Firms with the same seed and index are the same firms as in {@link generateDemo}'s
 * profiles when the years agree.
 */
export function* generateScaleSet(options: GenerateScaleSetOptions): Generator<CanonicalRow> {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const years = options.years ?? [Number(asOf.slice(0, 4)) - 1];
  const from = options.fromIndex ?? 0;
  const context = resolveContext({
    seed: options.seed,
    asOf,
    years,
    enterprises: from + options.enterprises,
  });
  for (let index = from; index < from + options.enterprises; index += 1) {
    const spec = buildEnterprise(context, index);
    if (options.dataset === 'enterprises') yield enterpriseRow(spec);
    else yield* statementRows(context, spec, hashWords(context.seed, index, 99) % 100 < 12, false);
  }
}

/**
 * Like {@link generateScaleSet}, but yields CSV text directly (the header first, then one chunk of lines per
 * `linesPerChunk` enterprises, each line ending in `\n`), skipping the row objects: the fast path for
 * writing million-row files (`stream.Readable.from(generateScaleCsv(...)).pipe(file)`). Same content as
 * `toCsv(CANONICAL_COLUMNS[dataset], generateScaleSet(options))`.
 */
export function* generateScaleCsv(
  options: GenerateScaleSetOptions & { linesPerChunk?: number },
): Generator<string> {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const years = options.years ?? [Number(asOf.slice(0, 4)) - 1];
  const from = options.fromIndex ?? 0;
  const context = resolveContext({
    seed: options.seed,
    asOf,
    years,
    enterprises: from + options.enterprises,
  });
  const columns = CANONICAL_COLUMNS[options.dataset];
  yield `${columns.join(',')}\n`;
  const perChunk = options.linesPerChunk ?? 1000;
  // Cells and lines are joined once (not appended one by one): fewer intermediate strings, far less GC.
  let lines: string[] = [];
  const cells: string[] = new Array<string>(STATEMENT_LINE_COUNT + 3).fill('');
  cells[2] = 'annual';
  const periods = context.years.map((year) => `${year}-12-31`);
  const blanks = new Uint8Array(STATEMENT_LINE_COUNT);
  for (const index of MEMO_LINE_INDEXES) blanks[index] = 1;
  for (let index = from; index < from + options.enterprises; index += 1) {
    const spec = buildEnterprise(context, index);
    if (options.dataset === 'enterprises') {
      lines.push(toCsvLine(columns, enterpriseRow(spec)));
    } else {
      const omitMemos = hashWords(context.seed, index, 99) % 100 < 12;
      const statements = buildStatements(spec.plan, Random.derive(context.seed, index, STREAM.statements));
      cells[0] = spec.creditCode;
      for (let k = 0; k < statements.length; k += 1) {
        const values = statements[k] as number[];
        cells[1] = periods[k] ?? '';
        for (let cell = 0; cell < STATEMENT_LINE_COUNT; cell += 1) {
          cells[cell + 3] = omitMemos && blanks[cell] ? '' : money(values[cell] ?? 0);
        }
        lines.push(cells.join(','));
      }
    }
    if (lines.length >= perChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** The canonical header of a data set (re-exported for callers that write CSV). */
export const columnsOf = (dataset: CanonicalDataset): readonly string[] => CANONICAL_COLUMNS[dataset];
