import type Database from 'better-sqlite3';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { StoreCounts } from '../store';
import { storedTimeSpan } from './time-span';

/**
 * Counts by kind and verdict, computed with SQL at open and after retention, and kept current
 * in memory on insert — so /api/health stays cheap at a million rows.
 */
export class SqliteCounters {
  private flows = 0;
  private events = 0;
  private byKind: Record<string, number> = {};
  private byVerdict: Record<string, number> = {};
  private oldestUs: number | null = null;
  private newestUs: number | null = null;

  constructor(
    private readonly db: Database.Database | null,
  ) {
    this.recount();
  }

  /** For a connection that only reads (a reader thread): its counts are the opening store's. */
  static none(): SqliteCounters {
    return new SqliteCounters(null);
  }

  recount(): void {
    if (!this.db) return;
    const kinds = this.db.prepare('SELECT kind, count(*) AS n FROM events GROUP BY kind').all() as { kind: string; n: number }[];
    const verdicts = this.db.prepare('SELECT verdict, count(*) AS n FROM flows GROUP BY verdict').all() as {
      verdict: string;
      n: number;
    }[];
    this.byKind = Object.fromEntries(kinds.map((r) => [r.kind, r.n]));
    this.byVerdict = Object.fromEntries(verdicts.map((r) => [r.verdict, r.n]));
    this.events = kinds.reduce((s, r) => s + r.n, 0);
    this.flows = verdicts.reduce((s, r) => s + r.n, 0);
    this.readSpan(this.db);
  }

  private readSpan(db: Database.Database): void {
    const span = storedTimeSpan(db);
    this.oldestUs = span?.oldestUs ?? null;
    this.newestUs = span?.newestUs ?? null;
  }

  /**
   * Retention deleted these (sqlite-writes.ts tallies them): taken off the counts, the time span
   * read again from the ts indexes. A recount grouped every stored row: seconds at ten million
   * stored, on the event loop, after every retention pass that deleted anything.
   */
  removed(flowsByVerdict: Record<string, number>, eventsByKind: Record<string, number>): void {
    if (!this.db) return;
    const take = (counts: Record<string, number>, gone: Record<string, number>): number => {
      let n = 0;
      for (const [k, v] of Object.entries(gone)) {
        const left = (counts[k] ?? 0) - v;
        if (left > 0) counts[k] = left;
        else delete counts[k];
        n += v;
      }
      return n;
    };
    this.flows = Math.max(0, this.flows - take(this.byVerdict, flowsByVerdict));
    this.events = Math.max(0, this.events - take(this.byKind, eventsByKind));
    this.readSpan(this.db);
  }

  added(t: InsertTally): void {
    this.flows += t.flows;
    this.events += t.events;
    for (const [k, n] of Object.entries(t.byVerdict)) this.byVerdict[k] = (this.byVerdict[k] ?? 0) + n;
    for (const [k, n] of Object.entries(t.byKind)) this.byKind[k] = (this.byKind[k] ?? 0) + n;
    if (t.oldestUs !== null) this.widen(t.oldestUs);
    if (t.newestUs !== null) this.widen(t.newestUs);
  }

  private widen(ts: number): void {
    if (this.oldestUs === null || ts < this.oldestUs) this.oldestUs = ts;
    if (this.newestUs === null || ts > this.newestUs) this.newestUs = ts;
  }

  timeSpan(): { oldestUs: number; newestUs: number } | null {
    return this.oldestUs === null || this.newestUs === null ? null : { oldestUs: this.oldestUs, newestUs: this.newestUs };
  }

  snapshot(): Omit<StoreCounts, 'bytes'> {
    return {
      flows: this.flows,
      events: this.events,
      eventsByKind: { ...this.byKind },
      flowsByVerdict: { ...this.byVerdict },
      oldestUs: this.oldestUs,
      newestUs: this.newestUs,
    };
  }
}

/** What a batch added to the counts: made where the rows are (the writer thread), so the main thread need not read every summary. */
export interface InsertTally {
  flows: number;
  events: number;
  byVerdict: Record<string, number>;
  byKind: Record<string, number>;
  oldestUs: number | null;
  newestUs: number | null;
}

export function tallyOf(flows: readonly FlowSummary[], events: readonly EventSummary[]): InsertTally {
  const t: InsertTally = { flows: flows.length, events: events.length, byVerdict: {}, byKind: {}, oldestUs: null, newestUs: null };
  const widen = (ts: number) => {
    if (t.oldestUs === null || ts < t.oldestUs) t.oldestUs = ts;
    if (t.newestUs === null || ts > t.newestUs) t.newestUs = ts;
  };
  for (const f of flows) {
    t.byVerdict[f.verdict] = (t.byVerdict[f.verdict] ?? 0) + 1;
    widen(f.ts);
  }
  for (const e of events) {
    t.byKind[e.kind] = (t.byKind[e.kind] ?? 0) + 1;
    widen(e.ts);
  }
  return t;
}
