import type Database from 'better-sqlite3';
import type { InsertResult, StoreCounts } from '../store';

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
    const span = this.db
      .prepare(
        `SELECT min(lo) AS lo, max(hi) AS hi FROM (
           SELECT min(ts) AS lo, max(ts) AS hi FROM flows UNION ALL SELECT min(ts), max(ts) FROM events)`,
      )
      .get() as { lo: number | null; hi: number | null };
    this.oldestUs = span.lo;
    this.newestUs = span.hi;
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
