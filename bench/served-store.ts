/**
 * The real server's memory over a large store (issue 17: "server RSS with N events stored ≤ 1 GiB").
 * The scale section measures its own process (store, writer thread and generator); this starts
 * `next start` on a store filled the same way and reads the server's RSS at rest, while every
 * page and API of the query suite is asked for (and a filtered export read), and after.
 *
 *   npx tsx bench/served-store.ts --items 3000000            fill a store, serve it, measure
 *   npx tsx bench/served-store.ts --db /tmp/x/served.db      serve a store filled before (its .json beside it)
 *
 * Uses the build in HOLOCRON_DIST_DIR (`.next-bench` unless set; built if missing or stale).
 * Prints the figures and writes them to bench/served-store.json (--out).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { fillQueryStore, type QueryData } from './data/query-data';
import { queryCases } from './data/query-suite';
import { sampleRss } from './support/child';
import { buildIfNeeded, startNextServer, storedOf, type Health } from './support/next-server';
import { MiB, percentile, sleep } from './support/stats';

const log = (m: string) => console.error(`[served-store ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function fill(file: string, items: number): Promise<QueryData> {
  const store = new SqliteStore(file);
  let last = Date.now();
  try {
    const data = await fillQueryStore(store, items, {
      batch: 8000,
      onStored: (n) => {
        if (Date.now() - last < 30_000) return;
        last = Date.now();
        log(`${n.toLocaleString('en-US')} of ${items.toLocaleString('en-US')} stored`);
      },
    });
    const { cycles: _c, ...rest } = data;
    return { ...rest, flowIds: data.flowIds.slice(0, 200), eventIds: data.eventIds.slice(0, 200) };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { items: { type: 'string' }, db: { type: 'string' }, rounds: { type: 'string' }, out: { type: 'string' } } });
  let file = values.db;
  let data: QueryData;
  if (file) {
    // The fill's ids when this script filled it; else (a store from `npm run bench -- --keep`) asked of the server below.
    data = fs.existsSync(`${file}.json`) ? (JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as QueryData) : { flows: 0, events: 0, spanUs: [0, 0], flowIds: [], eventIds: [] };
  } else {
    const items = Number((values.items ?? '3000000').replace(/[_,]/g, ''));
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-served-')), 'served.db');
    log(`filling ${file} to ${items.toLocaleString('en-US')} items`);
    const t0 = Date.now();
    data = await fill(file, items);
    fs.writeFileSync(`${file}.json`, JSON.stringify(data));
    log(`filled in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  buildIfNeeded(log);
  // No agents and no retention run during the measurement: what the server holds is the store's.
  const server = await startNextServer({ HOLOCRON_DB: file, HOLOCRON_AGENTS: '', HOLOCRON_RETENTION: '30d' });
  try {
    const health = await server.json<Health>('/api/health');
    const stored = storedOf(health);
    if (!data.flowIds.length) data.flowIds = (await server.json<{ items: { id: string }[] }>('/api/flows?limit=1')).items.map((f) => f.id);
    if (!data.eventIds.length) data.eventIds = (await server.json<{ items: { id: string }[] }>('/api/events?limit=1')).items.map((e) => e.id);
    await sleep(10_000); // the process cache warm-up and the first collections
    const atRest = server.rssBytes();
    const rounds = Number(values.rounds ?? 5);
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
    const after = server.rssBytes();
    const result = {
      at: new Date().toISOString(),
      load: os.loadavg()[0],
      stored,
      fileBytes: fs.statSync(file).size,
      rssMiB: { atRest: atRest / MiB, peak: peak / MiB, after: after / MiB },
      target: '≤ 1024 MiB',
      export: { bytes: exportBytes, seconds: exportS },
      p50ms: Object.fromEntries(Object.entries(ms).map(([p, v]) => [p, Math.round(percentile(v, 50))])),
    };
    console.log(JSON.stringify(result, null, 2));
    fs.writeFileSync(values.out ?? path.join(__dirname, 'served-store.json'), `${JSON.stringify(result, null, 2)}\n`);
    log(`${stored.toLocaleString('en-US')} stored: server RSS ${result.rssMiB.atRest.toFixed(0)} MiB at rest, peak ${result.rssMiB.peak.toFixed(0)} MiB over ${rounds} rounds of ${paths.length} pages and APIs and one export, ${result.rssMiB.after.toFixed(0)} MiB after`);
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
