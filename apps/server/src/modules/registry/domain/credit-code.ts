/**
 * The Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters.
 *
 * | Position | Field                                                           |
 * |----------|-----------------------------------------------------------------|
 * | 1        | registration authority (登记管理部门代码)                        |
 * | 2        | entity type within that authority (机构类别代码)                 |
 * | 3–8      | GB/T 2260 administrative division of the registering office      |
 * | 9–17     | organization code (GB 11714); position 17 is its own check digit |
 * | 18       | check character, mod 31 over positions 1–17                      |
 *
 * Checksums are hard errors; an authority/entity-type pair or a province outside the known tables is a
 * warning, because the tables have been extended since 2015 and sources disagree (DOMAIN §2.5).
 */
import { divisionOf } from './division.js';

/** One finding of {@link validateCreditCode}. */
export type CreditCodeIssue = { rule: string; message: string };

/** The result of {@link validateCreditCode}. */
export type CreditCodeCheck = {
  /** The code exactly as it was given. */
  code: string;
  /** The code after trimming, Unicode NFKC (full-width → ASCII) and upper-casing; this is what is checked. */
  normalizedCode: string;
  /** True when there is no error (warnings do not make a code invalid). */
  isValid: boolean;
  /** Hard failures: `length`, `charset` (including digits at 3–8), `org_check_digit`, `check_character`. */
  errors: CreditCodeIssue[];
  /** Soft findings: `normalized`, `authority_code`, `entity_type_code`, `division_code`. */
  warnings: CreditCodeIssue[];
  /** Positions 3–8 when the code has 18 characters and they are digits, else null. */
  divisionCode: string | null;
  /** Position 1 when the code has 18 characters and it is a code character, else null. */
  authorityCode: string | null;
  /** Positions 1–2 (e.g. '91') when the code has 18 characters and both are code characters, else null. */
  entityTypeCode: string | null;
};

/** The 31 code characters; a character's value is its index. I, O, S, V and Z are never used. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 for the mod-31 check character: 3^(i−1) mod 31. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/** Weights of the first 8 organization-code characters for the GB 11714 check digit. */
export const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

type Names = { zh: string; en: string };
/** A registration authority (position 1) and the entity types (positions 1–2) it issues. */
export type RegistrationAuthority = Names & { entityTypes: Readonly<Record<string, Names>> };

