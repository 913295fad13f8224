import { queryCases } from '../data/query-suite';
import type { QueryData } from '../data/query-data';
import { sampleRss } from './child';
import { buildIfNeeded, startNextServer, storedOf, type Health } from './next-server';
import { MiB, percentile, sleep } from './stats';

/**
 * The real server's memory over a store filled before: `next start` on the file (no agents, no
 * retention, the server's own memory settings), its RSS at rest, its peak while every page and
 * API of the query suite is asked for `rounds` times and one filtered export is read, and after.
 * Issue 17's "server RSS with 10M events stored ≤ 1 GiB" is this peak.
 */
export interface ServedRss {
  stored: number;
  rssMiB: { atRest: number; peak: number; after: number };
  export: { bytes: number; seconds: number };
  p50ms: Record<string, number>;
}

export async function servedStoreRss(file: string, data: QueryData, rounds: number, log: (m: string) => void): Promise<ServedRss> {
  buildIfNeeded(log);
  // No retention of the server's own: a 10M store (~9 GB) is over the default 4 GiB size cap, and
  // a server deleting down to it while it is measured measures the delete (the 2026-12-07 run).
  const server = await startNextServer({ HOLOCRON_DB: file, HOLOCRON_AGENTS: '', HOLOCRON_RETENTION: '30d', HOLOCRON_MAX_DB_SIZE: '1TiB' });
  try {
    const stored = storedOf(await server.json<Health>('/api/health'));
    if (!data.flowIds.length) data.flowIds = (await server.json<{ items: { id: string }[] }>('/api/flows?limit=1')).items.map((f) => f.id);
    if (!data.eventIds.length) data.eventIds = (await server.json<{ items: { id: string }[] }>('/api/events?limit=1')).items.map((e) => e.id);
    await sleep(10_000); // the process cache warm-up and the first collections
    const atRest = server.rssBytes();
    const paths = [
      ...queryCases(data).map((c) => c.http),
      '/',
      '/flows',
      '/processes',
      '/map',
      '/alerts',
      `/flows/${data.flowIds[0]}`,
      `/events/${data.eventIds[0]}`,
      '/pods/load/stress-0',
    ];
    const sampler = sampleRss(() => server.rssBytes(), 100);
    const ms: Record<string, number[]> = {};
    for (let r = 0; r < rounds; r++) {
      for (const p of paths) {
        const t0 = performance.now();
        const res = await server.get(p);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
        (ms[p] ??= []).push(performance.now() - t0);
      }
    }
    // A filtered export of one busy pod, read to the end.
    const t0 = performance.now();
    const exp = await server.get('/api/export?source=flows&q=pod%3Ddefault%2Fxwing');
    const exportBytes = (await exp.arrayBuffer()).byteLength;
    const exportS = (performance.now() - t0) / 1000;
    const { peak } = sampler.stop();
    await sleep(5000);
    return {
      stored,
      rssMiB: { atRest: atRest / MiB, peak: peak / MiB, after: server.rssBytes() / MiB },
      export: { bytes: exportBytes, seconds: exportS },
      p50ms: Object.fromEntries(Object.entries(ms).map(([p, v]) => [p, Math.round(percentile(v, 50))])),
    };
  } finally {
    await server.stop();
  }
}
