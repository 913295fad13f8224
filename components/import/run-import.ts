'use client';

import { addAnswer, addLineTimes, addRefusal, emptyTotals, type ImportAnswer, type ImportTotals } from '@/lib/domain/import/import-tally';
import { gzipUnpackedSize, progressShare } from '@/lib/domain/import/import-progress';
import { LineChunker } from '@/lib/domain/import/line-chunker';
import { apiFetch } from '@/components/api/api-fetch';

/**
 * Streams a capture file to POST /api/import: read, gunzip in the browser when it is gzip
 * (DecompressionStream — the server route takes plain NDJSON), cut into pieces of whole lines,
 * one request per piece, one after the other. Progress is the share of the text sent so far
 * (import-progress.ts says why not of the file read).
 */
export interface ImportProgress {
  /** 0…1 */
  share: number;
  totals: ImportTotals;
}

const PIECE_CHARS = 1 << 20;
const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzip(file: Blob & { name?: string }): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

async function postPiece(text: string, signal: AbortSignal): Promise<{ ok: true; answer: Partial<ImportAnswer> } | { ok: false; message: string }> {
  const res = await apiFetch('POST /api/import', { body: { text, type: 'application/x-ndjson' }, signal });
  if (res.ok) return { ok: true, answer: res.data };
  if (signal.aborted) throw new DOMException('import cancelled', 'AbortError');
  if (res.error.status === 0) throw new Error(res.error.message);
  const { status, message } = res.error;
  // "HTTP 413: upload is … bytes", or the status alone when the server gave no message.
  return { ok: false, message: message === `HTTP ${status}` ? message : `HTTP ${status}: ${message}` };
}

export async function runImport(file: File, signal: AbortSignal, onProgress: (p: ImportProgress) => void): Promise<ImportTotals> {
  const totals = emptyTotals();
  let readBytes = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        readBytes += chunk.byteLength;
        ctl.enqueue(chunk);
      },
    }),
  );
  const gzip = await isGzip(file);
  const textSize = gzip ? gzipUnpackedSize(new Uint8Array(await file.slice(Math.max(0, file.size - 4)).arrayBuffer()), file.size) : file.size;
  let sentChars = 0;
  const progress = (finished = false) => onProgress({ share: progressShare({ sentChars, textSize, readBytes, fileSize: file.size, finished }), totals });
  const bytes = gzip ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  const text = bytes.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const chunker = new LineChunker(PIECE_CHARS);
  const send = async (pieces: ReturnType<LineChunker['push']>) => {
    for (const piece of pieces) {
      if (signal.aborted) throw new DOMException('import cancelled', 'AbortError');
      addLineTimes(totals, piece.text);
      const r = await postPiece(piece.text, signal);
      if (r.ok) addAnswer(totals, r.answer, piece.firstLine);
      else addRefusal(totals, piece.firstLine, piece.lines, r.message);
      sentChars += piece.text.length;
      progress();
    }
  };
  const reader = text.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
  const readFailed = (e: unknown) =>
    (e as Error).name === 'AbortError' ? e : new Error(gzip ? `the file is not valid gzip, or it is cut short (${(e as Error).message})` : `the file could not be read: ${(e as Error).message}`);
  for (;;) {
    let next: ReadableStreamReadResult<string>;
    try {
      next = await reader.read();
    } catch (e) {
      throw readFailed(e);
    }
    if (next.done) break;
    if (signal.aborted) throw new DOMException('import cancelled', 'AbortError');
    await send(chunker.push(next.value));
  }
  await send(chunker.flush());
  progress(true);
  return totals;
}
