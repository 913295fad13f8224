import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sharedSingleton } from '../auth/access-token';

/**
 * The process's serving state, shared by the route handlers and the shutdown handler (separate
 * module graphs in Next, hence globalThis). While draining (after SIGTERM) readiness fails and
 * new API requests are refused with 503; shutdown waits until every response in flight has been
 * written to its socket — an import that was answered 200 reached its client and is stored.
 *
 * Requests are counted at Node's HTTP server (diagnostics_channel), below Next, from the first
 * byte in to the socket closing or the response finishing. Live streams (SSE) never finish by
 * themselves and are not waited for: shutdown ends them.
 */
interface Lifecycle {
  draining: boolean;
  inFlight: number;
  idle: Array<() => void>;
}

const state = (): Lifecycle => sharedSingleton(Symbol.for('holocron.lifecycle'), () => ({ draining: false, inFlight: 0, idle: [] }));

export function isDraining(): boolean {
  return state().draining;
}

export function startDraining(): void {
  state().draining = true;
}

const isLiveStream = (url: string | undefined) => /\/api\/stream(?:\?|$)/.test(url ?? '');

/** Count requests in flight at the HTTP server (once per process). */
export function trackRequests(): void {
  sharedSingleton(Symbol.for('holocron.requestTracking'), () => {
    subscribe('http.server.request.start', (message) => {
      const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
      if (isLiveStream(request.url)) return;
      const s = state();
      s.inFlight++;
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        s.inFlight--;
        if (s.inFlight === 0) s.idle.splice(0).forEach((f) => f());
      };
      response.once('finish', end);
      response.once('close', end);
    });
    return true;
  });
}

export function requestsInFlight(): number {
  return state().inFlight;
}

/** Resolves when no request is in flight, or after timeoutMs (true when idle). */
export function whenNoRequests(timeoutMs: number): Promise<boolean> {
  const s = state();
  if (s.inFlight === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    s.idle.push(() => {
      clearTimeout(t);
      resolve(true);
    });
  });
}
