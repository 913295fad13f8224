/**
 * The destination pod of a Tetragon socket event. tcp_connect carries only its own pod; the far
 * side comes from what flows taught the IP→pod map.
 *
 * Without Cilium's socket-level load balancing the kernel sees the Service's ClusterIP, which no
 * flow ever shows on a pod. Then the connection itself is looked up: the flow leaving the same
 * (saddr, sport) at about the same time carries the translated pod address.
 */
import type { IpToPodMap, PodAtIp } from '@/lib/domain/correlation/ip-to-pod-map';
import type { SockSummary } from '@/lib/domain/records';

export interface ResolvedDestination extends PodAtIp {
  ip: string; // the pod's address (after translation, when via "flow")
  port: number;
  /** "pod-ip": daddr itself is a known pod IP; "flow": found through the flow of the same connection. */
  via: 'pod-ip' | 'flow';
  service: string; // "ns/name" when the flow named the Service, else ""
}

export function resolveSockDestination(
  sock: SockSummary,
  tsMicros: number,
  ipMap: IpToPodMap,
  opts: { windowMs?: number } = {},
): ResolvedDestination | null {
  const direct = ipMap.podAt(sock.daddr, tsMicros);
  if (direct) return { ...direct, ip: sock.daddr, port: sock.dport, via: 'pod-ip', service: '' };
  if (!sock.saddr || !sock.sport) return null;

  const windowMicros = (opts.windowMs ?? 5000) * 1000;
  const peer = ipMap.peerOf(sock.saddr, sock.sport, tsMicros, windowMicros, { ip: sock.daddr, port: sock.dport });
  if (!peer?.pod) return null; // world, or nothing seen
  return { ...peer.pod, ip: peer.ip, port: peer.port, via: 'flow', service: peer.service };
}
