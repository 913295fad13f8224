/**
 * The error body every API route answers with (lib/server/http/http-error.ts, the auth guard, the
 * drain and 500 paths): a plain message, and the query or path parameter at fault when one was.
 * Some errors carry more (an import stopped early adds its report: see ImportStoppedBody).
 */
export interface ApiErrorBody {
  error: string;
  param?: string;
}

/** What the browser's fetch helper gives back instead of data (components/api/api-fetch.ts). */
export interface ApiError {
  /** The HTTP status; 0 when no answer arrived (network down, server gone). */
  status: number;
  message: string;
  /** The parameter the server named as the bad one (`param` in the body). */
  parameter?: string;
}
