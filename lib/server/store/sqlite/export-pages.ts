import type { ExportFormat } from '@/lib/contract/export-format';
import { exportEndText, ownBytes } from '../../api/export-text';

/** One batch of an export, rendered (SqliteStore.exportPage), and the cursor after it (null: the last). */
export interface ExportPage {
  bytes: Uint8Array;
  next: string | null;
}

/**
 * An export's bytes, batch after batch until the cursor runs out, then what closes the format.
 * `page` reads one batch — on this connection, or on a reader thread (read-pool.ts).
 *
 * `ahead`: asked when a batch arrives; when it says yes, the one after it is asked for at once,
 * before this one is handed on. On a reader thread the next batch is then read and rendered while
 * this one goes out over the socket, instead of the two taking turns (each waited for the other).
 * The pool says yes only when a reader is idle, so read-ahead uses spare capacity and never queues
 * before other requests; an export holds at most two batches, the one being sent and the next.
 * Otherwise (and always when reading on this thread) the next batch is read only when the
 * consumer has taken the last.
 */
export async function* exportPages(page: (cursor: string | null, first: boolean) => Promise<ExportPage>, format: ExportFormat, ahead: () => boolean = () => false): AsyncGenerator<Uint8Array> {
  let first = true;
  let pending: Promise<ExportPage> | null = page(null, true);
  try {
    while (pending) {
      const { bytes, next }: ExportPage = await pending;
      pending = null;
      if (bytes.byteLength) first = false;
      const fetchNext: (() => Promise<ExportPage>) | null = next ? () => page(next, first) : null;
      if (fetchNext && ahead()) pending = fetchNext();
      if (bytes.byteLength) yield bytes;
      if (fetchNext && !pending) {
        // Let other requests and ingest run between batches of a long export (on this connection).
        await new Promise((resolve) => setImmediate(resolve));
        pending = fetchNext();
      }
    }
  } finally {
    // A consumer that stopped early (a client gone): the batch read ahead is dropped, its failure too.
    pending?.catch(() => {});
  }
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
