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
      { error: this.message, ...(this.param ? { param: this.param } : {}), ...this.extra.body },
      { status: this.status, headers: this.extra.headers },
    );
  }
}

export function badParam(param: string, reason: string): HttpError {
  return new HttpError(400, `${param}: ${reason}`, param);
}

/** Wraps a handler so thrown HttpErrors become their response and anything else a logged 500. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof HttpError) return e.toResponse();
      console.error('[api]', e);
      return Response.json({ error: 'internal error (see the server log)' }, { status: 500 });
    }
  };
}
