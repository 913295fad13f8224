import type { ApiErrorBody } from '@/lib/contract/error';
import { isDraining } from '../ops/lifecycle';
import { observeHttp } from '../ops/metrics';

/** One error type for route handlers: a status, the parameter at fault, and a plain message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    /** More of the answer (e.g. what an import stored before its limit), and headers such as Retry-After. */
    readonly extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toResponse(): Response {
    return Response.json(
      { error: this.message, ...(this.param ? { param: this.param } : {}), ...this.extra.body } satisfies ApiErrorBody,
      { status: this.status, headers: this.extra.headers },
    );
  }
}

export function badParam(param: string, reason: string): HttpError {
  return new HttpError(400, `${param}: ${reason}`, param);
}

/**
 * Wraps a handler so thrown HttpErrors become their response and anything else a logged 500.
 * Every API request is also refused once the server is shutting down (ops/lifecycle), and timed
 * for /metrics.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    if (isDraining()) return Response.json({ error: 'shutting down: retry shortly (another replica, or this one after its restart)' } satisfies ApiErrorBody, { status: 503, headers: { 'retry-after': '5' } });
    const started = performance.now();
    let res: Response;
    try {
      res = await fn(...args);
    } catch (e) {
      if (e instanceof HttpError) res = e.toResponse();
      else {
        console.error('[api]', e);
        res = Response.json({ error: 'internal error (see the server log)' } satisfies ApiErrorBody, { status: 500 });
      }
    }
    if (args[0] instanceof Request) observeHttp(args[0], res.status, (performance.now() - started) / 1000);
    return res;
  };
}
