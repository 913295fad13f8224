/**
 * What Hubble flows teach about addresses: which pod held an IP at a given time, and who was at
 * the other end of a connection seen from one (ip, port).
 *
 * Tetragon's network events carry only their own pod; the other side is resolved here. Pod IPs are
 * reused as pods come and go, so each IP keeps a list of intervals (first..last time a flow showed
 * it on a pod) rather than one answer.
 */
import { firstAtOrAfter, lastAtOrBefore } from '@/lib/domain/correlation/time-sorted';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';

export interface PodAtIp {
  namespace: string;
  pod: string;
  workload: string;
  labels: string[]; // "k8s:app=x" as Hubble sends them
}

/** The far end of a connection, as a flow recorded it. */
export interface FlowPeer {
  ip: string;
  port: number;
  pod: PodAtIp | null; // null: world, host, or an endpoint without a pod
  service: string; // "ns/name" when Hubble named the Kubernetes Service
  tsMicros: number; // when the flow showing it was seen
  /** How it was chosen: the expected address, the expected port, or the only peer in the window. */
  match: 'ip' | 'port' | 'only';
}

export interface IpToPodMap {
  /** The pod holding `ip` at `tsMicros`, or null when no flow ever showed the IP on a pod. */
  podAt(ip: string, tsMicros: number): PodAtIp | null;
  /**
   * The endpoint that talked to (ip, port) within ±windowMicros of tsMicros — preferring the
   * expected peer address, then port, then nearest in time. When nothing matches the expectation
   * and several peers did talk (a listening port), the answer is ambiguous: null.
   */
  peerOf(ip: string, port: number, tsMicros: number, windowMicros: number, expected?: { ip?: string; port?: number }): FlowPeer | null;
  readonly ipCount: number;
}

export interface IpToPodOptions {
  /**
   * How far ahead of the first flow showing an IP a query may still be answered with that pod. A
   * tcp_connect fires before the first packet Hubble sees, so the kprobe is always a little early.
   * Default 60 s.
   */
  lookaheadMicros?: number;
}

interface Interval {
  pod: PodAtIp;
  key: string;
  firstTs: number;
  lastTs: number;
}

interface Sighting {
  ts: number;
  endpoint: FlowEndpointSummary;
}

export function buildIpToPodMap(flows: readonly FlowSummary[], opts: IpToPodOptions = {}): IpToPodMap {
  const lookahead = opts.lookaheadMicros ?? 60_000_000;
  const sightings = new Map<string, Sighting[]>();
  const contacts = new Map<string, { ts: number; peer: FlowEndpointSummary }[]>();
  const push = <T>(m: Map<string, T[]>, key: string, item: T): void => {
    const list = m.get(key);
    if (list) list.push(item);
    else m.set(key, [item]);
  };

  for (const flow of flows) {
    for (const [self, peer] of [[flow.source, flow.destination], [flow.destination, flow.source]] as const) {
      if (!self.ip) continue;
      if (self.pod) push(sightings, self.ip, { ts: flow.ts, endpoint: self });
      if (self.port) push(contacts, contactKey(self.ip, self.port), { ts: flow.ts, peer });
    }
  }

  const intervals = new Map<string, Interval[]>();
  for (const [ip, list] of sightings) intervals.set(ip, toIntervals(list));
  for (const list of contacts.values()) list.sort((a, b) => a.ts - b.ts);

  return {
    ipCount: intervals.size,
    podAt(ip, ts) {
      const list = intervals.get(ip);
      if (!list) return null;
      const i = lastAtOrBefore(list, ts, (iv) => iv.firstTs);
      const prev = i >= 0 ? list[i] : undefined;
      const next = list[i + 1];
      if (prev && ts <= prev.lastTs) return prev.pod;
      // Between two holders (or before the first): the nearer sighting wins; a later holder only
      // within the lookahead, because the IP may have been someone else's before.
      const prevGap = prev ? ts - prev.lastTs : Number.POSITIVE_INFINITY;
      const nextGap = next ? next.firstTs - ts : Number.POSITIVE_INFINITY;
      if (next && nextGap <= lookahead && nextGap < prevGap) return next.pod;
      return prev ? prev.pod : null;
    },
    peerOf(ip, port, ts, window, expected = {}) {
      const list = contacts.get(contactKey(ip, port));
      if (!list) return null;
      let best: { ts: number; peer: FlowEndpointSummary } | null = null;
      let bestRank = -1;
      const distinct = new Set<string>();
      for (let i = firstAtOrAfter(list, ts - window, (c) => c.ts); i < list.length && list[i]!.ts <= ts + window; i++) {
        const c = list[i]!;
        distinct.add(contactKey(c.peer.ip, c.peer.port));
        const rank = (c.peer.ip === expected.ip ? 2 : 0) + (c.peer.port === expected.port ? 1 : 0);
        if (rank > bestRank || (rank === bestRank && best && Math.abs(c.ts - ts) < Math.abs(best.ts - ts))) {
          best = c;
          bestRank = rank;
        }
      }
      if (!best || (bestRank === 0 && distinct.size > 1)) return null;
      return {
        ip: best.peer.ip,
        port: best.peer.port,
        pod: best.peer.pod ? podOf(best.peer) : null,
        service: best.peer.service,
        tsMicros: best.ts,
        match: bestRank >= 2 ? 'ip' : bestRank === 1 ? 'port' : 'only',
      };
    },
  };
}

function contactKey(ip: string, port: number): string {
  return `${ip}\u0000${port}`;
}

function podOf(e: FlowEndpointSummary): PodAtIp {
  return { namespace: e.namespace, pod: e.pod, workload: e.workload, labels: e.labels };
}

/** Sightings in time order, runs of the same pod folded into one interval. */
function toIntervals(list: Sighting[]): Interval[] {
  list.sort((a, b) => a.ts - b.ts);
  const out: Interval[] = [];
  for (const s of list) {
    const key = `${s.endpoint.namespace}/${s.endpoint.pod}`;
    const last = out[out.length - 1];
    if (last && last.key === key) last.lastTs = s.ts;
    else out.push({ pod: podOf(s.endpoint), key, firstTs: s.ts, lastTs: s.ts });
  }
  return out;
}
