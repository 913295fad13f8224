import type { BlockList } from 'node:net';
import { loadConfig } from '../config/config';
import { trustedProxyList } from '../config/trusted-proxies';
import { sharedSingleton } from './access-token';
import type { SessionLifetimes } from './session-registry';

/**
 * What the proxy needs from the configuration, read once per process (the hub reads the same
 * environment; start-server.ts has already stopped the process if a value is bad).
 */
export interface AuthSettings {
  trustedProxies: BlockList | null;
  sessions: SessionLifetimes;
  /** Origins besides the request's own that may post here: HOLOCRON_PUBLIC_URL's. */
  publicOrigin: string | null;
}

export function authSettings(): AuthSettings {
  return sharedSingleton(Symbol.for('holocron.authSettings'), () => {
    const c = loadConfig();
    return {
      trustedProxies: c.trustedProxies.length ? trustedProxyList(c.trustedProxies) : null,
      sessions: { idleMs: c.sessionIdleMs, maxMs: c.sessionMaxMs },
      publicOrigin: c.publicUrl ? new URL(c.publicUrl).origin : null,
    };
  });
}
