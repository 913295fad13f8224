/**
 * Same-site request forgery: a page on another port of this host, or on a sibling subdomain, is
 * "same-site", so the browser sends even a SameSite=Strict cookie with the form it posts here.
 * Every state-changing request (any method but GET, HEAD and OPTIONS) therefore has to come
 * from this origin: browsers say where a request comes from in Sec-Fetch-Site and Origin, which
 * a page cannot forge. Requests with neither header are not from a browser (curl, scripts,
 * Falco) and cannot carry a browser's cookie against its will; they pass.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Why this request is refused as cross-origin, or null when it may proceed. */
export function crossOriginRefusal(method: string, headers: Headers, publicOrigin: string | null): string | null {
  if (!changesState(method)) return null;
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site');
  if (origin !== null && isOwnOrigin(origin, headers, publicOrigin)) return null;
  if (site !== null) {
    // `none`: the user's own action (typed, bookmarked); `same-origin`: one of our pages.
    if (site === 'same-origin' || site === 'none') return null;
    return `cross-origin request refused: the browser says it comes from a ${site} page (Sec-Fetch-Site: ${site}, Origin: ${origin ?? 'none'})`;
  }
  if (origin !== null) return `cross-origin request refused: Origin ${origin} is not this server`;
  return null;
}

/** The request's own origin is whatever Host it was sent to; HOLOCRON_PUBLIC_URL's when behind a proxy. */
function isOwnOrigin(origin: string, headers: Headers, publicOrigin: string | null): boolean {
  if (origin === 'null') return false;
  if (publicOrigin !== null && origin === publicOrigin) return true;
  const host = headers.get('host');
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return host !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase();
}

/**
 * A form or a no-cors fetch can only send text/plain, application/x-www-form-urlencoded,
 * multipart/form-data or no type at all without asking the server first (a CORS preflight,
 * which Holocron never grants). Where JSON or NDJSON is expected, a cookie-authenticated request
 * with one of these types is refused: another site's page cannot have sent anything else.
 */
const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '']);

export function simpleContentTypeRefusal(headers: Headers): string | null {
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SIMPLE_TYPES.has(type)) return null;
  return `content-type: ${type || 'none'} is refused from a browser session; send the body as application/json or application/x-ndjson`;
}
