import { completeCreditCode } from './enterprise.js';

/** What a demo member is; `lends` members own loans, the others play their part in guarantees, supply chains and oversight. */
export type DemoMemberKind =
  | 'operator'
  | 'bank'
  | 'village_bank'
  | 'guarantee_fund'
  | 'anchor_firm'
  | 'government';

export type DemoMember = {
  /** Stable key the demo data and users refer to. */
  key: string;
  kind: DemoMemberKind;
  name: string;
  shortName: string;
  creditCode: string;
  /** GB/T 2260 division of its seat. */
  division: string;
  /** Grants loans (and uploads its borrowers' profiles, statements, loans and invoices). */
  lends: boolean;
  /** Two-digit province codes it serves; null = nationwide. */
  provinces: readonly string[] | null;
  /** Prefix of its loan references. */
  loanRefPrefix: string;
};

export type DemoRole =
  | 'operator'
  | 'member_admin'
  | 'analyst'
  | 'credit_officer'
  | 'approver'
  | 'enterprise_owner'
  | 'enterprise_finance'
  | 'regulator';

/** A demo sign-in. Exactly one of memberKey / enterpriseIndex is set. Passwords are demo-only and printed at first start. */
export type DemoUser = {
  login: string;
  password: string;
  displayName: string;
  role: DemoRole;
  memberKey?: string;
  /** Index of the demo enterprise (0 = the healthy supplier, 1 = the firm in default) for enterprise roles. */
  enterpriseIndex?: number;
};

// Members' bodies are 'MAYY' + four characters: a block no generated enterprise or counterparty uses.
const memberCode = (authority: string, division: string, serial: string) =>
  completeCreditCode(`${authority}${division}MAYY${serial}`);

/** The demo members: the operator, three lenders (one a village bank), a guarantee fund, an anchor firm and a regulator. */
export const DEMO_MEMBERS: readonly DemoMember[] = Object.freeze([
  {
    key: 'operator',
    kind: 'operator',
    name: '信桥征信服务有限公司',
    shortName: '信桥平台',
    creditCode: memberCode('91', '310115', '0001'),
    division: '310115',
    lends: false,
    provinces: null,
    loanRefPrefix: 'OPR',
  },
  {
    key: 'xinghe-bank',
    kind: 'bank',
    name: '星河商业银行股份有限公司',
    shortName: '星河银行',
    creditCode: memberCode('91', '330100', '0002'),
    division: '330100',
    lends: true,
    provinces: null,
    loanRefPrefix: 'XH',
  },
  {
    key: 'jincheng-bank',
    kind: 'bank',
    name: '锦程农村商业银行股份有限公司',
    shortName: '锦程农商行',
    creditCode: memberCode('91', '440300', '0003'),
    division: '440300',
    lends: true,
    provinces: null,
    loanRefPrefix: 'JC',
  },
  {
    key: 'qinghe-village-bank',
    kind: 'village_bank',
    name: '安吉青禾村镇银行股份有限公司',
    shortName: '青禾村镇银行',
    creditCode: memberCode('91', '330500', '0004'),
    division: '330500',
    lends: true,
    provinces: ['33'],
    loanRefPrefix: 'QH',
  },
  {
    key: 'huiqi-guarantee',
    kind: 'guarantee_fund',
    name: '惠企融资担保基金有限公司',
    shortName: '惠企担保',
    creditCode: memberCode('91', '330100', '0005'),
    division: '330100',
    lends: false,
    provinces: null,
    loanRefPrefix: 'HQ',
  },
  {
    key: 'haiyue-anchor',
    kind: 'anchor_firm',
    name: '海岳重工集团有限公司',
    shortName: '海岳重工',
    creditCode: memberCode('91', '330100', '0006'),
    division: '330100',
    lends: false,
    provinces: null,
    loanRefPrefix: 'HY',
  },
  {
    key: 'finance-bureau',
    kind: 'government',
    name: '示范市地方金融管理局',
    shortName: '地方金融管理局',
    creditCode: memberCode('11', '330100', '0007'),
    division: '330100',
    lends: false,
    provinces: null,
    loanRefPrefix: 'GOV',
  },
]);

const user = (
  login: string,
  role: DemoRole,
  displayName: string,
  where: { memberKey: string } | { enterpriseIndex: number },
): DemoUser => ({
  login,
  password: `Demo-${login}-2025`,
  displayName,
  role,
  ...where,
});

/** One sign-in per role (member admins for every member). */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  user('operator', 'operator', '平台运营 Operator', { memberKey: 'operator' }),
  user('admin.xinghe', 'member_admin', '星河银行 管理员', { memberKey: 'xinghe-bank' }),
  user('admin.jincheng', 'member_admin', '锦程农商行 管理员', { memberKey: 'jincheng-bank' }),
  user('admin.qinghe', 'member_admin', '青禾村镇银行 管理员', { memberKey: 'qinghe-village-bank' }),
  user('admin.huiqi', 'member_admin', '惠企担保 管理员', { memberKey: 'huiqi-guarantee' }),
  user('admin.haiyue', 'member_admin', '海岳重工 管理员', { memberKey: 'haiyue-anchor' }),
  user('admin.bureau', 'member_admin', '地方金融管理局 管理员', { memberKey: 'finance-bureau' }),
  user('analyst.xinghe', 'analyst', '星河银行 风险分析师', { memberKey: 'xinghe-bank' }),
  user('analyst.huiqi', 'analyst', '惠企担保 风险分析师', { memberKey: 'huiqi-guarantee' }),
  user('officer.xinghe', 'credit_officer', '星河银行 客户经理', { memberKey: 'xinghe-bank' }),
  user('officer.qinghe', 'credit_officer', '青禾村镇银行 信贷员', { memberKey: 'qinghe-village-bank' }),
  user('approver.xinghe', 'approver', '星河银行 审批人', { memberKey: 'xinghe-bank' }),
  user('approver.huiqi', 'approver', '惠企担保 审批人', { memberKey: 'huiqi-guarantee' }),
  user('owner.e0', 'enterprise_owner', '企业主（示范企业 0）', { enterpriseIndex: 0 }),
  user('finance.e0', 'enterprise_finance', '财务负责人（示范企业 0）', { enterpriseIndex: 0 }),
  user('owner.e1', 'enterprise_owner', '企业主（示范企业 1，已违约）', { enterpriseIndex: 1 }),
  user('regulator', 'regulator', '地方金融管理局 监管员', { memberKey: 'finance-bureau' }),
]);