/**
 * Registration authorities and entity types (DOMAIN §2.5). 91/92/93 (enterprise, individual business,
 * farmers' cooperative) are what MSMEs carry. Codes 32–35 under 3 are from memory in the source (⚠); they
 * are listed so that such codes do not raise a warning, which is all this table is used for.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = {
  '1': {
    zh: '机构编制',
    en: 'Institutional establishment',
    entityTypes: {
      '11': { zh: '机关', en: 'Government organ' },
      '12': { zh: '事业单位', en: 'Public institution' },
      '13': { zh: '编办直管群众团体', en: 'Mass organization under the establishment office' },
      '19': { zh: '其他', en: 'Other' },
    },
  },
  '2': {
    zh: '外交',
    en: 'Foreign affairs',
    entityTypes: {
      '21': { zh: '外国常驻新闻机构', en: 'Resident foreign news agency' },
      '29': { zh: '其他', en: 'Other' },
    },
  },
  '3': {
    zh: '司法行政',
    en: 'Justice administration',
    entityTypes: {
      '31': { zh: '律师执业机构', en: 'Law firm' },
      '32': { zh: '公证处', en: 'Notary office' },
      '33': { zh: '基层法律服务所', en: 'Grassroots legal service office' },
      '34': { zh: '司法鉴定机构', en: 'Forensic appraisal institution' },
      '35': { zh: '仲裁委员会', en: 'Arbitration commission' },
      '36': { zh: '商事调解组织', en: 'Commercial mediation organization' },
      '39': { zh: '其他', en: 'Other' },
    },
  },
  '4': {
    zh: '文化',
    en: 'Culture',
    entityTypes: {
      '41': { zh: '外国在华文化中心', en: 'Foreign cultural centre in China' },
      '49': { zh: '其他', en: 'Other' },
    },
  },
  '5': {
    zh: '民政',
    en: 'Civil affairs',
    entityTypes: {
      '51': { zh: '社会团体', en: 'Social organization' },
      '52': { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      '53': { zh: '基金会', en: 'Foundation' },
      '54': { zh: '村民委员会', en: "Villagers' committee" },
      '55': { zh: '居民委员会', en: "Residents' committee" },
      '59': { zh: '其他', en: 'Other' },
    },
  },
  '6': {
    zh: '旅游',
    en: 'Tourism',
    entityTypes: {
      '61': { zh: '外国政府旅游部门常驻代表机构', en: 'Foreign government tourism office' },
      '62': { zh: '港澳台地区旅游部门常驻代表机构', en: 'Hong Kong/Macao/Taiwan tourism office' },
      '69': { zh: '其他', en: 'Other' },
    },
  },
  '7': {
    zh: '宗教',
    en: 'Religious affairs',
    entityTypes: {
      '71': { zh: '宗教活动场所', en: 'Place of religious activity' },
      '72': { zh: '宗教院校', en: 'Religious school' },
      '79': { zh: '其他', en: 'Other' },
    },
  },
  '8': {
    zh: '工会',
    en: 'Trade unions',
    entityTypes: {
      '81': { zh: '基层工会', en: 'Grassroots trade union' },
      '82': { zh: '非法人工会组织', en: 'Unincorporated trade union' },
      '89': { zh: '其他', en: 'Other' },
    },
  },
  '9': {
    zh: '工商/市场监管',
    en: 'Market regulation (industry and commerce)',
    entityTypes: {
      '91': { zh: '企业', en: 'Enterprise' },
      '92': { zh: '个体工商户', en: 'Individual business' },
      '93': { zh: '农民专业合作社', en: "Farmers' cooperative" },
      '99': { zh: '其他', en: 'Other' },
    },
  },
  A: {
    zh: '中央军委改革和编制办公室',
    en: 'Central Military Commission reform and establishment office',
    entityTypes: {
      A1: { zh: '军队文职人员用人单位', en: 'Military employer of civilian personnel' },
      A9: { zh: '其他', en: 'Other' },
    },
  },
  G: {
    zh: '公安',
    en: 'Public security',
    entityTypes: {
      G1: { zh: '境外非政府组织代表机构', en: 'Representative office of an overseas NGO' },
      G9: { zh: '其他', en: 'Other' },
    },
  },
  J: {
    zh: '住房和城乡建设',
    en: 'Housing and urban-rural development',
    entityTypes: {
      J1: { zh: '业主大会', en: "Owners' assembly" },
      J9: { zh: '其他', en: 'Other' },
    },
  },
  N: {
    zh: '农业农村',
    en: 'Agriculture and rural affairs',
    entityTypes: {
      N1: { zh: '组级集体经济组织', en: 'Group-level collective economic organization' },
      N2: { zh: '村级集体经济组织', en: 'Village-level collective economic organization' },
      N3: { zh: '乡镇级集体经济组织', en: 'Township-level collective economic organization' },
      N9: { zh: '其他', en: 'Other' },
    },
  },
  Q: {
    zh: '侨联',
    en: 'Federation of Returned Overseas Chinese',
    entityTypes: {
      Q1: { zh: '区县级侨联组织', en: 'County-level organization' },
      Q2: { zh: '乡镇级侨联组织', en: 'Township-level organization' },
      Q3: { zh: '村级侨联组织', en: 'Village-level organization' },
      Q9: { zh: '其他', en: 'Other' },
    },
  },
  Y: {
    zh: '其他',
    en: 'Other',
    entityTypes: {
      Y1: { zh: '其他', en: 'Other' },
    },
  },
};

const EXCLUDED_LETTERS = 'IOSVZ';

/**
 * Checks a Unified Social Credit Code: length 18, character set (positions 3–8 digits), the GB 11714
 * organization-code check digit at position 17, and the mod-31 check character at position 18. Unknown
 * authority, entity-type and province codes are warnings. The input is normalised (trimmed, NFKC,
 * upper-cased) before checking; `code` keeps what was given and a `normalized` warning says what changed.
 *
 * @param code - the code as entered
 * @returns the check, with messages that say which position to fix and to what
 */
