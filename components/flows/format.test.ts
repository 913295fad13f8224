import { describe, expect, it } from 'vitest';
import { flowRow } from '@/lib/domain/flow-list/testing/flow-row';
import { clockTime, count, endpointFilter, endpointLabel, latencyText } from './format';

describe('flows display formats', () => {
  it('shows the clock time to the millisecond', () => {
    expect(clockTime('2026-11-22T09:14:03.470113000Z')).toBe('09:14:03.470');
    expect(clockTime('2026-11-22T09:14:03Z')).toBe('09:14:03.000');
    expect(clockTime('garbage')).toBe('garbage');
  });

  it('scales latencies', () => {
    expect(latencyText('243800000')).toBe('243.8 ms');
    expect(latencyText('912000')).toBe('912 µs');
    expect(latencyText('1500')).toBe('1.5 µs');
    expect(latencyText('1200000000')).toBe('1.20 s');
    expect(latencyText('')).toBe('');
  });

  it('names endpoints by pod, else by IP and reserved identity', () => {
    const f = flowRow('a', 1);
    expect(endpointLabel(f.source)).toBe('default/tiefighter');
    const world = { ...f.source, pod: '', namespace: '', ip: '1.2.3.4', labels: ['reserved:world'] };
    expect(endpointLabel(world)).toBe('1.2.3.4 (world)');
    expect(endpointFilter(world)).toEqual({ kind: 'ip', value: '1.2.3.4' });
    expect(endpointFilter(f.source)).toEqual({ kind: 'pod', value: 'default/tiefighter' });
  });

  it('counts with units', () => {
    expect(count(1, 'row')).toBe('1 row');
    expect(count(12345, 'row')).toBe('12,345 rows');
  });
});
