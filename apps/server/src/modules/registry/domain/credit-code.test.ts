import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_WEIGHTS,
  computeCreditCodeCheckCharacters,
  computeOrganizationCodeCheckDigit,
  describeEntityType,
  validateCreditCode,
} from './credit-code.js';
import { divisionOf, PROVINCES } from './division.js';

const rulesOf = (issues: Array<{ rule: string }>) => issues.map((issue) => issue.rule);

describe('validateCreditCode: DOMAIN §2.6 test vectors', () => {
  it.each([
    ['914403001922038216', '440300', '广东省'],
    ['91110108551385082Q', '110108', '北京市'],
    ['91330100799655058B', '330100', '浙江省'],
    ['91100000100003962T', '100000', '全国（国家级登记机关）'],
    ['91320621MA1MRHG205', '320621', '江苏省'],
    ['91310110666007217T', '310110', '上海市'],
  ])('%s is valid, without warnings', (code, division, province) => {
    const check = validateCreditCode(code);
    expect(check).toMatchObject({
      code,
      normalizedCode: code,
      isValid: true,
      errors: [],
      warnings: [],
      divisionCode: division,
      authorityCode: '9',
      entityTypeCode: '91',
    });
    expect(divisionOf(division).provinceName?.zh).toBe(province);
    expect(computeCreditCodeCheckCharacters(code.slice(0, 16))).toBe(code.slice(16));
  });

  it('914403001922038217 is invalid: position 18 should be 6', () => {
    const check = validateCreditCode('914403001922038217');
    expect(check.isValid).toBe(false);
    expect(check.errors).toEqual([
      { rule: 'check_character', message: "position 18 should be '6' (mod-31 check), found '7'" },
    ]);
  });

  it('91320621MA1MRHG207 is invalid: position 18 should be 5', () => {
    const check = validateCreditCode('91320621MA1MRHG207');
    expect(check.isValid).toBe(false);
    expect(check.errors).toEqual([
      { rule: 'check_character', message: "position 18 should be '5' (mod-31 check), found '7'" },
    ]);
  });

  it('A1320621MA1MRHG217 is invalid: mod-31 passes but the org check digit should be 0', () => {
    const check = validateCreditCode('A1320621MA1MRHG217');
    expect(check.isValid).toBe(false);
    expect(check.errors).toEqual([
      {
        rule: 'org_check_digit',
        message:
          "position 17 should be '0' (GB 11714 organization-code check digit over positions 9–16), found '1'",
      },
    ]);
    // A1 (军队文职人员用人单位) is in the table: no warning.
    expect(check.warnings).toEqual([]);
    expect(check.entityTypeCode).toBe('A1');
  });

  it('9144030019220382I6 is invalid: contains the letter I', () => {
    const check = validateCreditCode('9144030019220382I6');
    expect(check.isValid).toBe(false);
    expect(rulesOf(check.errors)).toEqual(['charset']);
    expect(check.errors[0]?.message).toBe(
      "position 17 is 'I', a letter never used in credit codes (I, O, S, V and Z are excluded); did you mean '1'?; it should be '1' (organization-code check digit)",
    );
  });

  it('B7320621MA1MRHG20G passes both checksums; authority B is only a warning', () => {
    const check = validateCreditCode('B7320621MA1MRHG20G');
    expect(check.isValid).toBe(true);
    expect(check.errors).toEqual([]);
    expect(rulesOf(check.warnings)).toEqual(['authority_code']);
    expect(check.warnings[0]?.message).toMatch(/^position 1 is 'B', not a known registration-authority code/);
  });
});

