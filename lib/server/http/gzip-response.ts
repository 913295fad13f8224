import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);

/**
 * Large JSON answers compressed here rather than by `next start`: Next compresses every response
 * with gzip at zlib's default level 6, which for the 10,000-process tree (4.4 MB) cost ~35 ms of
 * CPU — more than the query — and 122–445 ms over HTTP (npm run bench). Level 1 takes ~20 ms for
 * 11 % more bytes (675 KB against 608 KB); it runs on libuv's thread pool, so the event loop
 * serves other requests meanwhile. A response that already has Content-Encoding is left alone
 * by Next's compression.
 */
const LEVEL = 1;
/** Below this, compression is not worth a trip to the thread pool (Next's own threshold is 1 KiB). */
const MIN_BYTES = 1024;

/** Whether the request's Accept-Encoding allows gzip (a `gzip` or `*` token whose q is not 0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  let star = false;
  for (const part of acceptEncoding.split(',')) {
    const [token = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (token === 'gzip' || token === 'x-gzip') return allowed;
    if (token === '*') star = allowed;
  }
  return star;
}

/** A JSON body (UTF-8 chunks, sent in order) as a Response, gzipped when the client takes it. */
export async function jsonResponse(request: Request, chunks: readonly Uint8Array[], init: { status?: number } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'accept-encoding' };
  const length = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (length >= MIN_BYTES && acceptsGzip(request.headers.get('accept-encoding'))) {
    const body = await gzip(Buffer.concat(chunks, length), { level: LEVEL });
    return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
      status: init.status,
      headers: { ...headers, 'content-encoding': 'gzip', 'content-length': String(body.byteLength) },
    });
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { status: init.status, headers });
}
