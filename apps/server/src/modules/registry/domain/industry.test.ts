import { describe, expect, it } from 'vitest';
import {
  getIndustryGroup,
  INDUSTRY_DIVISIONS,
  INDUSTRY_GROUPS,
  INDUSTRY_SECTIONS,
  type IndustryGroupId,
  industryGroupOf,
  resolveIndustryGroup,
} from './industry.js';

describe('GB/T 4754-2017 data', () => {
  it('has sections A–T and divisions 01–97, each division in its section range', () => {
    expect(INDUSTRY_SECTIONS.map((section) => section.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS.map((division) => division.code)).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const division of INDUSTRY_DIVISIONS) {
      const section = INDUSTRY_SECTIONS.find((candidate) => candidate.code === division.section);
      expect(section, division.code).toBeDefined();
      expect(
        division.code >= (section?.firstDivision ?? '') && division.code <= (section?.lastDivision ?? ''),
      ).toBe(true);
      expect(division.zh.length).toBeGreaterThan(0);
      expect(division.en.length).toBeGreaterThan(0);
    }
  });

  it('has the 16 industry groups with unique snake_case ids', () => {
    expect(INDUSTRY_GROUPS).toHaveLength(16);
    expect(new Set(INDUSTRY_GROUPS.map((group) => group.id)).size).toBe(16);
    for (const group of INDUSTRY_GROUPS) expect(group.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(getIndustryGroup('retail')).toMatchObject({ zh: '零售业', en: 'Retail' });
    expect(() => getIndustryGroup('banking' as IndustryGroupId)).toThrow(RangeError);
  });
});

describe('industryGroupOf', () => {
  it.each<[string, IndustryGroupId]>([
    ['A', 'agriculture'],
    ['05', 'agriculture'],
    ['B', 'industry'],
    ['C', 'industry'],
    ['c', 'industry'],
    ['D', 'industry'],
    ['13', 'industry'],
    ['C13', 'industry'],
    ['3911', 'industry'],
    ['46', 'industry'],
    ['E', 'construction'],
    ['4790', 'construction'],
    ['51', 'wholesale'],
    ['F5123', 'wholesale'],
    ['52', 'retail'],
    ['5212', 'retail'],
    ['521', 'retail'],
    ['54', 'transport'],
    ['58', 'transport'],
    ['5821', 'transport'],
    ['59', 'warehousing'],
    ['5920', 'warehousing'],
    ['60', 'postal'],
    ['61', 'accommodation'],
    ['62', 'catering'],
    ['63', 'information_transmission'],
    ['64', 'information_transmission'],
    ['65', 'software_it_services'],
    ['6510', 'software_it_services'],
    ['701', 'real_estate_development'],
    ['7010', 'real_estate_development'],
    ['K7010', 'real_estate_development'],
    ['702', 'property_management'],
    ['7020', 'property_management'],
    ['703', 'other'],
    ['7030', 'other'],
    ['709', 'other'],
    ['7090', 'other'],
    ['L', 'leasing_business_services'],
    ['71', 'leasing_business_services'],
    ['7212', 'leasing_business_services'],
    ['M', 'other'],
    ['N', 'other'],
    ['O', 'other'],
    ['R', 'other'],
    ['73', 'other'],
    ['82', 'other'],
    ['85', 'other'],
    ['Q85', 'other'],
    ['8810', 'other'],
    // group names
    ['retail', 'retail'],
    ['RETAIL', 'retail'],
    ['零售业', 'retail'],
    ['software_it_services', 'software_it_services'],
    ['软件和信息技术服务业', 'software_it_services'],
    ['Property management', 'property_management'],
    ['其他未列明行业', 'other'],
    ['工业', 'industry'],
    [' 52 ', 'retail'],
  ])('%j → %s', (code, group) => {
    expect(industryGroupOf(code)?.id).toBe(group);
  });

  it.each([
    // outside the standard's scope
    ['53', 'out_of_scope', /railway transport is excluded/],
    ['5311', 'out_of_scope', /railway/],
    ['J', 'out_of_scope', /section J \(金融业\) is outside the scope/],
    ['66', 'out_of_scope', /financial enterprises/],
    ['P', 'out_of_scope', /section P/],
    ['83', 'out_of_scope', /education/],
    ['84', 'out_of_scope', /health is not covered/],
    ['S', 'out_of_scope', /section S/],
    ['T', 'out_of_scope', /section T/],
    ['97', 'out_of_scope', /international organizations/],
    ['704', 'out_of_scope', /自有房地产经营活动/],
    ['7040', 'out_of_scope', /自有房地产经营活动/],
    // ambiguous sections and division 70
    ['F', 'ambiguous', /51 批发业 → wholesale; 52 零售业 → retail/],
    ['G', 'ambiguous', /53 铁路运输业 → out of scope; 54 道路运输业 → transport/],
    ['H', 'ambiguous', /61 住宿业 → accommodation; 62 餐饮业 → catering/],
    ['I', 'ambiguous', /65 软件和信息技术服务业 → software_it_services/],
    ['K', 'ambiguous', /70 房地产业 → give 701–709/],
    ['Q', 'ambiguous', /84 卫生 → out of scope; 85 社会工作 → other/],
    ['70', 'ambiguous', /701 房地产开发经营 → real_estate_development; 702 物业管理 → property_management/],
    // unknown
    ['98', 'unknown', /'98' is not a GB\/T 4754-2017 division/],
    ['00', 'unknown', /divisions are 01–97/],
    ['U', 'unknown', /'U' is not a GB\/T 4754-2017 section/],
    ['C52', 'unknown', /division 52 \(零售业\) belongs to section F, not C/],
    ['705', 'unknown', /'705' is not a GB\/T 4754-2017 code in 70 房地产业/],
    ['7011', 'unknown', /'7011' is not/],
    ['bank', 'unknown', /is neither a GB\/T 4754-2017 code/],
    ['', 'unknown', /is neither/],
    ['12345', 'unknown', /is neither/],
  ])('%j → no group (%s)', (code, status, reason) => {
    const resolution = resolveIndustryGroup(code);
    expect(resolution.status).toBe(status);
    expect(resolution.group).toBeNull();
    expect(resolution.reason).toMatch(reason);
    expect(industryGroupOf(code)).toBeNull();
  });

  it('says why a code matched', () => {
    const resolution = resolveIndustryGroup('5212');
    expect(resolution).toMatchObject({
      input: '5212',
      status: 'matched',
      section: { code: 'F' },
      division: { code: '52', zh: '零售业' },
      reason: '5212 (in 52 零售业) → retail (零售业)',
    });
    expect(resolveIndustryGroup('C').reason).toBe('section C (制造业) → industry (工业)');
  });

  it('maps every division to a group or says why not', () => {
    for (const division of INDUSTRY_DIVISIONS) {
      const resolution = resolveIndustryGroup(division.code);
      expect(['matched', 'out_of_scope', 'ambiguous'], division.code).toContain(resolution.status);
    }
  });
});
