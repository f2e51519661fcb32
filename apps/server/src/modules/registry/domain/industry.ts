/**
 * GB/T 4754-2017 (国民经济行业分类) sections and divisions, and their mapping to the 16 industry groups of
 * the SME size standard (《中小企业划型标准规定》, 工信部联企业〔2011〕300号; scope per the 2017 statistical
 * table, DOMAIN §1.3).
 *
 * Scope decisions (DOMAIN §1.3 followed exactly; a code outside the scope maps to no group, not to 'other'):
 * - 53 铁路运输业 is excluded from 交通运输业 and is not listed under 其他未列明行业 → no group.
 * - J 金融业 (financial enterprises have their own size standard), P 教育, 84 卫生, S 公共管理…, T 国际组织
 *   and 704 房地产租赁经营 (自有房地产经营活动 in the 2011 edition of GB/T 4754) are outside the standard → no
 *   group. Q maps to 'other' only through 85 社会工作.
 * - K 房地产业 is split below the division: 701/7010 → real-estate development, 702/7020 → property
 *   management, 703/7030 and 709/7090 → other.
 * - 59 装卸搬运和仓储业 → warehousing as a whole. (⚠ A footnote of the 2017 table reads "多式联运和运输代理业、
 *   装卸搬运 58", which may put 591 装卸搬运 under transport; DOMAIN maps 59 to warehousing, and so do we.)
 * - A section letter whose divisions fall into several groups (F, G, H, I, K, Q) is ambiguous → no group;
 *   the reason names the divisions to use instead.
 * - 3- and 4-digit codes are resolved through their division (and, in K, their group); only division 70
 *   checks that the group/class exists, since the full list of 1,380 classes is not embedded here.
 */

/** The id of one of the 16 industry groups of the size standard. */
export type IndustryGroupId =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'information_transmission'
  | 'software_it_services'
  | 'real_estate_development'
  | 'property_management'
  | 'leasing_business_services'
  | 'other';

/** One of the 16 industry groups of the size standard. */
export type IndustryGroup = {
  id: IndustryGroupId;
  /** The name in the 2011 规定. */
  zh: string;
  en: string;
  /** The GB/T 4754-2017 scope, as text for people. */
  scope: string;
};

/** The 16 industry groups, in the order of the 2011 规定 (art. 4). */
export const INDUSTRY_GROUPS: readonly IndustryGroup[] = Object.freeze([
  {
    id: 'agriculture',
    zh: '农、林、牧、渔业',
    en: 'Agriculture, forestry, animal husbandry and fishery',
    scope: 'A (01–05)',
  },
  { id: 'industry', zh: '工业', en: 'Industry (mining, manufacturing, utilities)', scope: 'B, C, D (06–46)' },
  { id: 'construction', zh: '建筑业', en: 'Construction', scope: 'E (47–50)' },
  { id: 'wholesale', zh: '批发业', en: 'Wholesale', scope: '51' },
  { id: 'retail', zh: '零售业', en: 'Retail', scope: '52' },
  { id: 'transport', zh: '交通运输业', en: 'Transport (excluding railways)', scope: '54–58' },
  { id: 'warehousing', zh: '仓储业', en: 'Warehousing', scope: '59' },
  { id: 'postal', zh: '邮政业', en: 'Postal services', scope: '60' },
  { id: 'accommodation', zh: '住宿业', en: 'Accommodation', scope: '61' },
  { id: 'catering', zh: '餐饮业', en: 'Catering', scope: '62' },
  {
    id: 'information_transmission',
    zh: '信息传输业',
    en: 'Information transmission (telecoms, broadcasting, internet)',
    scope: '63, 64',
  },
  { id: 'software_it_services', zh: '软件和信息技术服务业', en: 'Software and IT services', scope: '65' },
  { id: 'real_estate_development', zh: '房地产开发经营', en: 'Real-estate development', scope: '7010' },
  { id: 'property_management', zh: '物业管理', en: 'Property management', scope: '702' },
  {
    id: 'leasing_business_services',
    zh: '租赁和商务服务业',
    en: 'Leasing and business services',
    scope: 'L (71–72)',
  },
  {
    id: 'other',
    zh: '其他未列明行业',
    en: 'Other industries not elsewhere listed',
    scope: 'M, N, O, 85 (social work), R, 703, 709',
  },
]);

