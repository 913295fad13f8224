import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { proxyIdentity } from './proxy-identity';

const trusted = new BlockList();
trusted.addSubnet('10.0.0.0', 8, 'ipv4');
trusted.addAddress('::1', 'ipv6');

const h = (o: Record<string, string>) => new Headers(o);

describe('auth proxy identity', () => {
  it('believes oauth2-proxy headers from a trusted peer', () => {
    expect(proxyIdentity(h({ 'x-forwarded-user': 'leia', 'x-forwarded-email': 'leia@alderaan.example' }), '10.1.2.3', trusted, true)).toEqual({
      user: 'leia',
      email: 'leia@alderaan.example',
    });
    // auth_request mode (--set-xauthrequest), peer as an IPv4-mapped IPv6 address
    expect(proxyIdentity(h({ 'x-auth-request-email': 'han@falcon.example' }), '::ffff:10.9.9.9', trusted, true)).toEqual({ user: 'han@falcon.example', email: 'han@falcon.example' });
    expect(proxyIdentity(h({ 'x-auth-request-user': '1234', 'x-auth-request-preferred-username': 'luke' }), '::1', trusted, true)?.user).toBe('luke');
  });

  it('ignores them from anyone else, when disabled, or without a stamped peer', () => {
    const headers = h({ 'x-forwarded-user': 'vader' });
    expect(proxyIdentity(headers, '192.168.1.5', trusted, true)).toBeNull();
    expect(proxyIdentity(headers, '10.1.2.3', trusted, false)).toBeNull();
    expect(proxyIdentity(headers, null, trusted, true)).toBeNull();
    expect(proxyIdentity(headers, '10.1.2.3', null, true)).toBeNull();
    expect(proxyIdentity(h({}), '10.1.2.3', trusted, true)).toBeNull();
  });

  it('makes hostile names inert and bounded', () => {
    // On the wire: UTF-8 bytes, which reach Headers as Latin-1 characters.
    const wire = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(proxyIdentity(h({ 'x-forwarded-user': wire('José') }), '10.0.0.1', trusted, true)?.user).toBe('José');
    const id = proxyIdentity(h({ 'x-forwarded-user': wire(`\u202eevil\u0007${'x'.repeat(1000)}`) }), '10.0.0.1', trusted, true)!;
    expect(id.user.startsWith('evilx')).toBe(true);
    expect(id.user.length).toBe(256);
    expect(proxyIdentity(h({ 'x-forwarded-user': '\u0001\u0002 ' }), '10.0.0.1', trusted, true)).toBeNull();
  });
});
