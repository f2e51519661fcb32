/**
 * GB/T 2260 administrative divisions, at the provincial level only: the first two digits of a six-digit
 * division code name the province, autonomous region, municipality or special administrative region.
 * Prefecture and county codes change every year and are not checked here.
 */

/** A bilingual name. */
export type BilingualName = { zh: string; en: string };

/** The division of a six-digit GB/T 2260 code, resolved to its province. */
export type Division = {
  /** The six-digit code as given, e.g. '440300'. */
  code: string;
  /** Its first two digits, e.g. '44'. */
  provinceCode: string;
  /** The province's name, or null when the first two digits are not a provincial-level code. */
  provinceName: BilingualName | null;
};

/** The 34 provincial-level divisions of GB/T 2260, keyed by their two-digit code. */
export const PROVINCES: Readonly<Record<string, BilingualName>> = Object.freeze({
  '11': { zh: '北京市', en: 'Beijing' },
  '12': { zh: '天津市', en: 'Tianjin' },
  '13': { zh: '河北省', en: 'Hebei' },
  '14': { zh: '山西省', en: 'Shanxi' },
  '15': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  '21': { zh: '辽宁省', en: 'Liaoning' },
  '22': { zh: '吉林省', en: 'Jilin' },
  '23': { zh: '黑龙江省', en: 'Heilongjiang' },
  '31': { zh: '上海市', en: 'Shanghai' },
  '32': { zh: '江苏省', en: 'Jiangsu' },
  '33': { zh: '浙江省', en: 'Zhejiang' },
  '34': { zh: '安徽省', en: 'Anhui' },
  '35': { zh: '福建省', en: 'Fujian' },
  '36': { zh: '江西省', en: 'Jiangxi' },
  '37': { zh: '山东省', en: 'Shandong' },
  '41': { zh: '河南省', en: 'Henan' },
  '42': { zh: '湖北省', en: 'Hubei' },
  '43': { zh: '湖南省', en: 'Hunan' },
  '44': { zh: '广东省', en: 'Guangdong' },
  '45': { zh: '广西壮族自治区', en: 'Guangxi' },
  '46': { zh: '海南省', en: 'Hainan' },
  '50': { zh: '重庆市', en: 'Chongqing' },
  '51': { zh: '四川省', en: 'Sichuan' },
  '52': { zh: '贵州省', en: 'Guizhou' },
  '53': { zh: '云南省', en: 'Yunnan' },
  '54': { zh: '西藏自治区', en: 'Tibet' },
  '61': { zh: '陕西省', en: 'Shaanxi' },
  '62': { zh: '甘肃省', en: 'Gansu' },
  '63': { zh: '青海省', en: 'Qinghai' },
  '64': { zh: '宁夏回族自治区', en: 'Ningxia' },
  '65': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  '71': { zh: '台湾省', en: 'Taiwan' },
  '81': { zh: '香港特别行政区', en: 'Hong Kong SAR' },
  '82': { zh: '澳门特别行政区', en: 'Macao SAR' },
});

/**
 * The code '100000' (the whole country) is used in credit codes issued by national registration
 * authorities, e.g. 91100000100003962T of a centrally registered bank. It is not a province but it is not
 * an error either, so it resolves to this name.
 */
export const NATIONAL_DIVISION_CODE = '100000';
const NATIONAL_NAME: BilingualName = {
  zh: '全国（国家级登记机关）',
  en: 'National (central registration authority)',
};

/**
 * Resolves a six-digit GB/T 2260 division code to its province. An unknown province gives
 * `provinceName: null` (callers report it as a warning, not an error).
 *
 * @param divisionCode - six ASCII digits, e.g. '440300'
 * @returns the code, its two-digit province code and the province's names (or null)
 * @throws RangeError when the code is not six digits
 */
export function divisionOf(divisionCode: string): Division {
  if (!/^\d{6}$/.test(divisionCode)) {
    throw new RangeError(
      `divisionOf: ${JSON.stringify(divisionCode)} is not a GB/T 2260 division code; expected six digits such as '440300'`,
    );
  }
  const provinceCode = divisionCode.slice(0, 2);
  if (divisionCode === NATIONAL_DIVISION_CODE) {
    return { code: divisionCode, provinceCode, provinceName: NATIONAL_NAME };
  }
  return { code: divisionCode, provinceCode, provinceName: PROVINCES[provinceCode] ?? null };
}
