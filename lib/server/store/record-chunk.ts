import { deserialize, serialize } from 'node:v8';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { EventRecord, FlowRecord, InsertResult } from './store';

/**
 * A decode worker's records of one batch, serialized once, where they were made, into one buffer
 * that crosses threads by transfer. The main thread only queues them: a record is a position in
 * its chunk, and the chunk is unpacked there only if something reads a summary or a text (live
 * clients, detection of process events). The store hands the same bytes on to its writer thread,
 * which unpacks them itself — one serialization an item instead of two structured clones
 * (decode worker → main → writer) and the main thread's unpacking and packing between them.
 */
interface Unpacked {
  summaries: unknown[];
  json: string[];
}

export class RecordChunk {
  /**
   * Held weakly: the live ring keeps its last 10,000 items' chunks, and a chunk that detection
   * unpacked (every process event's) would otherwise keep its texts and summaries on the heap too,
   * ~5 KiB an event on top of its bytes. What a subscriber reads again after a collection is
   * unpacked again.
   */
  private unpacked: WeakRef<Unpacked> | null = null;

  constructor(
    readonly bytes: Uint8Array,
    readonly count: number,
  ) {}

  unpack(): Unpacked {
    let u = this.unpacked?.deref();
    if (!u) this.unpacked = new WeakRef((u = unpackChunk(this.bytes)));
    return u;
  }
}

export function unpackChunk(bytes: Uint8Array): Unpacked {
  return deserialize(bytes) as Unpacked;
}

/** Records → one buffer that owns its memory whole (so it can be transferred). */
export function packChunk(records: readonly { summary: unknown; json: string }[]): Uint8Array {
  const buf = serialize({ summaries: records.map((r) => r.summary), json: records.map((r) => r.json) });
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : new Uint8Array(buf);
}

/** A record as a position in its chunk: a FlowRecord (S = FlowSummary) or an EventRecord. */
export class ChunkRecord<S> {
  constructor(
    readonly chunk: RecordChunk,
    readonly index: number,
  ) {}

  get summary(): S {
    return this.chunk.unpack().summaries[this.index] as S;
  }

  get json(): string {
    return this.chunk.unpack().json[this.index]!;
  }
}

export function chunkRecords<S>(chunk: RecordChunk): ChunkRecord<S>[] {
  return Array.from({ length: chunk.count }, (_, i) => new ChunkRecord<S>(chunk, i));
}

/**
 * Part of a batch for the writer: a run of one chunk's records (its bytes, unpacked there) or
 * records made on this thread (an import, inline decoding), as they are.
 */
export type RecordPart<S> = { bytes: Uint8Array; start: number; end: number } | { summaries: S[]; json: string[] };

/** Records → parts: consecutive records of one chunk become one run of its bytes. */
export function toParts<S>(records: readonly { summary: S; json: string }[]): RecordPart<S>[] {
  const parts: RecordPart<S>[] = [];
  let plain: { summaries: S[]; json: string[] } | null = null;
  let run: { chunk: RecordChunk; start: number; end: number } | null = null;
  const endRun = () => {
    if (run) parts.push({ bytes: run.chunk.bytes, start: run.start, end: run.end });
    run = null;
  };
  for (const rec of records) {
    if (rec instanceof ChunkRecord) {
      plain = null;
      if (run && run.chunk === rec.chunk && run.end === rec.index) run.end++;
      else {
        endRun();
        run = { chunk: rec.chunk, start: rec.index, end: rec.index + 1 };
      }
    } else {
      endRun();
      if (!plain) parts.push((plain = { summaries: [], json: [] }));
      plain.summaries.push(rec.summary);
      plain.json.push(rec.json);
    }
  }
  endRun();
  return parts;
}

/**
 * Parts as a message to the writer thread: each chunk copied once into a buffer of its own that
 * is transferred, not cloned. A structured clone of a batch serialized every chunk into one
 * message (~37 MB for 8,000 mixed items, two or three waiting in the writer's queue) and then
 * copied each chunk again on the writer's side (npm run bench, 1M mixed ingest: ~110 MiB of the
 * hub's peak RSS). The caller keeps `parts` as they were: the main thread's chunks stay readable
 * (live clients, detection) and a batch can be run again from them if the thread dies.
 */
export function forTransfer<S>(parts: readonly RecordPart<S>[]): { parts: RecordPart<S>[]; transfer: ArrayBuffer[] } {
  const copies = new Map<Uint8Array, Uint8Array>(); // a chunk split across parts is copied once
  const out = parts.map((p) => {
    if ('summaries' in p) return p;
    let copy = copies.get(p.bytes);
    if (!copy) copies.set(p.bytes, (copy = new Uint8Array(p.bytes))); // a copy (Buffer#slice would be a view)
    return { bytes: copy, start: p.start, end: p.end };
  });
  return { parts: out, transfer: [...copies.values()].map((c) => c.buffer as ArrayBuffer) };
}

/** Parts → summaries and texts, in order (on the writer's side). */
export function fromParts<S>(parts: readonly RecordPart<S>[]): { summaries: S[]; json: string[] } {
  if (parts.length === 1 && 'summaries' in parts[0]!) return parts[0];
  const summaries: S[] = [];
  const json: string[] = [];
  const unpacked = new Map<Uint8Array, Unpacked>(); // a chunk split across parts is read once
  for (const p of parts) {
    if ('summaries' in p) {
      for (let i = 0; i < p.summaries.length; i++) {
        summaries.push(p.summaries[i]!);
        json.push(p.json[i]!);
      }
      continue;
    }
    let u = unpacked.get(p.bytes);
    if (!u) unpacked.set(p.bytes, (u = unpackChunk(p.bytes)));
    for (let i = p.start; i < p.end; i++) {
      summaries.push(u.summaries[i] as S);
      json.push(u.json[i]!);
    }
  }
  return { summaries, json };
}

/** An insert's answer over the new records: the summary and text arrays are built when first read. */
export function storedResult(flows: readonly FlowRecord[], events: readonly EventRecord[]): InsertResult {
  let f: FlowSummary[] | undefined, fj: string[] | undefined, e: EventSummary[] | undefined, ej: string[] | undefined;
  const result: InsertResult = {
    get flows() {
      return (f ??= flows.map((r) => r.summary));
    },
    get flowJson() {
      return (fj ??= flows.map((r) => r.json));
    },
    get events() {
      return (e ??= events.map((r) => r.summary));
    },
    get eventJson() {
      return (ej ??= events.map((r) => r.json));
    },
  };
  // Not enumerable: the answer still compares equal to the plain one the other stores give.
  return Object.defineProperties(result, { flowRecords: { value: flows }, eventRecords: { value: events } });
}
