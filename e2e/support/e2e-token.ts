import { randomBytes } from 'node:crypto';

/**
 * The access token of the servers the browser tests start. Auth is always on; the harness logs
 * requests in with `Authorization: Bearer` (plain fetch) and Chromium's extra headers, and the
 * auth tests use `rawFetch` / an anonymous browser to check what happens without it.
 */
process.env.HOLOCRON_E2E_TOKEN ??= randomBytes(18).toString('base64url');
export const E2E_TOKEN: string = process.env.HOLOCRON_E2E_TOKEN;

export const rawFetch: typeof fetch = globalThis.fetch.bind(globalThis);
const authedOrigins = new Set<string>();

export function authenticateOrigin(origin: string): void {
  authedOrigins.add(origin);
}

const wrapped = Symbol.for('holocron.e2eFetch');
if (!(globalThis as Record<symbol, unknown>)[wrapped]) {
  (globalThis as Record<symbol, unknown>)[wrapped] = true;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!authedOrigins.has(url.origin)) return rawFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${E2E_TOKEN}`);
    return rawFetch(input, { ...init, headers });
  };
}
