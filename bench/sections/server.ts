import fs from 'node:fs';
import path from 'node:path';
import { POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { queryCases, TARGET_MS } from '../data/query-suite';
import { freshCopyBase, startFeeder, type Feeder } from '../feeder/feeder-control';
import { startAgent, freePort } from '../support/agent';
import { apiLoad } from '../support/api-load';
import { sampleRss } from '../support/child';
import type { BenchContext } from '../support/context';
import { buildIfNeeded, dbFileBytes, startNextServer, storedOf, type Health, type NextServer } from '../support/next-server';
import { openSseLatency } from '../support/sse-latency';
import { GiB, MiB, percentile, sleep } from '../support/stats';
import { runBrowser } from './browser';
import { ensureQueryDb } from './queries';

/**
 * (4)–(7) against a real `next start` serving the N-item store from the queries section:
 * memory at N stored, API latency while ingesting at 80 % of the measured maximum (the agent's
 * flood source with --rate), memory under an unpaced flood, end-to-end latency agent → SSE, and
 * the browser. One agent address; the agent behind it is swapped between phases (the server
 * reconnects by itself, as it would after an agent restart).
 */
type Upstream = { stop(): Promise<void> };

/** Requests a second while measuring the API: a few responders clicking through views. */
const API_RATE = 5;
/**
 * The 10k-process tree over HTTP: the store's answer (≤ 20 ms, TARGET_MS.tree) plus the route,
 * its JSON and gzip of a ~4 MB answer. Issue 17 set 50 ms for the whole request.
 */
const TREE_OVER_HTTP_MS = 50;

async function waitConnected(server: NextServer, what: string, timeoutMs = 30_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await server.json<Health>('/api/health');
    if (h.agents.length > 0 && h.agents.every((a) => a.state === 'connected')) return h;
    if (Date.now() > deadline) throw new Error(`${what}: agents not connected after ${timeoutMs} ms: ${JSON.stringify(h.agents.map((a) => [a.endpoint, a.state]))}`);
    await sleep(200);
  }
}

async function waitWarm(server: NextServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await server.json<{ detection?: { processCache?: { warming?: boolean } } }>('/api/health')).detection?.processCache?.warming) {
    if (Date.now() > deadline) throw new Error(`the detection's process cache still warming after ${timeoutMs} ms`);
    await sleep(200);
  }
}

