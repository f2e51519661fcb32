import { describe, expect, it } from 'vitest';
import { buildCsvTemplate, templateFileName } from './csv-template';
import { withoutFormatHint } from './labels';
import { formatOfFile } from './registry.api';

const column = (name: string) => ({
  name,
  required: true,
  type: 'text' as const,
  description: { zh: name, en: name },
});

describe('buildCsvTemplate', () => {
  it('writes the header row after a UTF-8 byte-order mark', () => {
    const csv = buildCsvTemplate({ columns: [column('credit_code'), column('name'), column('note, free')] });
    expect(csv).toBe('\uFEFFcredit_code,name,"note, free"\r\n');
    expect(templateFileName('loans')).toBe('creditbridge-loans-template.csv');
  });
});

describe('formatOfFile', () => {
  it('goes by the extension, whatever its case', () => {
    expect(formatOfFile('clients.CSV')).toBe('csv');
    expect(formatOfFile('2024 loans.xlsx')).toBe('xlsx');
    expect(formatOfFile('data.json')).toBe('json');
    expect(formatOfFile('old.xls')).toBeNull();
    expect(formatOfFile('README')).toBeNull();
  });
});

describe('withoutFormatHint', () => {
  it('drops a trailing format hint in either language', () => {
    expect(withoutFormatHint('营业收入（上年）（元，最多两位小数）')).toBe('营业收入（上年）');
    expect(withoutFormatHint('Established on (YYYY-MM-DD)')).toBe('Established on');
    expect(withoutFormatHint('企业名称')).toBe('企业名称');
    expect(withoutFormatHint('(only a hint)')).toBe('(only a hint)');
  });
});
