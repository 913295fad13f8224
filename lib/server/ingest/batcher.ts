import type { EventRecord, FlowRecord, IngestStore, InsertResult } from '@/lib/server/store/store';
import type { IngestSink, LostNotice } from './accept-line';
import type { IngestQueueHealth } from '@/lib/contract/health';

/**
 * Collects decoded records and writes them to the store in batches (one transaction each:
 * SQLite does ~100x more rows per second in a batch than row by row). Memory stays bounded: past
 * the high-water mark the sources are asked to pause (gRPC then pushes back on the agent), and
 * when the store fails (disk full, read-only) the batch is kept and retried while sources stay
 * paused — nothing already received is dropped, and nothing crashes.
 */
/** Batches in the store at once (see flush). */
const MAX_IN_FLIGHT = 2;

export interface BatcherOptions {
  maxBatch: number;
  maxDelayMs: number;
  highWater: number;
  onInserted: (result: InsertResult) => void;
  onLost: (notice: LostNotice) => void;
  onCongestion: (congested: boolean) => void;
  log?: (msg: string) => void;
}

/** As /api/health reports it under `ingest` (lib/contract/health.ts). */
export type BatcherStats = IngestQueueHealth;

export class IngestBatcher implements IngestSink {
  private flows: FlowRecord[] = [];
  private events: EventRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();
  private rowsInFlight = 0;
  private retryMs = 0;
  readonly stats: BatcherStats = { queued: 0, inserted: 0, duplicates: 0, batches: 0, storeError: null, congested: false };
  /** Rows stored per agent (sinkFor's origin), for /metrics; duplicates are not counted. */
  readonly storedByOrigin = new Map<string, { flows: number; events: number }>();
  private readonly origins = new WeakMap<FlowRecord | EventRecord, string>();

  constructor(
    private readonly store: IngestStore,
    private readonly opts: BatcherOptions,
  ) {}

  acceptFlow(rec: FlowRecord): void {
    this.flows.push(rec);
    this.queued();
  }

  acceptEvent(rec: EventRecord): void {
    this.events.push(rec);
    this.queued();
  }

  lost(notice: LostNotice): void {
    this.opts.onLost(notice);
  }

  /** This batcher as one agent's sink: what it stores is tallied under `origin`. */
  sinkFor(origin: string): IngestSink {
    return {
      acceptFlow: (rec) => {
        this.origins.set(rec, origin);
        this.acceptFlow(rec);
      },
      acceptEvent: (rec) => {
        this.origins.set(rec, origin);
        this.acceptEvent(rec);
      },
      lost: (notice) => this.lost(notice),
    };
  }

  private tally(batch: Array<FlowRecord | EventRecord>, inserted: readonly { summary: { id: string } }[], kind: 'flows' | 'events'): void {
    // Usually nothing was a duplicate and every record counts; otherwise only the inserted ids.
    const kept = inserted.length === batch.length ? null : new Set(inserted.map((r) => r.summary.id));
    for (const rec of batch) {
      const origin = this.origins.get(rec);
      if (origin === undefined || (kept && !kept.has(rec.summary.id))) continue;
      let t = this.storedByOrigin.get(origin);
      if (!t) this.storedByOrigin.set(origin, (t = { flows: 0, events: 0 }));
      t[kind]++;
    }
  }

  private queued(): void {
    const n = this.flows.length + this.events.length;
    this.stats.queued = n;
    if (n >= this.opts.highWater && !this.stats.congested) {
      this.stats.congested = true;
      this.opts.onCongestion(true);
    }
    if (n >= this.opts.maxBatch) this.schedule(0);
    else this.schedule(this.opts.maxDelayMs);
  }

  private schedule(delayMs: number): void {
    if (this.writing.size >= MAX_IN_FLIGHT) return; // a running write reschedules when done
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  /**
   * Write the next batch; resolves when it is stored (or the store refused it). Two batches may
   * be in the store at once: while the writer commits one, the next is packed (its JSON
   * compressed) — one at a time left the writer idle ~40 % of a run (npm run bench --profile).
   * While the store is failing, one at a time again.
   */
  async flush(): Promise<void> {
    while (this.writing.size >= MAX_IN_FLIGHT || (this.stats.storeError && this.writing.size > 0)) {
      await Promise.race(this.writing);
    }
    if (this.flows.length === 0 && this.events.length === 0) {
      await Promise.all(this.writing);
      return;
    }
    const flows = this.flows.splice(0, this.opts.maxBatch);
    const events = this.events.splice(0, Math.max(0, this.opts.maxBatch - flows.length));
    const write = this.write(flows, events);
    this.writing.add(write);
    if (this.flows.length + this.events.length >= this.opts.maxBatch && !this.stats.storeError) this.schedule(0);
    await write;
    this.writing.delete(write);
    const remaining = this.flows.length + this.events.length;
    if (this.stats.congested && remaining < this.opts.highWater / 2 && !this.stats.storeError) {
      this.stats.congested = false;
      this.opts.onCongestion(false);
    }
    if (remaining > 0) this.schedule(this.stats.storeError ? this.retryMs : 0);
  }

  private async write(flows: FlowRecord[], events: EventRecord[]): Promise<void> {
    this.rowsInFlight += flows.length + events.length;
    try {
      await this.store.insert(flows, events).then((result) => this.stored(flows, events, result));
    } catch (e) {
      this.refused(flows, events, e as Error);
    } finally {
      // Queued: waiting or being written (a batch the store refuses goes back to the front).
      this.rowsInFlight -= flows.length + events.length;
      this.stats.queued = this.flows.length + this.events.length + this.rowsInFlight;
    }
  }

  private stored(flows: FlowRecord[], events: EventRecord[], result: InsertResult): void {
    this.stats.batches++;
    // The records as stored where the store gives them: their summaries need not be read here.
    const storedFlows = result.flowRecords ?? result.flows.map((summary) => ({ summary }));
    const storedEvents = result.eventRecords ?? result.events.map((summary) => ({ summary }));
    this.stats.inserted += storedFlows.length + storedEvents.length;
    this.stats.duplicates += flows.length + events.length - storedFlows.length - storedEvents.length;
    this.tally(flows, storedFlows, 'flows');
    this.tally(events, storedEvents, 'events');
    if (this.stats.storeError) this.opts.log?.(`store writable again; ingest resumes`);
    this.stats.storeError = null;
    this.retryMs = 0;
    this.opts.onInserted(result);
  }

  /** Keep the batch at the front of the queue and pause the sources until the store recovers. */
  private refused(flows: FlowRecord[], events: EventRecord[], e: Error): void {
    this.flows.unshift(...flows);
    this.events.unshift(...events);
    const msg = e.message;
    if (this.stats.storeError !== msg) this.opts.log?.(`store refused a batch, ingest paused: ${msg}`);
    this.stats.storeError = msg;
    this.retryMs = Math.min(5000, Math.max(250, this.retryMs * 2));
    if (!this.stats.congested) {
      this.stats.congested = true;
      this.opts.onCongestion(true);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
