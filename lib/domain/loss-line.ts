/**
 * Lines that report a loss or an outage rather than an event: Tetragon's `rate_limit_info` (the
 * agent dropped N process events), Hubble's `lost_events` (N flows lost from a ring buffer or a
 * queue) and Relay's `node_status` (a node became unavailable, so its flows are missing). They are
 * recognised by the top-level member of the upstream line, exactly as the CLIs print them, and
 * drawn as gap markers where they happened.
 */
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';

export interface LossLine {
  kind: 'rate_limit_info' | 'lost_events' | 'node_status';
  /** How many events are missing, when the line says (node_status does not). */
  count: number | null;
  /** A sentence for the marker: "1,204 flows lost (PERF_EVENT_RING_BUFFER, cpu 3)". Plain text. */
  text: string;
}

/** 64-bit counts come as strings; a count past 2^53 is still "a lot", so a float is fine here. */
function count(v: string | number | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

const plural = (n: number | null, what: string) => (n === null ? `? ${what}s` : `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`);

export function lossOfEvent(line: TetragonEventJson | null | undefined): LossLine | null {
  const r = line?.rate_limit_info;
  if (!r) return null;
  const n = count(r.number_of_dropped_process_events);
  return { kind: 'rate_limit_info', count: n, text: `${plural(n, 'process event')} dropped by the agent's rate limit${line.node_name ? ` on ${line.node_name}` : ''}` };
}

export function lossOfFlowLine(line: HubbleFlowJson | null | undefined): LossLine | null {
  if (line?.lost_events) {
    const l = line.lost_events;
    const n = count(l.num_events_lost);
    const where = [l.source !== undefined ? String(l.source) : '', l.cpu !== undefined ? `cpu ${l.cpu}` : ''].filter(Boolean).join(', ');
    return { kind: 'lost_events', count: n, text: `${plural(n, 'flow')} lost${where ? ` (${where})` : ''}${line.node_name ? ` on ${line.node_name}` : ''}` };
  }
  if (line?.node_status) {
    const s = line.node_status;
    const nodes = s.node_names?.length ? s.node_names.join(', ') : 'nodes';
    return { kind: 'node_status', count: null, text: `${s.state_change ?? 'node status'}: ${nodes}${s.message ? ` — ${s.message}` : ''}` };
  }
  return null;
}

/** A stored item of either source (its `event` is the upstream line). */
export function lossOfItem(event: unknown): LossLine | null {
  if (!event || typeof event !== 'object') return null;
  return lossOfEvent(event as TetragonEventJson) ?? lossOfFlowLine(event as HubbleFlowJson);
}

/** A table row that may stand for a loss line: the table draws it as a gap marker. */
export type WithLoss<T> = T & { loss?: LossLine | null };

/** An API item as a row: the summary, plus `loss` when its upstream line is a loss line. */
export function withLoss<T extends object>(item: T & { event?: unknown }): WithLoss<Omit<T, 'event'>> {
  const { event, ...summary } = item;
  const loss = lossOfItem(event);
  return loss ? { ...summary, loss } : summary;
}

/**
 * A live flow item comes without its upstream object: a loss line is then known by the `type`
 * the store gives it (LOST_EVENTS, NODE_STATUS) and its summary text ("77 events lost (…)").
 */
export function lossOfFlowSummary(s: { type: string; summary: string; node: string }): LossLine | null {
  if (s.type === 'LOST_EVENTS') {
    const m = /^(\d+)\b/.exec(s.summary);
    return { kind: 'lost_events', count: m ? Number(m[1]) : null, text: `${s.summary}${s.node ? ` on ${s.node}` : ''}` };
  }
  if (s.type === 'NODE_STATUS') return { kind: 'node_status', count: null, text: s.summary };
  return null;
}
