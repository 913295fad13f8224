import type { ApiAnswer } from '@/lib/contract/routes';
import { lossOfFlowLine } from '@/lib/domain/loss-line';
import type { Page } from '../store/store';
import { eventItem, flowItem } from './items';

/**
 * The bodies of /api/flows and /api/events from a store page, typed against the contract. Built
 * where the page is read when the store can (SQLite's reader threads, AnswerStore.listAnswer): the
 * rows' JSON parsed, summarised and written out again there, so the event loop — which also runs
 * gRPC ingest, the decode hand-over and the live fan-out — only forwards the bytes.
 */
export type FlowsFields = 'all' | 'summary';

/** `summary` leaves out the upstream object, except on loss lines (lost_events, node_status), which the table draws from it. */
export function flowsAnswer(page: Page, fields: FlowsFields): ApiAnswer<'GET /api/flows'> {
  const items = page.rows.map(flowItem);
  return {
    items: fields === 'summary' ? items.map(({ event, ...summary }) => (lossOfFlowLine(event) ? { ...summary, event } : summary)) : items,
    next: page.next,
  };
}

export function eventsAnswer(page: Page): ApiAnswer<'GET /api/events'> {
  return { items: page.rows.map(eventItem), next: page.next };
}

const utf8 = new TextEncoder();

/** A body as UTF-8 in a buffer of its own (never a slice of Node's shared pool), so a reader thread can transfer it. */
export function jsonBytes(body: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(body));
}

/** `bytes` itself when it owns its whole buffer, else a copy that does (transferable between threads). */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}
