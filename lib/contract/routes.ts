import type { AlertCountsAnswer, AlertDetail, AlertsPage, FalcoIntakeAnswer, RuleSetReport } from './alerts';
import type { EventItem, EventsPage, FlowProcessesJson, ProcessFlowsJson } from './events';
import type { FlowContext, FlowItem, FlowsPage } from './flows';
import type { HealthReport } from './health';
import type { ImportReport } from './import-report';
import type { MapAnswer } from './map';
import type { PodTreeJson } from './pod-tree';
import type { SuggestAnswer } from './suggest';

/**
 * Every JSON route of the HTTP API, named `METHOD path` with the path as its folder under app/
 * (`[name]` for a path parameter), and the body it answers with on success. Route handlers answer
 * through apiJson (lib/server/http/api-json.ts) and the browser asks through apiFetch
 * (components/api/api-fetch.ts), both keyed by this table: a changed shape is a compile error on
 * both sides. Errors answer ApiErrorBody (error.ts). Not JSON, so not here: /api/stream (SSE,
 * stream.ts), /api/export (a download, export-format.ts), /api/login and /api/logout (forms).
 */
export interface ApiRoutes {
  'GET /api/flows': FlowsPage;
  'GET /api/flows/[uuid]': FlowItem;
  'GET /api/flows/[uuid]/neighbors': FlowContext;
  'GET /api/flows/[uuid]/processes': FlowProcessesJson;
  'GET /api/events': EventsPage;
  'GET /api/events/[id]': EventItem;
  'GET /api/events/[id]/flows': ProcessFlowsJson;
  'GET /api/pods/[namespace]/[pod]/tree': PodTreeJson;
  'GET /api/alerts': AlertsPage;
  'GET /api/alerts/[id]': AlertDetail;
  'GET /api/alerts/counts': AlertCountsAnswer;
  'GET /api/alerts/rules': RuleSetReport;
  'POST /api/falco/alerts': FalcoIntakeAnswer;
  'GET /api/map': MapAnswer;
  'GET /api/suggest': SuggestAnswer;
  'GET /api/health': HealthReport;
  'POST /api/import': ImportReport;
}

export type ApiRoute = keyof ApiRoutes;
export type ApiAnswer<R extends ApiRoute> = ApiRoutes[R];

type PathOf<R extends string> = R extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}[${infer N}]${infer Rest}` ? N | ParamNames<Rest> : never;

/** The names of a route's path parameters: 'uuid' for 'GET /api/flows/[uuid]', never for a route without. */
export type PathParamName<R extends ApiRoute> = ParamNames<PathOf<R>>;

/** The path parameters a route needs: `{ uuid: string }` for 'GET /api/flows/[uuid]', `{}` for a route without. */
export type PathParams<R extends ApiRoute> = Record<PathParamName<R>, string>;

export function routeMethod(route: ApiRoute): 'GET' | 'POST' {
  return route.startsWith('POST ') ? 'POST' : 'GET';
}

/** The route's path with each `[name]` replaced by its parameter, URI-encoded: ('GET /api/flows/[uuid]', { uuid: 'a/b' }) → /api/flows/a%2Fb. */
export function routePath<R extends ApiRoute>(route: R, params: PathParams<R>): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${route}: path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}
