import { describe, expect, it } from 'vitest';
import { jsRegexToRe2 } from './re2-pattern';

// The translation itself (its agreement with JS on a real ClickHouse is in clickhouse-store.test.ts).
describe('JS regex → RE2', () => {
  it('spells out what the dialects read differently', () => {
    expect(jsRegexToRe2('a.b')).toBe('a[^\\n\\r\\x{2028}\\x{2029}]b'); // ClickHouse's dot also matches \n
    expect(jsRegexToRe2('^/v1/(a|b)$')).toBe('^\\/v1\\/(?:a|b)$');
    expect(jsRegexToRe2('\\d+')).toBe('(?:[0-9])+');
    expect(jsRegexToRe2('[]')).toBe('[^\\x{0}-\\x{10ffff}]');
    expect(jsRegexToRe2('[^]')).toBe('[\\x{0}-\\x{10ffff}]');
    expect(jsRegexToRe2('\\a')).toBe('a'); // an identity escape in JS, a bell in RE2
    expect(jsRegexToRe2('a{')).toBe('a\\{');
    expect(jsRegexToRe2('x{2,3}?')).toBe('(?:x){2,3}?');
    expect(jsRegexToRe2("it's")).toBe("it\\'s");
  });

  it('refuses what RE2 cannot run', () => {
    for (const p of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', '(a)\\1', '\\01', 'a{1001}', '(a{100}){20}', '😀+', '[😀]', '[\\S]']) {
      expect(jsRegexToRe2(p), p).toBeNull();
    }
  });

  it('refuses hostile nesting quickly instead of overflowing the stack', () => {
    const deep = (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`;
    expect(jsRegexToRe2(deep(100))).not.toBeNull();
    const t = performance.now();
    expect(jsRegexToRe2(deep(3000))).toBeNull();
    expect(jsRegexToRe2('[a-z]'.repeat(4000))).not.toBeNull();
    expect(performance.now() - t).toBeLessThan(500);
  });
});
