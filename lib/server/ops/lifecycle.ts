import { sharedSingleton } from '../auth/access-token';

/**
 * The process's serving state, shared by the route handlers, the proxy and the shutdown handler
 * (separate module graphs in Next, hence globalThis). While draining (after SIGTERM) readiness
 * fails, new API requests are refused with 503, and shutdown waits for the ones in flight — an
 * import that was answered 200 is in the store before the store closes.
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

/** Count a request in flight until `work` settles. */
export async function tracked<T>(work: () => Promise<T>): Promise<T> {
  const s = state();
  s.inFlight++;
  try {
    return await work();
  } finally {
    s.inFlight--;
    if (s.inFlight === 0) s.idle.splice(0).forEach((f) => f());
  }
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
