import { loadConfig } from '../config/config';
import { sharedSingleton } from './access-token';
import { authSettings } from './auth-settings';
import { clientKey, peerAddress } from './client-address';
import { proxyIdentity, type ProxyIdentity } from './proxy-identity';
import type { AuditEntry } from '../ops/audit-log';

/**
 * The auth proxy's user for this request (HOLOCRON_AUTH_PROXY, believed only from a peer in
 * HOLOCRON_TRUSTED_PROXIES — the same list that decides whose X-Forwarded-For counts), and who to
 * name in the audit log. Headers are read through `get` only, so the proxy, route handlers and
 * Server Components (next/headers) can all ask.
 */
type HeaderSource = Pick<Headers, 'get'>;

const enabled = () => sharedSingleton(Symbol.for('holocron.authProxyEnabled'), () => loadConfig().authProxy);

export function requestIdentity(headers: HeaderSource): ProxyIdentity | null {
  return proxyIdentity(headers as Headers, peerAddress(headers as Headers), authSettings().trustedProxies, enabled());
}

/** Who did it, for an audit entry: the proxy's user, else the token's session or bearer (which name no one). */
export function auditWho(headers: HeaderSource): Pick<AuditEntry, 'user' | 'email' | 'via' | 'client'> {
  const client = clientKey(headers as Headers, authSettings().trustedProxies);
  const id = requestIdentity(headers);
  if (id) return { user: id.user, email: id.email, via: 'auth-proxy', client };
  return { user: null, via: headers.get('authorization') ? 'bearer' : 'session', client };
}
