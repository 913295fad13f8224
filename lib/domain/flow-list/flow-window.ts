import type { WithLoss } from '@/lib/domain/loss-line';
import type { FlowSummary } from '@/lib/domain/records';

/** A row: the flow's summary, and `loss` when it stands for a loss line (drawn as a gap marker). */
export type FlowRow = WithLoss<FlowSummary>;
import { compareByTimeDesc, flowComparator, type FlowSort } from './flow-sort';
import { mergeSorted } from './merge-sorted';

/**
 * The rows the flows table holds in the browser: history pages and the live tail merged into one
 * list, deduplicated by uuid, sorted, and bounded by `cap` so memory stays flat at any rate.
 *
 * - Live rows are held back (`pending`, counted as "N new") while the user has paused or scrolled
 *   away from the top, so nothing moves under their eyes; releasing merges them in one pass.
 * - Over the cap, the oldest rows go when live rows arrive, and the newest go when the user pages
 *   into history (they are reading old rows). Both are counted so the UI can say so, and the
 *   older-page position is recomputed so scrolling down loads the evicted rows again.
 *
 * Mutable on purpose (a 100k-entry Set copied per batch would cost more than the render), but
 * every change produces a fresh immutable snapshot, which is what React state holds.
 */
export type OlderPage = { cursor: string | null; until: string | null } | 'end';

export interface FlowWindowSnapshot {
  rows: readonly FlowRow[]; // in view order (the current sort)
  pending: number; // live rows held back
  holding: boolean;
  droppedOlder: number; // rows evicted at the old end to respect the cap
  droppedNewer: number; // rows evicted at the new end while paging into history
  reloadNeeded: boolean; // the rows no longer join up with "now": fetch the first page again
  older: OlderPage;
  version: number;
}

export class FlowWindow {
  private byTime: FlowRow[] = []; // newest first; eviction works on this one
  private view: FlowRow[] = []; // the same rows in the current sort
  private readonly ids = new Set<string>();
  private pendingRows: FlowRow[] = [];
  private readonly pendingIds = new Set<string>();
  private pendingOverflow = 0;
  private hold = false;
  private gapAbove = false; // newest rows were evicted: live rows no longer join up
  private droppedOlder = 0;
  private droppedNewer = 0;
  private older: OlderPage = { cursor: null, until: null };
  private sort: FlowSort;
  private cmp: (a: FlowRow, b: FlowRow) => number;
  private version = 0;
  private snap: FlowWindowSnapshot | null = null;

  constructor(
    readonly cap: number,
    sort: FlowSort = { column: 'time', desc: true },
  ) {
    this.sort = sort;
    this.cmp = flowComparator(sort);
  }

  snapshot(): FlowWindowSnapshot {
    this.snap ??= {
      rows: this.view,
      pending: this.pendingRows.length + this.pendingOverflow,
      holding: this.hold,
      droppedOlder: this.droppedOlder,
      droppedNewer: this.droppedNewer,
      reloadNeeded: this.gapAbove || this.pendingOverflow > 0,
      older: this.older,
      version: this.version,
    };
    return this.snap;
  }

  private changed(): void {
    this.version++;
    this.snap = null;
  }

  private get timeSorted(): boolean {
    return this.sort.column === 'time' && this.sort.desc;
  }

  /** Forget everything (new filter or time range). */
  clear(): void {
    this.byTime = [];
    this.view = [];
    this.ids.clear();
    this.pendingRows = [];
    this.pendingIds.clear();
    this.pendingOverflow = 0;
    this.gapAbove = false;
    this.droppedOlder = 0;
    this.droppedNewer = 0;
    this.older = { cursor: null, until: null };
    this.changed();
  }

  setSort(sort: FlowSort): void {
    if (sort.column === this.sort.column && sort.desc === this.sort.desc) return;
    this.sort = sort;
    this.cmp = flowComparator(sort);
    this.view = this.timeSorted ? this.byTime : this.byTime.slice().sort(this.cmp);
    this.changed();
  }

  private fresh(rows: readonly FlowRow[]): FlowRow[] {
    const out: FlowRow[] = [];
    for (const r of rows) {
      if (this.ids.has(r.id)) continue;
      this.ids.add(r.id);
      out.push(r);
    }
    return out;
  }

  private merge(rows: FlowRow[]): void {
    const byTime = rows.slice().sort(compareByTimeDesc);
    this.byTime = mergeSorted(this.byTime, byTime, compareByTimeDesc);
    this.view = this.timeSorted ? this.byTime : mergeSorted(this.view, rows.sort(this.cmp), this.cmp);
  }

  private evict(end: 'oldest' | 'newest'): void {
    const over = this.byTime.length - this.cap;
    if (over <= 0) return;
    const gone = end === 'oldest' ? this.byTime.slice(this.cap) : this.byTime.slice(0, over);
    this.byTime = end === 'oldest' ? this.byTime.slice(0, this.cap) : this.byTime.slice(over);
    for (const r of gone) this.ids.delete(r.id);
    if (this.timeSorted) this.view = this.byTime;
    else {
      const goneIds = new Set(gone.map((r) => r.id));
      this.view = this.view.filter((r) => !goneIds.has(r.id));
    }
    if (end === 'oldest') {
      this.droppedOlder += over;
      // The server's cursor pointed past rows we no longer hold: page again from the oldest kept.
      const oldest = this.byTime[this.byTime.length - 1];
      this.older = { cursor: null, until: oldest ? oldest.time : null };
    } else {
      this.droppedNewer += over;
      this.gapAbove = true;
    }
  }

  /** Rows from the live stream. */
  addLive(rows: readonly FlowRow[]): void {
    if (rows.length === 0) return;
    if (this.hold || this.gapAbove) {
      for (const r of rows) {
        if (this.ids.has(r.id) || this.pendingIds.has(r.id)) continue;
        this.pendingIds.add(r.id);
        this.pendingRows.push(r);
      }
      const over = this.pendingRows.length - this.cap;
      if (over > 0) {
        for (const r of this.pendingRows.splice(0, over)) this.pendingIds.delete(r.id);
        this.pendingOverflow += over;
      }
      this.changed();
      return;
    }
    const fresh = this.fresh(rows);
    if (fresh.length === 0) return;
    this.merge(fresh);
    this.evict('oldest');
    this.changed();
  }

  /** A page of stored rows (newest first) and where the next older page starts. */
  addHistory(rows: readonly FlowRow[], next: string | null): void {
    const fresh = this.fresh(rows);
    if (fresh.length) this.merge(fresh);
    const oldestAsked = this.older !== 'end' ? this.older : null;
    this.older = next ? { cursor: next, until: oldestAsked?.until ?? null } : 'end';
    this.evict('newest');
    this.changed();
  }

  /** Hold live rows back (paused, or scrolled away from the top) or release them. */
  setHolding(hold: boolean): void {
    if (hold === this.hold) return;
    this.hold = hold;
    if (!hold && !this.gapAbove && this.pendingOverflow === 0 && this.pendingRows.length) {
      const rows = this.pendingRows;
      this.pendingRows = [];
      this.pendingIds.clear();
      this.merge(this.fresh(rows));
      this.evict('oldest');
    }
    this.changed();
  }
}
