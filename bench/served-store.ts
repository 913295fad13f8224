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
import { servedStoreRss } from './support/served-rss';

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
  const served = await servedStoreRss(file, data, Number(values.rounds ?? 5), log);
  const result = { at: new Date().toISOString(), load: os.loadavg()[0], fileBytes: fs.statSync(file).size, target: '≤ 1024 MiB', ...served };
  console.log(JSON.stringify(result, null, 2));
  fs.writeFileSync(values.out ?? path.join(__dirname, 'served-store.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`${served.stored.toLocaleString('en-US')} stored: server RSS ${served.rssMiB.atRest.toFixed(0)} MiB at rest, peak ${served.rssMiB.peak.toFixed(0)} MiB while pages, APIs and one export were read, ${served.rssMiB.after.toFixed(0)} MiB after`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
