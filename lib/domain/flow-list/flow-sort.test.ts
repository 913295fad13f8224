import { describe, expect, it } from 'vitest';
import { flowRow } from './testing/flow-row';
import { flowComparator, flowSortValue } from './flow-sort';

describe('flowComparator', () => {
  const a = flowRow('a', 1, { httpCode: 500, latencyNs: '2000' });
  const b = flowRow('b', 2, { httpCode: 200, latencyNs: '' });
  const c = flowRow('c', 3, { httpCode: 0, latencyNs: '1000' });

  it('sorts by time newest first by default and oldest first ascending', () => {
    expect([a, c, b].sort(flowComparator({ column: 'time', desc: true })).map((f) => f.id)).toEqual(['c', 'b', 'a']);
    expect([a, c, b].sort(flowComparator({ column: 'time', desc: false })).map((f) => f.id)).toEqual(['a', 'b', 'c']);
  });

  it('sorts numbers numerically and puts empty values last either way', () => {
    expect([a, b, c].sort(flowComparator({ column: 'http-status', desc: false })).map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect([a, b, c].sort(flowComparator({ column: 'http-status', desc: true })).map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect([a, b, c].sort(flowComparator({ column: 'latency', desc: false })).map((f) => f.id)).toEqual(['c', 'a', 'b']);
  });

  it('breaks ties by time so the order is stable', () => {
    const x = flowRow('x', 5);
    const y = flowRow('y', 6);
    expect([x, y].sort(flowComparator({ column: 'node', desc: false })).map((f) => f.id)).toEqual(['y', 'x']);
  });

  it('sorts endpoints by namespace/pod, or IP when there is no pod', () => {
    const world = flowRow('w', 1, { source: { ...a.source, pod: '', namespace: '', ip: '1.1.1.1' } });
    expect(flowSortValue('src-pod', world)).toBe('1.1.1.1');
    expect(flowSortValue('src-pod', a)).toBe('default/tiefighter');
  });
});
