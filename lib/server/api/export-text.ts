import type { ExportFormat } from '@/lib/contract/export-format';
import { exportLine, HOLOCRON_MARK } from './export-line';

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

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const BRACKET = 0x5b;

const MARK_BYTES = Buffer.from(HOLOCRON_MARK, 'utf8');

/**
 * exportBatchText's bytes (UTF-8, in a buffer of its own), written line by line into one buffer
 * sized first: joining the lines into one string and encoding it took twice the CPU (~2.3 against
 * ~1.2 ms a MiB of flows, bench rows). Holocron's marks are rare, so the stored lines are written
 * as they are and the batch's bytes searched for a mark once (memmem); only a batch that has one
 * is written again line by line through exportLine. Searching each line's string took ~15 % of a
 * flows export's CPU (1M bench store, a V8 profile).
 */
export function exportBatchBytes(jsons: readonly string[], format: ExportFormat, first: boolean): Uint8Array {
  if (jsons.length === 0) return new Uint8Array(0);
  let out = joined(jsons, format, first);
  if (out.includes(MARK_BYTES)) out = joined(jsons.map(exportLine), format, first);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function joined(lines: readonly string[], format: ExportFormat, first: boolean): Buffer {
  const ndjson = format === 'ndjson';
  // NDJSON: each line and a newline. JSON: "[\n" or ",\n", then the lines separated by ",\n".
  let size = ndjson ? lines.length : 2 + 2 * (lines.length - 1);
  for (const line of lines) size += Buffer.byteLength(line, 'utf8');
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  if (!ndjson) {
    out[at++] = first ? BRACKET : COMMA;
    out[at++] = NEWLINE;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!ndjson && i > 0) {
      out[at++] = COMMA;
      out[at++] = NEWLINE;
    }
    at += out.write(lines[i]!, at, 'utf8');
    if (ndjson) out[at++] = NEWLINE;
  }
  if (at !== size) throw new Error(`export batch: wrote ${at} of ${size} bytes`);
  return out;
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
    if (rows.length === 0) continue;
    const bytes = exportBatchBytes(
      rows.map((r) => r.json),
      format,
      first,
    );
    first = false;
    yield bytes;
  }
  const end = exportEndText(format, !first);
  if (end) yield ownBytes(end);
}
