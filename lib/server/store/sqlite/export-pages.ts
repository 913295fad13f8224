import type { ExportFormat } from '@/lib/contract/export-format';
import type { ListQuery, Page, StoredRow } from '../store';
import { exportEndText, ownBytes } from '../../api/export-text';

/** One batch of an export, rendered (SqliteStore.exportPage), and the cursor after it (null: the last). */
export interface ExportPage {
  bytes: Uint8Array;
  next: string | null;
}

/** What an export reads: everything matching, oldest first, batch by batch. */
export type ExportQuery = Omit<ListQuery, 'limit' | 'cursor'>;

/**
 * The one cursor loop of every export (rows or bytes, on this connection or through the read
 * pool): pages until the cursor runs out.
 *
 * `ahead`: asked when a page arrives; when it says yes, the one after it is asked for at once,
 * before this one is handed on. On a reader thread the next batch is then read and rendered while
 * this one goes out over the socket, instead of the two taking turns (each waited for the other).
 * The pool says yes only when a reader is idle, so read-ahead uses spare capacity and never queues
 * before other requests; an export holds at most two pages, the one being sent and the next.
 * Otherwise the next page is read only when the consumer has taken the last, after a turn of the
 * event loop: other requests and ingest run between the batches of a long export.
 */
export async function* cursorPages<P extends { next: string | null }>(page: (cursor: string | null) => Promise<P>, ahead: () => boolean = () => false): AsyncGenerator<P> {
  let pending: Promise<P> | null = page(null);
  try {
    while (pending) {
      const current: P = await pending;
      pending = null;
      const next = current.next;
      if (next !== null && ahead()) pending = page(next);
      yield current;
      if (next !== null && !pending) {
        await new Promise((resolve) => setImmediate(resolve));
        pending = page(next);
      }
    }
  } finally {
    // A consumer that stopped early (a client gone): the page read ahead is dropped, its failure too.
    pending?.catch(() => {});
  }
}

/** An export's rows, batch by batch (Store.exportRows), from a list method (this connection's or the pool's). */
export async function* exportRowPages(list: (query: ListQuery) => Promise<Page>, query: ExportQuery, batchRows: number): AsyncGenerator<StoredRow[]> {
  for await (const page of cursorPages((cursor) => list({ ...query, order: 'oldest', limit: batchRows, cursor }))) {
    if (page.rows.length) yield page.rows;
  }
}

/**
 * An export's bytes, batch after batch (`page` renders one: SqliteStore.exportPage, here or on a
 * reader thread), then what closes the format. `first`: no batch before this one wrote a byte
 * (the JSON array's opening bracket goes with the first one that does).
 */
export async function* exportPages(page: (cursor: string | null, first: boolean) => Promise<ExportPage>, format: ExportFormat, ahead: () => boolean = () => false): AsyncGenerator<Uint8Array> {
  let first = true;
  // Pages are asked for one after another (the next only once the last has arrived), so `first` is settled by then.
  const render = async (cursor: string | null): Promise<ExportPage> => {
    const p = await page(cursor, first);
    if (p.bytes.byteLength) first = false;
    return p;
  };
  for await (const { bytes } of cursorPages(render, ahead)) if (bytes.byteLength) yield bytes;
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
