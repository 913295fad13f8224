/**
 * Where to go after logging in: only a path on this origin, whatever `next` holds. The value is
 * parsed the way a browser would parse a Location header (tabs and newlines dropped, `\` read as
 * `/`), compared by origin, and written back URL-encoded, so `/%09/evil.example`, `//x`, `/\x`,
 * CR/LF and non-Latin-1 characters either stay a path here or become `/` — and the header value
 * is always plain ASCII (a raw newline or `é` in a header would make the Response throw: a 500).
 */
const HERE = 'http://holocron.invalid';

export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes would be read as another host when sent back.
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
