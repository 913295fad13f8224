import { HttpError } from './http-error';

/**
 * A request's JSON body, read up to `maxBytes` (the declared length is checked first, then the
 * bytes as they arrive, so a sender that lies about it is stopped too). 413 beyond the limit,
 * 400 naming the problem for anything that is not JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new HttpError(413, `body is ${declared} bytes; the limit is ${maxBytes} bytes`);
  if (!request.body) throw new HttpError(400, 'body: send the alert as JSON in the request body');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new HttpError(413, `body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === '') throw new HttpError(400, 'body: empty; send the alert as JSON (Falco: json_output: true)');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `body: not JSON (${(e as Error).message}); Falco must run with json_output: true`);
  }
}
