import { describe, expect, it } from 'vitest';
import type { Expr } from './condition-ast';
import { parseCondition } from './condition-parser';

/** A compact, readable rendering of the tree to compare structure. */
function show(expr: Expr): string {
  switch (expr.type) {
    case 'and':
    case 'or':
      return `(${expr.items.map(show).join(` ${expr.type} `)})`;
    case 'not':
      return `not ${show(expr.operand)}`;
    case 'macro':
      return `@${expr.name}`;
    case 'check': {
      const values = expr.values.map((v) => (v.quoted ? JSON.stringify(v.text) : v.text));
      if (expr.op === 'exists') return `[${expr.field} exists]`;
      if (expr.op === 'in' || expr.op === 'intersects' || expr.op === 'pmatch') {
        return expr.bareList ? `[${expr.field} ${expr.op} ${values[0]}]` : `[${expr.field} ${expr.op} (${values.join(',')})]`;
      }
      return `[${expr.field} ${expr.op} ${values[0]}]`;
    }
  }
}

const parse = (text: string) => show(parseCondition(text));

describe('parseCondition: precedence and grouping', () => {
  it('binds and tighter than or', () => {
    expect(parse('a or b and c')).toBe('(@a or (@b and @c))');
    expect(parse('a and b or c')).toBe('((@a and @b) or @c)');
  });

  it('binds not tighter than and', () => {
    expect(parse('not a and b')).toBe('(not @a and @b)');
    expect(parse('not not a')).toBe('not not @a');
  });

  it('lets parentheses override precedence', () => {
    expect(parse('(a or b) and c')).toBe('((@a or @b) and @c)');
    expect(parse('not (a or b)')).toBe('not (@a or @b)');
    expect(parse('((a))')).toBe('@a');
  });

  it('flattens chains of the same operator', () => {
    expect(parse('a and b and c or d or e')).toBe('((@a and @b and @c) or @d or @e)');
  });
});

describe('parseCondition: terms', () => {
  it('reads every comparison operator', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'startswith', 'endswith', 'glob']) {
      expect(parse(`proc.name ${op} x`)).toBe(`[proc.name ${op} x]`);
    }
    expect(parse('proc.name == x')).toBe('[proc.name = x]');
    expect(parse('proc.tty exists')).toBe('[proc.tty exists]');
  });

  it('reads set operators with value lists, empty lists and bare list names', () => {
    expect(parse('proc.name in (sh, "ba sh", shell_binaries)')).toBe('[proc.name in (sh,"ba sh",shell_binaries)]');
    expect(parse('proc.aname intersects ()')).toBe('[proc.aname intersects ()]');
    expect(parse('fd.name pmatch log_directories')).toBe('[fd.name pmatch log_directories]');
  });

  it('keeps quoted values apart from barewords', () => {
    const expr = parseCondition(`proc.args contains "-e" and fd.name = '/etc/shadow'`);
    expect(expr.type === 'and' && expr.items.map((i) => i.type === 'check' && i.values[0])).toEqual([
      { text: '-e', quoted: true, offset: 19 },
      { text: '/etc/shadow', quoted: true, offset: 38 },
    ]);
  });

  it('treats a word without operator as a macro and records positions', () => {
    const expr = parseCondition('spawned_process and not container');
    expect(show(expr)).toBe('(@spawned_process and not @container)');
    expect(expr.type === 'and' && expr.items[1]).toMatchObject({ type: 'not', offset: 20, operand: { name: 'container', offset: 24 } });
  });

  it('parses multi-line conditions', () => {
    expect(parse('spawned_process\n  and (proc.name = nc\n       or proc.name = ncat)')).toBe(
      '(@spawned_process and ([proc.name = nc] or [proc.name = ncat]))',
    );
  });
});

describe('parseCondition: errors name the column', () => {
  const error = (text: string) => {
    try {
      parseCondition(text);
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };

  it('rejects a stray closing parenthesis', () => {
    expect(error('proc.name = sh and )')).toBe('unexpected token ")" at column 20');
    expect(error('proc.name = sh)')).toBe('unexpected token ")" at column 15');
  });

  it('rejects a missing closing parenthesis', () => {
    expect(error('(a or b')).toBe('expected ")" but found end of condition at column 8');
  });

  it('rejects a missing value', () => {
    expect(error('proc.name =')).toBe('expected a value after "=" but found end of condition at column 12');
    expect(error('proc.name = and x')).toBe('expected a value after "=" but found token "and" at column 13');
  });

  it('rejects broken value lists', () => {
    expect(error('proc.name in (a b)')).toBe('expected "," or ")" but found token "b" at column 17');
    expect(error('proc.name in (a, )')).toBe('expected a value after "," but found token ")" at column 18');
    expect(error('proc.name in = x')).toBe('expected "(" or a list name after "in" but found token "=" at column 14');
  });

  it('rejects dangling keywords, trailing words and empty conditions', () => {
    expect(error('a and')).toBe('unexpected end of condition at column 6');
    expect(error('not')).toBe('unexpected end of condition at column 4');
    expect(error('a b')).toBe('unexpected token "b" at column 3');
    expect(error('   ')).toBe('empty condition at column 1');
    expect(error('= x')).toBe('unexpected token "=" at column 1');
  });
});
