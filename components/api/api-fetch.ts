import type { ApiError, ApiErrorBody } from '@/lib/contract/error';
import { routeMethod, routePath, type ApiAnswer, type ApiRoute, type PathParamName, type PathParams } from '@/lib/contract/routes';
import { appUrl } from '@/components/url-state/app-url';

const GZIP_BODY = 'application/gzip';

/**
 * The browser's one way to call the JSON API: the route is named as in the contract
 * (lib/contract/routes.ts), so the answer comes back typed; a failure comes back as an ApiError
 * (status, the server's message, the parameter it named) instead of a throw. Requests stay
 * same-origin under the base path (appUrl); a POST sends its body as JSON or NDJSON, the content
 * types the server's cross-site check accepts from a browser session (lib/server/auth/guard.ts).
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** An answer's text, kept unparsed (the map compares texts before parsing a big answer). */
export type JsonText<T> = string & { readonly __answer?: T };

type Query = URLSearchParams | Record<string, string> | string;

/** A POST's body, in a content type the cross-site check accepts (never a form's). */
export interface ApiBody {
  text: string;
  type: 'application/json' | 'application/x-ndjson';
}

export type ApiFetchOptions<R extends ApiRoute> = {
  query?: Query;
  signal?: AbortSignal;
  /** Defaults to no-store: answers change with every flow stored. */
  cache?: RequestCache;
  /** Where the server is, outside a browser page (tests, scripts); in the page requests stay relative. */
  origin?: string;
  /** Ask for the answer as a gzip body (routes answering through lib/server/http/gzip-response.ts); unpacked here. */
  gzipBody?: boolean;
} & ([PathParamName<R>] extends [never] ? { params?: undefined } : { params: PathParams<R> }) &
  (R extends `POST ${string}` ? { body: ApiBody } : { body?: undefined });

export async function apiFetch<R extends ApiRoute>(route: R, opts: ApiFetchOptions<R>): Promise<ApiResult<ApiAnswer<R>>> {
  const got = await apiFetchText(route, opts);
  if (!got.ok) return got;
  return parseAnswer(got.data, got.status);
}

/** As apiFetch, with the answer's text left to parse (parseAnswer) when the caller wants to. */
export async function apiFetchText<R extends ApiRoute>(route: R, opts: ApiFetchOptions<R>): Promise<ApiResult<JsonText<ApiAnswer<R>>> & { status?: number }> {
  const method = routeMethod(route);
  if ((method === 'POST') !== Boolean(opts.body)) throw new Error(`${route}: ${method === 'POST' ? 'a POST needs a body' : 'a GET has no body'}`);
  const query = opts.query === undefined ? '' : String(typeof opts.query === 'string' || opts.query instanceof URLSearchParams ? opts.query : new URLSearchParams(opts.query));
  const path = appUrl(`${routePath(route, (opts.params ?? {}) as PathParams<R>)}${query ? `?${query}` : ''}`);
  let res: Response;
  try {
    res = await fetch(opts.origin ? new URL(path, opts.origin) : path, {
      method,
      signal: opts.signal,
      cache: opts.cache ?? 'no-store',
      credentials: 'same-origin',
      headers: {
        ...(opts.body ? { 'content-type': opts.body.type } : {}),
        ...(opts.gzipBody ? { accept: `${GZIP_BODY}, application/json;q=0.5` } : {}),
      },
      ...(opts.body ? { body: opts.body.text } : {}),
    });
  } catch (e) {
    return { ok: false, error: { status: 0, message: (e as Error).message } };
  }
  let text: string;
  try {
    const gzipped = res.ok && res.body && (res.headers.get('content-type') ?? '').startsWith(GZIP_BODY);
    text = gzipped ? await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text() : await res.text();
  } catch (e) {
    return { ok: false, error: { status: res.ok ? 0 : res.status, message: (e as Error).message } };
  }
  if (!res.ok) return { ok: false, error: errorOf(res.status, text) };
  return { ok: true, data: text, status: res.status };
}

/** Parses an answer's text; a body that is not JSON is an error of its own, not a throw. */
export function parseAnswer<T>(text: JsonText<T>, status = 200): ApiResult<T> {
  try {
    // The one unchecked step: the contract is what the server's routes are compiled against.
    return { ok: true, data: JSON.parse(text) as T };
  } catch {
    return { ok: false, error: { status, message: `the server's answer is not JSON (${text.slice(0, 80)})` } };
  }
}

/** The error body's message and parameter, or the status alone when the body says nothing usable. */
export function errorOf(status: number, text: string): ApiError {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed;
  } catch {
    /* not JSON (a proxy's HTML page): the status says enough */
  }
  const message = typeof body?.error === 'string' ? body.error : `HTTP ${status}`;
  return typeof body?.param === 'string' ? { status, message, parameter: body.param } : { status, message };
}
