import { describe, expect, it } from 'vitest';
import { compileRegex, RegexSyntaxError, regexTest } from './re2';

describe('RE2 regular expressions (one dialect for q, SQLite, live and ClickHouse)', () => {
  it('matches the patterns that froze a backtracking engine in linear time', () => {
    const started = performance.now();
    expect(regexTest('^(a+)+$', `${'a'.repeat(31)}!`)).toBe(false);
    expect(regexTest('(.+)+#', 'x'.repeat(200_000))).toBe(false);
    expect(regexTest('(.+)+#', `${'x'.repeat(200_000)}#`)).toBe(true);
    const ored = Array.from({ length: 30 }, () => '(.*a){12}').join('|');
    expect(regexTest(ored, 'b'.repeat(5_000))).toBe(false);
    expect(regexTest(ored, 'a'.repeat(12))).toBe(true);
    // JavaScript's RegExp takes tens of seconds on the first of these; RE2 a few milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("has Go's defaults: unanchored, . stops at a newline, ^/$ at the ends of the text", () => {
    expect(regexTest('exhaust', '/v1/exhaust-port')).toBe(true);
    expect(regexTest('a.b', 'a\nb')).toBe(false);
    expect(regexTest('(?s)a.b', 'a\nb')).toBe(true);
    expect(regexTest('^b$', 'a\nb')).toBe(false);
    expect(regexTest('(?m)^b$', 'a\nb')).toBe(true);
    expect(regexTest('(?i)KILL', 'kill -9')).toBe(true);
    expect(regexTest('\\pL+', 'αβγ')).toBe(true);
    expect(regexTest('^.$', '😀')).toBe(true); // a code point, not two UTF-16 units
  });

  it('takes the plain-text shortcut with exactly the engine’s answers', () => {
    const cases: [string, string][] = [
      ['^/v1/exhaust-port', '/v1/exhaust-port/x'],
      ['^/v1/exhaust-port', 'x/v1/exhaust-port'],
      ['port$', '/exhaust-port'],
      ['port$', '/exhaust-port\n'],
      ['^$', ''],
      ['^', 'x'],
      ['$', ''],
      ['^kill$', 'kill'],
      ['kill', 'pkill -9'],
      ['-c truncate', 'sh -c truncate /var/log'],
    ];
    for (const [p, v] of cases) expect(compileRegex(p).test(v), `${p} on ${JSON.stringify(v)}`).toBe(compileRegex(`(?:${p})`).test(v));
  });

  it('refuses what RE2 cannot run, with its reason', () => {
    for (const p of ['(?=x)', '(a)\\1', '(?<!/)etc', 'a{1001}', '(', '[z-a]']) {
      expect(() => compileRegex(p), p).toThrow(RegexSyntaxError);
    }
    expect(() => compileRegex('(')).toThrow(/missing closing \)/);
  });
});
