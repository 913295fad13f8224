import { appUrl } from '@/components/url-state/app-url';
import { accessToken, sharedSingleton } from './access-token';
import { LoginRateLimit } from './login-rate-limit';
import { constantTimeEqual, issueSession, SESSION_COOKIE, SESSION_TTL_MS } from './session';

/**
 * Trading the token for a session cookie (HttpOnly, SameSite=Strict, Secure under https).
 * Failures are rate-limited per client and overall, so guessing is slow even with spoofed
 * client addresses.
 */
const limits = () =>
  sharedSingleton(Symbol.for('holocron.loginLimits'), () => ({ perClient: new LoginRateLimit(10, 60_000), overall: new LoginRateLimit(100, 60_000) }));

export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function clientOf(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}

export function attemptLogin(request: Request, offered: string, next: string): Response {
  const client = clientOf(request);
  const { perClient, overall } = limits();
  const url = new URL(request.url);
  const back = (error: string) => {
    const login = new URL('/login', url);
    login.searchParams.set('error', error);
    login.searchParams.set('next', next);
    return new Response(null, { status: 303, headers: { location: appUrl(login.pathname + login.search) } });
  };
  if (perClient.retryAfterMs(client) > 0 || overall.retryAfterMs('*') > 0) {
    const res = back('rate');
    return new Response(res.body, { status: 429, headers: { ...Object.fromEntries(res.headers), 'retry-after': '60' } });
  }
  if (!offered || !constantTimeEqual(offered, accessToken().token)) {
    perClient.fail(client);
    overall.fail('*');
    return back('invalid');
  }
  perClient.succeed(client);
  const secure = url.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const cookie = [
    `${SESSION_COOKIE}=${issueSession(accessToken().token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, { status: 303, headers: { location: appUrl(next), 'set-cookie': cookie, 'cache-control': 'no-store' } });
}

export function logout(): Response {
  return new Response(null, {
    status: 303,
    headers: { location: appUrl('/login'), 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` },
  });
}
