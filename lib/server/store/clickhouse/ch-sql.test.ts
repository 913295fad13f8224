import { describe, expect, it } from 'vitest';
import { ch, int, raw, str } from './ch-sql';

describe('ClickHouse literals', () => {
  it('escapes everything that could end or bend a string literal', () => {
    expect(str("o'brien")).toBe("'o\\'brien'");
    expect(str('back\\slash')).toBe("'back\\\\slash'");
    expect(str('a\nb\u0000c\u001b')).toBe("'a\\x0ab\\x00c\\x1b'");
    expect(str("\\'; DROP TABLE flows; --")).toBe("'\\\\\\'; DROP TABLE flows; --'");
  });

  it('writes values as literals and only raw() verbatim', () => {
    expect(ch`SELECT ${raw('id')} FROM t WHERE a = ${"x'"} AND n = ${5} AND k IN ${['a', 'b']}`).toBe(
      "SELECT id FROM t WHERE a = 'x\\'' AND n = 5 AND k IN ('a', 'b')",
    );
    expect(() => int(1.5)).toThrow();
    expect(() => int(Number.NaN)).toThrow();
    expect(() => ch`IN ${[]}`).toThrow(/empty/);
  });
});
