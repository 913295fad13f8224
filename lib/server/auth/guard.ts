import type { ApiErrorBody } from '@/lib/contract/error';
import { accessToken } from './access-token';
import { authSettings } from './auth-settings';
import { clientKey } from './client-address';
import { changesState, crossOriginRefusal, simpleContentTypeRefusal } from './cross-site';
import { loginThrottle } from './login';
import { bearerMatches, sessionIdOf } from './session';
import { sessionRegistry } from './session-registry';
import { requestIdentity } from './request-identity';
import { auditProxyLogin } from '../ops/audit-log';

/**
 * The one check in front of every request, called by proxy.ts and by the routes the proxy does
 * not run for (/api/import streams its body, which the proxy would buffer): refuse a cross-origin
 * state change, then authenticate by session cookie or bearer token. Bearer guesses count
 * against the client's login budget like wrong logins do.
 */
export type Verdict =
  | { kind: 'allow'; via: 'session' | 'bearer' | 'public' | 'auth-proxy' }
  | { kind: 'anonymous' }
  | { kind: 'refuse'; status: 401 | 403 | 411 | 413 | 415 | 429; message: string; retryAfterS?: number };

/**
 * Next copies the body of every request the proxy runs for into memory before the route sees
 * it, and past next.config.js's proxyClientMaxBodySize cuts it short without telling the route.
 * Keep both at this size: a larger declared body is refused here (413), and a body of unknown
 * length (chunked) is refused (411), so no route can get a silently truncated body. Only
 * /api/import (outside the proxy) streams large bodies.
 */
export const PROXY_BODY_LIMIT_BYTES = 1024 * 1024;

function bufferedBodyRefusal(method: string, headers: Headers): Extract<Verdict, { kind: 'refuse' }> | null {
  if (!changesState(method)) return null;
  const length = headers.get('content-length');
  if (length === null) {
    return /chunked/i.test(headers.get('transfer-encoding') ?? '')
      ? { kind: 'refuse', status: 411, message: 'content-length: required here (bodies of unknown length are accepted by /api/import only)' }
      : null;
  }
  const n = Number(length);
  return n > PROXY_BODY_LIMIT_BYTES
    ? { kind: 'refuse', status: 413, message: `body is ${n} bytes; the limit here is ${PROXY_BODY_LIMIT_BYTES} bytes (large uploads go to /api/import)` }
    : null;
}

// Routes a browser posts a form to; every other state-changing API expects JSON or NDJSON.
const FORM_ROUTES = new Set(['/api/login', '/api/logout']);

export interface GuardInput {
  method: string;
  pathname: string;
  headers: Headers;
  cookie: (name: string) => string | undefined;
  isPublic: boolean;
  /** The proxy: Next buffers the body (see PROXY_BODY_LIMIT_BYTES). */
  bufferedBody?: boolean;
}

/** A browser's session (ours, or the auth proxy's): where JSON is expected, a form-able content type is refused. */
function browserSession(r: GuardInput, via: 'session' | 'auth-proxy'): Verdict {
  const expectsJson = changesState(r.method) && r.pathname.startsWith('/api/') && !FORM_ROUTES.has(r.pathname);
  const simple = expectsJson ? simpleContentTypeRefusal(r.headers) : null;
  return simple ? { kind: 'refuse', status: 415, message: simple } : { kind: 'allow', via };
}

export function checkRequest(r: GuardInput): Verdict {
  const settings = authSettings();
  const crossOrigin = crossOriginRefusal(r.method, r.headers, settings.publicOrigin);
  if (crossOrigin) return { kind: 'refuse', status: 403, message: crossOrigin };
  const tooBig = r.bufferedBody ? bufferedBodyRefusal(r.method, r.headers) : null;
  if (tooBig) return tooBig;
  if (r.isPublic) return { kind: 'allow', via: 'public' };

  if (sessionRegistry().touch(sessionIdOf(r.cookie), settings.sessions)) {
    return browserSession(r, 'session');
  }

  // Signed in at the authenticating proxy (HOLOCRON_AUTH_PROXY, trusted peers only): as a session.
  const proxied = requestIdentity(r.headers);
  if (proxied) {
    auditProxyLogin(proxied.user, proxied.email, clientKey(r.headers, settings.trustedProxies));
    return browserSession(r, 'auth-proxy');
  }

  const authorization = r.headers.get('authorization');
  if (authorization === null) return { kind: 'anonymous' };
  const client = clientKey(r.headers, settings.trustedProxies);
  const throttle = loginThrottle();
  const waitMs = throttle.retryAfterMs(client);
  if (waitMs > 0) {
    const retryAfterS = Math.ceil(waitMs / 1000);
    return { kind: 'refuse', status: 429, retryAfterS, message: `too many wrong tokens from this client: try again in ${retryAfterS} s` };
  }
  if (bearerMatches(accessToken().token, authorization)) {
    throttle.succeed(client);
    return { kind: 'allow', via: 'bearer' };
  }
  throttle.fail(client);
  return { kind: 'refuse', status: 401, message: 'authentication required: the bearer token is not valid' };
}

export function refusalResponse(v: Extract<Verdict, { kind: 'refuse' }>): Response {
  return Response.json(
    { error: v.message } satisfies ApiErrorBody,
    { status: v.status, headers: v.retryAfterS ? { 'retry-after': String(v.retryAfterS) } : undefined },
  );
}

export const ANONYMOUS_API_MESSAGE = 'authentication required: log in, or send Authorization: Bearer <token>';

/** For route handlers outside the proxy: the refusal to send, or null to go on. */
export function guardRoute(request: Request, pathname: string): Response | null {
  const cookies = parseCookies(request.headers.get('cookie'));
  const v = checkRequest({ method: request.method, pathname, headers: request.headers, cookie: (n) => cookies.get(n), isPublic: false });
  if (v.kind === 'allow') return null;
  if (v.kind === 'anonymous') return Response.json({ error: ANONYMOUS_API_MESSAGE } satisfies ApiErrorBody, { status: 401 });
  return refusalResponse(v);
}

function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}
