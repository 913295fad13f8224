import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse';
import { compileFlowMatcher } from './match';
import { exactFilterValue, filterChip } from './filter-value';
import { formatChips } from './chips';

describe('exactFilterValue', () => {
  it('anchors and escapes regex kinds', () => {
    expect(exactFilterValue('http-path', '/v1/a.b(c)')).toBe('^/v1/a\\.b\\(c\\)$');
    expect(new RegExp(exactFilterValue('http-path', '/v1/a.b')).test('/v1/aXb')).toBe(false);
    expect(new RegExp(exactFilterValue('binary', '/usr/bin/c++')).test('/usr/bin/c++')).toBe(true);
  });

  it('drops the label source Hubble prints', () => {
    expect(exactFilterValue('label', 'k8s:class=deathstar')).toBe('class=deathstar');
  });

  it('keeps other values as shown', () => {
    expect(exactFilterValue('pod', 'default/tiefighter')).toBe('default/tiefighter');
  });
});

describe('filterChip', () => {
  it('makes a chip the parser accepts and that matches the value', () => {
    const q = formatChips([filterChip('http-path', '/v1/exhaust-port'), filterChip('pod', 'default/tiefighter', { direction: 'from', negate: true })]);
    expect(q).toBe('http-path=^/v1/exhaust-port$ !from:pod=default/tiefighter');
    expect(parseQuery(q, 'flows').terms).toHaveLength(2);
    const match = compileFlowMatcher(parseQuery('http-path=^/v1/exhaust-port$', 'flows'));
    expect(typeof match).toBe('function');
  });
});
