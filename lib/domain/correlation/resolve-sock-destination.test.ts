import { describe, expect, it } from 'vitest';
import { PODS, usAt } from '@/lib/domain/ancestry/testing/fixtures';
import { buildIpToPodMap } from '@/lib/domain/correlation/ip-to-pod-map';
import { resolveSockDestination } from '@/lib/domain/correlation/resolve-sock-destination';
import { flowBetweenPods } from '@/lib/domain/correlation/testing/flow-fixtures';
import type { SockSummary } from '@/lib/domain/records';

const sock = (over: Partial<SockSummary>): SockSummary => ({
  protocol: 'IPPROTO_TCP',
  saddr: '10.244.1.17',
  sport: 45200,
  daddr: '10.96.12.4',
  dport: 80,
  state: 'TCP_SYN_SENT',
  cookie: '1',
  ...over,
});

describe('resolveSockDestination', () => {
  const tiefighter = { pod: PODS.tiefighter, ip: '10.244.1.17', port: 45200 };
  const deathstar = { pod: PODS.deathstar, ip: '10.244.2.31', port: 80, service: 'default/deathstar' };
  const map = buildIpToPodMap([
    flowBetweenPods(tiefighter, deathstar, { atMs: 15_010 }),
    flowBetweenPods({ ...tiefighter, port: 45900 }, { pod: null, ip: '93.184.216.34', port: 443 }, { atMs: 20_000 }),
  ]);

  it('resolves a pod IP directly', () => {
    expect(resolveSockDestination(sock({ daddr: '10.244.2.31' }), usAt(15_009), map)).toEqual({
      namespace: 'default',
      pod: PODS.deathstar.name,
      workload: 'deathstar',
      labels: ['k8s:org=empire', 'k8s:class=deathstar'],
      ip: '10.244.2.31',
      port: 80,
      via: 'pod-ip',
      service: '',
    });
  });

  it('resolves a Service ClusterIP through the flow of the same connection', () => {
    expect(resolveSockDestination(sock({}), usAt(15_009), map)).toMatchObject({
      pod: PODS.deathstar.name,
      ip: '10.244.2.31',
      port: 80,
      via: 'flow',
      service: 'default/deathstar',
    });
  });

  it('answers null for the world, and for a ClusterIP whose connection no flow showed', () => {
    expect(resolveSockDestination(sock({ sport: 45900, daddr: '93.184.216.34', dport: 443 }), usAt(20_000), map)).toBeNull();
    expect(resolveSockDestination(sock({}), usAt(60_000), map)).toBeNull();
    expect(resolveSockDestination(sock({ sport: 40000 }), usAt(15_009), map)).toBeNull();
  });
});
