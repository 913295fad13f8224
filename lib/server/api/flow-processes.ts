import type { FlowProcessesJson } from '@/lib/contract/events';
import type { StoredEvent } from '@/lib/domain/ancestry';
import { compactFlow } from '@/lib/domain/compact-line';
import { connectionSides, destinationProcessesWindow, findConnectingProcess } from '@/lib/domain/correlation';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { CorrelationStore, ProcessEventStore } from '../store/store';
import { eventItem, type FlowItem } from './items';
import { processChain } from './process-ancestry';

/**
 * GET /api/flows/<uuid>/processes: which process made the connection a flow belongs to, with its
 * ancestry, and what the receiving pod's processes did around that moment. Candidates are the
 * socket kprobes on the flow's client side within ±5 s, found through the events_sock index and
 * ranked by findConnectingProcess.
 */
export const CONNECT_WINDOW_MS = 5000;
const DESTINATION_WINDOW_MS = 5000;
const MAX_CANDIDATES = 500;
const MAX_DESTINATION_EVENTS = 500;

export type { FlowProcessesJson };

const strip = ({ event: _json, ...summary }: StoredEvent): EventSummary => summary;

export async function flowProcesses(store: ProcessEventStore & CorrelationStore, item: FlowItem): Promise<FlowProcessesJson> {
  const { event: _json, ...flow } = item;
  const windowUs = CONNECT_WINDOW_MS * 1000;
  const candidates = new Map<string, StoredEvent>();
  for (const { client } of connectionSides(flow)) {
    if (!client.ip || !client.port) continue;
    const rows = await store.sockEvents({ saddr: client.ip, sport: client.port, sinceUs: flow.ts - windowUs, untilUs: flow.ts + windowUs, limit: MAX_CANDIDATES });
    for (const r of rows) if (!candidates.has(r.id)) candidates.set(r.id, eventItem(r));
  }
  const best = findConnectingProcess(flow, [...candidates.values()], { windowMs: CONNECT_WINDOW_MS });
  let connecting: FlowProcessesJson['connecting'] = null;
  if (best) {
    const own = await store.eventsOfExecId(best.event.execId, 200);
    const chain = await processChain(store, [best.event, ...own.rows.map(eventItem)], best.event.execId);
    connecting = { event: strip(best.event), match: best.match, reason: best.reason, score: best.score, deltaMs: best.deltaMs, chain };
  }
  return {
    flow: { id: flow.id, time: flow.time, ts: flow.ts, line: compactFlow(flow) },
    connecting,
    candidates: candidates.size,
    note: connecting ? '' : noMatchNote(flow, candidates.size),
    destination: await destinationEvents(store, flow),
  };
}

function noMatchNote(flow: FlowSummary, candidates: number): string {
  const clients = connectionSides(flow).map(({ client }) => `${client.ip}:${client.port}`).join(' or ');
  if (!flow.source.port && !flow.destination.port) return 'This flow has no ports (ICMP?), so no socket event can be matched to it.';
  if (candidates === 0) {
    return `No socket event (tcp_connect, tcp_sendmsg, tcp_close…) from ${clients} is stored within ±${CONNECT_WINDOW_MS / 1000} s. Is a Tetragon policy hooking tcp_connect loaded on the client's node?`;
  }
  return `${candidates} socket event(s) from ${clients} are stored near this flow, but none matches its connection.`;
}

async function destinationEvents(store: ProcessEventStore & CorrelationStore, flow: FlowSummary): Promise<FlowProcessesJson['destination']> {
  const w = destinationProcessesWindow(flow, DESTINATION_WINDOW_MS);
  if (!w) return null;
  const { rows, truncated } = await store.podEvents({ namespace: w.namespace, pod: w.pod, sinceUs: w.sinceMicros, untilUs: w.untilMicros, limit: MAX_DESTINATION_EVENTS });
  return { namespace: w.namespace, pod: w.pod, sinceUs: w.sinceMicros, untilUs: w.untilMicros, events: rows.map(eventItem).map(strip), truncated };
}
