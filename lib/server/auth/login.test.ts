import { describe, expect, it } from 'vitest';
import { accessToken } from './access-token';
import { checkRequest } from './guard';
import { attemptLogin, logout } from './login';

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const check = (cookie: string, method = 'GET', extra: Record<string, string> = {}) => {
  const [name, value] = cookie.split('=') as [string, string];
  return checkRequest({
    method,
    pathname: '/api/import',
    headers: new Headers({ host: 'holocron.example', ...extra }),
    cookie: (n) => (n === name ? value : undefined),
    isPublic: false,
  });
};

describe('login and logout', () => {
  it('over TLS the cookie is __Host-: Secure, Path=/, no Domain', () => {
    const res = attemptLogin(new Request('https://holocron.example/api/login'), accessToken().token, '/flows');
    expect(res.status).toBe(303);
    const header = res.headers.get('set-cookie')!;
    expect(header).toMatch(/^__Host-holocron_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    expect(header).not.toMatch(/domain/i);
    expect(check(cookieOf(res))).toEqual({ kind: 'allow', via: 'session' });
  });

  it('a session may not post a simple content type to a JSON API, and logout ends it', () => {
    const cookie = cookieOf(attemptLogin(new Request('http://holocron.example/api/login'), accessToken().token, '/'));
    expect(check(cookie, 'POST', { 'content-type': 'text/plain' })).toMatchObject({ kind: 'refuse', status: 415 });
    expect(check(cookie, 'POST', { 'content-type': 'application/x-ndjson' })).toEqual({ kind: 'allow', via: 'session' });
    expect(check(cookie, 'POST', { 'content-type': 'application/x-ndjson', origin: 'http://holocron.example:8080' })).toMatchObject({ kind: 'refuse', status: 403 });
    const out = logout(new Request('http://holocron.example/api/logout', { method: 'POST', headers: { cookie } }));
    expect(out.status).toBe(303);
    expect(check(cookie)).toEqual({ kind: 'anonymous' });
  });
});
