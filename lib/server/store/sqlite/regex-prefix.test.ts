import { describe, expect, it } from 'vitest';
import { literalPrefix } from './regex-prefix';

describe('literalPrefix', () => {
  it.each([
    ['^/v1/exhaust-port', '/v1/exhaust-port'],
    ['^/v1/.*', '/v1/'],
    ['^/api/v[0-9]+', '/api/v'],
    ['^/ab?', '/a'],
    ['^/ab*c', '/a'],
    ['^/ab{2}', '/a'],
    ['^/ab+', '/ab'],
    ['^/etc/shadow$', '/etc/shadow'],
    ['^/é', '/'],
  ])('%s starts every match with %s', (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });

  it.each(['/v1/exhaust', '^/a|/b', '^\\/v1', '^.', '^(/a)', '^a?', ''])('%s has no prefix it can be sure of', (pattern) => {
    expect(literalPrefix(pattern)).toBeNull();
  });

  it('never excludes a path the regular expression matches', () => {
    const paths = ['/v1/exhaust-port', '/v1/request-landing', '/a', '/ab', '/abb', '/ac', '/api/v12', '/etc/shadow', '/', ''];
    for (const pattern of ['^/v1/exhaust-port', '^/ab?', '^/ab*', '^/ab+', '^/ab{0,2}', '^/api/v[0-9]+', '^/etc/shadow$', '^/v1/.*']) {
      const prefix = literalPrefix(pattern)!;
      for (const p of paths) if (new RegExp(pattern).test(p)) expect(p.startsWith(prefix)).toBe(true);
    }
  });
});
