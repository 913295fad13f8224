import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { eventItem, flowItem } from '@/lib/server/api/items';
import { podTree, POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { parseListParams } from '@/lib/server/http/list-params';
import { parseMapParams } from '@/lib/server/http/map-params';
import type { Store } from '@/lib/server/store/store';
import { STRESS_POD, type QueryData } from './query-data';

/**
 * The questions a responder asks, each answered the way its route answers it (same parser, same
 * store call, same item mapping, serialised to JSON) minus HTTP — the same requests go over HTTP
 * in the server section. `http` is the request path for that.
 */
export interface QueryCase {
  id: string;
  label: string;
  kind: 'query' | 'map' | 'tree' | 'lookup';
  http: string;
  /** The Accept header the view sends with `http` (the views take pages and the tree as gzip bodies). */
  accept?: string;
  run(store: Store, i: number): Promise<number>; // bytes of the JSON answer
}

const json = (v: unknown) => JSON.stringify(v).length;

/** What apiFetch sends with `gzipBody` (components/api/api-fetch.ts): the views take large answers as gzip bodies. */
const GZIP_ACCEPT = 'application/gzip, application/json;q=0.5';

function flowsPage(id: string, q: string, limit = 500): QueryCase {
  // /flows asks for its first 500 rows with fields=summary (components/flows/use-flow-rows.ts).
  const search = new URLSearchParams({ q, limit: String(limit), fields: 'summary' });
  return {
    id,
    label: `/api/flows?q=${q} (first page of /flows, ${limit} rows)`,
    kind: 'query',
    http: `/api/flows?${search}`,
    accept: GZIP_ACCEPT, // as components/flows/use-flow-rows.ts
    async run(store) {
      const page = await store.listFlows(parseListParams('flows', search));
      return json({ items: page.rows.map(flowItem).map(({ event: _e, ...s }) => s), next: page.next });
    },
  };
}

export function queryCases(data: QueryData): QueryCase[] {
  const eventsSearch = new URLSearchParams({ q: 'pod=default/tiefighter', limit: '200' });
  const mapCase = (id: string, minutes: number): QueryCase => ({
    id,
    label: `/api/map, ${minutes}-minute window (mapSamples + aggregateServiceMap)`,
    kind: 'map',
    http: `/api/map?since=${minutes}m`,
    async run(store) {
      // The window ends at the newest stored item, not at the clock: a 10M fill takes tens of
      // minutes, and a 15-minute map then found no flows at all (its store-side cost is the
      // same for any window of the same density).
      const p = parseMapParams(new URLSearchParams({ since: `${minutes}m` }), data.spanUs[1]);
      const { samples, truncated } = await store.mapSamples({ ...p, maxGroups: 50_000 });
      const map = aggregateServiceMap(samples);
      return json({ ...map, window: { flows: samples.reduce((n, s) => n + s.count, 0), truncated } });
    },
  });
  return [
    flowsPage('flows-verdict', 'verdict=DROPPED'),
    flowsPage('flows-pods', 'from:pod=default/tiefighter to:pod=default/deathstar'),
    flowsPage('flows-regex', 'http-path=^/v1/exhaust-port'),
    {
      id: 'events-pod',
      label: "/api/events?q=pod=default/tiefighter (a pod's events page, 200 rows)",
      kind: 'query',
      http: `/api/events?${eventsSearch}`,
      accept: GZIP_ACCEPT, // as components/processes/use-event-feed.ts
      async run(store) {
        const page = await store.listEvents(parseListParams('events', eventsSearch));
        return json({ items: page.rows.map(eventItem), next: page.next });
      },
    },
    mapCase('map-15m', 15),
    mapCase('map-1h', 60),
    {
      id: 'tree-10k',
      label: `/api/pods/${STRESS_POD.namespace}/${STRESS_POD.pod}/tree (10,001 processes)`,
      kind: 'tree',
      http: `/api/pods/${STRESS_POD.namespace}/${STRESS_POD.pod}/tree`,
      accept: GZIP_ACCEPT, // as components/timeline/use-pod-tree.ts
      async run(store) {
        // podTree gives the route's JSON body as UTF-8 chunks (the exec/exit records come ready from the store).
        const chunks = await podTree(store, { ...STRESS_POD, sinceUs: null, untilUs: null, limit: POD_TREE_DEFAULT_LIMIT });
        return chunks.reduce((n, c) => n + c.length, 0);
      },
    },
    {
      id: 'get-flow',
      label: '/api/flows/<uuid> (deep link)',
      kind: 'lookup',
      http: `/api/flows/${data.flowIds[0]}`,
      async run(store, i) {
        const row = await store.getFlow(data.flowIds[i % data.flowIds.length]!);
        if (!row) throw new Error('a stored flow was not found by its id');
        return json(flowItem(row));
      },
    },
    {
      id: 'get-event',
      label: '/api/events/<id> (deep link)',
      kind: 'lookup',
      http: `/api/events/${data.eventIds[0]}`,
      async run(store, i) {
        const row = await store.getEvent(data.eventIds[i % data.eventIds.length]!);
        if (!row) throw new Error('a stored event was not found by its id');
        return json(eventItem(row));
      },
    },
  ];
}

/** Targets by kind: a page or lookup ≤ 50 ms, the map ≤ 250 ms, the 10k-process tree ≤ 20 ms (p95). */
export const TARGET_MS: Record<QueryCase['kind'], number> = { query: 50, lookup: 50, map: 250, tree: 20 };
