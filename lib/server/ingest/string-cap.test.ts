import { describe, expect, it } from 'vitest';
import { acceptTetragonLine, type IngestSink } from './accept-line';
import { capStrings, cutMarker, CUT_MARKER_PREFIX } from './string-cap';
import type { EventRecord } from '../store/store';

describe('capStrings', () => {
  it('cuts long strings and keys in place, keeps short ones, marks the original length', () => {
    const big = 'x'.repeat(5000);
    const v = { a: big, b: ['ok', big], c: { [big]: 'key', d: 'short' } };
    expect(capStrings(v, 1024)).toBe(3);
    expect(v.a).toBe('x'.repeat(1024) + cutMarker(5000));
    expect(v.b[0]).toBe('ok');
    expect(v.b[1]).toContain(`${CUT_MARKER_PREFIX}5000 bytes`);
    expect(Object.keys(v.c).every((k) => k.length < 1200)).toBe(true);
    expect(v.c.d).toBe('short');
  });

  it('never cuts inside a character', () => {
    const v = { s: 'é'.repeat(1000) }; // 2 bytes each: the cap falls inside one
    capStrings(v, 1025);
    const kept = v.s.slice(0, v.s.indexOf(CUT_MARKER_PREFIX));
    expect(kept).toBe('é'.repeat(512));
    const emoji = { s: '🚀'.repeat(600) };
    capStrings(emoji, 1023);
    expect(emoji.s.slice(0, emoji.s.indexOf(CUT_MARKER_PREFIX))).toBe('🚀'.repeat(255));
  });

  it('walks deep nesting without recursion', () => {
    let deep: Record<string, unknown> = { s: 'y'.repeat(3000) };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    expect(capStrings(deep, 1024)).toBe(1);
  });

  it('is applied where every line becomes a record, and counted', () => {
    const events: EventRecord[] = [];
    const sink: IngestSink = { acceptEvent: (r) => events.push(r), acceptFlow: () => {}, lost: () => {} };
    const line = {
      process_exec: { process: { exec_id: 'e1', binary: '/bin/sh', arguments: 'a'.repeat(50 * 1024 * 1024), pod: { namespace: 'default', name: 'p' } } },
      node_name: 'n',
      time: '2026-01-01T00:00:00Z',
    };
    const result = acceptTetragonLine(line as never, sink, null);
    expect(result.cut).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.json.length).toBeLessThan(300 * 1024);
    expect(events[0]!.json).toContain(`${CUT_MARKER_PREFIX}${50 * 1024 * 1024} bytes`);
  });
});
