import path from 'node:path';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import type { Store } from '@/lib/server/store/store';
import { fillQueryStore, type QueryData } from '../data/query-data';
import { queryCases, TARGET_MS } from '../data/query-suite';
import type { BenchContext } from '../support/context';
import { median, MiB, timeRuns } from '../support/stats';
import { fileBytes } from './ingest';

/**
 * (3) Queries over N stored items: each responder question timed in-process over repeated runs
 * (p50/p95), export throughput, and what a stored item costs on disk.
 */
export async function ensureQueryDb(ctx: BenchContext): Promise<NonNullable<BenchContext['queryDb']>> {
  if (ctx.queryDb) return ctx.queryDb;
  const file = path.join(ctx.dataDir, 'query.db');
  const store = new SqliteStore(file);
  ctx.log(`queries: writing ${ctx.opts.events.toLocaleString('en-US')} items over the last hour straight into the store`);
  const t = performance.now();
  const data = await fillQueryStore(store, ctx.opts.events, { log: ctx.log });
  await store.close();
  ctx.log(`queries: ${(data.flows + data.events).toLocaleString('en-US')} stored in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  ctx.queryDb = { file, data };
  return ctx.queryDb;
}

/** Times every query case on `store`; used for SQLite here and for ClickHouse when it is there. */
export async function runQuerySuite(ctx: BenchContext, store: Store, section: string): Promise<void> {
  const { data } = await ensureQueryDb(ctx);
  const results = await timeQueryCases(ctx, store, data, section);
  await timeExport(ctx, store, section, results);
  ctx.report.detail(section, results);
}

/** Each responder question's p50/p95 on `store` (its rows added to the report, `metricSuffix` after the label). */
export async function timeQueryCases(ctx: BenchContext, store: Store, data: QueryData, section: string, metricSuffix = ''): Promise<Record<string, unknown>> {
  const runs = ctx.opts.quick ? 10 : 40;
  const results: Record<string, unknown> = {};
  for (const c of queryCases(data)) {
    let bytes = 0;
    // The process's CPU time per answer beside the wall time: on a shared machine the wall time
    // is mostly waiting for a core (the store is idle meanwhile, so the CPU is the query's).
    const cpuMs: number[] = [];
    // At most ~20 s per question (a slow one at 1M items still gets ≥ 10 runs).
    const warmup = 2;
    const t = await timeRuns(runs, async (i) => {
      const c0 = process.cpuUsage();
      bytes = await c.run(store, i);
      const cpu = process.cpuUsage(c0);
      cpuMs.push((cpu.user + cpu.system) / 1000);
    }, warmup, 20_000);
    const cpuP50 = median(cpuMs.slice(warmup));
    results[c.id] = { ...t, cpuP50, bytes };
    ctx.report.add({
      section,
      metric: `${c.label} p95${metricSuffix}`,
      value: t.p95,
      unit: 'ms',
      target: { op: '<=', value: TARGET_MS[c.kind] },
      note: `p50 ${t.p50.toFixed(1)} ms, CPU p50 ${cpuP50.toFixed(1)} ms over ${t.runs} runs; ${(bytes / 1024).toFixed(0)} KiB answer`,
    });
  }
  return results;
}

async function timeExport(ctx: BenchContext, store: Store, section: string, results: Record<string, unknown>): Promise<void> {
  for (const source of ['flows', 'events'] as const) {
    let bytes = 0;
    let rows = 0;
    const t0 = performance.now();
    for await (const batch of store.exportRows(source, { q: null, sinceUs: null, untilUs: null })) {
      // What /api/export does with each batch (lib/server/api/export-stream.ts).
      bytes += Buffer.byteLength(batch.map((r) => r.json).join('\n') + '\n');
      rows += batch.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    results[`export-${source}`] = { rows, bytes, seconds };
    ctx.report.add({
      section,
      metric: `export ${source} (exportRows → NDJSON)`,
      value: bytes / MiB / seconds,
      unit: 'MiB/s',
      target: { op: '>=', value: 100 },
      note: `${rows.toLocaleString('en-US')} rows, ${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s`,
    });
  }
}

export async function runQueries(ctx: BenchContext): Promise<void> {
  const { file, data } = await ensureQueryDb(ctx);
  const store = new SqliteStore(file);
  try {
    await runQuerySuite(ctx, store, 'queries');
  } finally {
    await store.close();
  }
  const bytes = fileBytes(file);
  ctx.report.add({ section: 'disk', metric: 'bytes per stored event (query store)', value: bytes / (data.flows + data.events), unit: 'B', note: `${(bytes / MiB).toFixed(0)} MiB for ${(data.flows + data.events).toLocaleString('en-US')} rows` });
}
