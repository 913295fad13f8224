import type { ExportFormat, ExportSource } from '@/lib/contract/export-format';
import { badParam } from '../http/http-error';
import { parseListParams, type ListParams } from '../http/list-params';
import type { HistoryStore } from '../store/store';
import { renderedExport } from './export-text';

/**
 * /api/export: the matching rows as upstream protojson lines (NDJSON, like `tetra getevents -o
 * json` / `hubble observe -o json`) or one JSON array. It follows the client's read speed: the
 * body is a pull stream with no queue of its own (highWaterMark 0), so the next store batch is
 * read only when the client has taken the last one, and each batch goes out in chunks of about
 * 64 KiB (Next waits for the socket to drain before asking for the next). A slow reader holds one
 * batch, not the export; a client that goes away stops the query and frees its slot.
 */
export interface ExportParams extends ListParams {
  source: ExportSource;
  format: ExportFormat;
}

export function parseExportParams(search: URLSearchParams): ExportParams {
  const source = search.get('source');
  if (source !== 'flows' && source !== 'events') throw badParam('source', 'must be flows or events');
  const format = search.get('format') ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'json') throw badParam('format', 'must be ndjson or json');
  return { ...parseListParams(source, search), source, format };
}

const CHUNK_BYTES = 64 * 1024;
// Small batches: a slow reader keeps one batch alive for as long as it takes to read it. 200 rows
// (~150 KiB of events) instead of 1000: 20 full exports beside 100 slow readers over 100,000
// events peaked at 532 instead of 846 MiB of server RSS (same machine, same data, one run each).
// Flows are a third of an event's size (~1.1 against ~3.4 KB in the bench store): 600 of them
// hold what 200 events hold, with a third of the batches (each a trip to a reader thread and back).
const EXPORT_BATCH_ROWS: Record<ExportSource, number> = { events: 200, flows: 600 };

export function exportStream(store: HistoryStore, p: ExportParams, signal: AbortSignal, release: () => void = () => {}): Response {
  const query = { q: p.q, sinceUs: p.sinceUs, untilUs: p.untilUs };
  // Rendered where the rows are read when the store can (SQLite's reader threads): this thread then
  // only forwards bytes; 20 full exports had it building strings for every row, and its heap grew
  // by hundreds of MiB of garbage between collections (e2e/export-load, README "Memory").
  const rows = EXPORT_BATCH_ROWS[p.source];
  const batches = store.exportBytes?.(p.source, query, p.format, rows) ?? renderedExport(store.exportRows(p.source, query, rows), p.format);
  const iterator = batches[Symbol.asyncIterator]();
  let batch: Uint8Array | null = null;
  let at = 0;
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    batch = null;
    release();
    await iterator.return?.();
  };
  signal.addEventListener('abort', () => void finish(), { once: true });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (done) return controller.close();
          if (!batch || at >= batch.byteLength) {
            batch = null;
            const next = await iterator.next();
            if (next.done || done) {
              await finish();
              return controller.close();
            }
            batch = next.value;
            at = 0;
          }
          // Views of the batch, not copies, of about 64 KiB each (Next waits for the socket to drain between them).
          const end = Math.min(batch.byteLength, at + CHUNK_BYTES);
          controller.enqueue(batch.subarray(at, end));
          at = end;
        } catch (e) {
          await finish();
          controller.error(e);
        }
      },
      async cancel() {
        await finish();
      },
    },
    { highWaterMark: 0 },
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const ext = p.format === 'ndjson' ? 'ndjson' : 'json';
  return new Response(body, {
    headers: {
      'content-type': p.format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="holocron-${p.source}-${stamp}.${ext}"`,
      'cache-control': 'no-store',
    },
  });
}
