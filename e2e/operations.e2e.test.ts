import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawFetch } from './support/e2e-token';
import { freePort, getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

interface AgentHealth {
  endpoint: string;
  kind: string;
  state: string;
  received: number;
  malformed: number;
  upstreamLost: number;
  reconnects: number;
}
interface Health {
  store: { flows: number; events: number; bytes: number };
  ingest: { inserted: number; duplicates: number; batches: number; queued: number };
  lost: { total: number };
  agents: AgentHealth[];
  detection: { evaluated: number; matches: number; alerts: number; errors: number };
}

function sample(families: PromFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no metric ${name}`);
  const m = family.metrics.find((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  if (!m || m.value === undefined) throw new Error(`no sample ${name}${JSON.stringify(labels)}`);
  return Number(m.value);
}

/** A Tetragon exec line no other line shares (its id is derived from its content). */
function uniqueExecLine(n: number, atMs: number): string {
  const time = new Date(atMs).toISOString();
  const process = { exec_id: Buffer.from(`ops-node:${n}`).toString('base64'), pid: 100_000 + n, uid: 0, cwd: '/', binary: '/usr/bin/ops-probe', arguments: `n=${n}`, start_time: time };
  return JSON.stringify({ process_exec: { process }, node_name: 'ops-node', time });
}

// What an operator's tooling sees: probes, Prometheus metrics, and a shutdown that loses nothing.
describe('operations: probes, metrics, graceful shutdown', () => {
  let holocron: RunningHolocron;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    holocron = await startHolocron({
      agentArgs: ['--source', 'scenario:death-star', '--rate', '3000'],
      env: { HOLOCRON_METRICS_PORT: String(metricsPort) },
    });
    await waitFor('events to be stored', async () => (await getJson<Health>(`${holocron.url}/api/health`)).store.events > 200, 60_000);
  });

  afterAll(() => holocron?.stop());

  it('answers /healthz and /readyz without a token, and keeps /metrics behind it', async () => {
    const live = await rawFetch(`${holocron.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.text()).toBe('ok\n');
    const ready = await rawFetch(`${holocron.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', reasons: [] });
    expect((await rawFetch(`${holocron.url}/metrics`)).status).toBe(401);
    expect((await rawFetch(`${holocron.url}/api/health`)).status).toBe(401);
    // The metrics port serves /metrics alone, without the token, and nothing else.
    const own = await rawFetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await rawFetch(`http://127.0.0.1:${metricsPort}/api/health`)).status).toBe(404);
  });

  it('serves Prometheus text whose counters match /api/health', async () => {
    await holocron.stopAgent(); // hold the counters still while the two are compared
    await waitFor('the agents to be disconnected and the queue empty', async () => {
      const h = await getJson<Health>(`${holocron.url}/api/health`);
      return h.agents.every((a) => a.state !== 'connected') && h.ingest.queued === 0;
    });
    const health = await getJson<Health>(`${holocron.url}/api/health`);
    const text = await (await fetch(`${holocron.url}/metrics`)).text();
    const families = parsePrometheusTextFormat(text);
    // Every family the text declares, the parser read (with its type).
    const declared = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]!.toUpperCase()}`);
    expect(families.map((f) => `${f.name} ${f.type}`)).toEqual(declared);
    expect(declared.length).toBeGreaterThan(20);
    for (const name of ['holocron_agent_received_total', 'holocron_ingest_stored_total', 'holocron_rule_evaluations_total', 'holocron_alerts_total']) {
      expect(families.find((f) => f.name === name)?.type).toBe('COUNTER');
    }
    expect(families.find((f) => f.name === 'holocron_http_request_duration_seconds')?.type).toBe('HISTOGRAM');

    expect(health.agents).toHaveLength(2);
    for (const a of health.agents) {
      const labels = { agent: a.endpoint, kind: a.kind };
      expect(sample(families, 'holocron_agent_received_total', labels)).toBe(a.received);
      expect(sample(families, 'holocron_agent_malformed_total', labels)).toBe(a.malformed);
      expect(sample(families, 'holocron_agent_lost_total', labels)).toBe(a.upstreamLost);
      expect(sample(families, 'holocron_agent_reconnects_total', labels)).toBe(a.reconnects);
      expect(sample(families, 'holocron_agent_connected', labels)).toBe(0);
      expect(a.received).toBeGreaterThan(0);
    }
    // What each agent stored adds up to what ingest stored, and to the store's rows (a fresh store).
    const tetragon = health.agents.find((a) => a.kind === 'tetragon')!;
    const hubble = health.agents.find((a) => a.kind === 'hubble')!;
    const storedEvents = sample(families, 'holocron_agent_stored_total', { agent: tetragon.endpoint, source: 'events' });
    const storedFlows = sample(families, 'holocron_agent_stored_total', { agent: hubble.endpoint, source: 'flows' });
    expect(storedEvents + storedFlows).toBe(health.ingest.inserted);
    expect(sample(families, 'holocron_ingest_stored_total')).toBe(health.ingest.inserted);
    expect(sample(families, 'holocron_ingest_duplicates_total')).toBe(health.ingest.duplicates);
    expect(sample(families, 'holocron_ingest_queue_depth')).toBe(0);
    expect(sample(families, 'holocron_lost_total')).toBe(health.lost.total);
    expect(sample(families, 'holocron_store_rows', { source: 'events' })).toBe(health.store.events);
    expect(sample(families, 'holocron_store_rows', { source: 'flows' })).toBe(health.store.flows);
    expect(storedEvents).toBe(health.store.events);
    expect(storedFlows).toBe(health.store.flows);
    expect(sample(families, 'holocron_store_bytes')).toBe(health.store.bytes);
    expect(sample(families, 'holocron_rule_evaluations_total')).toBe(health.detection.evaluated);
    expect(sample(families, 'holocron_rule_matches_total')).toBe(health.detection.matches);
    expect(sample(families, 'holocron_alerts_total')).toBe(health.detection.alerts);
    expect(health.detection.alerts).toBeGreaterThan(0); // the incident's rules fired
    // The health requests above were timed. (This parser folds a labelled histogram's series
    // into one, so the per-route count is read from its line.)
    const healthCount = /^holocron_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} (\d+)$/m.exec(text);
    expect(Number(healthCount?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('on SIGTERM under load stores everything it acknowledged, and counts match after the restart', async () => {
    await holocron.startAgent(['--source', 'scenario:death-star', '--rate', '8000', '--loop']);
    await waitFor('the agents to stream again', async () => (await getJson<Health>(`${holocron.url}/api/health`)).agents.every((a) => a.state === 'connected'));
    const before = await getJson<Health>(`${holocron.url}/api/health`);

    // Importers post batches of unique events while the agent streams; SIGTERM lands mid-way.
    const acked: number[] = [];
    let refused = 0;
    let next = 0;
    let stop = false;
    const importer = async () => {
      while (!stop) {
        const first = next;
        next += 200;
        const body = Array.from({ length: 200 }, (_, i) => uniqueExecLine(first + i, Date.now() - 60_000)).join('\n');
        const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } }).catch(() => null);
        if (res?.status === 200) {
          const report = (await res.json()) as { events: { added: number } };
          expect(report.events.added).toBe(200);
          for (let i = 0; i < 200; i++) acked.push(first + i);
        } else {
          refused++;
          if (res) await res.body?.cancel();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const importers = [importer(), importer(), importer()];
    await waitFor('some imports to be acknowledged', async () => acked.length >= 1000);
    const logBefore = holocron.log().length;
    await holocron.stopServer('SIGTERM');
    stop = true;
    await Promise.all(importers);
    const shutdownLog = holocron.log().slice(logBefore);
    expect(shutdownLog).toMatch(/SIGTERM: shutting down/);
    const stopped = /stopped: (\d+) rows stored this run, (\d+) left unstored/.exec(shutdownLog);
    expect(stopped, shutdownLog).not.toBeNull();
    expect(Number(stopped![2])).toBe(0);
    expect(refused).toBeGreaterThan(0); // importers kept trying after the drain began

    await holocron.stopAgent();
    await holocron.startServer();
    const after = await getJson<Health>(`${holocron.url}/api/health`);
    // Every row the batcher stored this run plus every acknowledged import, on top of what was
    // there before the run began: exactly the rows after the restart.
    const beforeRun = (await import('node:fs')).existsSync(holocron.dbFile);
    expect(beforeRun).toBe(true);
    const importedEvents = acked.length;
    console.log(
      `SIGTERM under load: ${importedEvents} imported events acknowledged, ${stopped![1]} rows stored by ingest, ${refused} requests refused or cut during the drain; ` +
        `${before.store.events + before.store.flows} rows before the load, ${after.store.events + after.store.flows} after the restart`,
    );
    expect(after.store.events + after.store.flows).toBe(Number(stopped![1]) + importedEvents);
    expect(after.store.events + after.store.flows).toBeGreaterThan(before.store.events + before.store.flows);
    // And each acknowledged import is there by itself (the probe's events, counted by query).
    const probe = await getJson<{ items: unknown[]; next: string | null }>(`${holocron.url}/api/events?q=${encodeURIComponent('binary=/usr/bin/ops-probe')}&limit=1`);
    expect(probe.items.length).toBe(1);
    const counted = await (await fetch(`${holocron.url}/api/export?source=events&format=ndjson&q=${encodeURIComponent('binary=/usr/bin/ops-probe')}`)).text();
    const ids = new Set(counted.trim().split('\n').map((l) => Number(/"n=(\d+)"/.exec(l)?.[1])));
    expect(acked.every((n) => ids.has(n))).toBe(true);
  });
});
