/**
 * How long GET /api/map's store query and aggregation take over a big store:
 *
 *   npx tsx bench/map-samples.ts [flows=1000000] [spanMinutes=15] [file]
 *
 * Fills a scratch SQLite file (kept, reused when given) with `flows` flows of a 300-workload,
 * 2,000-edge synthetic cluster spread over the last `spanMinutes`, then times the map's
 * 15-minute window: no filter, a filter the rollup answers, and one that must read the rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery } from '@/lib/domain/query/parse';
import type { FlowSummary } from '@/lib/domain/records';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { syntheticSamples } from '@/lib/domain/service-map/synthetic-samples';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import type { FlowRecord } from '@/lib/server/store/store';

async function fill(store: SqliteStore, total: number, spanUs: number, nowUs: number): Promise<void> {
  const samples = syntheticSamples({ workloads: 300, edges: 2000, namespaces: 12, seed: 7 });
  let batch: FlowRecord[] = [];
  for (let i = 0; i < total; i++) {
    const s = samples[i % samples.length]!;
    const ephemeral = 30_000 + (i % 30_000);
    const summary: FlowSummary = {
      id: `bench-${i}`, ts: nowUs - spanUs + Math.floor((i / total) * spanUs), time: '', node: `node-${i % 3}`,
      verdict: s.verdict, dropReason: s.dropReason, type: s.httpMethod ? 'L7' : 'L3_L4', protocol: s.protocol,
      tcpFlags: ['ACK'], direction: s.direction, isReply: s.isReply,
      source: { ...s.source, port: s.isReply ? s.source.port : ephemeral, names: [] },
      destination: { ...s.destination, port: s.isReply ? ephemeral : s.destination.port, names: [] },
      l7Type: '', httpMethod: s.httpMethod, httpUrl: '', httpPath: s.httpPath, httpCode: s.httpCode, latencyNs: '',
      dnsQuery: s.dnsQuery, encrypted: s.encrypted, authType: s.authType, policies: s.policies, summary: '',
    };
    batch.push({ summary, json: '{"flow":{}}' });
    if (batch.length === 20_000) {
      await store.insert(batch, []);
      batch = [];
    }
  }
  if (batch.length) await store.insert(batch, []);
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 1_000_000);
  const spanUs = Number(process.argv[3] ?? 15) * 60e6;
  const file = process.argv[4] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-')), 'map.db');
  const fresh = !fs.existsSync(file);
  const store = new SqliteStore(file);
  const nowUs = Date.now() * 1000;
  if (fresh) {
    const t = performance.now();
    await fill(store, total, spanUs, nowUs);
    console.log(`stored ${total.toLocaleString('en-US')} flows in ${Math.round(performance.now() - t)} ms (${file})`);
  }
  const rows: string[][] = [['query', 'groups', 'flows', 'store ms (median of 5)', 'aggregate ms (median)']];
  for (const [label, q] of [['no filter', null], ['namespace=ns-03 (rollup)', 'namespace=ns-03'], ['node=node-1 (rows)', 'node=node-1']] as const) {
    const times: number[] = [];
    let result = await store.mapSamples({ q: q ? parseQuery(q, 'flows') : null, sinceUs: nowUs - 15 * 60e6, untilUs: nowUs, maxGroups: 50_000 });
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      result = await store.mapSamples({ q: q ? parseQuery(q, 'flows') : null, sinceUs: nowUs - 15 * 60e6, untilUs: nowUs, maxGroups: 50_000 });
      times.push(performance.now() - t);
    }
    const aggTimes: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      aggregateServiceMap(result.samples);
      aggTimes.push(performance.now() - t);
    }
    const agg = aggTimes.sort((a, b) => a - b)[2]!;
    times.sort((a, b) => a - b);
    const flows = result.samples.reduce((n, s) => n + s.count, 0);
    rows.push([label, String(result.samples.length), flows.toLocaleString('en-US'), times[2]!.toFixed(0), agg.toFixed(0)]);
  }
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(i === 3 ? 22 : 12))).join(' '));
  await store.close();
}

void main();
