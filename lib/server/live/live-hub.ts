import type { AlertChange } from '@/lib/contract/alerts';
import type { AlertSummary } from '@/lib/domain/alerts/alert-types';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';

/**
 * Fan-out of newly stored items to live subscribers (SSE clients, detection). Every item gets a
 * sequence number; a ring of the most recent ones lets a reconnecting browser resume from its
 * Last-Event-ID. Publishing never waits for a subscriber: slow ones are dealt with in their own
 * bounded queue (see sse-stream.ts).
 */
export type LiveInput =
  | { source: 'flows'; summary: FlowSummary; json: string; relayed?: true }
  | { source: 'events'; summary: EventSummary; json: string; relayed?: true }
  | { source: 'lost'; count: number; reason: string; origin: string; atUs: number }
  | { source: 'alerts'; summary: AlertSummary; change: AlertChange; relayed?: true };

/**
 * `relayed`: stored by another server sharing the ClickHouse store (clickhouse/relay.ts) — shown
 * to live clients, but not evaluated by detection again (the storing server did that).
 */
export type LiveItem = LiveInput & { seq: number };

/** A new alert, or an existing one whose count grew (aggregated repeat): see lib/contract/alerts.ts. */
export type { AlertChange };

export type LiveListener = (items: readonly LiveItem[]) => void;

export class LiveHub {
  private seq = 0;
  private readonly ring: LiveItem[] = [];
  private readonly listeners = new Set<LiveListener>();

  constructor(private readonly ringSize = 10_000) {}

  get lastSeq(): number {
    return this.seq;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  publish(inputs: readonly LiveInput[]): void {
    if (inputs.length === 0) return;
    const items = inputs.map((i) => ({ ...i, seq: ++this.seq }) as LiveItem);
    this.ring.push(...items);
    if (this.ring.length > this.ringSize) this.ring.splice(0, this.ring.length - this.ringSize);
    for (const listener of this.listeners) {
      try {
        listener(items);
      } catch (e) {
        console.error('[live] subscriber failed:', e);
      }
    }
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Items after `seq` still in the ring, and whether some were already evicted (a gap). */
  since(seq: number): { items: LiveItem[]; missed: number } {
    const first = this.ring[0];
    if (!first || seq >= this.seq) return { items: [], missed: 0 };
    const missed = Math.max(0, first.seq - seq - 1);
    const start = this.ring.findIndex((i) => i.seq > seq);
    return { items: start < 0 ? [] : this.ring.slice(start), missed };
  }
}