export function validateCreditCode(code: string): CreditCodeCheck {
  const normalizedCode = String(code).normalize('NFKC').trim().toUpperCase();
  const errors: CreditCodeIssue[] = [];
  const warnings: CreditCodeIssue[] = [];
  const result: CreditCodeCheck = {
    code,
    normalizedCode,
    isValid: false,
    errors,
    warnings,
    divisionCode: null,
    authorityCode: null,
    entityTypeCode: null,
  };
  if (normalizedCode !== code) {
    warnings.push({
      rule: 'normalized',
      message: `the code was normalised to '${normalizedCode}' (spaces trimmed, upper case, half-width); store it in that form`,
    });
  }
  if (normalizedCode.length !== 18) {
    errors.push({
      rule: 'length',
      message:
        normalizedCode.length === 0
          ? 'the code is empty; a credit code has 18 characters'
          : `a credit code has 18 characters, found ${normalizedCode.length}`,
    });
  }
  const chars = [...normalizedCode];
  const isFullLength = chars.length === 18;
  const charsetErrors = new Map<number, CreditCodeIssue>();
  chars.forEach((char, index) => {
    const issue = describeBadCharacter(char, index + 1, isFullLength);
    if (issue) {
      errors.push(issue);
      charsetErrors.set(index + 1, issue);
    }
  });
  result.isValid = errors.length === 0;
  if (!isFullLength) return result;

  const isCodeChar = chars.map((char) => CREDIT_CODE_CHARSET.includes(char));
  const divisionDigits = normalizedCode.slice(2, 8);
  if (/^\d{6}$/.test(divisionDigits)) result.divisionCode = divisionDigits;
  if (isCodeChar[0]) result.authorityCode = normalizedCode.slice(0, 1);
  if (isCodeChar[0] && isCodeChar[1]) result.entityTypeCode = normalizedCode.slice(0, 2);

  if (isCodeChar.slice(8, 16).every(Boolean)) {
    const expected = computeOrganizationCodeCheckDigit(normalizedCode.slice(8, 16));
    const found = normalizedCode.charAt(16);
    const charsetError = charsetErrors.get(17);
    if (charsetError) {
      charsetError.message += `; it should be '${expected}' (organization-code check digit)`;
    } else if (found !== expected) {
      errors.push({
        rule: 'org_check_digit',
        message: `position 17 should be '${expected}' (GB 11714 organization-code check digit over positions 9–16), found '${found}'`,
      });
    }
  }
  if (isCodeChar.slice(0, 17).every(Boolean)) {
    const expected = computeMod31CheckCharacter(normalizedCode.slice(0, 17));
    const found = normalizedCode.charAt(17);
    const charsetError = charsetErrors.get(18);
    if (charsetError) {
      charsetError.message += `; it should be '${expected}' (mod-31 check)`;
    } else if (found !== expected) {
      errors.push({
        rule: 'check_character',
        message: `position 18 should be '${expected}' (mod-31 check), found '${found}'`,
      });
    }
  }
  warnings.push(...checkCodeTables(result));
  result.isValid = errors.length === 0;
  return result;
}

function describeBadCharacter(char: string, position: number, isFullLength: boolean): CreditCodeIssue | null {
  const shown = `'${char}'`;
  if (isFullLength && position >= 3 && position <= 8) {
    if (/^\d$/.test(char)) return null;
    return {
      rule: 'charset',
      message: `position ${position} should be a digit (positions 3–8 are the GB/T 2260 division code), found ${shown}`,
    };
  }
  if (CREDIT_CODE_CHARSET.includes(char)) return null;
  if (EXCLUDED_LETTERS.includes(char)) {
    const hint = char === 'O' ? "; did you mean '0'?" : char === 'I' ? "; did you mean '1'?" : '';
    return {
      rule: 'charset',
      message: `position ${position} is ${shown}, a letter never used in credit codes (I, O, S, V and Z are excluded)${hint}`,
    };
  }
  return {
    rule: 'charset',
    message: `position ${position} is ${shown}, which is not allowed; use digits 0–9 and the letters A–Y except I, O, S, V`,
  };
}

