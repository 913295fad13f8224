import { describe, expect, it } from 'vitest';
import { PODS, usAt, type PodSpec } from '@/lib/domain/ancestry/testing/fixtures';
import { buildIpToPodMap } from '@/lib/domain/correlation/ip-to-pod-map';
import { flowBetweenPods } from '@/lib/domain/correlation/testing/flow-fixtures';

const TIEFIGHTER = '10.244.1.17';
const DEATHSTAR = '10.244.2.31';
const replacement: PodSpec = { ...PODS.deathstar, name: 'deathstar-6c94dcc57b-q9zzt' };

describe('buildIpToPodMap', () => {
  const flows = [
    flowBetweenPods({ pod: PODS.tiefighter, ip: TIEFIGHTER, port: 45200 }, { pod: PODS.deathstar, ip: DEATHSTAR, port: 80 }, { atMs: 0 }),
    flowBetweenPods({ pod: PODS.tiefighter, ip: TIEFIGHTER, port: 45300 }, { pod: PODS.deathstar, ip: DEATHSTAR, port: 80 }, { atMs: 10_000 }),
    // the deathstar pod is replaced and its IP handed to the new replica
    flowBetweenPods({ pod: PODS.tiefighter, ip: TIEFIGHTER, port: 45400 }, { pod: replacement, ip: DEATHSTAR, port: 80 }, { atMs: 100_000 }),
    flowBetweenPods({ pod: PODS.tiefighter, ip: TIEFIGHTER, port: 45500 }, { pod: replacement, ip: DEATHSTAR, port: 80 }, { atMs: 200_000 }),
    flowBetweenPods({ pod: PODS.tiefighter, ip: TIEFIGHTER, port: 45600 }, { pod: null, ip: '93.184.216.34', port: 443 }, { atMs: 5_000 }),
  ];
  const map = buildIpToPodMap([...flows].reverse());
  const podAt = (ip: string, ms: number) => map.podAt(ip, usAt(ms))?.pod ?? null;

  it('learns pods from both ends of flows, with workload and labels, and ignores world', () => {
    expect(map.podAt(DEATHSTAR, usAt(5_000))).toEqual({
      namespace: 'default',
      pod: PODS.deathstar.name,
      workload: 'deathstar',
      labels: ['k8s:org=empire', 'k8s:class=deathstar'],
    });
    expect(podAt(TIEFIGHTER, 50_000)).toBe('tiefighter');
    expect(podAt('93.184.216.34', 5_000)).toBeNull();
    expect(map.ipCount).toBe(2);
  });

  it('answers the holder of a reused IP at the time asked', () => {
    expect(podAt(DEATHSTAR, 5_000)).toBe(PODS.deathstar.name);
    expect(podAt(DEATHSTAR, 150_000)).toBe(replacement.name);
    expect(podAt(DEATHSTAR, 500_000)).toBe(replacement.name); // latest before
  });

  it('between two holders, answers the nearer sighting', () => {
    expect(podAt(DEATHSTAR, 30_000)).toBe(PODS.deathstar.name);
    expect(podAt(DEATHSTAR, 99_990)).toBe(replacement.name); // a connect just before the new pod's first flow
  });

  it('answers shortly before the first sighting (a connect precedes its flow), not long before', () => {
    expect(podAt(DEATHSTAR, -30_000)).toBe(PODS.deathstar.name);
    expect(podAt(DEATHSTAR, -120_000)).toBeNull();
    expect(buildIpToPodMap(flows, { lookaheadMicros: 1_000_000 }).podAt(DEATHSTAR, usAt(-30_000))).toBeNull();
  });

  it('finds the peer of a connection by one end, and refuses to guess at a busy listening port', () => {
    expect(map.peerOf(TIEFIGHTER, 45200, usAt(3), 5_000_000)).toMatchObject({ ip: DEATHSTAR, port: 80, match: 'only', pod: { pod: PODS.deathstar.name } });
    expect(map.peerOf(TIEFIGHTER, 45200, usAt(6_000), 5_000_000)).toBeNull(); // outside the window
    // deathstar:80 talked to two tiefighter ports in this window
    expect(map.peerOf(DEATHSTAR, 80, usAt(5_000), 6_000_000)).toBeNull();
    expect(map.peerOf(DEATHSTAR, 80, usAt(5_000), 6_000_000, { ip: TIEFIGHTER, port: 45300 })).toMatchObject({ port: 45300, match: 'ip' });
  });
});
