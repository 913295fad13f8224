import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { isIP, type BlockList } from 'node:net';
import { sharedSingleton } from './access-token';

/**
 * Who is asking, for per-client login limits. Next hands the proxy and route handlers a Request
 * without the TCP socket, and its X-Forwarded-For is whatever the client sent. So at start the
 * server subscribes to Node's `http.server.request.start` channel, which fires before Next sees a
 * request, and stamps the socket's peer address into a header with a per-process secret (a client
 * cannot forge the stamp: it does not know the secret, and the stamp overwrites what it sent).
 * X-Forwarded-For is believed only when the peer is one of HOLOCRON_TRUSTED_PROXIES, and then
 * only as far as the chain of trusted proxies goes.
 */
export const PEER_HEADER = 'x-holocron-peer';
const secret = () => sharedSingleton(Symbol.for('holocron.peerSecret'), () => randomBytes(16).toString('base64url'));

export function installPeerStamp(): void {
  sharedSingleton(Symbol.for('holocron.peerStamp'), () => {
    const s = secret();
    subscribe('http.server.request.start', (message) => {
      const { request, socket } = message as { request: { headers: Record<string, string | string[] | undefined> }; socket: { remoteAddress?: string } };
      request.headers[PEER_HEADER] = `${s} ${socket.remoteAddress ?? 'unknown'}`;
    });
    return true;
  });
}

/** The stamped peer address, or null when the request was not stamped by this process. */
export function peerAddress(headers: Headers): string | null {
  const stamp = headers.get(PEER_HEADER);
  if (!stamp) return null;
  const space = stamp.indexOf(' ');
  return space > 0 && stamp.slice(0, space) === secret() ? stamp.slice(space + 1) : null;
}

function normalize(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address as a rate-limit key: the peer, or with trusted proxies the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. IPv6 clients are keyed by their /64,
 * which one host usually holds whole.
 */
export function clientKey(headers: Headers, trusted: BlockList | null): string {
  const peer = peerAddress(headers);
  if (peer === null) return 'unstamped';
  let client = normalize(peer);
  if (trusted && isTrusted(trusted, client)) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map(normalize)
      .filter((a) => isIP(a) !== 0);
    while (chain.length) {
      const hop = chain.pop()!;
      client = hop;
      if (!isTrusted(trusted, hop)) break;
    }
  }
  return isIP(client) === 6 ? prefix64(client) : client;
}

function prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
