import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);

/**
 * Large JSON answers, gzipped here for a client that asks for `application/gzip` (the timeline,
 * which unpacks them with the browser's DecompressionStream). `next start` gzips every other
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

/** A JSON body gzipped at this level, on the calling thread (a reader thread: SqliteStore.podTreeAnswer). */
export function gzipJsonSync(json: Uint8Array): Uint8Array {
  return zlib.gzipSync(json, { level: LEVEL });
}

/** A body already rendered (AnswerStore): gzip when `gzipped` (the client asked for it), else JSON. */
export function renderedResponse(bytes: Uint8Array, gzipped: boolean): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': gzipped ? GZIP_BODY : 'application/json', vary: 'accept' } });
}

/** A JSON body (UTF-8 chunks, sent in order) as a Response: gzipped when the client asks for it. */
export async function jsonResponse(request: Request, chunks: readonly Uint8Array[]): Promise<Response> {
  const vary = { vary: 'accept' };
  if (acceptsGzipBody(request.headers.get('accept'))) {
    const body = await gzip(Buffer.concat(chunks), { level: LEVEL });
    return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { headers: { 'content-type': GZIP_BODY, ...vary } });
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json', ...vary } });
}
