import { NextResponse, type NextRequest } from 'next/server';
import { appUrl } from '@/components/url-state/app-url';
import { contentSecurityPolicy, SECURITY_HEADERS } from '@/lib/server/auth/csp';
import { ANONYMOUS_API_MESSAGE, checkRequest, refusalResponse } from '@/lib/server/auth/guard';
import type { ApiErrorBody } from '@/lib/contract/error';

/**
 * Every request passes here first (Next 16 runs the proxy on Node.js). Pages and APIs — SSE,
 * export and import included — need the session cookie or `Authorization: Bearer <token>`;
 * without it APIs answer 401 and pages go to /login. Every page gets a fresh CSP nonce, which
 * Next puts on its own scripts; nothing inline runs without it. The checks themselves (cross-site
 * state changes, sessions, bearer guesses) are in lib/server/auth/guard.ts.
 */
// Probes carry no token and answer no data (/metrics does: it stays behind the token).
const PUBLIC_PATHS = new Set(['/login', '/api/login', '/healthz', '/readyz']);

function withSecurityHeaders(res: NextResponse, csp: string | null): NextResponse {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  if (csp) res.headers.set('Content-Security-Policy', csp);
  return res;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const verdict = checkRequest({
    method: request.method,
    pathname,
    headers: request.headers,
    cookie: (name) => request.cookies.get(name)?.value,
    isPublic: PUBLIC_PATHS.has(pathname),
    bufferedBody: true,
  });
  if (verdict.kind === 'refuse') {
    const refusal = refusalResponse(verdict);
    return withSecurityHeaders(new NextResponse(refusal.body, refusal), null);
  }

  if (verdict.kind === 'anonymous') {
    if (pathname.startsWith('/api/') || pathname === '/metrics') {
      return withSecurityHeaders(NextResponse.json({ error: ANONYMOUS_API_MESSAGE } satisfies ApiErrorBody, { status: 401 }), null);
    }
    const login = new URL(appUrl('/login'), request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(login, 303), null);
  }

  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Static build assets are public (they hold no data); everything else is checked. /api/import
  // checks itself (guardRoute): Next buffers the whole body of a request the proxy runs for.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/import$).*)'],
};
