import type { ExportFormat } from '@/lib/contract/export-format';
import { exportLine } from './export-line';

/**
 * An export as the bytes that go out, one batch of rows at a time: each row's line
 * (export-line.ts) with the format's separators — NDJSON, or the inside of one JSON array
 * (`first`: the batch that opens it). SQLite renders a batch where its rows are read, on a reader
 * thread (read-pool.ts), and hands over the bytes without a copy: the event loop that serves
 * every other request then only forwards them, and allocates nothing per row.
 */
export function exportBatchText(jsons: readonly string[], format: ExportFormat, first: boolean): string {
  if (jsons.length === 0) return '';
  const lines = jsons.map(exportLine);
  return format === 'ndjson' ? `${lines.join('\n')}\n` : `${first ? '[\n' : ',\n'}${lines.join(',\n')}`;
}

/** What closes an export: nothing for NDJSON; the array's `]`, or `[]` when no row was written. */
export function exportEndText(format: ExportFormat, wroteAny: boolean): string {
  if (format === 'ndjson') return '';
  return wroteAny ? '\n]\n' : '[]\n';
}

const encoder = new TextEncoder();

/** UTF-8 in a buffer of its own (never a slice of a shared pool), so it can be transferred to another thread. */
export function ownBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** For a store that yields rows (exportRows): the same bytes, rendered here. */
export async function* renderedExport(batches: AsyncIterable<readonly { json: string }[]>, format: ExportFormat): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const rows of batches) {
    const text = exportBatchText(
      rows.map((r) => r.json),
      format,
      first,
    );
    if (!text) continue;
    first = false;
    yield ownBytes(text);
  }
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
