import type { StoredEvent } from '@/lib/domain/ancestry';
import { buildIpToPodMap, type IpToPodMap } from '@/lib/domain/correlation';
import type { FlowSummary } from '@/lib/domain/records';
import type { CorrelationStore } from '../store/store';
import { flowItem } from './items';

/**
 * The IP→pod map for a handful of socket events, taught by the stored flows around them: flows
 * touching each destination address (did a pod hold it?) and flows on each client (address, port)
 * (the same connection after Service translation). Bounded per address so a busy Service IP
 * cannot make one page load read the whole table.
 */
const BEFORE_US = 10 * 60_000_000; // an IP is usually seen on its pod long before and after
const AFTER_US = 60_000_000;
const CONNECTION_PAD_US = 5_000_000;
const FLOWS_PER_IP = 2000;
const FLOWS_PER_CONNECTION = 200;
const MAX_ADDRESSES = 32;

export async function loadIpToPodMap(store: CorrelationStore, sockEvents: readonly StoredEvent[]): Promise<IpToPodMap> {
  const flows = new Map<string, FlowSummary>();
  const add = (rows: { id: string; json: string }[]) => {
    for (const r of rows) if (!flows.has(r.id)) flows.set(r.id, flowItem(r));
  };
  const daddrs = new Map<string, { min: number; max: number }>();
  const clients = new Map<string, { ip: string; port: number; min: number; max: number }>();
  for (const ev of sockEvents) {
    const s = ev.sock;
    if (!s) continue;
    if (s.daddr) widen(daddrs, s.daddr, ev.ts, () => ({ min: ev.ts, max: ev.ts }));
    if (s.saddr && s.sport) widen(clients, `${s.saddr}:${s.sport}`, ev.ts, () => ({ ip: s.saddr, port: s.sport, min: ev.ts, max: ev.ts }));
  }
  for (const [ip, t] of [...daddrs].slice(0, MAX_ADDRESSES)) {
    add(await store.flowsTouchingIp(ip, t.min - BEFORE_US, t.max + AFTER_US, FLOWS_PER_IP));
  }
  for (const c of [...clients.values()].slice(0, MAX_ADDRESSES)) {
    add(await store.flowsOnEndpoint(c.ip, c.port, c.min - CONNECTION_PAD_US, c.max + CONNECTION_PAD_US, FLOWS_PER_CONNECTION));
  }
  return buildIpToPodMap([...flows.values()]);
}

function widen<T extends { min: number; max: number }>(m: Map<string, T>, key: string, ts: number, make: () => T): void {
  const cur = m.get(key);
  if (!cur) m.set(key, make());
  else {
    cur.min = Math.min(cur.min, ts);
    cur.max = Math.max(cur.max, ts);
  }
}
