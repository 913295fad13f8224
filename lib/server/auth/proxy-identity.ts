import { isIP, type BlockList } from 'node:net';

/**
 * Who is asking, when an authenticating proxy stands in front (oauth2-proxy, or an ingress doing
 * `auth_request` against it). oauth2-proxy passes the signed-in user upstream as
 * X-Forwarded-User / X-Forwarded-Email / X-Forwarded-Preferred-Username (proxy mode) or, with
 * --set-xauthrequest, X-Auth-Request-User / X-Auth-Request-Email / X-Auth-Request-Preferred-Username
 * (which an ingress copies onto the request). Any client can send those headers, so they are
 * believed only with HOLOCRON_AUTH_PROXY=1 and only from a peer in HOLOCRON_TRUSTED_PROXIES
 * (the proxy's own address, stamped at the socket — not X-Forwarded-For).
 */
export interface ProxyIdentity {
  /** The name shown and audited: preferred username, else user, else email. */
  user: string;
  email: string | null;
}

const USER_HEADERS = ['x-forwarded-preferred-username', 'x-auth-request-preferred-username', 'x-forwarded-user', 'x-auth-request-user'];
const EMAIL_HEADERS = ['x-forwarded-email', 'x-auth-request-email'];
/** Every header this module reads: removed from what reaches the app when not believed. */
export const IDENTITY_HEADERS: readonly string[] = [...USER_HEADERS, ...EMAIL_HEADERS];

const MAX_LENGTH = 256;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header bytes arrive as Latin-1 characters; a proxy sends names as UTF-8. */
function decodeHeader(v: string): string {
  try {
    return utf8.decode(Buffer.from(v, 'latin1'));
  } catch {
    return v;
  }
}

/** A header value as a display name: one line, no control or bidi characters, bounded; null if nothing is left. */
function cleanValue(v: string | null): string | null {
  if (v === null) return null;
  // eslint-disable-next-line no-control-regex
  const s = decodeHeader(v).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return s ? s.slice(0, MAX_LENGTH) : null;
}

function first(headers: Headers, names: readonly string[]): string | null {
  for (const n of names) {
    const v = cleanValue(headers.get(n));
    if (v) return v;
  }
  return null;
}

function normalize(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** The identity the trusted proxy vouches for, or null (not enabled, peer not trusted, or no user header). */
export function proxyIdentity(headers: Headers, peer: string | null, trusted: BlockList | null, enabled: boolean): ProxyIdentity | null {
  if (!enabled || !trusted || peer === null) return null;
  const address = normalize(peer);
  const family = isIP(address);
  if (family === 0 || !trusted.check(address, family === 6 ? 'ipv6' : 'ipv4')) return null;
  const email = first(headers, EMAIL_HEADERS);
  const user = first(headers, USER_HEADERS) ?? email;
  return user ? { user, email } : null;
}
