import fs from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { fillQueryStore, stressPodRecords, type QueryData } from '../data/query-data';
import type { BenchContext } from '../support/context';
import { servedStoreRss } from '../support/served-rss';
import { MiB } from '../support/stats';
import { threadIds, threadsCpuMs } from '../support/thread-cpu';
import { fileBytes } from './ingest';
import { timeQueryCases } from './queries';

/**
 * (8) Scale: does the cost stay flat as history grows? One store filled to S items (--scale,
 * 10M by default) through the store's insert, in Death Star cycles over the last hour (as the
 * queries section does), with the query suite timed at S/10 and at S stored; the insert rate is
 * taken over the first tenth and over the last tenth, as items over the time spent in
 * store.insert (the generator builds the next batch meanwhile and is not timed: it costs more
 * than the store, query-data.ts). Then retention drops the oldest tenth of the stored time span,
 * timed against the rate it was ingested at.
 */
interface Segment {
  stored: number;
  /** Time spent in store.insert (the rate's denominator). */
  seconds: number;
  rate: number;
  /** The fill's own rate, generator included (the bench's cost, not the store's). */
  wallRate: number;
  /** CPU µs an item of the threads the store started (its writer), null where /proc is not. */
  writerCpuUs: number | null;
}

/** File bytes an item takes at 10M (~900 measured), with room for the WAL and retention's pass. */
const SCRATCH_BYTES_PER_ITEM = 1100;

