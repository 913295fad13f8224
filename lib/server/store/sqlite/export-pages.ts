import type { ExportFormat } from '@/lib/contract/export-format';
import { exportEndText, ownBytes } from '../../api/export-text';

/** One batch of an export, rendered (SqliteStore.exportPage), and the cursor after it (null: the last). */
export interface ExportPage {
  bytes: Uint8Array;
  next: string | null;
}

/**
 * An export's bytes, batch after batch until the cursor runs out, then what closes the format.
 * `page` reads one batch — on this connection, or on a reader thread (read-pool.ts) — and is only
 * asked for the next when the consumer has taken the last: an export holds one batch at a time.
 */
export async function* exportPages(page: (cursor: string | null, first: boolean) => Promise<ExportPage>, format: ExportFormat): AsyncGenerator<Uint8Array> {
  let cursor: string | null = null;
  let first = true;
  for (;;) {
    const { bytes, next }: ExportPage = await page(cursor, first);
    if (bytes.byteLength) {
      first = false;
      yield bytes;
    }
    if (!next) break;
    cursor = next;
    // Let other requests and ingest run between batches of a long export (on this connection).
    await new Promise((resolve) => setImmediate(resolve));
  }
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
