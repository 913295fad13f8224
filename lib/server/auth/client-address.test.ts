import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { trustedProxyList } from '../config/trusted-proxies';
import { clientKey, installPeerStamp, PEER_HEADER } from './client-address';

/** A real server: the stamp comes from the socket, whatever header the client sends. */
async function keyFor(localAddress: string, headers: Record<string, string>, trusted: string[] | null): Promise<string> {
  installPeerStamp();
  const server = http.createServer((req, res) => {
    const h = new Headers(req.headers as Record<string, string>);
    res.end(clientKey(h, trusted ? trustedProxyList(trusted) : null));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, localAddress, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('clientKey', () => {
  it('is the TCP peer; a client cannot forge X-Forwarded-For or the stamp', async () => {
    expect(await keyFor('127.0.0.2', {}, null)).toBe('127.0.0.2');
    expect(await keyFor('127.0.0.3', { 'x-forwarded-for': '203.0.113.9' }, null)).toBe('127.0.0.3');
    expect(await keyFor('127.0.0.3', { [PEER_HEADER]: 'guess 203.0.113.9' }, null)).toBe('127.0.0.3');
  });

  it('believes X-Forwarded-For only from a configured proxy, as far as trusted hops go', async () => {
    expect(await keyFor('127.0.0.4', { 'x-forwarded-for': '203.0.113.9' }, ['127.0.0.4'])).toBe('203.0.113.9');
    expect(await keyFor('127.0.0.4', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.1.2.3' }, ['127.0.0.0/8', '10.0.0.0/8'])).toBe('203.0.113.9');
    expect(await keyFor('127.0.0.5', { 'x-forwarded-for': '203.0.113.9' }, ['10.0.0.0/8'])).toBe('127.0.0.5');
    expect(await keyFor('127.0.0.4', { 'x-forwarded-for': '2001:db8:1:2:3:4:5:6' }, ['127.0.0.4'])).toBe('2001:db8:1:2::/64');
    expect(await keyFor('127.0.0.4', { 'x-forwarded-for': '2001:db8::7' }, ['127.0.0.4'])).toBe('2001:db8:0:0::/64');
  });

  it('an unstamped request is not anyone in particular', () => {
    expect(clientKey(new Headers({ [PEER_HEADER]: 'x 1.2.3.4' }), null)).toBe('unstamped');
  });
});