export async function runScale(ctx: BenchContext): Promise<void> {
  const total = ctx.opts.scale;
  const file = path.join(ctx.dataDir, 'scale.db');
  // A 10M store is ~9 GB: say so before a 20-minute fill rather than die in it when the disk fills.
  const { bavail, bsize } = fs.statfsSync(ctx.dataDir);
  const free = bavail * bsize;
  const needed = total * SCRATCH_BYTES_PER_ITEM + 1024 * MiB;
  if (free < needed) {
    throw new Error(`scale: ${(needed / 1024 ** 3).toFixed(1)} GiB of scratch needed for ${short(total)} items, ${(free / 1024 ** 3).toFixed(1)} GiB free in ${ctx.dataDir} (free some, or pass a smaller --scale)`);
  }
  ctx.log(`scale: ${(free / 1024 ** 3).toFixed(0)} GiB free in the scratch directory, ~${(needed / 1024 ** 3).toFixed(0)} GiB needed`);
  const beforeStore = threadIds();
  let store = new SqliteStore(file);
  // The threads the store starts (its writer; none where writes run on this thread).
  let storeThreads: number[] = [];
  const writerCpuMs = () => threadsCpuMs(storeThreads);
  const data: QueryData = { flows: 0, events: 0, spanUs: [0, 0], flowIds: [], eventIds: [] };
  const stored = () => data.flows + data.events;
  let rowsLeft = 0;
  try {
    for (let i = 0, stress = stressPodRecords(Date.now() * 1000); i < stress.length; i += 5000) {
      data.events += (await store.insert([], stress.slice(i, i + 5000))).events.length;
    }
    storeThreads = [...threadIds()].filter((t) => !beforeStore.has(t));
    let loop = 0;
    // Fills to `until` items over the hour before now (Death Star cycles, as the queries
    // section's store); the rate is taken over the last `tail` items.
    const fill = async (until: number, tail: number): Promise<Segment> => {
      const before = stored();
      type Mark = { at: number; insertMs: number; stored: number; cpuMs: number };
      let tailFrom: Mark | null = before >= until - tail ? { at: performance.now(), insertMs: 0, stored: before, cpuMs: writerCpuMs() } : null;
      let last = { at: Date.now(), stored: before, insertMs: 0 };
      const r = await fillQueryStore(store, until - before, {
        stressPod: false,
        firstLoop: loop,
        batch: 8000,
        onStored: (n, insertMs) => {
          if (!tailFrom && before + n >= until - tail) tailFrom = { at: performance.now(), insertMs, stored: before + n, cpuMs: writerCpuMs() };
          if (Date.now() - last.at > 30_000) {
            const rate = (before + n - last.stored) / Math.max((insertMs - last.insertMs) / 1000, 1e-3);
            last = { at: Date.now(), stored: before + n, insertMs };
            ctx.log(`  scale: ${(before + n).toLocaleString('en-US')} of ${until.toLocaleString('en-US')} stored (store.insert ${Math.round(rate).toLocaleString('en-US')} ev/s since the last line)`);
          }
        },
      });
      loop += r.cycles;
      data.flows += r.flows;
      data.events += r.events;
      data.flowIds.push(...r.flowIds);
      data.eventIds.push(...r.eventIds);
      data.spanUs = r.spanUs;
      const from: Mark = tailFrom ?? { at: performance.now(), insertMs: r.insertMs, stored: stored(), cpuMs: writerCpuMs() };
      const items = stored() - from.stored;
      const writerCpuUs = storeThreads.length && items ? ((writerCpuMs() - from.cpuMs) * 1000) / items : null;
      const seconds = (r.insertMs - from.insertMs) / 1000;
      const wallSeconds = (performance.now() - from.at) / 1000;
      return { stored: items, seconds, rate: items / Math.max(seconds, 1e-3), wallRate: items / Math.max(wallSeconds, 1e-3), writerCpuUs };
    };

    // A tenth, and past the 10k-process pod (~20k events) in a small run.
    const first = Math.max(Math.round(total / 10), stored() + 10_000);
    ctx.log(`scale: filling to ${first.toLocaleString('en-US')}`);
    const early = await fill(first, first);
    report(ctx, `insert rate, 0 → ${first.toLocaleString('en-US')} stored`, early);
    await timeQueryCases(ctx, store, { ...data, spanUs: [...data.spanUs] }, 'scale', ` at ${short(stored())}`);

    ctx.log(`scale: filling to ${total.toLocaleString('en-US')}`);
    const late = await fill(total, first);
    report(ctx, `insert rate, last ${short(first)} before ${short(total)} stored`, late);
    ctx.report.add({
      section: 'scale',
      metric: `insert rate at ${short(total)} / at ${short(first)}`,
      value: (late.rate / early.rate) * 100,
      unit: '%',
      target: { op: '>=', value: 80 },
    });
    if (early.writerCpuUs !== null && late.writerCpuUs !== null) {
      // The same comparison in CPU, which the machine's load does not move: above 100 % the store costs more as it grows.
      ctx.report.add({
        section: 'scale',
        metric: `writer thread CPU an item at ${short(total)} / at ${short(first)}`,
        value: (late.writerCpuUs / early.writerCpuUs) * 100,
        unit: '%',
        note: `${late.writerCpuUs.toFixed(1)} against ${early.writerCpuUs.toFixed(1)} CPU µs an item`,
      });
    }
    await timeQueryCases(ctx, store, data, 'scale', ` at ${short(stored())}`);
    // The target is the server's RSS over this store; the bench process's own (the generator's
    // heap included, without the server's heap limit) is only a note.
    const { rss, heapTotal } = process.memoryUsage();
    await store.close();
    // A server that cannot start (no build, say) costs this figure, not retention's and the disk's after it.
    const served = await servedStoreRss(file, data, ctx.opts.quick ? 2 : 3, ctx.log).catch((e: Error) => {
      ctx.log(`scale: the served store's RSS was not measured: ${e.stack ?? e}`);
      ctx.report.skip('scale', `server RSS with ${short(stored())} stored`, `not measured: ${e.message.split('\n')[0]!.slice(0, 200)}`, { op: '<=', value: 1024 });
      return null;
    });
    if (served) ctx.report.add({
      section: 'scale',
      metric: `server RSS with ${short(served.stored)} stored (next start; peak while the query suite, the pages and an export are read)`,
      value: served.rssMiB.peak,
      unit: 'MiB',
      target: { op: '<=', value: 1024 },
      note: `${served.rssMiB.atRest.toFixed(0)} MiB at rest, ${served.rssMiB.after.toFixed(0)} after; the bench process (store, writer thread, generator) ${(rss / MiB).toFixed(0)} MiB, its V8 heap ${(heapTotal / MiB).toFixed(0)}`,
    });
    store = new SqliteStore(file);

    // Retention: the oldest tenth of the span, timed; it keeps up when it deletes faster than ingest adds.
    const counts = await store.counts();
    if (counts.oldestUs !== null && counts.newestUs !== null) {
      const cutoffUs = counts.oldestUs + (counts.newestUs - counts.oldestUs) / 10;
      const t0 = performance.now();
      const r = await store.applyRetention({ maxAgeMs: (Date.now() * 1000 - cutoffUs) / 1000, maxBytes: null }, Date.now() * 1000);
      const seconds = (performance.now() - t0) / 1000;
      const deleted = r.deletedFlows + r.deletedEvents;
      ctx.report.add({
        section: 'scale',
        metric: 'retention rate / insert rate at the end',
        value: deleted / seconds / late.rate,
        unit: '×',
        target: { op: '>=', value: 1 },
        note: `${deleted.toLocaleString('en-US')} rows deleted in ${seconds.toFixed(1)} s`,
      });
    }
    ctx.report.detail('scale', { total, early, late, flowIds: data.flowIds.length });
    const left = await store.counts();
    rowsLeft = left.flows + left.events;
  } finally {
    await store.close();
  }
  // Closed: the WAL (up to 64 MiB while open) is checkpointed into the file, as after ingest.
  // Retention gave its freed pages back but for 32 MiB of slack (sqlite-writes.ts): the rows left count.
  const bytes = fileBytes(file);
  ctx.report.add({ section: 'scale', metric: `file bytes per event stored at ${short(data.flows + data.events)}`, value: bytes / rowsLeft, unit: 'B', note: `${(bytes / MiB).toFixed(0)} MiB after closing, ${rowsLeft.toLocaleString('en-US')} rows left after retention` });
}

function short(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : `${Math.round(n / 1e3)}k`;
}

function report(ctx: BenchContext, metric: string, s: Segment): void {
  ctx.report.add({
    section: 'scale',
    metric,
    value: s.rate,
    unit: 'ev/s',
    note: `${s.stored.toLocaleString('en-US')} items in ${s.seconds.toFixed(1)} s of store.insert (8,000-item batches)${s.writerCpuUs === null ? '' : `, ${s.writerCpuUs.toFixed(1)} writer CPU µs an item`}; the fill, its generator included: ${Math.round(s.wallRate).toLocaleString('en-US')} ev/s`,
  });
}
