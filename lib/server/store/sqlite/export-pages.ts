import type { ExportFormat } from '@/lib/contract/export-format';
import { exportEndText, ownBytes } from '../../api/export-text';

/** One batch of an export, rendered (SqliteStore.exportPage), and the cursor after it (null: the last). */
export interface ExportPage {
  bytes: Uint8Array;
  next: string | null;
}

/** Reads one batch of a range: from `cursor` (null: its start); `first`: nothing sent before it. */
export type ExportPager = (cursor: string | null, first: boolean) => Promise<ExportPage>;

/**
 * One range of an export, read batch by batch: at most one batch in flight, the ones read and not
 * yet sent kept in order. A failed read is kept and thrown when its batch is taken.
 */
class ExportRange {
  private readonly ready: Promise<ExportPage>[] = [];
  private cursor: string | null = null;
  private started = false;
  private ended = false;
  private inFlight = false;

  constructor(private readonly page: ExportPager) {}

  /** Batches read and not taken (the one in flight included). */
  get held(): number {
    return this.ready.length;
  }

  /** Starts reading the next batch unless one is in flight or the range is read. */
  readNext(first: boolean): void {
    if (this.inFlight || this.ended) return;
    const cursor = this.started ? this.cursor : null;
    this.started = true;
    this.inFlight = true;
    const read = this.page(cursor, first).then(
      (p) => {
        this.cursor = p.next;
        if (!p.next) this.ended = true;
        return p;
      },
      (e: unknown) => {
        this.ended = true;
        throw e;
      },
    );
    read.catch(() => {}).finally(() => (this.inFlight = false));
    this.ready.push(read);
  }

  /** The next batch, read now if none is waiting; null when the range is done. */
  async take(first: boolean): Promise<ExportPage | null> {
    if (!this.ready.length) {
      if (this.ended) return null;
      // Let other requests and ingest run between batches of a long export (on this connection).
      if (this.started) await new Promise((resolve) => setImmediate(resolve));
      this.readNext(first);
    }
    return this.ready.shift()!;
  }

  /** The consumer stopped: batches read ahead are dropped, their failures too. */
  drop(): void {
    for (const r of this.ready.splice(0)) r.catch(() => {});
  }
}

/** Batches of a later range read while an earlier one is sent (it holds them until its turn). */
const LATER_RANGE_AHEAD = 1;

/**
 * An export's bytes, batch after batch until the cursor runs out, then what closes the format.
 * `page` reads one batch — on this connection, or on a reader thread (read-pool.ts). Several
 * pagers are consecutive ranges of one export (its time window cut in parts), sent in order.
 *
 * `ahead`: asked when a batch arrives; when it says yes, the one after it is asked for at once,
 * before this one is handed on. On a reader thread the next batch is then read and rendered while
 * this one goes out over the socket, instead of the two taking turns (each waited for the other).
 * With ranges, the next range's first batch is also read then, on the other reader, so both
 * readers render one export (a range's batches follow each other's cursor: one range keeps one
 * reader busy at most). The pool says yes only when a reader is idle, so read-ahead uses spare
 * capacity and never queues before other requests; an export holds at most three batches: the
 * one being sent, its range's next, and the next range's first. Otherwise (and always when
 * reading on this thread) the next batch is read only when the consumer has taken the last.
 */
export async function* exportPages(page: ExportPager | readonly ExportPager[], format: ExportFormat, ahead: () => boolean = () => false): AsyncGenerator<Uint8Array> {
  const ranges = (typeof page === 'function' ? [page] : page).map((p) => new ExportRange(p));
  let first = true;
  try {
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges[i]!;
      const later = ranges[i + 1];
      for (let batch = await range.take(first); batch; batch = await range.take(first)) {
        if (batch.bytes.byteLength) first = false;
        if (ahead()) range.readNext(first);
        // A later range renders "not the first batch" ahead only once something has been sent.
        if (later && !first && later.held < LATER_RANGE_AHEAD && ahead()) later.readNext(false);
        if (batch.bytes.byteLength) yield batch.bytes;
      }
    }
  } finally {
    for (const r of ranges) r.drop();
  }
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
