import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sharedSingleton } from '../auth/access-token';
import type { Hub } from '../hub';

/**
 * /metrics in Prometheus text format (prom-client). The counters are read from the same state
 * /api/health reports (agent status, batcher, detection, webhooks) at scrape time, so the two
 * never disagree; only HTTP latency is observed as requests finish. One registry per process on
 * globalThis: the route handlers and instrumentation are separate module graphs in Next.
 */
interface Metrics {
  registry: Registry;
  http: Histogram<'method' | 'route' | 'status'>;
  hub: Hub | null;
}

type Labels = Record<string, string>;

/** A counter whose value lives elsewhere (a stats object): set from `read` at every scrape. */
function mirroredCounter(registry: Registry, name: string, help: string, labelNames: string[], read: (hub: Hub) => Array<[Labels, number]>, m: () => Metrics) {
  return new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      const hub = m().hub;
      if (hub) for (const [labels, v] of read(hub)) this.inc(labels, v);
    },
  });
}

function mirroredGauge(registry: Registry, name: string, help: string, labelNames: string[], read: (hub: Hub) => Array<[Labels, number]> | Promise<Array<[Labels, number]>>, m: () => Metrics) {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      const hub = m().hub;
      if (hub) for (const [labels, v] of await read(hub)) this.set(labels, v);
    },
  });
}

/** One store count per scrape for the two gauges that need it (a count can cost a query). */
let lastCounts: { at: number; counts: ReturnType<Hub['store']['counts']> } | null = null;
function storeCounts(hub: Hub): ReturnType<Hub['store']['counts']> {
  if (!lastCounts || Date.now() - lastCounts.at > 1000) lastCounts = { at: Date.now(), counts: hub.store.counts() };
  return lastCounts.counts;
}

