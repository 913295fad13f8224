import type { AlertChange } from '@/lib/contract/alerts';
import type { AlertSummary } from '@/lib/domain/alerts/alert-types';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';

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

/**
 * A stored record as a live item whose summary and text are read only by a subscriber that looks
 * (a record from a decode worker is then unpacked; with no browser following, flows never are).
 */
class RecordItem {
  constructor(
    readonly source: 'flows' | 'events',
    private readonly rec: FlowRecord | EventRecord,
    readonly seq: number,
  ) {}

  get summary(): FlowSummary | EventSummary {
    return this.rec.summary;
  }

  get json(): string {
    return this.rec.json;
  }

  withSeq(seq: number): RecordItem {
    return new RecordItem(this.source, this.rec, seq);
  }
}

/** A newly stored flow or event for publish(), read lazily (RecordItem). */
export function recordInput(source: 'flows', rec: FlowRecord): LiveInput;
export function recordInput(source: 'events', rec: EventRecord): LiveInput;
export function recordInput(source: 'flows' | 'events', rec: FlowRecord | EventRecord): LiveInput {
  return new RecordItem(source, rec, 0) as unknown as LiveInput;
}

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
    // A RecordItem is not spread: that would read its summary and text.
    const items = inputs.map((i) => (i instanceof RecordItem ? i.withSeq(++this.seq) : { ...i, seq: ++this.seq }) as LiveItem);
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
