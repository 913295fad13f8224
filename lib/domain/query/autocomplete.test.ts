import { describe, expect, it } from 'vitest';
import { applyKindCompletion, applyValueCompletion, completionContext, lastTermStart, matchingKinds } from './autocomplete';

describe('completionContext', () => {
  it('completes kinds before the =', () => {
    expect(completionContext('http-p', 'flows')).toEqual({ mode: 'kind', head: '', prefix: 'http-p', termStart: 0 });
    expect(completionContext('pod=a !from:na', 'flows')).toEqual({ mode: 'kind', head: '!from:', prefix: 'na', termStart: 6 });
  });

  it('completes values after the =', () => {
    expect(completionContext('to:pod=default/de', 'flows')).toMatchObject({
      mode: 'value', kind: 'pod', direction: 'to', negate: false, prefix: 'default/de', head: 'to:pod=',
    });
    expect(completionContext('!node=kind', 'flows')).toMatchObject({ mode: 'value', kind: 'node', negate: true, prefix: 'kind' });
  });

  it('reads a quoted value being typed', () => {
    expect(completionContext('args="-c tru', 'events')).toMatchObject({ mode: 'value', kind: 'args', prefix: '-c tru', termStart: 0 });
  });

  it('gives up on unknown kinds', () => {
    expect(completionContext('nope=x', 'flows')).toBeNull();
  });
});

describe('lastTermStart', () => {
  it('ignores spaces inside quotes', () => {
    expect(lastTermStart('pod=a args="x y')).toBe(6);
    expect(lastTermStart('pod=a ')).toBe(6);
  });
});

describe('matchingKinds', () => {
  it('puts prefix matches first and only endpoint kinds after from:/to:', () => {
    expect(matchingKinds('flows', 'p', false).map((k) => k.name).slice(0, 2)).toEqual(['pod', 'port']);
    expect(matchingKinds('flows', 'path', false).map((k) => k.name)).toEqual(['http-path']);
    expect(matchingKinds('flows', '', true).every((k) => k.directional)).toBe(true);
  });
});

describe('applying a completion', () => {
  it('replaces only the last term', () => {
    const ctx = completionContext('pod=a !from:na', 'flows');
    if (ctx?.mode !== 'kind') throw new Error('expected kind mode');
    expect(applyKindCompletion('pod=a !from:na', ctx, 'namespace')).toBe('pod=a !from:namespace=');
    const v = completionContext('pod=a args=-c', 'events');
    if (v?.mode !== 'value') throw new Error('expected value mode');
    expect(applyValueCompletion('pod=a args=-c', v, '-c truncate')).toBe('pod=a args="-c truncate"');
  });
});
