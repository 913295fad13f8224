/**
 * The start of an HTTP/1 message as a process wrote it to a socket: a request line (and the
 * Host header, when it fits in the bytes captured) or a status line. Anything else is not HTTP.
 */
export type HttpMessage =
  | { kind: 'request'; method: string; url: string; protocol: string }
  | { kind: 'response'; code: number; protocol: string };

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);

export function parseHttpStart(text: string): HttpMessage | null {
  const lineEnd = text.search(/\r?\n/);
  const first = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const status = /^(HTTP\/1\.[01]) (\d{3})(?: |$)/.exec(first);
  if (status) return { kind: 'response', code: Number(status[2]), protocol: status[1]! };
  const req = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/.exec(first);
  if (!req || !METHODS.has(req[1]!)) return null;
  const target = req[2]!;
  const host = /\r?\nhost:[ \t]*([^\r\n]+)/i.exec(text)?.[1]?.trim();
  // Hubble prints absolute URLs; origin-form targets get the Host header in front.
  const url = /^https?:\/\//i.test(target) || !host ? target : `http://${host}${target.startsWith('/') ? '' : '/'}${target}`;
  return { kind: 'request', method: req[1]!, url, protocol: req[3]! };
}
