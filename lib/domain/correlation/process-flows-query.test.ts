import { describe, expect, it } from 'vitest';
import { PODS, proc, sockEvent, usAt } from '@/lib/domain/ancestry/testing/fixtures';
import { buildIpToPodMap } from '@/lib/domain/correlation/ip-to-pod-map';
import { flowMatchesQuery, processFlowsQuery } from '@/lib/domain/correlation/process-flows-query';
import { flowBetweenPods } from '@/lib/domain/correlation/testing/flow-fixtures';

const TF = '10.244.1.17';
const DS = '10.244.2.31';
const CLUSTER_IP = '10.96.12.4';
const curl = proc({ pid: 32460, binary: '/usr/bin/curl', startMs: 15_000, pod: PODS.tiefighter });
const tiefighter = { pod: PODS.tiefighter, ip: TF, port: 45200 };
const deathstar = { pod: PODS.deathstar, ip: DS, port: 80 };
const toService = (atMs: number, functionName = 'tcp_connect') =>
  sockEvent(curl, { atMs, saddr: TF, sport: 45200, daddr: CLUSTER_IP, dport: 80, functionName });

describe('processFlowsQuery', () => {
  it('folds a socket\'s kprobes into one padded window, without the Service address the flows never show', () => {
    expect(processFlowsQuery([toService(15_009), toService(15_100, 'tcp_close')])).toEqual([
      { srcIp: TF, srcPort: 45200, dstPort: 80, sinceMicros: usAt(10_009), untilMicros: usAt(20_100) },
    ]);
  });

  it('adds the far address when the IP map knows it as a pod', () => {
    const map = buildIpToPodMap([flowBetweenPods(tiefighter, deathstar, { atMs: 15_010 })]);
    const direct = sockEvent(curl, { atMs: 15_009, saddr: TF, sport: 45200, daddr: DS, dport: 80 });
    expect(processFlowsQuery([direct], { ipMap: map, windowMs: 1000 })).toEqual([
      { srcIp: TF, srcPort: 45200, dstIp: DS, dstPort: 80, sinceMicros: usAt(14_009), untilMicros: usAt(16_009) },
    ]);
    expect(processFlowsQuery([toService(15_009)], { ipMap: map })[0]).not.toHaveProperty('dstIp');
  });

  it('splits a port reused much later into its own window and skips events without a socket', () => {
    const later = toService(600_000);
    const noPort = sockEvent(curl, { atMs: 1, saddr: TF, sport: 0, daddr: DS, dport: 80 });
    const lookups = processFlowsQuery([later, toService(15_009), noPort]);
    expect(lookups.map((l) => [l.sinceMicros, l.untilMicros])).toEqual([
      [usAt(10_009), usAt(20_009)],
      [usAt(595_000), usAt(605_000)],
    ]);
  });
});

describe('flowMatchesQuery', () => {
  const [lookup] = processFlowsQuery([toService(15_009)]);
  const request = flowBetweenPods(tiefighter, deathstar, { atMs: 15_020, node: 'kind-worker2', direction: 'INGRESS' });
  const reply = flowBetweenPods(deathstar, tiefighter, { atMs: 15_030, isReply: true });

  it('takes both directions of the connection, translated to the pod address', () => {
    expect(flowMatchesQuery(request, lookup!)).toBe(true);
    expect(flowMatchesQuery(reply, lookup!)).toBe(true);
  });

  it('leaves out other sockets and other times', () => {
    expect(flowMatchesQuery(flowBetweenPods({ ...tiefighter, port: 45201 }, deathstar, { atMs: 15_020 }), lookup!)).toBe(false);
    expect(flowMatchesQuery(flowBetweenPods(tiefighter, deathstar, { atMs: 30_000 }), lookup!)).toBe(false);
  });

  it('checks the far side when the lookup names it', () => {
    const pinned = { ...lookup!, dstIp: DS };
    expect(flowMatchesQuery(request, pinned)).toBe(true);
    expect(flowMatchesQuery(flowBetweenPods(tiefighter, { ...deathstar, ip: '10.244.2.99' }, { atMs: 15_020 }), pinned)).toBe(false);
    expect(flowMatchesQuery(flowBetweenPods(tiefighter, { ...deathstar, port: 8080 }, { atMs: 15_020 }), pinned)).toBe(false);
  });
});
