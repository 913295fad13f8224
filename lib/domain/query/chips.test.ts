import { describe, expect, it } from 'vitest';
import { addChips, firstQueryError, formatChips, formatSegments, parseChips, removeSegment, toggleNegate } from './chips';

describe('parseChips', () => {
  it('turns each term into a chip with its offsets', () => {
    const q = 'from:pod=default/tiefighter !verdict=DROPPED http-path="^/v1/a b"';
    const segs = parseChips(q, 'flows');
    expect(segs).toHaveLength(3);
    expect(segs[0]).toMatchObject({ ok: true, chip: { kind: 'pod', direction: 'from', negate: false, value: 'default/tiefighter' }, start: 0 });
    expect(segs[1]).toMatchObject({ ok: true, chip: { kind: 'verdict', negate: true, value: 'DROPPED' } });
    expect(segs[2]).toMatchObject({ ok: true, chip: { kind: 'http-path', value: '^/v1/a b' } });
    expect(q.slice(segs[2]!.start, segs[2]!.end)).toBe('http-path="^/v1/a b"');
  });

  it('keeps the valid terms around an invalid one, which carries the parser message', () => {
    const q = 'pod=x bogus=1 verdict=DROPPED';
    const segs = parseChips(q, 'flows');
    expect(segs.map((s) => s.ok)).toEqual([true, false, true]);
    const bad = segs[1]!;
    expect(bad).toMatchObject({ ok: false, text: 'bogus=1', start: 6, end: 13 });
    if (!bad.ok) expect(bad.message).toMatch(/unknown filter kind "bogus"/);
    expect(segs[2]).toMatchObject({ start: 14, end: 29 });
  });

  it('reports an unterminated quote from the start of its term', () => {
    const segs = parseChips('pod=a http-path="/v1', 'flows');
    expect(segs[1]).toMatchObject({ ok: false, text: 'http-path="/v1', start: 6 });
  });

  it('reports every invalid term, not only the first', () => {
    const segs = parseChips('nope port=99999 pod=a', 'flows');
    expect(segs.map((s) => (s.ok ? 'ok' : s.text))).toEqual(['nope', 'port=99999', 'ok']);
  });

  it('is empty for blank text', () => {
    expect(parseChips('   ', 'flows')).toEqual([]);
  });

  it('uses the kinds of its source', () => {
    expect(parseChips('binary=/bin/sh', 'events')[0]).toMatchObject({ ok: true });
    expect(parseChips('binary=/bin/sh', 'flows')[0]).toMatchObject({ ok: false });
  });
});

describe('chips → q', () => {
  it('round-trips through the parser', () => {
    const q = '!from:pod=default/x label=app=y http-path="^/a b$"';
    expect(formatSegments(parseChips(q, 'flows'))).toBe(q);
    expect(formatChips([{ kind: 'args', direction: 'either', negate: false, value: 'a "b"' }])).toBe('args="a \\"b\\""');
  });

  it('normalises values as the parser does', () => {
    expect(formatSegments(parseChips('verdict=dropped', 'flows'))).toBe('verdict=DROPPED');
  });
});

describe('editing q through chips', () => {
  it('adds a chip once', () => {
    const chip = { kind: 'pod', direction: 'from' as const, negate: false, value: 'default/tiefighter' };
    const q1 = addChips('', 'flows', [chip]);
    expect(q1).toBe('from:pod=default/tiefighter');
    expect(addChips(q1, 'flows', [chip])).toBe(q1);
  });

  it('replaces the opposite chip instead of adding a contradiction', () => {
    const q = addChips('verdict=DROPPED', 'flows', [{ kind: 'verdict', direction: 'either', negate: true, value: 'DROPPED' }]);
    expect(q).toBe('!verdict=DROPPED');
  });

  it('removes and negates by index, keeping invalid segments as typed', () => {
    const q = 'pod=a oops verdict=DROPPED';
    expect(removeSegment(q, 'flows', 1)).toBe('pod=a verdict=DROPPED');
    expect(toggleNegate(q, 'flows', 2)).toBe('pod=a oops !verdict=DROPPED');
    expect(toggleNegate('!pod=a', 'flows', 0)).toBe('pod=a');
  });
});

describe('firstQueryError', () => {
  it('gives the offsets of the bad term', () => {
    const e = firstQueryError('pod=a http-status=99', 'flows');
    expect(e).not.toBeNull();
    expect([e!.start, e!.end]).toEqual([6, 20]);
    expect(firstQueryError('pod=a', 'flows')).toBeNull();
  });
});
