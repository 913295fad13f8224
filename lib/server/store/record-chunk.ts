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
/**
 * The chunk's layout: the summaries as one JSON text, the texts beside them as UTF-8 with their
 * end offsets. A thread that reads a summary (detection reads every process event's) then
 * parses only the summaries (~1 KB a record), and a text is decoded alone when it is read: before, reading one summary made every text of the chunk a heap string on the main
 * thread (~4.5 KB a mixed item), garbage that waited there for a full collection. UTF-8 of a
 * JSON.stringify text is exact (it escapes lone surrogates); a text that is not well-formed
 * (none made by ingest) sends the chunk's texts as a v8 serialization instead. Summaries are
 * plain JSON values (strings, finite numbers, booleans, null, arrays, objects: made from the
 * protojson line), and JSON.parse builds them in less than half the time of v8.deserialize
 * (3 against 5–7.5 µs an item), on the writer for every record.
 *
 *   u32 summaries' byte length S · u32 texts' format (0 UTF-8, 2 the same all ASCII, 1 v8) · u32 records · S bytes of JSON · padding to 4 ·
 *   UTF-8: u32 end of each text (from the texts' start) · the texts  |  v8: the texts' array
 */
const HEADER = 12;
const UTF8 = 0;
const V8 = 1;
/** UTF-8 that is all ASCII (as JSON texts mostly are): read and written as one-byte strings, V8's cheapest copy. */
const ASCII = 2;

interface Layout {
  view: Buffer; // the chunk as a Buffer, no copy
  summariesEnd: number;
  format: number;
  textsAt: number; // UTF-8: where the offsets start; v8: where the serialization starts
  count: number;
}

function layoutOf(bytes: Uint8Array): Layout {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = view.readUInt32LE(0);
  const summariesEnd = HEADER + s;
  return { view, summariesEnd, format: view.readUInt32LE(4), textsAt: (summariesEnd + 3) & ~3, count: view.readUInt32LE(8) };
}

/** Reads a chunk's summaries (all at once) and texts (one by one). */
class ChunkReader {
  private readonly l: Layout;
  private v8Texts: string[] | null = null;

  constructor(bytes: Uint8Array) {
    this.l = layoutOf(bytes);
  }

  summaries(): unknown[] {
    const { view, summariesEnd } = this.l;
    return JSON.parse(view.toString('utf8', HEADER, summariesEnd)) as unknown[];
  }

  text(i: number): string {
    const { view, format, textsAt, count } = this.l;
    if (format === V8) return (this.v8Texts ??= deserialize(view.subarray(textsAt)) as string[])[i]!;
    const base = textsAt + 4 * count;
    const start = i === 0 ? 0 : view.readUInt32LE(textsAt + 4 * (i - 1));
    return view.toString(format === ASCII ? 'latin1' : 'utf8', base + start, base + view.readUInt32LE(textsAt + 4 * i));
  }
}

export class RecordChunk {
  /**
   * Held weakly: the live ring keeps its last 10,000 items' chunks, and the summaries of a chunk
   * that detection read (every process event's) would otherwise stay on the heap beside its
   * bytes. What a subscriber reads again after a collection is deserialized again.
   */
  private unpacked: WeakRef<unknown[]> | null = null;
  private reader: ChunkReader | null = null;

  constructor(
    readonly bytes: Uint8Array,
    readonly count: number,
  ) {}

  summaries(): unknown[] {
    let u = this.unpacked?.deref();
    if (!u) this.unpacked = new WeakRef((u = (this.reader ??= new ChunkReader(this.bytes)).summaries()));
    return u;
  }

  /** One record's text, decoded from the chunk on each read (the caller keeps it if it needs it again). */
  text(i: number): string {
    return (this.reader ??= new ChunkReader(this.bytes)).text(i);
  }
}

/** String#isWellFormed (Node 20; not in the compiler's lib yet). */
type WellFormed = string & { isWellFormed(): boolean };

/** Records → one buffer that owns its memory whole (so it can be transferred). */
export function packChunk(records: readonly { summary: unknown; json: string }[]): Uint8Array {
  const summariesJson = JSON.stringify(records.map((r) => r.summary));
  const summariesLength = Buffer.byteLength(summariesJson, 'utf8');
  const texts = records.map((r) => r.json);
  const utf8 = texts.every((t) => (t as WellFormed).isWellFormed());
  const textsAt = (HEADER + summariesLength + 3) & ~3;
  let size = textsAt;
  let v8Texts: Buffer | null = null;
  let ascii = utf8;
  if (utf8) {
    size += 4 * texts.length;
    for (const t of texts) {
      const n = Buffer.byteLength(t, 'utf8');
      if (n !== t.length) ascii = false; // a character past ASCII takes more than one byte
      size += n;
    }
  } else size += (v8Texts = serialize(texts)).length;
  const out = Buffer.allocUnsafeSlow(size); // its own ArrayBuffer, exactly this size
  out.writeUInt32LE(summariesLength, 0);
  out.writeUInt32LE(ascii ? ASCII : utf8 ? UTF8 : V8, 4);
  out.writeUInt32LE(texts.length, 8);
  out.write(summariesJson, HEADER, 'utf8');
  out.fill(0, HEADER + summariesLength, textsAt);
  if (v8Texts) v8Texts.copy(out, textsAt);
  else {
    const base = textsAt + 4 * texts.length;
    let at = base;
    texts.forEach((t, i) => {
      at += out.write(t, at, ascii ? 'latin1' : 'utf8');
      out.writeUInt32LE(at - base, textsAt + 4 * i);
    });
  }
  return new Uint8Array(out.buffer, 0, size);
}

/** A whole chunk, summaries and texts (a bench's or a test's view of it). */
export function unpackChunk(bytes: Uint8Array): { summaries: unknown[]; json: string[] } {
  const reader = new ChunkReader(bytes);
  return { summaries: reader.summaries(), json: Array.from({ length: layoutOf(bytes).count }, (_, i) => reader.text(i)) };
}

/** A record as a position in its chunk: a FlowRecord (S = FlowSummary) or an EventRecord. */
export class ChunkRecord<S> {
  constructor(
    readonly chunk: RecordChunk,
    readonly index: number,
  ) {}

  get summary(): S {
    return this.chunk.summaries()[this.index] as S;
  }

  get json(): string {
    return this.chunk.text(this.index);
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
  const readers = new Map<Uint8Array, { reader: ChunkReader; summaries: unknown[] }>(); // a chunk split across parts is read once
  for (const p of parts) {
    if ('summaries' in p) {
      for (let i = 0; i < p.summaries.length; i++) {
        summaries.push(p.summaries[i]!);
        json.push(p.json[i]!);
      }
      continue;
    }
    let r = readers.get(p.bytes);
    if (!r) {
      const reader = new ChunkReader(p.bytes);
      readers.set(p.bytes, (r = { reader, summaries: reader.summaries() }));
    }
    for (let i = p.start; i < p.end; i++) {
      summaries.push(r.summaries[i] as S);
      json.push(r.reader.text(i));
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