/** A GB/T 4754-2017 section (门类). */
export type IndustrySection = {
  code: string;
  zh: string;
  en: string;
  firstDivision: string;
  lastDivision: string;
};

/** A GB/T 4754-2017 division (大类). */
export type IndustryDivision = { code: string; section: string; zh: string; en: string };

/** The 20 sections A–T of GB/T 4754-2017. */
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = Object.freeze(
  (
    [
      ['A', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery', '01', '05'],
      ['B', '采矿业', 'Mining', '06', '12'],
      ['C', '制造业', 'Manufacturing', '13', '43'],
      [
        'D',
        '电力、热力、燃气及水生产和供应业',
        'Electricity, heat, gas and water production and supply',
        '44',
        '46',
      ],
      ['E', '建筑业', 'Construction', '47', '50'],
      ['F', '批发和零售业', 'Wholesale and retail trade', '51', '52'],
      ['G', '交通运输、仓储和邮政业', 'Transport, storage and postal services', '53', '60'],
      ['H', '住宿和餐饮业', 'Accommodation and catering', '61', '62'],
      [
        'I',
        '信息传输、软件和信息技术服务业',
        'Information transmission, software and IT services',
        '63',
        '65',
      ],
      ['J', '金融业', 'Finance', '66', '69'],
      ['K', '房地产业', 'Real estate', '70', '70'],
      ['L', '租赁和商务服务业', 'Leasing and business services', '71', '72'],
      ['M', '科学研究和技术服务业', 'Scientific research and technical services', '73', '75'],
      [
        'N',
        '水利、环境和公共设施管理业',
        'Water conservancy, environment and public facilities management',
        '76',
        '79',
      ],
      ['O', '居民服务、修理和其他服务业', 'Resident services, repair and other services', '80', '82'],
      ['P', '教育', 'Education', '83', '83'],
      ['Q', '卫生和社会工作', 'Health and social work', '84', '85'],
      ['R', '文化、体育和娱乐业', 'Culture, sports and entertainment', '86', '90'],
      [
        'S',
        '公共管理、社会保障和社会组织',
        'Public administration, social security and social organizations',
        '91',
        '96',
      ],
      ['T', '国际组织', 'International organizations', '97', '97'],
    ] as const
  ).map(([code, zh, en, firstDivision, lastDivision]) => ({ code, zh, en, firstDivision, lastDivision })),
);

/** The 97 divisions 01–97 of GB/T 4754-2017. */
export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = Object.freeze(
  (
    [
      ['01', '农业', 'Agriculture (crop farming)'],
      ['02', '林业', 'Forestry'],
      ['03', '畜牧业', 'Animal husbandry'],
      ['04', '渔业', 'Fishery'],
      [
        '05',
        '农、林、牧、渔专业及辅助性活动',
        'Support activities for agriculture, forestry, animal husbandry and fishery',
      ],
      ['06', '煤炭开采和洗选业', 'Mining and washing of coal'],
      ['07', '石油和天然气开采业', 'Extraction of petroleum and natural gas'],
      ['08', '黑色金属矿采选业', 'Mining of ferrous metal ores'],
      ['09', '有色金属矿采选业', 'Mining of non-ferrous metal ores'],
      ['10', '非金属矿采选业', 'Mining of non-metallic minerals'],
      ['11', '开采专业及辅助性活动', 'Mining support activities'],
      ['12', '其他采矿业', 'Other mining'],
      ['13', '农副食品加工业', 'Processing of food from agricultural products'],
      ['14', '食品制造业', 'Manufacture of foods'],
      ['15', '酒、饮料和精制茶制造业', 'Manufacture of liquor, beverages and refined tea'],
      ['16', '烟草制品业', 'Manufacture of tobacco'],
      ['17', '纺织业', 'Manufacture of textiles'],
      ['18', '纺织服装、服饰业', 'Manufacture of textile wearing apparel and accessories'],
      [
        '19',
        '皮革、毛皮、羽毛及其制品和制鞋业',
        'Manufacture of leather, fur, feather and related products, and footwear',
      ],
      [
        '20',
        '木材加工和木、竹、藤、棕、草制品业',
        'Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products',
      ],
      ['21', '家具制造业', 'Manufacture of furniture'],
      ['22', '造纸和纸制品业', 'Manufacture of paper and paper products'],
      ['23', '印刷和记录媒介复制业', 'Printing and reproduction of recording media'],
      [
        '24',
        '文教、工美、体育和娱乐用品制造业',
        'Manufacture of articles for culture, education, arts and crafts, sport and entertainment',
      ],
      ['25', '石油、煤炭及其他燃料加工业', 'Processing of petroleum, coal and other fuels'],
      ['26', '化学原料和化学制品制造业', 'Manufacture of raw chemical materials and chemical products'],
      ['27', '医药制造业', 'Manufacture of medicines'],
      ['28', '化学纤维制造业', 'Manufacture of chemical fibres'],
      ['29', '橡胶和塑料制品业', 'Manufacture of rubber and plastic products'],
      ['30', '非金属矿物制品业', 'Manufacture of non-metallic mineral products'],
      ['31', '黑色金属冶炼和压延加工业', 'Smelting and pressing of ferrous metals'],
      ['32', '有色金属冶炼和压延加工业', 'Smelting and pressing of non-ferrous metals'],
      ['33', '金属制品业', 'Manufacture of metal products'],
      ['34', '通用设备制造业', 'Manufacture of general-purpose machinery'],
      ['35', '专用设备制造业', 'Manufacture of special-purpose machinery'],
      ['36', '汽车制造业', 'Manufacture of motor vehicles'],
      [
        '37',
        '铁路、船舶、航空航天和其他运输设备制造业',
        'Manufacture of railway, ship, aerospace and other transport equipment',
      ],
      ['38', '电气机械和器材制造业', 'Manufacture of electrical machinery and equipment'],
      [
        '39',
        '计算机、通信和其他电子设备制造业',
        'Manufacture of computers, communication and other electronic equipment',
      ],
      ['40', '仪器仪表制造业', 'Manufacture of measuring instruments'],
      ['41', '其他制造业', 'Other manufacturing'],
      ['42', '废弃资源综合利用业', 'Utilization of waste resources'],
      ['43', '金属制品、机械和设备修理业', 'Repair of metal products, machinery and equipment'],
      ['44', '电力、热力生产和供应业', 'Production and supply of electricity and heat'],
      ['45', '燃气生产和供应业', 'Production and supply of gas'],
      ['46', '水的生产和供应业', 'Production and supply of water'],
      ['47', '房屋建筑业', 'Construction of buildings'],
      ['48', '土木工程建筑业', 'Civil engineering'],
      ['49', '建筑安装业', 'Building installation'],
      ['50', '建筑装饰、装修和其他建筑业', 'Building decoration, renovation and other construction'],
      ['51', '批发业', 'Wholesale trade'],
      ['52', '零售业', 'Retail trade'],
      ['53', '铁路运输业', 'Railway transport'],
      ['54', '道路运输业', 'Road transport'],
      ['55', '水上运输业', 'Water transport'],
      ['56', '航空运输业', 'Air transport'],
      ['57', '管道运输业', 'Pipeline transport'],
      ['58', '多式联运和运输代理业', 'Multimodal transport and transport agency'],
      ['59', '装卸搬运和仓储业', 'Loading, unloading and warehousing'],
      ['60', '邮政业', 'Postal services'],
      ['61', '住宿业', 'Accommodation'],
      ['62', '餐饮业', 'Catering'],
      [
        '63',
        '电信、广播电视和卫星传输服务',
        'Telecommunications, broadcasting and satellite transmission services',
      ],
      ['64', '互联网和相关服务', 'Internet and related services'],
      ['65', '软件和信息技术服务业', 'Software and information technology services'],
      ['66', '货币金融服务', 'Monetary financial services'],
      ['67', '资本市场服务', 'Capital market services'],
      ['68', '保险业', 'Insurance'],
      ['69', '其他金融业', 'Other financial services'],
      ['70', '房地产业', 'Real estate'],
      ['71', '租赁业', 'Leasing'],
      ['72', '商务服务业', 'Business services'],
      ['73', '研究和试验发展', 'Research and experimental development'],
      ['74', '专业技术服务业', 'Professional technical services'],
      ['75', '科技推广和应用服务业', 'Technology promotion and application services'],
      ['76', '水利管理业', 'Water conservancy management'],
      ['77', '生态保护和环境治理业', 'Ecological protection and environmental management'],
      ['78', '公共设施管理业', 'Public facilities management'],
      ['79', '土地管理业', 'Land management'],
      ['80', '居民服务业', 'Resident services'],
      [
        '81',
        '机动车、电子产品和日用产品修理业',
        'Repair of motor vehicles, electronic and household products',
      ],
      ['82', '其他服务业', 'Other services'],
      ['83', '教育', 'Education'],
      ['84', '卫生', 'Health'],
      ['85', '社会工作', 'Social work'],
      ['86', '新闻和出版业', 'News and publishing'],
      ['87', '广播、电视、电影和录音制作业', 'Radio, television, film and sound recording'],
      ['88', '文化艺术业', 'Culture and arts'],
      ['89', '体育', 'Sports'],
      ['90', '娱乐业', 'Entertainment'],
      ['91', '中国共产党机关', 'Organs of the Communist Party of China'],
      ['92', '国家机构', 'State organs'],
      ['93', '人民政协、民主党派', 'CPPCC and democratic parties'],
      ['94', '社会保障', 'Social security'],
      [
        '95',
        '群众团体、社会团体和其他成员组织',
        'Mass organizations, social organizations and other membership organizations',
      ],
      ['96', '基层群众自治组织及其他组织', 'Grassroots self-governing organizations and other organizations'],
      ['97', '国际组织', 'International organizations'],
    ] as const
  ).map(([code, zh, en]) => ({ code, section: sectionCodeOf(code), zh, en })),
);

/** Groups and classes of division 70 (房地产业), which the size standard splits. */
const REAL_ESTATE_GROUPS: Readonly<Record<string, { zh: string; group: IndustryGroupId | null }>> = {
  '701': { zh: '房地产开发经营', group: 'real_estate_development' },
  '702': { zh: '物业管理', group: 'property_management' },
  '703': { zh: '房地产中介服务', group: 'other' },
  '704': { zh: '房地产租赁经营', group: null },
  '709': { zh: '其他房地产业', group: 'other' },
};

/** Why a resolution produced no group. */
export type IndustryResolutionStatus = 'matched' | 'ambiguous' | 'out_of_scope' | 'unknown';

/** The result of {@link resolveIndustryGroup}. */
export type IndustryResolution = {
  input: string;
  status: IndustryResolutionStatus;
  /** The size-standard group; null unless `status` is 'matched'. */
  group: IndustryGroup | null;
  /** The GB/T 4754 section the input names or falls in, if it is a code. */
  section: IndustrySection | null;
  /** The GB/T 4754 division the input falls in, if it has digits. */
  division: IndustryDivision | null;
  /** One sentence for people: why this group, or what to give instead. */
  reason: string;
};

const GROUPS_BY_ID = new Map(INDUSTRY_GROUPS.map((group) => [group.id, group]));
const DIVISIONS_BY_CODE = new Map(INDUSTRY_DIVISIONS.map((division) => [division.code, division]));
const SECTIONS_BY_CODE = new Map(INDUSTRY_SECTIONS.map((section) => [section.code, section]));

/**
 * Returns the industry group with this id.
 *
 * @param id - an {@link IndustryGroupId}
 * @returns the group
 * @throws RangeError when the id is not one of the 16 groups
 */
export function getIndustryGroup(id: IndustryGroupId): IndustryGroup {
  const group = GROUPS_BY_ID.get(id);
  if (!group) {
    throw new RangeError(
      `getIndustryGroup: unknown industry group ${JSON.stringify(id)}; expected one of ${[...GROUPS_BY_ID.keys()].join(', ')}`,
    );
  }
  return group;
}

/**
 * Maps a GB/T 4754-2017 code, or a group name, to one of the 16 industry groups of the size standard.
 * Accepts a section letter ('C'), a 2/3/4-digit code ('13', '702', '5212'), a code prefixed by its section
 * ('F5212'), a group id ('retail'), or a group's Chinese or English name ('零售业', 'Retail').
 *
 * @param code - the code or name
 * @returns the group, or null when the code is unknown, ambiguous or outside the standard (use
 *   {@link resolveIndustryGroup} for the reason)
 */
export function industryGroupOf(code: string): IndustryGroup | null {
  return resolveIndustryGroup(code).group;
}

/**
 * Like {@link industryGroupOf}, but also says why: which section/division matched, or why no group
 * applies (unknown code, a section spanning several groups, or an industry outside the size standard).
 *
 * @param input - a GB/T 4754-2017 code or a group id/name
 * @returns the resolution with a reason for people
 */
export function resolveIndustryGroup(input: string): IndustryResolution {
  const text = String(input).normalize('NFKC').trim();
  const base = { input, section: null, division: null };
  const byName = INDUSTRY_GROUPS.find(
    (group) =>
      group.id === text.toLowerCase() || group.zh === text || group.en.toLowerCase() === text.toLowerCase(),
  );
  if (byName) {
    return {
      ...base,
      status: 'matched',
      group: byName,
      reason: `industry group ${byName.id} (${byName.zh})`,
    };
  }
  const match = /^([A-Za-z])?(\d{2,4})?$/.exec(text);
  if (!text || !match) {
    return {
      ...base,
      status: 'unknown',
      group: null,
      reason: `${JSON.stringify(input)} is neither a GB/T 4754-2017 code (a section letter A–T or a 2–4 digit code such as '5212') nor an industry group (${INDUSTRY_GROUPS.map((group) => group.id).join(', ')})`,
    };
  }
  const sectionLetter = match[1]?.toUpperCase();
  const digits = match[2];
  if (!digits) return resolveSection(input, sectionLetter ?? '');
  const division = DIVISIONS_BY_CODE.get(digits.slice(0, 2));
  if (!division) {
    return {
      ...base,
      status: 'unknown',
      group: null,
      reason: `'${digits.slice(0, 2)}' is not a GB/T 4754-2017 division (divisions are 01–97)`,
    };
  }
  const section = SECTIONS_BY_CODE.get(division.section) ?? null;
  if (sectionLetter && sectionLetter !== division.section) {
    return {
      ...base,
      section,
      division,
      status: 'unknown',
      group: null,
      reason: `division ${division.code} (${division.zh}) belongs to section ${division.section}, not ${sectionLetter}`,
    };
  }
  const resolved = groupOfDivision(division, digits);
  return { ...base, section, division, ...resolved };
}

function resolveSection(input: string, letter: string): IndustryResolution {
  const section = SECTIONS_BY_CODE.get(letter) ?? null;
  const base = { input, section, division: null };
  if (!section) {
    return {
      ...base,
      status: 'unknown',
      group: null,
      reason: `'${letter}' is not a GB/T 4754-2017 section (A–T)`,
    };
  }
  const divisions = INDUSTRY_DIVISIONS.filter((division) => division.section === letter).map((division) => ({
    division,
    ...groupOfDivision(division, division.code),
  }));
  const first = divisions[0];
  if (first?.group && divisions.every((entry) => entry.group?.id === first.group?.id)) {
    const group = first.group;
    return {
      ...base,
      status: 'matched',
      group,
      reason: `section ${letter} (${section.zh}) → ${group.id} (${group.zh})`,
    };
  }
  if (divisions.every((entry) => entry.status === 'out_of_scope')) {
    return {
      ...base,
      status: 'out_of_scope',
      group: null,
      reason: `section ${letter} (${section.zh}) is outside the scope of the SME size standard (2011)`,
    };
  }
  const choices = divisions
    .map(({ division, group, status }) => {
      const target = group ? group.id : status === 'ambiguous' ? 'give 701–709' : 'out of scope';
      return `${division.code} ${division.zh} → ${target}`;
    })
    .join('; ');
  return {
    ...base,
    status: 'ambiguous',
    group: null,
    reason: `section ${letter} (${section.zh}) spans several industry groups; give the division instead: ${choices}`,
  };
}

function groupOfDivision(
  division: IndustryDivision,
  digits: string,
): { status: IndustryResolutionStatus; group: IndustryGroup | null; reason: string } {
  const label = `${division.code} ${division.zh}`;
  const matched = (id: IndustryGroupId, why = '') => {
    const group = getIndustryGroup(id);
    return {
      status: 'matched' as const,
      group,
      reason: `${digits === division.code ? label : `${digits} (in ${label})`} → ${group.id} (${group.zh})${why}`,
    };
  };
  const outOfScope = (why: string) => ({
    status: 'out_of_scope' as const,
    group: null,
    reason: `${digits === division.code ? label : `${digits} (in ${label})`} is outside the scope of the SME size standard (2011): ${why}`,
  });
  const n = Number(division.code);
  if (n <= 5) return matched('agriculture');
  if (n <= 46) return matched('industry');
  if (n <= 50) return matched('construction');
  if (n === 51) return matched('wholesale');
  if (n === 52) return matched('retail');
  if (n === 53) return outOfScope('railway transport is excluded from 交通运输业');
  if (n <= 58) return matched('transport');
  if (n === 59) return matched('warehousing');
  if (n === 60) return matched('postal');
  if (n === 61) return matched('accommodation');
  if (n === 62) return matched('catering');
  if (n <= 64) return matched('information_transmission');
  if (n === 65) return matched('software_it_services');
  if (n <= 69) return outOfScope('financial enterprises are classified under their own standard');
  if (n === 70) return groupOfRealEstate(digits, label, matched, outOfScope);
  if (n <= 72) return matched('leasing_business_services');
  if (n <= 82) return matched('other');
  if (n === 83) return outOfScope('education is not covered');
  if (n === 84) return outOfScope('health is not covered (only 85 社会工作 of section Q is)');
  if (n === 85) return matched('other', ' (social work)');
  if (n <= 90) return matched('other');
  return outOfScope(
    'public administration, social organizations and international organizations are not covered',
  );
}

function groupOfRealEstate(
  digits: string,
  label: string,
  matched: (id: IndustryGroupId) => {
    status: IndustryResolutionStatus;
    group: IndustryGroup | null;
    reason: string;
  },
  outOfScope: (why: string) => {
    status: IndustryResolutionStatus;
    group: IndustryGroup | null;
    reason: string;
  },
): { status: IndustryResolutionStatus; group: IndustryGroup | null; reason: string } {
  const groupCode = digits.slice(0, 3);
  const entry = REAL_ESTATE_GROUPS[groupCode];
  const choices = Object.entries(REAL_ESTATE_GROUPS)
    .map(([code, { zh, group }]) => `${code} ${zh} → ${group ?? 'out of scope'}`)
    .join('; ');
  if (digits.length === 2) {
    return {
      status: 'ambiguous',
      group: null,
      reason: `${label} spans several industry groups; give the 3- or 4-digit code instead: ${choices}`,
    };
  }
  if (!entry || (digits.length === 4 && digits.charAt(3) !== '0')) {
    return {
      status: 'unknown',
      group: null,
      reason: `'${digits}' is not a GB/T 4754-2017 code in ${label} (${choices})`,
    };
  }
  if (!entry.group) return outOfScope('自有房地产经营活动 (own-property leasing) is excluded');
  return matched(entry.group);
}

function sectionCodeOf(divisionCode: string): string {
  const n = Number(divisionCode);
  const bounds: Array<[number, string]> = [
    [5, 'A'],
    [12, 'B'],
    [43, 'C'],
    [46, 'D'],
    [50, 'E'],
    [52, 'F'],
    [60, 'G'],
    [62, 'H'],
    [65, 'I'],
    [69, 'J'],
    [70, 'K'],
    [72, 'L'],
    [75, 'M'],
    [79, 'N'],
    [82, 'O'],
    [83, 'P'],
    [85, 'Q'],
    [90, 'R'],
    [96, 'S'],
    [97, 'T'],
  ];
  const found = bounds.find(([last]) => n <= last);
  if (!found) throw new RangeError(`sectionCodeOf: no section for division ${divisionCode}`);
  return found[1];
}
