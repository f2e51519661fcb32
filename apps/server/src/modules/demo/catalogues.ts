import type { IndustryGroupId } from '../registry/index.js';

/** How an industry's statements look: relative to the calibrated (Polish) quantiles, plus Chinese VAT. */
export type IndustryProfile = {
  /** Multiplier on the calibrated sales/assets ratio. */
  turnover: number;
  /** Current assets / total assets (median). */
  currentShare: number;
  /** Inventories / current assets (median). */
  inventoryShare: number;
  /** Inventory memo split (raw materials, work in progress, finished goods, turnover materials). */
  inventoryMix: readonly [number, number, number, number];
  /** Selling and administrative expenses as shares of revenue. */
  selling: number;
  admin: number;
  /** VAT family of its sales for a general taxpayer. */
  vat: 'goods' | 'reduced' | 'services' | 'exempt';
  /** Revenue per employee, yuan per year (median); used where employees are not a size indicator. */
  revenuePerEmployee: number;
};

export type IndustryEntry = {
  /** GB/T 4754-2017 class code with its section letter (e.g. 'C3982'). */
  code: string;
  label: string;
  group: IndustryGroupId;
  /** Words that follow the 字号 in a company name (e.g. '电子科技'). */
  words: readonly string[];
  /** Relative frequency among demo enterprises. */
  weight: number;
  profile: IndustryProfile;
};

const MANUFACTURING: IndustryProfile = {
  turnover: 1,
  currentShare: 0.55,
  inventoryShare: 0.3,
  inventoryMix: [0.35, 0.2, 0.4, 0.05],
  selling: 0.03,
  admin: 0.06,
  vat: 'goods',
  revenuePerEmployee: 600_000,
};
const TRADE: IndustryProfile = {
  turnover: 1.9,
  currentShare: 0.8,
  inventoryShare: 0.35,
  inventoryMix: [0, 0, 0.97, 0.03],
  selling: 0.025,
  admin: 0.03,
  vat: 'goods',
  revenuePerEmployee: 2_000_000,
};
const RETAIL: IndustryProfile = {
  ...TRADE,
  turnover: 1.6,
  selling: 0.06,
  admin: 0.04,
  revenuePerEmployee: 800_000,
};
const SERVICES: IndustryProfile = {
  turnover: 0.9,
  currentShare: 0.7,
  inventoryShare: 0.05,
  inventoryMix: [0, 0, 0.5, 0.5],
  selling: 0.05,
  admin: 0.12,
  vat: 'services',
  revenuePerEmployee: 400_000,
};
const CONSTRUCTION: IndustryProfile = {
  turnover: 0.8,
  currentShare: 0.75,
  inventoryShare: 0.25,
  inventoryMix: [0.5, 0.4, 0, 0.1],
  selling: 0.01,
  admin: 0.05,
  vat: 'reduced',
  revenuePerEmployee: 700_000,
};
const TRANSPORT: IndustryProfile = {
  turnover: 1,
  currentShare: 0.4,
  inventoryShare: 0.05,
  inventoryMix: [0.6, 0, 0, 0.4],
  selling: 0.02,
  admin: 0.06,
  vat: 'reduced',
  revenuePerEmployee: 450_000,
};
const HOSPITALITY: IndustryProfile = {
  turnover: 0.8,
  currentShare: 0.3,
  inventoryShare: 0.1,
  inventoryMix: [0.7, 0, 0.2, 0.1],
  selling: 0.08,
  admin: 0.1,
  vat: 'services',
  revenuePerEmployee: 250_000,
};
const AGRICULTURE: IndustryProfile = {
  turnover: 0.7,
  currentShare: 0.45,
  inventoryShare: 0.45,
  inventoryMix: [0.3, 0.3, 0.4, 0],
  selling: 0.02,
  admin: 0.05,
  vat: 'exempt',
  revenuePerEmployee: 300_000,
};
const REAL_ESTATE: IndustryProfile = {
  turnover: 0.25,
  currentShare: 0.85,
  inventoryShare: 0.7,
  inventoryMix: [0, 0.7, 0.3, 0],
  selling: 0.03,
  admin: 0.04,
  vat: 'reduced',
  revenuePerEmployee: 3_000_000,
};

