import { appUrl } from '@/components/url-state/app-url';
import { accessToken, sharedSingleton } from './access-token';
import { authSettings } from './auth-settings';
import { clientKey } from './client-address';
import { LoginThrottle } from './login-throttle';
import { constantTimeEqual, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionIdOf } from './session';
import { sessionRegistry } from './session-registry';
import { audit } from '../ops/audit-log';

/**
 * Trading the token for a session cookie (HttpOnly, SameSite=Strict; over TLS `__Host-` and
 * Secure). Wrong tokens slow down the client that sends them (login-throttle.ts), nobody else.
 * `next` has already been through safeNext.
 */
export const loginThrottle = () => sharedSingleton(Symbol.for('holocron.loginThrottle'), () => new LoginThrottle());

function overTls(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

export function attemptLogin(request: Request, offered: string, next: string): Response {
  const client = clientKey(request.headers, authSettings().trustedProxies);
  const throttle = loginThrottle();
  const back = (error: string, status = 303, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({ error, next });
    return new Response(null, { status, headers: { location: appUrl(`/login?${params}`), 'cache-control': 'no-store', ...extra } });
  };
  const waitMs = throttle.retryAfterMs(client);
  if (waitMs > 0) return back('rate', 429, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
  if (!offered || !constantTimeEqual(offered, accessToken().token)) {
    throttle.fail(client);
    audit({ action: 'login-failed', user: null, via: request.method === 'GET' ? 'token-url' : 'token-form', client });
    return back('invalid');
  }
  throttle.succeed(client);
  audit({ action: 'login', user: null, via: request.method === 'GET' ? 'token-url' : 'token-form', client });
  const secure = overTls(request);
  const cookie = [
    `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=${sessionRegistry().issue()}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(authSettings().sessions.maxMs / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, { status: 303, headers: { location: appUrl(next), 'set-cookie': cookie, 'cache-control': 'no-store' } });
}

/** Ends the session on the server (a copy of the cookie opens nothing afterwards) and clears the cookie. */
export function logout(request: Request): Response {
  const cookies = new Map(
    (request.headers.get('cookie') ?? '').split(';').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()] as const),
  );
  sessionRegistry().revoke(sessionIdOf((n) => cookies.get(n)));
  const headers = new Headers({ location: appUrl('/login'), 'cache-control': 'no-store' });
  headers.append('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  if (overTls(request)) headers.append('set-cookie', `${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0`);
  return new Response(null, { status: 303, headers });
}
