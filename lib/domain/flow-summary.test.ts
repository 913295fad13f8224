import { describe, expect, it } from 'vitest';
import { summarizeFlow } from './flow-summary';
import { parseQuery } from './query/parse';

describe('summarizeFlow protocol', () => {
  it('names every L4 member of the oneof, VRRP and IGMP included, and the filter takes them', () => {
    const proto = (l4: object) => summarizeFlow({ flow: { l4, verdict: 'FORWARDED' } }, 'id').protocol;
    expect(proto({ SCTP: { source_port: 1, destination_port: 2 } })).toBe('SCTP');
    expect(proto({ VRRP: { type: 1, vrid: 51, priority: 100 } })).toBe('VRRP');
    expect(proto({ IGMP: { type: 22, group_address: '239.1.1.1' } })).toBe('IGMP');
    expect(proto({ ICMPv6: { type: 128 } })).toBe('ICMPv6');
    expect(() => parseQuery('protocol=vrrp protocol=igmp', 'flows')).not.toThrow();
  });
});
