import { describe, expect, it } from 'vitest';
import { encodeProtoJson, fromProtoJson } from './from-protojson';
import { normalizeProtoJson } from './normalize-protojson';
import { ProtoJsonError } from './protojson-error';
import { formatTimestamp, parseTimestamp } from './timestamp';
import { toProtoJson } from './to-protojson';
import { wireTypes } from './wire-root';

const w = wireTypes();
const roundTrip = (type: typeof w.GetEventsResponse, json: Record<string, unknown>) =>
  toProtoJson(type, type.decode(encodeProtoJson(type, json)) as unknown as Record<string, unknown>);

describe('timestamps', () => {
  it.each([
    [0, '2026-11-22T09:14:03Z'],
    [470_000_000, '2026-11-22T09:14:03.470Z'],
    [470_113_000, '2026-11-22T09:14:03.470113Z'],
    [452_313_491, '2026-11-22T09:14:03.452313491Z'],
    [1, '2026-11-22T09:14:03.000000001Z'],
  ])('writes %i ns with the fewest of 0/3/6/9 digits', (nanos, text) => {
    expect(formatTimestamp(1795338843n, nanos)).toBe(text);
    expect(parseTimestamp(text)).toEqual({ seconds: 1795338843n, nanos });
  });

  it('reads offsets and refuses what is not RFC 3339', () => {
    expect(parseTimestamp('2026-11-22T10:14:03+01:00').seconds).toBe(1795338843n);
    expect(() => parseTimestamp('yesterday')).toThrow(/RFC 3339/);
  });
});

describe('protojson', () => {
  it('keeps wrappers and oneof members at zero, omits zero plain scalars', () => {
    const json = roundTrip(w.GetEventsResponse, {
      process_exit: { process: { pid: 0, uid: 0, binary: '', cwd: '/' }, status: 0, signal: '' },
      node_name: 'n',
      time: '2026-11-22T09:14:03Z',
    });
    expect(json).toEqual({ process_exit: { process: { pid: 0, uid: 0, cwd: '/' } }, node_name: 'n', time: '2026-11-22T09:14:03Z' });
  });

  it('writes 64-bit integers as exact strings and enums as names', () => {
    const json = roundTrip(w.GetFlowsResponse, {
      flow: { verdict: 'DROPPED', socket_cookie: '18446744073709551615', l7: { latency_ns: '9007199254740993' }, Type: 2 },
    });
    expect(json).toEqual({ flow: { verdict: 'DROPPED', socket_cookie: '18446744073709551615', l7: { latency_ns: '9007199254740993' }, Type: 'L7' } });
  });

  it('renders enum numbers it has no name for as numbers', () => {
    // 155 has a name since proto/ declares every DropReason; 1155 is one a newer Cilium could send.
    const json = roundTrip(w.GetFlowsResponse, { flow: { drop_reason_desc: 1155 } });
    expect(json).toEqual({ flow: { drop_reason_desc: 1155 } });
  });

  it('accepts lowerCamelCase and names the path of a wrong value', () => {
    expect(fromProtoJson(w.GetFlowsResponse, { flow: { trafficDirection: 'EGRESS' } })).toEqual({ flow: { traffic_direction: 2 } });
    expect(() => fromProtoJson(w.GetFlowsResponse, { flow: { l4: { TCP: { source_port: 'x' } } } })).toThrow(
      new ProtoJsonError('.flow.l4.TCP.source_port', 'expected a number, got the string "x"'),
    );
  });

  it('normalises known fields and keeps unknown ones verbatim on import', () => {
    const out = normalizeProtoJson(w.GetEventsResponse, {
      processExec: { process: { binary: '/bin/sh', future: [1, 2] }, ancestors: [] },
      node_name: 'n',
      extra: true,
    });
    expect(out).toEqual({ process_exec: { process: { binary: '/bin/sh', future: [1, 2] }, ancestors: [] }, node_name: 'n', extra: true });
    expect(() => normalizeProtoJson(w.GetEventsResponse, { time: 'noon' })).toThrow(/\.time: not an RFC 3339/);
  });
});
