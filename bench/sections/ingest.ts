import fs from 'node:fs';
import path from 'node:path';
import { freshCopyBase, startFeeder } from '../feeder/feeder-control';
import type { StreamMix } from '../feeder/templates';
import { startHub, type HubProcess } from '../hub/hub-control';
import type { HubStats } from '../hub/hub-protocol';
import { sampleRss } from '../support/child';
import type { BenchContext } from '../support/context';
import { MiB, sleep } from '../support/stats';
import { decodeLimit } from './limit';

/**
 * (2) Ingest: N items from an agent (the feeder, separate process) through a Holocron hub
 * (createHub: gRPC client, decode, summaries, ids, batcher, SQLite, detection, live fan-out) until
 * all N are stored and queryable — the time from the first item sent to the commit of the last.
 */
export interface IngestRun {
  mix: StreamMix;
  count: number;
  seconds: number;
  rate: number;
  stats: HubStats;
  hubCpuPct: number; // % of one core over the run
  cpuUsPerEvent: number; // the hub process's CPU time (all its threads) per item stored
  peakRssMiB: number;
  dbBytes: number; // file + WAL
  bytesPerEvent: number;
  profile: string | null;
}

export function fileBytes(dbFile: string): number {
  return ['', '-wal', '-shm'].reduce((n, ext) => n + (fs.existsSync(dbFile + ext) ? fs.statSync(dbFile + ext).size : 0), 0);
}

/** The biggest profile in a --cpu-prof directory: the main thread's (the loader thread idles). */
export function mainThreadProfile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0] ?? null;
}

/** Resolves when the hub has stored `count` items; fails when nothing moves for `stallMs`. */
export async function waitStored(hub: HubProcess, count: number, stallMs = 30_000): Promise<{ atMs: number }> {
  const reached = hub.reached(count, 60 * 60_000);
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const done = await Promise.race([reached, sleep(2000).then(() => null)]);
    if (done) return done;
    const s = await hub.stats();
    if (s.stored !== last) {
      last = s.stored;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) {
      throw new Error(`ingest stalled at ${s.stored.toLocaleString()} of ${count.toLocaleString()} stored (lost ${s.lost}, duplicates ${s.duplicates}, malformed ${s.malformed}, queued ${s.queued})`);
    }
  }
}

export async function ingestRun(ctx: BenchContext, mix: StreamMix, count: number, env: Record<string, string> = {}): Promise<IngestRun> {
  const dbFile = path.join(ctx.dataDir, `ingest-${mix}.db`);
  // One directory per run: tsx's loader thread writes a profile of its own beside the main one.
  const profileDir = path.resolve('bench/profiles', `hub-ingest-${mix}-${Date.now()}`);
  const nodeArgs = ctx.opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const feeder = await startFeeder();
  const hub = await startHub({ agentAddr: feeder.addr, dbFile, nodeArgs, env });
  try {
    const rss = sampleRss(() => hub.child.rssBytes());
    const cpu0 = hub.child.cpuSeconds();
    const startedMs = await feeder.go({ mix, count, copyBase: freshCopyBase() });
    const { atMs } = await waitStored(hub, count);
    const seconds = (atMs - startedMs) / 1000;
    const cpu = hub.child.cpuSeconds() - cpu0;
    const mem = rss.stop();
    const stats = await hub.stats();
    await hub.stop();
    const dbBytes = fileBytes(dbFile);
    const profile = ctx.opts.profile ? mainThreadProfile(profileDir) : null;
    return {
      mix,
      count,
      seconds,
      rate: count / seconds,
      stats,
      hubCpuPct: (cpu / seconds) * 100,
      cpuUsPerEvent: (cpu * 1e6) / count,
      peakRssMiB: mem.peak / MiB,
      dbBytes,
      bytesPerEvent: dbBytes / stats.rows,
      profile: profile && path.relative(process.cwd(), profile),
    };
  } finally {
    await hub.stop().catch(() => {});
    await feeder.stop();
  }
}

export async function runIngest(ctx: BenchContext): Promise<void> {
  const n = ctx.opts.events;
  const { report } = ctx;
  // The limit is measured here too when the limit section was skipped: the ratio needs it.
  ctx.measured.limitMixed ??= (await decodeLimit(ctx, 'mixed', n)).rate;
  const limitFlows = (report.details.limit as { flows?: { rate: number } } | undefined)?.flows?.rate ?? (await decodeLimit(ctx, 'flows', n)).rate;

  for (const mix of ['mixed', 'flows'] as const) {
    ctx.log(`ingest: ${n.toLocaleString('en-US')} ${mix === 'mixed' ? 'mixed flows and process events' : 'flows'} through a hub`);
    const r = await ingestRun(ctx, mix, n);
    const limit = mix === 'mixed' ? ctx.measured.limitMixed : limitFlows;
    if (mix === 'mixed') ctx.measured.ingestMixed = r.rate;
    else ctx.measured.ingestFlows = r.rate;
    const lossNote = `stored ${r.stats.rows.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}, ${r.stats.lost} lost, ${r.stats.duplicates} duplicates; decode ${r.stats.decodeInWorker ? `in ${r.stats.decodeThreads === 1 ? 'a worker' : `${r.stats.decodeThreads} workers`}` : 'inline'}; hub CPU ${r.hubCpuPct.toFixed(0)} % (${r.cpuUsPerEvent.toFixed(0)} µs an item), peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
    report.add({
      section: 'ingest',
      metric: mix === 'mixed' ? 'agent → stored, mixed flows + process events' : 'agent → stored, flows only',
      value: r.rate,
      unit: 'ev/s',
      target: { op: '>=', value: mix === 'mixed' ? 50_000 : 100_000 },
      note: `${r.seconds.toFixed(1)} s; ${lossNote}${r.profile ? `; profile ${r.profile}` : ''}`,
    });
    report.add({
      section: 'ingest',
      metric: `${mix} ingest / decode-only limit`,
      value: (r.rate / limit) * 100,
      unit: '%',
      target: { op: '>=', value: 50 },
      note: `limit ${Math.round(limit).toLocaleString('en-US')} ev/s`,
    });
    const wire = ctx.measured.wire?.[mix] ?? (await decodeLimit(ctx, mix, Math.min(n, 20_000))).wireBytesPerEvent;
    report.add({ section: 'disk', metric: `bytes per stored event (${mix}, after ingest)`, value: r.bytesPerEvent, unit: 'B', note: `${(r.dbBytes / MiB).toFixed(0)} MiB for ${r.stats.rows.toLocaleString('en-US')} rows (db + WAL)` });
    report.add({
      section: 'disk',
      metric: `stored / wire bytes (${mix})`,
      value: r.bytesPerEvent / wire,
      unit: '×',
      target: { op: '<=', value: 1 },
      note: `${wire.toFixed(0)} B an event on the wire (protobuf messages)`,
    });
    report.add({ section: 'ingest', metric: `peak RSS, ${mix} ingest`, value: r.peakRssMiB, unit: 'MiB', target: { op: '<=', value: 512 } });
    report.detail(`ingest.${mix}`, r);
  }
}
