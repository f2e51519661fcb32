import { describe, expect, it } from 'vitest';
import en from './en.json';
import { detectLanguage } from './languages';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) result.set(leaf, text);
  }
  return result;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = leaves(en as Tree);
const chinese = leaves(zhCN as Tree);

describe('locale files', () => {
  it('have exactly the same keys', () => {
    const missingInChinese = [...english.keys()].filter((key) => !chinese.has(key));
    const missingInEnglish = [...chinese.keys()].filter((key) => !english.has(key));
    expect(missingInChinese).toEqual([]);
    expect(missingInEnglish).toEqual([]);
  });

  it('have no empty texts', () => {
    const empty = [...english, ...chinese].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...english.keys()].filter(
      (key) => placeholders(english.get(key) ?? '').join() !== placeholders(chinese.get(key) ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('translate every server error code the platform defines', () => {
    const codes = [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'RATE_LIMITED',
      'PAYLOAD_TOO_LARGE',
      'REGISTRY_SUBMISSION_REJECTED',
      'REGISTRY_UNBALANCED_STATEMENT',
      'REGISTRY_BAD_ENCODING',
      'REGISTRY_BAD_HEADER',
      'REGISTRY_INVALID_CREDIT_CODE',
      'INTERNAL',
    ];
    expect(codes.filter((code) => !english.has(`errors.codes.${code}`))).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it('prefers the stored choice', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('follows the browser when English comes before Chinese', () => {
    expect(detectLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
  });

  it('defaults to Chinese', () => {
    expect(detectLanguage(null, ['fr-FR', 'de'])).toBe('zh-CN');
    expect(detectLanguage('klingon', [])).toBe('zh-CN');
  });
});
