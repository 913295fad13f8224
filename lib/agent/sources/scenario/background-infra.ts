/**
 * Cluster plumbing that gives the map its host and world nodes: kubelet's HTTP health probes of
 * each deathstar replica (from the node itself, identity reserved:host) and coredns forwarding
 * queries it cannot answer to 8.8.8.8 (reserved:world).
 */
import {
  COREDNS_A, COREDNS_B, DEATHSTAR_SERVICE, DEATHSTAR_W1, DEATHSTAR_W2, NODES, UPSTREAM_DNS_IP, type PodFixture,
} from '@/lib/agent/sources/scenario/cluster';
import type { Cycle } from '@/lib/agent/sources/scenario/cycle';
import { DEATHSTAR_W2_OUTAGE } from '@/lib/agent/sources/scenario/deathstar-restart';
import { hostPeer, podPeer, tcpTraceFlow, udpTraceFlow, worldPeer } from '@/lib/agent/sources/scenario/hubble-flow';
import type { RunningProcesses } from '@/lib/agent/sources/scenario/long-running';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { ephemeralPort, kprobeItem, socketCookie, tcpSockArg } from '@/lib/agent/sources/scenario/tetragon-events';
import { msToNs, secondsToNs } from '@/lib/agent/sources/scenario/time';

const PROBE_PERIOD_S = 5;

function kubeletProbes(cy: Cycle, running: RunningProcesses, pod: PodFixture): ScenarioItem[] {
  const rng = cy.rng(`probes/${pod.name}`);
  const kubelet = running.host[pod.node].kubelet;
  const items: ScenarioItem[] = [];
  for (let offset = msToNs(rng.between(0, PROBE_PERIOD_S * 1000)); offset < secondsToNs(59); ) {
    const down = pod === DEATHSTAR_W2 && offset >= DEATHSTAR_W2_OUTAGE.fromNs && offset < DEATHSTAR_W2_OUTAGE.toNs;
    if (!down) {
      const t = cy.at(offset);
      const sport = ephemeralPort(rng);
      const host = hostPeer(pod.node, sport);
      const server = podPeer(pod, DEATHSTAR_SERVICE.port);
      items.push(kprobeItem(kubelet, t, {
        functionName: 'tcp_connect', policyName: 'connect',
        args: [tcpSockArg({
          saddr: NODES[pod.node].ciliumHostIp, daddr: pod.ip, sport, dport: DEATHSTAR_SERVICE.port,
          cookie: socketCookie(rng), state: 'TCP_SYN_SENT',
        })],
      }));
      const synNs = t + msToNs(rng.between(0.02, 0.08));
      const common = { node: pod.node, direction: 'INGRESS' as const };
      items.push(tcpTraceFlow(rng, { ...common, timeNs: synNs, src: host, dst: server, isReply: false, flags: ['SYN'], point: 'TO_ENDPOINT' }));
      items.push(tcpTraceFlow(rng, {
        ...common, timeNs: synNs + msToNs(rng.between(0.03, 0.09)), src: server, dst: host, isReply: true,
        flags: ['SYN', 'ACK'], point: 'TO_HOST',
      }));
    }
    offset += secondsToNs(PROBE_PERIOD_S) + msToNs(rng.between(-40, 40));
  }
  return items;
}

function upstreamDns(cy: Cycle): ScenarioItem[] {
  const rng = cy.rng('coredns-upstream');
  const items: ScenarioItem[] = [];
  for (let offset = msToNs(rng.between(500, 6000)); offset < secondsToNs(59); offset += msToNs(rng.between(5000, 11000))) {
    const coredns = rng.next() < 0.5 ? COREDNS_A : COREDNS_B;
    const me = podPeer(coredns, ephemeralPort(rng));
    const upstream = worldPeer(UPSTREAM_DNS_IP, 53);
    const t = cy.at(offset);
    const common = { node: coredns.node, direction: 'EGRESS' as const };
    items.push(udpTraceFlow(rng, { ...common, timeNs: t, src: me, dst: upstream, isReply: false, point: 'TO_STACK' }));
    items.push(udpTraceFlow(rng, {
      ...common, timeNs: t + msToNs(rng.between(8, 30)), src: upstream, dst: me, isReply: true, point: 'TO_ENDPOINT',
    }));
  }
  return items;
}

export function backgroundInfra(cy: Cycle, running: RunningProcesses): ScenarioItem[] {
  return [...kubeletProbes(cy, running, DEATHSTAR_W1), ...kubeletProbes(cy, running, DEATHSTAR_W2), ...upstreamDns(cy)];
}
