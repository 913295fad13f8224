import type Database from 'better-sqlite3';
import type { InsertResult, StoreCounts } from '../store';
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

  added(r: InsertResult): void {
    this.flows += r.flows.length;
    this.events += r.events.length;
    for (const f of r.flows) {
      this.byVerdict[f.verdict] = (this.byVerdict[f.verdict] ?? 0) + 1;
      this.widen(f.ts);
    }
    for (const e of r.events) {
      this.byKind[e.kind] = (this.byKind[e.kind] ?? 0) + 1;
      this.widen(e.ts);
    }
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
