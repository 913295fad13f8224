import { createHash, randomBytes } from 'node:crypto';
import { sharedSingleton } from './access-token';

/**
 * Browser sessions kept on the server, so that logging out ends them: the cookie holds a random
 * id, the server keeps a hash of it with the login and last-use times. A session ends on logout,
 * after `idleMs` without a request, or `maxMs` after login, whichever comes first. The registry
 * lives on globalThis because the proxy (which checks every request) and the route handlers (which
 * log in and out) are separate module graphs in one process. A restart ends every session.
 */
interface Session {
  createdMs: number;
  lastSeenMs: number;
}

export interface SessionLifetimes {
  idleMs: number;
  maxMs: number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly maxSessions = 10_000) {}

  /** A new session id for the cookie. */
  issue(nowMs = Date.now()): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(digest(id), { createdMs: nowMs, lastSeenMs: nowMs });
    // Bounded: only token holders create sessions, but a script logging in in a loop must not grow it.
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** True when `id` is a live session; using it counts as activity. */
  touch(id: string | undefined, limits: SessionLifetimes, nowMs = Date.now()): boolean {
    if (!id || id.length > 100) return false;
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return false;
    if (nowMs - s.createdMs >= limits.maxMs || nowMs - s.lastSeenMs >= limits.idleMs) {
      this.sessions.delete(key);
      return false;
    }
    s.lastSeenMs = nowMs;
    return true;
  }

  revoke(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id));
  }

  get size(): number {
    return this.sessions.size;
  }
}

// Looked up by a hash of the id: what the map's timing might reveal is a hash, not a cookie.
function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export function sessionRegistry(): SessionRegistry {
  return sharedSingleton(Symbol.for('holocron.sessions'), () => new SessionRegistry());
}
