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
// gzip header: magic, deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952).
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);

/**
 * A large JSON body gzipped at this level in `pieces` parts at once on libuv's thread pool, as
 * one gzip member: each part but the last is deflated ending on a sync flush (its blocks end on a
 * byte boundary and none is marked final), so the parts' deflate data joined is one valid stream
 * (RFC 1951) — each part simply does not refer back into the one before, which costs ~1 % of
 * size. The CRC-32 and length of the whole close it (RFC 1952). On two cores the 4.4 MB tree is
 * compressed in about half the wall time of one zlib.gzip call, for the same CPU.
 */
export async function gzipJson(json: Uint8Array, pieces = 2): Promise<Uint8Array> {
  const n = json.byteLength < PIECE_MIN * 2 ? 1 : pieces;
  const size = Math.ceil(json.byteLength / n);
  const parts = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      deflateRaw(json.subarray(i * size, Math.min(json.byteLength, (i + 1) * size)), {
        level: LEVEL,
        finishFlush: i === n - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      }),
    ),
  );
  const out = new Uint8Array(HEADER.length + parts.reduce((t, p) => t + p.byteLength, 0) + 8);
  out.set(HEADER);
  let at = HEADER.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  const trailer = new DataView(out.buffer, at);
  trailer.setUint32(0, zlib.crc32(json), true);
  trailer.setUint32(4, json.byteLength >>> 0, true);
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
    const body = await gzipJson(Buffer.concat(chunks));
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