function checkCodeTables(check: CreditCodeCheck): CreditCodeIssue[] {
  const warnings: CreditCodeIssue[] = [];
  const { authorityCode, entityTypeCode, divisionCode } = check;
  if (authorityCode !== null) {
    const authority = REGISTRATION_AUTHORITIES[authorityCode];
    if (!authority) {
      warnings.push({
        rule: 'authority_code',
        message: `position 1 is '${authorityCode}', not a known registration-authority code (known: ${Object.keys(REGISTRATION_AUTHORITIES).join(', ')}); the checksums pass, so verify the code with the registry`,
      });
    } else if (entityTypeCode !== null && !authority.entityTypes[entityTypeCode]) {
      const known = Object.entries(authority.entityTypes)
        .map(([typeCode, names]) => `${typeCode} ${names.zh}`)
        .join(', ');
      warnings.push({
        rule: 'entity_type_code',
        message: `positions 1–2 are '${entityTypeCode}', not a known entity type of authority '${authorityCode}' ${authority.zh} (known: ${known})`,
      });
    }
  }
  if (divisionCode !== null && divisionOf(divisionCode).provinceName === null) {
    warnings.push({
      rule: 'division_code',
      message: `positions 3–8 are '${divisionCode}', whose first two digits '${divisionCode.slice(0, 2)}' are not a GB/T 2260 province`,
    });
  }
  return warnings;
}

/**
 * Computes the two check characters of a credit code from its first 16 characters: position 17 (the GB
 * 11714 organization-code check digit over positions 9–16) and position 18 (mod 31 over positions 1–17).
 * Generators use it to build valid codes: `first16 + computeCreditCodeCheckCharacters(first16)`.
 *
 * @param first16 - positions 1–16, upper case, from the code character set with digits at positions 3–8
 * @returns the two characters for positions 17 and 18
 * @throws RangeError when `first16` has the wrong length or a character that is not allowed
 */
export function computeCreditCodeCheckCharacters(first16: string): string {
  const chars = [...first16];
  if (chars.length !== 16) {
    throw new RangeError(
      `computeCreditCodeCheckCharacters: expected the first 16 characters of a credit code, got ${chars.length}: ${JSON.stringify(first16)}`,
    );
  }
  chars.forEach((char, index) => {
    const issue = describeBadCharacter(char, index + 1, true);
    if (issue) throw new RangeError(`computeCreditCodeCheckCharacters: ${issue.message}`);
  });
  const orgCheck = computeOrganizationCodeCheckDigit(first16.slice(8, 16));
  return orgCheck + computeMod31CheckCharacter(first16 + orgCheck);
}

/**
 * Computes the GB 11714 organization-code check digit: C = 11 − (Σ vᵢ·wᵢ mod 11) with weights
 * 3, 7, 9, 10, 5, 8, 4, 2 and values 0–9 for digits and 10–35 for A–Z; 11 → '0', 10 → 'X'.
 *
 * @param first8 - the first 8 characters of the organization code (positions 9–16 of a credit code)
 * @returns '0'–'9' or 'X'
 * @throws RangeError when `first8` is not 8 digits or upper-case letters
 */
export function computeOrganizationCodeCheckDigit(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(
      `computeOrganizationCodeCheckDigit: expected 8 digits or upper-case letters, got ${JSON.stringify(first8)}`,
    );
  }
  let sum = 0;
  for (let index = 0; index < 8; index++) {
    sum += Number.parseInt(first8.charAt(index), 36) * (ORG_CODE_WEIGHTS[index] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? 'X' : String(check);
}

function computeMod31CheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(index)) * (CREDIT_CODE_WEIGHTS[index] ?? 0);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Describes the entity type of a credit code, e.g. '91' → 企业 (Enterprise) under 工商/市场监管.
 *
 * @param entityTypeCode - positions 1–2 of a credit code
 * @returns the authority's and the entity type's names, or null when the pair is not in the table
 */
export function describeEntityType(entityTypeCode: string): { authority: Names; entityType: Names } | null {
  const authority = REGISTRATION_AUTHORITIES[entityTypeCode.charAt(0)];
  const entityType = authority?.entityTypes[entityTypeCode];
  if (!authority || !entityType) return null;
  return { authority: { zh: authority.zh, en: authority.en }, entityType };
}
