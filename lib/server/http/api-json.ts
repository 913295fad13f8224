import type { ApiAnswer, ApiRoute } from '@/lib/contract/routes';

/**
 * A route's JSON answer, typed against the contract (lib/contract/routes.ts): `route` names the
 * route so that the body must be what the browser expects of it.
 */
export function apiJson<R extends ApiRoute>(_route: R, body: ApiAnswer<R>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
