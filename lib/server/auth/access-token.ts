import { generateToken } from './session';

/**
 * The one access token of this server process: HOLOCRON_TOKEN, or generated at first use and
 * printed as a login URL at start (as Jupyter does). Kept on globalThis so the proxy, the route
 * handlers and instrumentation (separate module graphs in Next) agree on it.
 */
const KEY = Symbol.for('holocron.accessToken');
type Holder = { [KEY]?: { token: string; generated: boolean } };

export function accessToken(): { token: string; generated: boolean } {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const fromEnv = process.env.HOLOCRON_TOKEN?.trim();
    holder[KEY] = fromEnv ? { token: fromEnv, generated: false } : { token: generateToken(), generated: true };
  }
  return holder[KEY];
}

/** One instance per process, shared by the proxy and the route handlers (see above). */
export function sharedSingleton<T>(key: symbol, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}