const agentLabels = (a: { endpoint: string; kind: string }) => ({ agent: a.endpoint, kind: a.kind });

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    hub: null,
    http: new Histogram({
      name: 'holocron_http_request_duration_seconds',
      help: 'API request time until the response starts (streams: their first byte), by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  const m = () => metrics;
  const counter = (name: string, help: string, labels: string[], read: (hub: Hub) => Array<[Labels, number]>) => mirroredCounter(registry, name, help, labels, read, m);
  const gauge = (name: string, help: string, labels: string[], read: (hub: Hub) => Array<[Labels, number]> | Promise<Array<[Labels, number]>>) =>
    mirroredGauge(registry, name, help, labels, read, m);
  const one = (v: number): Array<[Labels, number]> => [[{}, v]];

  // Per agent: what arrived, what was stored, what was lost on the way (as /api/health's agents).
  counter('holocron_agent_received_total', 'Messages received from the agent (Tetragon events or Hubble flows, loss notices included)', ['agent', 'kind'], (h) =>
    h.agents.map((a) => [agentLabels(a.status), a.status.received]),
  );
  counter('holocron_agent_stored_total', 'Rows stored from the agent, duplicates excluded', ['agent', 'source'], (h) =>
    [...h.batcher.storedByOrigin].flatMap(([agent, t]): Array<[Labels, number]> => [
      [{ agent, source: 'flows' }, t.flows],
      [{ agent, source: 'events' }, t.events],
    ]),
  );
  counter('holocron_agent_lost_total', 'Events the agent reported lost (lost_events, rate_limit_info)', ['agent', 'kind'], (h) =>
    h.agents.map((a) => [agentLabels(a.status), a.status.upstreamLost]),
  );
  counter('holocron_agent_malformed_total', 'Messages from the agent that could not be decoded', ['agent', 'kind'], (h) =>
    h.agents.map((a) => [agentLabels(a.status), a.status.malformed]),
  );
  counter('holocron_agent_reconnects_total', 'Times the stream to the agent was lost and retried', ['agent', 'kind'], (h) =>
    h.agents.map((a) => [agentLabels(a.status), a.status.reconnects]),
  );
  gauge('holocron_agent_connected', '1 while the stream to the agent is up', ['agent', 'kind'], (h) =>
    h.agents.map((a) => [agentLabels(a.status), a.status.state === 'connected' ? 1 : 0]),
  );
  gauge('holocron_agent_lag_seconds', 'Now minus the time of the newest event received from the agent', ['agent', 'kind'], (h) =>
    h.agents.flatMap((a): Array<[Labels, number]> =>
      a.status.lastEventTimeUs === null ? [] : [[agentLabels(a.status), Math.max(0, (Date.now() * 1000 - a.status.lastEventTimeUs) / 1e6)]],
    ),
  );

  // Ingest as a whole.
  counter('holocron_ingest_stored_total', 'Rows written to the store (all sources: agents, imports and Falco intake go through it)', [], (h) => one(h.batcher.stats.inserted));
  counter('holocron_ingest_duplicates_total', 'Rows dropped as already stored', [], (h) => one(h.batcher.stats.duplicates));
  counter('holocron_ingest_batches_total', 'Store transactions written', [], (h) => one(h.batcher.stats.batches));
  counter('holocron_lost_total', 'Events known lost, from every source (agents, relays, slow consumers)', [], (h) => one(h.lost.total));
  gauge('holocron_ingest_queue_depth', 'Rows received and not yet stored', [], (h) => one(h.batcher.stats.queued));
  gauge('holocron_ingest_store_error', '1 while the store refuses writes (ingest paused, nothing dropped)', [], (h) => one(h.batcher.stats.storeError ? 1 : 0));

  // The store.
  gauge('holocron_store_rows', 'Rows in the store', ['source'], async (h) => {
    const c = await storeCounts(h);
    return [
      [{ source: 'flows' }, c.flows],
      [{ source: 'events' }, c.events],
    ];
  });
  gauge('holocron_store_bytes', 'Size of the store on disk', [], async (h) => one((await storeCounts(h)).bytes));

  // Detection and alert delivery.
  counter('holocron_rule_evaluations_total', 'Process events evaluated against the rules', [], (h) => one(h.detection.stats.evaluated));
  counter('holocron_rule_matches_total', 'Rule matches (an alert or a repeat of one)', [], (h) => one(h.detection.stats.matches));
  counter('holocron_rule_errors_total', 'Errors while evaluating rules or storing alerts', [], (h) => one(h.detection.stats.errors));
  counter('holocron_alerts_total', 'Alerts created', [], (h) => one(h.detection.stats.alerts));
  counter('holocron_webhook_deliveries_total', 'Alert webhook deliveries by result', ['target', 'result'], (h) =>
    h.detection.webhooks.flatMap((w): Array<[Labels, number]> =>
      (['delivered', 'failed', 'dropped', 'retries'] as const).map((r) => [{ target: w.stats.target, result: r }, w.stats[r]]),
    ),
  );
  gauge('holocron_webhook_queue_depth', 'Alerts waiting for (or in) delivery, per webhook', ['target'], (h) => h.detection.webhooks.map((w) => [{ target: w.stats.target }, w.stats.queued]));

  gauge('holocron_live_subscribers', 'Browsers following the live stream', [], (h) => one(h.live.subscriberCount));
  return metrics;
}

export function metrics(): Metrics {
  return sharedSingleton(Symbol.for('holocron.metrics'), create);
}

/** Point the collectors at the running hub (start-server does, once the hub exists). */
export function attachMetrics(hub: Hub): void {
  metrics().hub = hub;
}

/** `/api/flows/<id>/neighbors` → `/api/flows`: one series per API, not one per id. */
export function routeLabel(pathname: string): string {
  const m = /^(?:\/[^/]+)*?(\/api\/[a-z-]+)/.exec(pathname);
  return m ? m[1]! : 'other';
}

export function observeHttp(request: Request, status: number, seconds: number): void {
  metrics().http.observe({ method: request.method, route: routeLabel(new URL(request.url).pathname), status: String(status) }, seconds);
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
