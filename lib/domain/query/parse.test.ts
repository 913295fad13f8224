import { describe, expect, it } from 'vitest';
import { formatTerm, groupTerms, parseQuery, QueryError } from './parse';

describe('q parser', () => {
  it('reads kinds, directions, negation and quoted values', () => {
    const q = parseQuery('from:pod=default/tiefighter !verdict=forwarded http-path="^/v1/ex haust" to:port=80', 'flows');
    expect(q.terms.map(({ kind, direction, negate, value }) => ({ kind, direction, negate, value }))).toEqual([
      { kind: 'pod', direction: 'from', negate: false, value: 'default/tiefighter' },
      { kind: 'verdict', direction: 'either', negate: true, value: 'FORWARDED' },
      { kind: 'http-path', direction: 'either', negate: false, value: '^/v1/ex haust' },
      { kind: 'port', direction: 'to', negate: false, value: '80' },
    ]);
  });

  it('keeps offsets so the UI can underline a term', () => {
    const q = parseQuery('  pod=a   node=b', 'flows');
    expect(q.terms.map((t) => [t.start, t.end])).toEqual([[2, 7], [10, 16]]);
  });

  it.each([
    ['podd=x', /unknown filter kind "podd".*did you mean "pod"/, 0],
    ['pod=a verdict=MAYBE', /verdict="MAYBE": expected a verdict/, 6],
    ['http-path=(', /invalid regular expression/, 0],
    ['port=70000', /whole number from 0 to 65535/, 0],
    ['from:node=x', /"node" has no source or destination side/, 0],
    ['tiefighter', /is not a filter: write kind=value/, 0],
    ['args="unterminated', /unterminated quoted value/, 5],
    ['binary=sh', /unknown filter kind "binary" for flows/, 0],
    ['ip=999.1.1.1', /IPv4 or IPv6/, 0],
    ['http-status=600', /HTTP status/, 0],
  ])('rejects %s with a message that says why', (text, message, start) => {
    let error: unknown;
    try {
      parseQuery(text, 'flows');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(message);
    expect((error as QueryError).start).toBe(start);
  });

  it('normalises values once: capabilities, event types, labels', () => {
    const q = parseQuery('capability=sys_admin event-type=exec label=k8s:app=x', 'events');
    expect(q.terms.map((t) => t.value)).toEqual(['CAP_SYS_ADMIN', 'process_exec', 'app=x']);
  });

  it('groups same kind and direction as OR, everything else as AND', () => {
    const g = groupTerms(parseQuery('pod=a pod=b from:pod=c !pod=d', 'flows'));
    expect(g.anyOf.map((group) => group.map((t) => t.value))).toEqual([['a', 'b'], ['c']]);
    expect(g.none.map((t) => t.value)).toEqual(['d']);
  });

  it('formats terms back to text that parses to the same terms', () => {
    const original = parseQuery('!from:pod=default/x args="a \\"b\\" c"', 'events');
    const text = original.terms.map(formatTerm).join(' ');
    expect(parseQuery(text, 'events').terms.map((t) => t.value)).toEqual(original.terms.map((t) => t.value));
  });
});
