import type { ProcessFlowsJson, SocketDestination } from '@/lib/contract/events';
import type { StoredEvent } from '@/lib/domain/ancestry';
import { flowMatchesQuery, processFlowsQuery, resolveSockDestination } from '@/lib/domain/correlation';
import type { FlowSummary } from '@/lib/domain/records';
import type { CorrelationStore } from '../store/store';
import { loadIpToPodMap } from './ip-map-loader';
import { flowItem } from './items';

/**
 * GET /api/events/<id>/flows: the flows of the event's process. Its socket kprobes give the
 * connection keys (processFlowsQuery); the flows stored on those keys that match are the answer.
 * Each socket event also gets its destination pod resolved through the IP→pod map.
 */
export type { ProcessFlowsJson, SocketDestination };

const MAX_CONNECTIONS = 50;
const FLOWS_PER_CONNECTION = 500;
const MAX_FLOWS = 2000;

export async function processFlows(store: CorrelationStore, processEvents: readonly StoredEvent[]): Promise<ProcessFlowsJson> {
  const socks = processEvents.filter((e) => e.sock && e.sock.saddr);
  if (socks.length === 0) return { items: [], connections: 0, destinations: [], truncated: false };
  const ipMap = await loadIpToPodMap(store, socks);
  const lookups = processFlowsQuery(socks, { ipMap });
  let truncated = lookups.length > MAX_CONNECTIONS;
  const found = new Map<string, FlowSummary>();
  for (const q of lookups.slice(0, MAX_CONNECTIONS)) {
    const rows = await store.flowsOnEndpoint(q.srcIp, q.srcPort, q.sinceMicros, q.untilMicros, FLOWS_PER_CONNECTION);
    if (rows.length === FLOWS_PER_CONNECTION) truncated = true;
    for (const r of rows) {
      if (found.has(r.id)) continue;
      const { event: _json, ...flow } = flowItem(r);
      if (flowMatchesQuery(flow, q)) found.set(r.id, flow);
    }
  }
  const items = [...found.values()].sort((a, b) => a.ts - b.ts);
  if (items.length > MAX_FLOWS) truncated = true;
  const destinations = socks.map((e) => ({
    eventId: e.id,
    daddr: e.sock!.daddr,
    dport: e.sock!.dport,
    destination: resolveSockDestination(e.sock!, e.ts, ipMap),
  }));
  return { items: items.slice(0, MAX_FLOWS), connections: lookups.length, destinations, truncated };
}
