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

/** The agents of a batch's records, position by position. */
interface BatchOrigins {
  flows: (string | undefined)[];
  events: (string | undefined)[];
}

/** As /api/health reports it under `ingest` (lib/contract/health.ts). */
export type BatcherStats = IngestQueueHealth;

export class IngestBatcher implements IngestSink {
  private flows: FlowRecord[] = [];
  private events: EventRecord[] = [];
  /**
   * Each queued record's agent (sinkFor's origin; undefined when accepted directly), beside it.
   * A WeakMap keyed by record cost an ephemeron entry per item for the collector to trace.
   */
  private flowOrigins: (string | undefined)[] = [];
  private eventOrigins: (string | undefined)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();
  private rowsInFlight = 0;
  private retryMs = 0;
  readonly stats: BatcherStats = { queued: 0, inserted: 0, duplicates: 0, batches: 0, storeError: null, congested: false };
  /** Rows stored per agent (sinkFor's origin), for /metrics; duplicates are not counted. */
  readonly storedByOrigin = new Map<string, { flows: number; events: number }>();

  constructor(
    private readonly store: IngestStore,
    private readonly opts: BatcherOptions,
  ) {}

  acceptFlow(rec: FlowRecord, origin?: string): void {
    this.flows.push(rec);
    this.flowOrigins.push(origin);
    this.queued();
  }

  acceptEvent(rec: EventRecord, origin?: string): void {
    this.events.push(rec);
    this.eventOrigins.push(origin);
    this.queued();
  }

  lost(notice: LostNotice): void {
    this.opts.onLost(notice);
  }

  /** This batcher as one agent's sink: what it stores is tallied under `origin`. */
  sinkFor(origin: string): IngestSink {
    return {
      acceptFlow: (rec) => this.acceptFlow(rec, origin),
      acceptEvent: (rec) => this.acceptEvent(rec, origin),
      lost: (notice) => this.lost(notice),
    };
  }

  private tally(batch: Array<FlowRecord | EventRecord>, origins: readonly (string | undefined)[], inserted: readonly { summary: { id: string } }[], kind: 'flows' | 'events'): void {
    // Usually nothing was a duplicate and every record counts; otherwise only the inserted ids.
    const kept = inserted.length === batch.length ? null : new Set(inserted.map((r) => r.summary.id));
    for (let i = 0; i < batch.length; i++) {
      const origin = origins[i];
      if (origin === undefined || (kept && !kept.has(batch[i]!.summary.id))) continue;
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
    const origins = { flows: this.flowOrigins.splice(0, flows.length), events: this.eventOrigins.splice(0, events.length) };
    const write = this.write(flows, events, origins);
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

  private async write(flows: FlowRecord[], events: EventRecord[], origins: BatchOrigins): Promise<void> {
    this.rowsInFlight += flows.length + events.length;
    try {
      await this.store.insert(flows, events).then((result) => this.stored(flows, events, origins, result));
    } catch (e) {
      this.refused(flows, events, origins, e as Error);
    } finally {
      // Queued: waiting or being written (a batch the store refuses goes back to the front).
      this.rowsInFlight -= flows.length + events.length;
      this.stats.queued = this.flows.length + this.events.length + this.rowsInFlight;
    }
  }

  private stored(flows: FlowRecord[], events: EventRecord[], origins: BatchOrigins, result: InsertResult): void {
    this.stats.batches++;
    // The records as stored where the store gives them: their summaries need not be read here.
    const storedFlows = result.flowRecords ?? result.flows.map((summary) => ({ summary }));
    const storedEvents = result.eventRecords ?? result.events.map((summary) => ({ summary }));
    this.stats.inserted += storedFlows.length + storedEvents.length;
    this.stats.duplicates += flows.length + events.length - storedFlows.length - storedEvents.length;
    this.tally(flows, origins.flows, storedFlows, 'flows');
    this.tally(events, origins.events, storedEvents, 'events');
    if (this.stats.storeError) this.opts.log?.(`store writable again; ingest resumes`);
    this.stats.storeError = null;
    this.retryMs = 0;
    this.opts.onInserted(result);
  }

  /** Keep the batch at the front of the queue and pause the sources until the store recovers. */
  private refused(flows: FlowRecord[], events: EventRecord[], origins: BatchOrigins, e: Error): void {
    this.flows.unshift(...flows);
    this.events.unshift(...events);
    this.flowOrigins.unshift(...origins.flows);
    this.eventOrigins.unshift(...origins.events);
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
