import zlib from 'node:zlib';
import { promisify } from 'node:util';

/**
 * Large JSON answers, gzipped here for a client that asks for `application/gzip` (the timeline's
 * tree, the flows and processes views' pages — apiFetch's `gzipBody`, which unpacks them with the
 * browser's DecompressionStream). `next start` gzips every other
 * answer at zlib's default level 6, which for the 10,000-process tree (4.4 MB) cost ~35 ms of
 * CPU — more than the query — and 122–445 ms over HTTP (npm run bench); level 1 takes ~20 ms for
 * 11 % more bytes (675 against 608 KB), on libuv's thread pool, so the event loop serves other
 * requests meanwhile. A route cannot send its own Content-Encoding (Next drops the header from a
 * route's Response), so the gzip is the body, typed application/gzip, which Next does not
 * compress again. Other clients (curl, scripts) get plain JSON, compressed by Next as before.
 */
const LEVEL = 1;
export const GZIP_BODY = 'application/gzip';

/** Whether the request's Accept header takes a gzip body (an `application/gzip` entry whose q is not 0). */
export function acceptsGzipBody(accept: string | null): boolean {
  if (!accept) return false;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (type !== GZIP_BODY) continue;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

const deflateRaw = promisify(zlib.deflateRaw);

/** Below this a body is compressed in one piece. */
const PIECE_MIN = 512 * 1024;
/** Parts under this are deflated right here: a trip to the thread pool costs more. */
const SMALL_PART = 64 * 1024;
// gzip header: magic, deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952).
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
// memLevel 9 (zlib's largest hash table): ~15 % less CPU than the default 8 at level 1 on the
// 4.4 MB tree, for the same size, at 128 KiB more memory while it runs.
const OPTIONS = { level: LEVEL, memLevel: 9 };

/**
 * A large JSON body, given as UTF-8 chunks (the tree's head, its ~4 MB of records, its tail),
 * gzipped at this level in `pieces` parts at once on libuv's thread pool, as one gzip member,
 * without first joining the chunks (a 4.4 MB copy, and as many fresh pages to fault in): each
 * chunk is cut where the pieces end, and each part but the last is deflated ending on a sync
 * flush (its blocks end on a byte boundary and none is marked final), so the parts' deflate data
 * joined is one valid stream (RFC 1951) — each part simply does not refer back into the one
 * before, which costs ~1 % of size. The CRC-32 (taken chunk by chunk) and length of the whole
 * close it (RFC 1952). On two cores the 4.4 MB tree is compressed in about half the wall time of
 * one zlib.gzip call, for the same CPU.
 */
export async function gzipJson(json: Uint8Array | readonly Uint8Array[], pieces = 2): Promise<Uint8Array> {
  // Empty chunks are left out: zlib.crc32 of an empty view whose memory is gone gives 0, not the CRC so far.
  let chunks = (json instanceof Uint8Array ? [json] : json).filter((c) => c.byteLength > 0);
  const total = chunks.reduce((t, c) => t + c.byteLength, 0);
  const n = total < PIECE_MIN * 2 ? 1 : pieces;
  if (n === 1 && chunks.length > 1) chunks = [Buffer.concat(chunks)]; // small: one part, one call
  const size = Math.max(1, Math.ceil(total / n));
  const parts = chunks.flatMap((c) => Array.from({ length: Math.ceil(c.byteLength / size) }, (_, i) => c.subarray(i * size, Math.min(c.byteLength, (i + 1) * size))));
  if (parts.length === 0) parts.push(new Uint8Array(0));
  const pending = parts.map((part, i) => {
    const options = { ...OPTIONS, finishFlush: i === parts.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH };
    return part.byteLength < SMALL_PART ? zlib.deflateRawSync(part, options) : deflateRaw(part, options);
  });
  // The CRC is taken here while the pool deflates (~1 ms of the 4.4 MB tree off the wall time).
  const crc = chunks.reduce((value, c) => zlib.crc32(c, value), 0);
  const deflated = await Promise.all(pending);
  const out = new Uint8Array(HEADER.length + deflated.reduce((t, p) => t + p.byteLength, 0) + 8);
  out.set(HEADER);
  let at = HEADER.length;
  for (const p of deflated) {
    out.set(p, at);
    at += p.byteLength;
  }
  const trailer = new DataView(out.buffer, at);
  trailer.setUint32(0, crc, true);
  trailer.setUint32(4, total >>> 0, true);
  return out;
}

/** A body already rendered (AnswerStore): gzip when `gzipped` (the client asked for it), else JSON. */
export function renderedResponse(bytes: Uint8Array, gzipped: boolean): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': gzipped ? GZIP_BODY : 'application/json', vary: 'accept' } });
}

/** A JSON body (UTF-8 chunks, sent in order) as a Response: gzipped when the client asks for it. */
export async function jsonResponse(request: Request, chunks: readonly Uint8Array[]): Promise<Response> {
  const vary = { vary: 'accept' };
  if (acceptsGzipBody(request.headers.get('accept'))) {
    const body = await gzipJson(chunks);
    return new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': GZIP_BODY, ...vary } });
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json', ...vary } });
}
