import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { LiveAlert } from './alerts';

/**
 * GET /api/stream?source=flows|events|all|alerts&q=…: Server-Sent Events. Each message is one of
 * LiveMessages, its name the SSE `event:` field and its value the JSON of `data:`. A `batch`
 * carries the last item's sequence number as its SSE id, so a reconnect resumes with
 * Last-Event-ID.
 */
export type LiveStreamSource = 'flows' | 'events' | 'all' | 'alerts';

export type LiveBatchItem =
  | { seq: number; source: 'flows'; item: FlowSummary }
  | { seq: number; source: 'events'; item: EventSummary }
  | { seq: number; source: 'alerts'; item: LiveAlert };

export interface LiveMessages {
  /** Sent once on connect: the sequence number the stream starts after. */
  hello: { lastSeq: number };
  batch: LiveBatchItem[];
  /** Items this client will not get: too slow a reader, a filter over its budget, or the agent's own losses (`origin`). */
  lost: { count: number; reason: string; origin?: string };
}

export type LiveMessageName = keyof LiveMessages;

/** One SSE frame of a message (the server's side of the contract). */
export function sseFrame<K extends LiveMessageName>(name: K, data: LiveMessages[K], id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
