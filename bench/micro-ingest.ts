/**
 * Where an ingested item's CPU goes, stage by stage, in one thread (no gRPC, no other process):
 *
 *   npx tsx bench/micro-ingest.ts [mixed|flows] [N]
 *
 * decode (decodeFrames: protobuf, protojson, summary, id, JSON text), one structured clone of the
 * records (ingest used to clone them twice: decode worker → main → writer), the chunk they now
 * cross in (packed in the decode worker, unpacked in the writer), and the store's insert (a fresh file).
 * CPU µs per item, the median of three rounds: the machine is shared, CPU time is steadier than wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { decodeFrames } from '@/lib/server/ingest/decode-frames';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { packChunk, unpackChunk } from '@/lib/server/store/record-chunk';
import { buildTemplates, patchCopy, type StreamMix } from './feeder/templates';

const mix = (process.argv[2] ?? 'mixed') as StreamMix;
const n = Number(process.argv[3] ?? 50_000);
const templates = buildTemplates(mix);
const frames = Array.from({ length: n }, (_, i) => ({ t: templates[i % templates.length]!, b: patchCopy(templates[i % templates.length]!, i) }));

const cpuUs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
};
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function round(): Promise<Record<string, number>> {
  let flows: FlowRecord[] = [];
  let events: EventRecord[] = [];
  const decode = cpuUs(() => {
    flows = [];
    events = [];
    for (let i = 0; i < n; i += 256) {
      for (const kind of ['tetragon', 'hubble'] as const) {
        const batch = frames.slice(i, i + 256).filter((f) => (f.t.stream === 'tetragon') === (kind === 'tetragon'));
        const r = decodeFrames({ kind, endpoint: 'x', frames: batch.map((f) => f.b) });
        for (const a of r.actions) if (a.t === 'flow') flows.push(a.rec);
        else if (a.t === 'event') events.push(a.rec);
      }
    }
  });
  // One structured clone of plain records (before: twice an item, decode worker → main → writer).
  const clone = cpuUs(() => {
    for (let i = 0; i < n; i += 256) deserialize(serialize({ flows: flows.slice(i, i + 256), events: events.slice(i, i + 256) }));
  });
  // Now: packed once in the decode worker and unpacked in the writer (record-chunk.ts).
  const chunk = cpuUs(() => {
    for (let i = 0; i < n; i += 256) {
      unpackChunk(packChunk(flows.slice(i, i + 256)));
      unpackChunk(packChunk(events.slice(i, i + 256)));
    }
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'micro-ingest-'));
  const store = new SqliteStore(path.join(dir, 'x.db'));
  const c0 = process.cpuUsage();
  for (let i = 0; i < Math.max(flows.length, events.length); i += 8000) await store.insert(flows.slice(i, i + 8000), events.slice(i, i + 8000));
  const c = process.cpuUsage(c0);
  const bytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // The writer runs in its own thread: process CPU covers it.
  return { decode, clone, chunk, insert: (c.user + c.system) / n, bytesPerItem: bytes / n };
}

async function main(): Promise<void> {
  const rounds = [];
  for (let r = 0; r < 3; r++) rounds.push(await round());
  const out: Record<string, string> = {};
  for (const k of Object.keys(rounds[0]!)) out[k] = median(rounds.map((x) => x[k]!)).toFixed(1);
  console.log(`${mix}, ${n} items, CPU µs an item (median of 3):`, out);
}

void main();