describe('validateCreditCode: rules', () => {
  it('normalises spaces, case and full-width characters but reports what was given', () => {
    const given = ' 91110108551385082q ';
    const check = validateCreditCode(given);
    expect(check.isValid).toBe(true);
    expect(check.code).toBe(given);
    expect(check.normalizedCode).toBe('91110108551385082Q');
    expect(check.warnings).toEqual([
      {
        rule: 'normalized',
        message:
          "the code was normalised to '91110108551385082Q' (spaces trimmed, upper case, half-width); store it in that form",
      },
    ]);
    expect(validateCreditCode('９１４４０３００１９２２０３８２１６').isValid).toBe(true);
  });

  it.each([
    ['', 'the code is empty; a credit code has 18 characters'],
    ['91440300192203821', 'a credit code has 18 characters, found 17'],
    ['9144030019220382160', 'a credit code has 18 characters, found 19'],
  ])('rejects the length of %j', (code, message) => {
    const check = validateCreditCode(code);
    expect(check.isValid).toBe(false);
    expect(check.errors).toEqual([{ rule: 'length', message }]);
    expect(check).toMatchObject({ divisionCode: null, authorityCode: null, entityTypeCode: null });
  });

  it('reports bad characters on a short code too, but no checksums', () => {
    const check = validateCreditCode('9144O3');
    expect(rulesOf(check.errors)).toEqual(['length', 'charset']);
    expect(check.errors[1]?.message).toMatch(/^position 5 is 'O'.*did you mean '0'\?$/);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the excluded letter %s', (letter) => {
    const code = `91440300192203821${letter}`;
    const check = validateCreditCode(code);
    expect(check.isValid).toBe(false);
    expect(rulesOf(check.errors)).toEqual(['charset']);
    expect(check.errors[0]?.message).toMatch(
      new RegExp(`^position 18 is '${letter}'.*; it should be '6' \\(mod-31 check\\)$`),
    );
  });

  it('rejects punctuation with a message listing what is allowed', () => {
    const check = validateCreditCode('91440300192203821#');
    expect(check.errors[0]?.message).toBe(
      "position 18 is '#', which is not allowed; use digits 0–9 and the letters A–Y except I, O, S, V; it should be '6' (mod-31 check)",
    );
  });

  it('requires digits at positions 3–8 and skips the division', () => {
    const check = validateCreditCode('9144A300192203821X');
    expect(check.isValid).toBe(false);
    expect(check.errors[0]).toEqual({
      rule: 'charset',
      message: "position 5 should be a digit (positions 3–8 are the GB/T 2260 division code), found 'A'",
    });
    expect(check.divisionCode).toBeNull();
  });

  it('reports both checksums when both are wrong', () => {
    // Huawei's code with position 17 changed from 1 to 2, position 18 unchanged.
    const check = validateCreditCode('914403001922038226');
    expect(rulesOf(check.errors)).toEqual(['org_check_digit', 'check_character']);
    expect(check.errors[0]?.message).toContain("position 17 should be '1'");
  });

  it('warns about an unknown entity type of a known authority', () => {
    const first16 = '9744030019220382';
    const check = validateCreditCode(first16 + computeCreditCodeCheckCharacters(first16));
    expect(check.isValid).toBe(true);
    expect(rulesOf(check.warnings)).toEqual(['entity_type_code']);
    expect(check.warnings[0]?.message).toBe(
      "positions 1–2 are '97', not a known entity type of authority '9' 工商/市场监管 (known: 91 企业, 92 个体工商户, 93 农民专业合作社, 99 其他)",
    );
  });

  it('warns about an unknown province', () => {
    const first16 = '9199030019220382';
    const check = validateCreditCode(first16 + computeCreditCodeCheckCharacters(first16));
    expect(check.isValid).toBe(true);
    expect(check.warnings).toEqual([
      {
        rule: 'division_code',
        message: "positions 3–8 are '990300', whose first two digits '99' are not a GB/T 2260 province",
      },
    ]);
  });

  it('detects every single-character change of a valid code', () => {
    const valid = '91320621MA1MRHG205';
    for (let position = 0; position < 18; position++) {
      for (const char of CREDIT_CODE_CHARSET) {
        if (char === valid[position]) continue;
        if (position >= 2 && position < 8 && !/\d/.test(char)) continue;
        const changed = valid.slice(0, position) + char + valid.slice(position + 1);
        expect(validateCreditCode(changed).isValid, changed).toBe(false);
      }
    }
  });
});

describe('computeCreditCodeCheckCharacters', () => {
  it('builds codes that validate, including an X org check digit', () => {
    const generated: string[] = [];
    for (let n = 0; n < 300; n++) {
      const serial = String(10_000_000 + n * 7919).slice(-8);
      const first16 = `91440300${serial}`;
      const code = first16 + computeCreditCodeCheckCharacters(first16);
      expect(validateCreditCode(code).isValid, code).toBe(true);
      generated.push(code);
    }
    expect(generated.some((code) => code[16] === 'X')).toBe(true);
    expect(generated.some((code) => code[16] === '0')).toBe(true);
  });

  it('rejects a wrong length or character', () => {
    expect(() => computeCreditCodeCheckCharacters('914403001922038')).toThrow(
      'computeCreditCodeCheckCharacters: expected the first 16 characters of a credit code, got 15',
    );
    expect(() => computeCreditCodeCheckCharacters('91440300192203I2')).toThrow(/position 15 is 'I'/);
    expect(() => computeCreditCodeCheckCharacters('91A40300192203I2')).toThrow(
      /position 3 should be a digit/,
    );
  });
});

describe('computeOrganizationCodeCheckDigit', () => {
  it.each([
    ['19220382', '1'],
    ['55138508', '2'],
    ['MA1MRHG2', '0'],
    ['66600721', '7'],
  ])('%s → %s', (first8, digit) => {
    expect(computeOrganizationCodeCheckDigit(first8)).toBe(digit);
  });

  it('rejects bad input', () => {
    expect(() => computeOrganizationCodeCheckDigit('1922038')).toThrow(RangeError);
    expect(() => computeOrganizationCodeCheckDigit('1922038a')).toThrow(RangeError);
  });
});

describe('weights', () => {
  it('are 3^(i−1) mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
  });
});

describe('describeEntityType', () => {
  it('names known pairs and returns null otherwise', () => {
    expect(describeEntityType('92')).toEqual({
      authority: { zh: '工商/市场监管', en: 'Market regulation (industry and commerce)' },
      entityType: { zh: '个体工商户', en: 'Individual business' },
    });
    expect(describeEntityType('B7')).toBeNull();
    expect(describeEntityType('97')).toBeNull();
  });
});

describe('divisionOf', () => {
  it('has the 34 provincial-level divisions', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
    expect(divisionOf('440300')).toEqual({
      code: '440300',
      provinceCode: '44',
      provinceName: { zh: '广东省', en: 'Guangdong' },
    });
    expect(divisionOf('820000').provinceName?.en).toBe('Macao SAR');
    expect(divisionOf('650100').provinceName?.zh).toBe('新疆维吾尔自治区');
  });

  it('returns a null province for unknown codes', () => {
    expect(divisionOf('990000')).toEqual({ code: '990000', provinceCode: '99', provinceName: null });
    expect(divisionOf('160000').provinceName).toBeNull();
  });

  it('rejects codes that are not six digits', () => {
    expect(() => divisionOf('44030')).toThrow(RangeError);
    expect(() => divisionOf('44030A')).toThrow(/expected six digits/);
  });
});