export async function runServer(ctx: BenchContext): Promise<void> {
  const { report, opts } = ctx;
  const quick = opts.quick;
  const { file, data } = await ensureQueryDb(ctx);
  buildIfNeeded(ctx.log);
  const agentAddr = `127.0.0.1:${await freePort()}`;
  let upstream: Upstream = await startFeeder(agentAddr); // idle: serves, sends nothing yet
  const swap = async (next: () => Promise<Upstream>) => {
    await upstream.stop();
    upstream = await next();
  };
  ctx.log('server: next start on the query store');
  const server = await startNextServer({
    HOLOCRON_DB: file,
    HOLOCRON_AGENTS: `tetragon://${agentAddr},hubble://${agentAddr}`,
  });
  try {
    await waitConnected(server, 'idle feeder');
    // After a start the detection refills its process cache from the newest exec events (~1 s of
    // CPU at 1M stored): timed before it ends, the first requests measured the start, not the API.
    await waitWarm(server);
    ctx.log('server: idle API and memory at N');
    const cases = queryCases(data);
    const interactive = cases.filter((c) => c.kind === 'query' || c.kind === 'lookup');
    // The 10k-process tree is timed on its own: one such request holds the event loop for
    // about a second (see the queries section), which would decide every other request's p95.
    const loadMix = [...interactive, ...cases.filter((c) => c.id === 'map-15m')];
    const tree = cases.find((c) => c.id === 'tree-10k')!;

    // (6a) memory at N stored, after every question has been asked (caches warm). `next start`
    // loads a route's code on its first request: each is asked once before anything is timed.
    for (const c of cases) await (await server.get(c.http)).arrayBuffer();
    // Server CPU per request beside the wall times: on a shared machine the wall time is mostly
    // waiting for a core, the CPU time is what the request costs.
    let cpu0 = server.cpuSeconds();
    const idle = await apiLoad(server, loadMix, quick ? 4 : 10, API_RATE);
    const idleCpuMs = ((server.cpuSeconds() - cpu0) * 1000) / Math.max(1, idle.requests);
    // Each timed tree request asks a limit of its own (all above the pod's 10,001 processes, so the
    // same answer): none is given from the server's kept answers (answer-cache.ts), and the row is
    // what a first look at the timeline costs. The kept answer, asked again, goes in its note.
    const firstAsks = Array.from({ length: 12 }, (_, i) => ({ ...tree, http: `${tree.http}?limit=${POD_TREE_DEFAULT_LIMIT - 1 - i}` }));
    cpu0 = server.cpuSeconds();
    const idleTree = await apiLoad(server, firstAsks, quick ? 4 : 8, quick ? 2 : 1);
    const treeCpuMs = ((server.cpuSeconds() - cpu0) * 1000) / Math.max(1, idleTree.requests);
    const askedAgain = await apiLoad(server, [tree], quick ? 2 : 4, 2);
    const rssAtN = server.rssBytes();
    const stored = storedOf(await server.json<Health>('/api/health'));
    report.add({
      section: 'memory',
      metric: `server RSS with ${stored.toLocaleString('en-US')} stored (idle, after queries)`,
      value: rssAtN / MiB,
      unit: 'MiB',
      target: { op: '<=', value: (1.5 * GiB) / MiB },
      note: `next start, pid ${server.serverPid()}; DB ${(dbFileBytes(file) / MiB).toFixed(0)} MiB`,
    });
    report.add({ section: 'api', metric: `API p95, idle (HTTP, ${API_RATE} requests/s: flows pages, events page, deep links, map 15 m)`, value: idle.all.p95, unit: 'ms', target: { op: '<=', value: 100 }, note: `p50 ${idle.all.p50.toFixed(1)} ms, ${idle.requests} requests; ${idleCpuMs.toFixed(1)} ms of server CPU a request` });
    report.add({ section: 'api', metric: `${tree.http} p95, idle (HTTP)`, value: idleTree.all.p95, unit: 'ms', target: { op: '<=', value: TREE_OVER_HTTP_MS }, note: `p50 ${idleTree.all.p50.toFixed(0)} ms, ${idleTree.requests} requests, each a first ask; ${treeCpuMs.toFixed(1)} ms of server CPU a request; asked again (the kept answer) p50 ${askedAgain.all.p50.toFixed(0)} ms` });

    // The export as a user gets it: /api/export over HTTP, read to the end (the queries section
    // times exportRows in-process; this adds the read pool, the protojson lines and the socket).
    for (const source of ['flows', 'events'] as const) {
      const cpu0 = server.cpuSeconds();
      const t0 = performance.now();
      const res = await server.get(`/api/export?source=${source}`);
      let bytes = 0;
      const reader = res.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
      const seconds = (performance.now() - t0) / 1000;
      const cpu = server.cpuSeconds() - cpu0;
      report.add({
        section: 'api',
        metric: `/api/export?source=${source} over HTTP, idle (wall)`,
        value: bytes / MiB / seconds,
        unit: 'MiB/s',
        target: { op: '>=', value: 100 },
        note: `${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s; ${(bytes / MiB / Math.max(cpu, 1e-3)).toFixed(0)} MiB per server CPU-second; HTTP ${res.status}`,
      });
    }

    // (4) API latency while ingesting at 80 % of the maximum measured in (2).
    const maxRate = ctx.measured.ingestMixed;
    if (!maxRate) {
      report.skip('api', 'API p95 while ingesting at 80 % of max', 'needs the ingest section (its maximum rate)', { op: '<=', value: 100 });
    } else {
      const rate = Math.round(maxRate * 0.8);
      ctx.log(`server: API while the agent floods at ${rate} ev/s`);
      await swap(() => startAgent(agentAddr, ['--source', 'flood:death-star', '--rate', String(rate)]));
      await waitConnected(server, 'flood agent');
      await sleep(2000); // ingest reaches its pace
      const h0 = await server.json<Health>('/api/health');
      const t0 = performance.now();
      const loaded = await apiLoad(server, loadMix, quick ? 8 : 30, API_RATE);
      const seconds = (performance.now() - t0) / 1000;
      const h1 = await server.json<Health>('/api/health');
      const ingested = (storedOf(h1) - storedOf(h0)) / seconds;
      const worst = Object.entries(loaded.byCase).sort((a, b) => b[1].p95 - a[1].p95)[0];
      report.add({
        section: 'api',
        metric: `API p95 while ingesting at 80 % of max (${rate.toLocaleString('en-US')} ev/s offered, ${API_RATE} requests/s)`,
        value: loaded.all.p95,
        unit: 'ms',
        target: { op: '<=', value: 100 },
        note: `p50 ${loaded.all.p50.toFixed(0)} ms; slowest ${worst?.[0]} p95 ${worst?.[1].p95.toFixed(0)} ms; stored ${Math.round(ingested).toLocaleString('en-US')} ev/s meanwhile, ${h1.lost.total - h0.lost.total} lost; ${loaded.requests} requests${loaded.errors.length ? `; errors: ${loaded.errors[0]}` : ''}`,
      });
      for (const id of ['map-15m'] as const) {
        const t = loaded.byCase[id];
        const c = cases.find((x) => x.id === id)!;
        if (t) report.add({ section: 'api', metric: `${c.http.split('?')[0]} p95 under the same load (HTTP)`, value: t.p95, unit: 'ms', target: { op: '<=', value: TARGET_MS[c.kind] }, note: `p50 ${t.p50.toFixed(0)} ms` });
      }
      report.detail('api.load', { rate, ingested, loaded, idle });
    }

    // (6b) memory under an unpaced flood: what the agent offers beyond what the store takes is
    // dropped at the agent and reported (lost_events / rate_limit_info), never buffered.
    ctx.log('server: memory under an unpaced flood');
    await swap(() => startAgent(agentAddr, ['--source', 'flood:death-star']));
    await waitConnected(server, 'unpaced flood agent');
    const f0 = await server.json<Health>('/api/health');
    const rss = sampleRss(() => server.rssBytes(), 250);
    const floodSeconds = quick ? 8 : 30;
    const tf = performance.now();
    await sleep(floodSeconds * 1000);
    const mem = rss.stop();
    const f1 = await server.json<Health>('/api/health');
    const floodElapsed = (performance.now() - tf) / 1000;
    const floodStored = (storedOf(f1) - storedOf(f0)) / floodElapsed;
    const floodLost = (f1.lost.total - f0.lost.total) / floodElapsed;
    const thirds = [mem.samples.slice(0, mem.samples.length / 3), mem.samples.slice((2 * mem.samples.length) / 3)];
    const growth = Math.max(...thirds[1]!) / Math.max(...thirds[0]!);
    report.add({
      section: 'memory',
      metric: `server RSS peak during an unpaced flood (${floodSeconds} s)`,
      value: mem.peak / MiB,
      unit: 'MiB',
      target: { op: '<=', value: (1.5 * GiB) / MiB },
      note: `offered ≈ ${Math.round(floodStored + floodLost).toLocaleString('en-US')} ev/s (${((floodStored + floodLost) / Math.max(1, maxRate ?? floodStored)).toFixed(1)}× max ingest): stored ${Math.round(floodStored).toLocaleString('en-US')}/s, ${Math.round(floodLost).toLocaleString('en-US')}/s lost and reported; last third vs first third peak ×${growth.toFixed(2)}`,
    });
    report.detail('memory.flood', { floodStored, floodLost, peak: mem.peak, growth, samples: mem.samples.map((s) => Math.round(s / MiB)) });

    // (5) end-to-end: agent emit → SSE client, at a moderate rate.
    const feeder: Feeder = await (async () => {
      await upstream.stop();
      const f = await startFeeder(agentAddr);
      upstream = f;
      return f;
    })();
    await waitConnected(server, 'stamped feeder');
    ctx.log('server: end-to-end latency');
    await sleep(1500); // the flood's backlog is stored before the clock starts
    const sse = await openSseLatency(server.url, server.token);
    const e2eRate = 1000;
    await feeder.go({ mix: 'mixed', count: Infinity, rate: e2eRate, copyBase: freshCopyBase() });
    await sleep(1500);
    sse.record(true);
    await sleep((quick ? 6 : 20) * 1000);
    const lat = [...sse.latenciesMs];
    sse.record(false);
    feeder.stopSending();
    sse.close();
    report.add({
      section: 'latency',
      metric: `end-to-end p95, agent emit → /api/stream client (${e2eRate.toLocaleString('en-US')} ev/s)`,
      value: percentile(lat, 95),
      unit: 'ms',
      target: { op: '<=', value: 300 },
      note: `p50 ${percentile(lat, 50).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms over ${lat.length.toLocaleString('en-US')} items; ${sse.lost} lost`,
    });
    report.detail('latency', { p50: percentile(lat, 50), p95: percentile(lat, 95), max: Math.max(...lat), n: lat.length });

    // (7) the browser, against this server (the live tail is fed by the same feeder).
    if (opts.sections.has('browser')) {
      try {
        await runBrowser(ctx, server, feeder);
      } catch (e) {
        // No Chromium here, or the page broke: the server's figures above still stand.
        ctx.log(`browser FAILED: ${(e as Error).stack ?? e}`);
        report.skip('browser', 'section failed', (e as Error).message.split('\n')[0]!.slice(0, 200));
      }
    }
  } finally {
    await upstream.stop().catch(() => {});
    await server.stop();
    fs.writeFileSync(path.join(ctx.dataDir, 'server.log'), server.child.log());
    const fallback = /decode worker[^\n]*/.exec(server.child.log());
    if (fallback) report.add({ section: 'api', metric: 'ingest decode ran on the main thread', value: null, unit: '', note: fallback[0] });
  }
}