/** The demo industries: real GB/T 4754-2017 classes, weighted roughly like China's MSME population. */
export const DEMO_INDUSTRIES: readonly IndustryEntry[] = [
  {
    code: 'A0141',
    label: '蔬菜种植',
    group: 'agriculture',
    words: ['农业发展', '蔬菜种植'],
    weight: 2,
    profile: AGRICULTURE,
  },
  {
    code: 'A0313',
    label: '猪的饲养',
    group: 'agriculture',
    words: ['生态养殖', '牧业'],
    weight: 1,
    profile: AGRICULTURE,
  },
  {
    code: 'C1311',
    label: '稻谷加工',
    group: 'industry',
    words: ['粮油', '米业'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C1411',
    label: '糕点、面包制造',
    group: 'industry',
    words: ['食品'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C1711',
    label: '棉纺纱加工',
    group: 'industry',
    words: ['纺织'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C1819',
    label: '其他机织服装制造',
    group: 'industry',
    words: ['服饰', '制衣'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'C2110',
    label: '木质家具制造',
    group: 'industry',
    words: ['家具'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C2641',
    label: '涂料制造',
    group: 'industry',
    words: ['化工', '涂料'],
    weight: 1,
    profile: MANUFACTURING,
  },
  {
    code: 'C2929',
    label: '塑料零件及其他塑料制品制造',
    group: 'industry',
    words: ['塑胶制品', '塑业'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'C3311',
    label: '金属结构制造',
    group: 'industry',
    words: ['钢结构', '金属制品'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'C3421',
    label: '金属切削机床制造',
    group: 'industry',
    words: ['机床', '机械制造'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C3599',
    label: '其他专用设备制造',
    group: 'industry',
    words: ['机械设备', '智能装备'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'C3670',
    label: '汽车零部件及配件制造',
    group: 'industry',
    words: ['汽车配件', '汽车零部件'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'C3831',
    label: '电线、电缆制造',
    group: 'industry',
    words: ['电线电缆', '线缆'],
    weight: 2,
    profile: MANUFACTURING,
  },
  {
    code: 'C3982',
    label: '电子电路制造',
    group: 'industry',
    words: ['电子科技', '电路科技'],
    weight: 3,
    profile: MANUFACTURING,
  },
  {
    code: 'E4710',
    label: '住宅房屋建筑',
    group: 'construction',
    words: ['建设工程', '建筑工程'],
    weight: 3,
    profile: CONSTRUCTION,
  },
  {
    code: 'E5011',
    label: '公共建筑装饰和装修',
    group: 'construction',
    words: ['装饰工程', '建筑装饰'],
    weight: 3,
    profile: CONSTRUCTION,
  },
  {
    code: 'F5124',
    label: '肉、禽、蛋、奶及水产品批发',
    group: 'wholesale',
    words: ['食品贸易', '农产品'],
    weight: 3,
    profile: TRADE,
  },
  {
    code: 'F5174',
    label: '金属及金属矿批发',
    group: 'wholesale',
    words: ['金属材料', '物资'],
    weight: 3,
    profile: TRADE,
  },
  {
    code: 'F5175',
    label: '建材批发',
    group: 'wholesale',
    words: ['建材', '建材贸易'],
    weight: 4,
    profile: TRADE,
  },
  {
    code: 'F5212',
    label: '超级市场零售',
    group: 'retail',
    words: ['超市', '商贸'],
    weight: 4,
    profile: RETAIL,
  },
  {
    code: 'F5271',
    label: '家用视听设备零售',
    group: 'retail',
    words: ['电器', '家电'],
    weight: 3,
    profile: RETAIL,
  },
  {
    code: 'G5431',
    label: '普通货物道路运输',
    group: 'transport',
    words: ['物流', '运输'],
    weight: 3,
    profile: TRANSPORT,
  },
  {
    code: 'G5920',
    label: '通用仓储',
    group: 'warehousing',
    words: ['仓储', '供应链管理'],
    weight: 1,
    profile: TRANSPORT,
  },
  {
    code: 'G6020',
    label: '快递服务',
    group: 'postal',
    words: ['快递', '速递'],
    weight: 1,
    profile: TRANSPORT,
  },
  {
    code: 'H6110',
    label: '旅游饭店',
    group: 'accommodation',
    words: ['酒店管理', '宾馆'],
    weight: 1,
    profile: HOSPITALITY,
  },
  {
    code: 'H6210',
    label: '正餐服务',
    group: 'catering',
    words: ['餐饮管理', '餐饮'],
    weight: 3,
    profile: HOSPITALITY,
  },
  {
    code: 'I6429',
    label: '互联网其他信息服务',
    group: 'information_transmission',
    words: ['网络科技', '信息技术'],
    weight: 2,
    profile: SERVICES,
  },
  {
    code: 'I6513',
    label: '应用软件开发',
    group: 'software_it_services',
    words: ['软件', '软件技术'],
    weight: 3,
    profile: SERVICES,
  },
  {
    code: 'I6531',
    label: '信息系统集成服务',
    group: 'software_it_services',
    words: ['系统集成', '数据科技'],
    weight: 2,
    profile: SERVICES,
  },
  {
    code: 'K7010',
    label: '房地产开发经营',
    group: 'real_estate_development',
    words: ['房地产开发', '置业'],
    weight: 1,
    profile: REAL_ESTATE,
  },
  {
    code: 'K7020',
    label: '物业管理',
    group: 'property_management',
    words: ['物业管理', '物业服务'],
    weight: 2,
    profile: SERVICES,
  },
  {
    code: 'L7111',
    label: '汽车租赁',
    group: 'leasing_business_services',
    words: ['汽车租赁'],
    weight: 1,
    profile: { ...SERVICES, turnover: 0.5, currentShare: 0.3 },
  },
  {
    code: 'L7299',
    label: '其他未列明商务服务业',
    group: 'leasing_business_services',
    words: ['商务咨询', '企业管理'],
    weight: 3,
    profile: SERVICES,
  },
  {
    code: 'M7320',
    label: '工程和技术研究和试验发展',
    group: 'other',
    words: ['技术研究', '科技发展'],
    weight: 1,
    profile: SERVICES,
  },
  {
    code: 'N7721',
    label: '水污染治理',
    group: 'other',
    words: ['环保科技', '环境工程'],
    weight: 1,
    profile: SERVICES,
  },
  {
    code: 'O8111',
    label: '汽车修理与维护',
    group: 'other',
    words: ['汽车服务', '汽修'],
    weight: 2,
    profile: { ...SERVICES, inventoryShare: 0.2 },
  },
  {
    code: 'R8710',
    label: '文艺创作与表演',
    group: 'other',
    words: ['文化传媒', '文化传播'],
    weight: 1,
    profile: SERVICES,
  },
];

export type RegionEntry = {
  /** GB/T 2260 code of a prefecture-level city (or a district of a municipality). */
  division: string;
  province: string;
  /** Province abbreviation used in court case numbers (粤, 浙, …). */
  provinceShort: string;
  /** The city (or district) as written in an address, e.g. '深圳市' or '浦东新区'. */
  city: string;
  /** The place name that prefixes a company name, e.g. '深圳'. */
  namePrefix: string;
  weight: number;
  roads: readonly string[];
};

const region = (
  division: string,
  province: string,
  provinceShort: string,
  city: string,
  namePrefix: string,
  weight: number,
  roads: readonly string[],
): RegionEntry => ({ division, province, provinceShort, city, namePrefix, weight, roads });

/** Demo regions: real GB/T 2260 divisions, weighted toward the provinces with the most MSMEs. */
export const DEMO_REGIONS: readonly RegionEntry[] = [
  region('110108', '北京市', '京', '海淀区', '北京', 3, ['中关村大街', '学院路', '上地十街']),
  region('110105', '北京市', '京', '朝阳区', '北京', 3, ['建国路', '酒仙桥路', '望京街']),
  region('120116', '天津市', '津', '滨海新区', '天津', 2, ['第二大街', '黄海路', '新港路']),
  region('310115', '上海市', '沪', '浦东新区', '上海', 4, ['张江路', '川沙路', '金桥路']),
  region('310112', '上海市', '沪', '闵行区', '上海', 3, ['莘庄工业区春东路', '七莘路', '都会路']),
  region('500112', '重庆市', '渝', '渝北区', '重庆', 2, ['金开大道', '龙兴大道', '双凤路']),
  region('440100', '广东省', '粤', '广州市', '广州', 4, ['天河路', '科学大道', '番禺大道']),
  region('440300', '广东省', '粤', '深圳市', '深圳', 5, ['科技园路', '宝安大道', '龙岗大道']),
  region('440600', '广东省', '粤', '佛山市', '佛山', 3, ['季华路', '佛山大道', '顺德大道']),
  region('441900', '广东省', '粤', '东莞市', '东莞', 4, ['松山湖大道', '长安振安路', '虎门大道']),
  region('442000', '广东省', '粤', '中山市', '中山', 2, ['中山五路', '小榄大道', '火炬路']),
  region('330100', '浙江省', '浙', '杭州市', '杭州', 4, ['文一西路', '江南大道', '余杭塘路']),
  region('330200', '浙江省', '浙', '宁波市', '宁波', 3, ['中山东路', '甬江大道', '北仑大碶路']),
  region('330300', '浙江省', '浙', '温州市', '温州', 3, ['车站大道', '瓯海大道', '乐清柳市路']),
  region('330500', '浙江省', '浙', '湖州市', '湖州', 2, ['青铜路', '长兴明珠路', '安吉递铺路']),
  region('330700', '浙江省', '浙', '金华市', '金华', 2, ['义乌稠州北路', '永康大道', '八一北街']),
  region('331000', '浙江省', '浙', '台州市', '台州', 2, ['市府大道', '温岭万昌路', '黄岩劳动路']),
  region('320100', '江苏省', '苏', '南京市', '南京', 3, ['中山北路', '江宁双龙大道', '雨花大道']),
  region('320200', '江苏省', '苏', '无锡市', '无锡', 3, ['梁溪路', '新华路', '江阴澄江路']),
  region('320400', '江苏省', '苏', '常州市', '常州', 2, ['通江大道', '武进湖塘路', '龙城大道']),
  region('320500', '江苏省', '苏', '苏州市', '苏州', 4, ['星湖街', '昆山前进路', '吴中大道']),
  region('320600', '江苏省', '苏', '南通市', '南通', 2, ['工农路', '海门长江路', '崇川路']),
  region('370100', '山东省', '鲁', '济南市', '济南', 2, ['经十路', '工业南路', '舜华路']),
  region('370200', '山东省', '鲁', '青岛市', '青岛', 3, ['香港中路', '黄岛长江路', '株洲路']),
  region('370700', '山东省', '鲁', '潍坊市', '潍坊', 2, ['东风东街', '寿光圣城街', '北海路']),
  region('371300', '山东省', '鲁', '临沂市', '临沂', 2, ['通达路', '沂蒙路', '北京路']),
  region('350100', '福建省', '闽', '福州市', '福州', 2, ['五四路', '福飞路', '长乐首占路']),
  region('350200', '福建省', '闽', '厦门市', '厦门', 2, ['湖滨南路', '软件园二期观日路', '集美大道']),
  region('350500', '福建省', '闽', '泉州市', '泉州', 3, ['丰泽街', '晋江世纪大道', '石狮八七路']),
  region('340100', '安徽省', '皖', '合肥市', '合肥', 2, ['长江西路', '繁华大道', '望江西路']),
  region('420100', '湖北省', '鄂', '武汉市', '武汉', 3, ['光谷大道', '解放大道', '珞喻路']),
  region('430100', '湖南省', '湘', '长沙市', '长沙', 2, ['芙蓉中路', '岳麓大道', '星沙大道']),
  region('410100', '河南省', '豫', '郑州市', '郑州', 3, ['金水路', '中州大道', '航海东路']),
  region('510100', '四川省', '川', '成都市', '成都', 3, ['天府大道', '蜀汉路', '双流航空港大道']),
  region('610100', '陕西省', '陕', '西安市', '西安', 2, ['高新路', '长安南路', '未央路']),
  region('130100', '河北省', '冀', '石家庄市', '石家庄', 2, ['中山西路', '槐安东路', '裕华路']),
  region('360100', '江西省', '赣', '南昌市', '南昌', 1, ['红谷中大道', '昌东大道', '京东大道']),
  region('450100', '广西壮族自治区', '桂', '南宁市', '南宁', 1, ['民族大道', '五象大道', '科园大道']),
  region('530100', '云南省', '云', '昆明市', '昆明', 1, ['北京路', '滇池路', '春城路']),
  region('210200', '辽宁省', '辽', '大连市', '大连', 1, ['中山路', '黄浦路', '金州大道']),
  region('230100', '黑龙江省', '黑', '哈尔滨市', '哈尔滨', 1, ['中山路', '学府路', '红旗大街']),
];

/** Characters for 字号 (trade names): common, auspicious, two of them make a plausible brand. */
export const TRADE_NAME_CHARACTERS: readonly string[] = [
  ...new Set(
    '恒达华盛鑫瑞隆兴昌泰丰源宏伟博晟信诚德明嘉和佳安康永祥福润天金宇新正通联远创立辉腾飞龙鹏辰星阳春峰川江林森青蓝鸿卓越精锐捷迅驰益宝富荣耀振旺顺吉美雅优品尚汇聚合众协力强坚实友邦东南环亚汉唐凯旭晨曦朗瀚澜泽沁弘毅志智慧睿思诺维拓展万千百舜禾谷田朴清泓湛' as string,
  ),
];

/** The share of size classes among demo enterprises (MSME-heavy, a few large anchors). */
export const SIZE_CLASS_MIX = { micro: 0.42, small: 0.38, medium: 0.17, large: 0.03 } as const;
