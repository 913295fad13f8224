/**
 * "This process's flows": from a process's socket kprobes, the connection keys and time windows
 * the server looks flows up by, and the predicate that says whether a flow belongs.
 *
 * A connection is identified by the process's own address and port within a time window; the far
 * address is only added when it is known to be a pod's, because a Service's ClusterIP (what the
 * kernel dialled) never appears in Hubble's flows, and neither may the port it dialled.
 */
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import type { IpToPodMap } from '@/lib/domain/correlation/ip-to-pod-map';
import type { FlowSummary } from '@/lib/domain/records';

export interface FlowLookup {
  srcIp: string; // the process's side of the socket
  srcPort: number;
  dstIp?: string; // set only when the far address is a known pod IP
  dstPort: number; // the port the process used on the far side (checked only together with dstIp)
  sinceMicros: number;
  untilMicros: number;
}

export interface FlowsQueryOptions {
  windowMs?: number; // padding around the kprobes, default 5000
  ipMap?: IpToPodMap; // to tell pod addresses from Service addresses
}

export function processFlowsQuery(events: readonly StoredEvent[], opts: FlowsQueryOptions = {}): FlowLookup[] {
  const pad = (opts.windowMs ?? 5000) * 1000;
  const byTuple = new Map<string, { ts: number; srcIp: string; srcPort: number; dstIp: string; dstPort: number }[]>();
  for (const ev of events) {
    const s = ev.sock;
    if (!s || !s.saddr || !s.sport) continue;
    const key = `${s.saddr}\u0000${s.sport}\u0000${s.daddr}\u0000${s.dport}`;
    const item = { ts: ev.ts, srcIp: s.saddr, srcPort: s.sport, dstIp: s.daddr, dstPort: s.dport };
    const list = byTuple.get(key);
    if (list) list.push(item);
    else byTuple.set(key, [item]);
  }

  const out: FlowLookup[] = [];
  for (const list of byTuple.values()) {
    list.sort((a, b) => a.ts - b.ts);
    // A port reused much later is another connection: split where the padded windows don't touch.
    let first = list[0]!;
    let last = first;
    const flush = (): void => {
      const knownPod = opts.ipMap?.podAt(first.dstIp, first.ts) ?? null;
      out.push({
        srcIp: first.srcIp,
        srcPort: first.srcPort,
        ...(knownPod ? { dstIp: first.dstIp } : {}),
        dstPort: first.dstPort,
        sinceMicros: first.ts - pad,
        untilMicros: last.ts + pad,
      });
    };
    for (const item of list.slice(1)) {
      if (item.ts - last.ts > 2 * pad) {
        flush();
        first = item;
      }
      last = item;
    }
    flush();
  }
  return out.sort((a, b) => a.sinceMicros - b.sinceMicros);
}

/** Whether a flow belongs to a lookup: either direction of the connection (requests and replies). */
export function flowMatchesQuery(flow: FlowSummary, q: FlowLookup): boolean {
  if (flow.ts < q.sinceMicros || flow.ts > q.untilMicros) return false;
  const oneWay = (own: FlowSummary['source'], far: FlowSummary['source']): boolean =>
    own.ip === q.srcIp && own.port === q.srcPort && (q.dstIp === undefined || (far.ip === q.dstIp && far.port === q.dstPort));
  return oneWay(flow.source, flow.destination) || oneWay(flow.destination, flow.source);
}
