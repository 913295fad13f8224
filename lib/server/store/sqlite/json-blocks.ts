import zlib from 'node:zlib';
import type Database from 'better-sqlite3';

/**
 * The upstream JSON of ingested rows, kept compressed in blocks (json_blocks) rather than as text
 * in each row. One row's JSON compressed alone shrinks ~2× (npm run bench); a block of rows (filled
 * across batches by JsonBlockWriter.append) shares its keys, labels and names and shrinks ~15×. A row's `json` column then
 * holds a 6-byte BLOB reference — the block's id and the row's position in it — and rows written
 * before blocks existed keep their text: a reader tells them apart by type (TEXT is JSON itself).
 *
 * Block format, before Brotli: a JSON array of each text's length (UTF-16 units), a newline, the
 * texts concatenated. What comes back is the exact string that was stored.
 */

/**
 * Raw characters per block. A filtered page picks rows scattered over many blocks and opens each
 * whole: 256 KiB blocks (~1 ms each to open) made a sparse filter's first page several times
 * slower (npm run bench, queries, under load); at 64 KiB a block holds ~17 process events and
 * they share too little (166 B an event against 109 B at 128 KiB).
 */
const BLOCK_CHARS = 128 * 1024;
const MAX_ROWS_PER_BLOCK = 0xffff;
const TARGET_COMPRESSED_BYTES = 5 * 1024;
const QUALITY = 1; // Brotli 1: ~15× on these rows at ~4 µs a row; 4 saves ~10 B a row for 2–4× the time
const REF_BYTES = 6;

/** Where each text of a batch went: its block (an index into `blocks`) and its position there. */
export interface PackedJson {
  blocks: Uint8Array[];
  /** Per item, in the order given: block index * 65536 + position. */
  places: number[];
}

/**
 * Packs texts into compressed blocks in one go (the format and placement the writer's append()
 * uses, kept for the format's tests; ingest goes through JsonBlockWriter.append). `groupOf` keeps rows
 * that are read together in the same block (a pod's events): items are placed by group, then
 * in arrival order.
 */
export function packJson(texts: readonly string[], groupOf?: (i: number) => string): PackedJson {
  const order = placementOrder(texts.length, groupOf);
  const places = new Array<number>(texts.length);
  const raw: string[] = [];
  let current: string[] = [];
  let chars = 0;
  const cut = () => {
    if (!current.length) return;
    raw.push(blockText(current));
    current = [];
    chars = 0;
  };
  for (const i of order) {
    const t = texts[i]!;
    places[i] = raw.length * 65536 + current.length;
    current.push(t);
    chars += t.length;
    if (chars >= BLOCK_CHARS || current.length >= MAX_ROWS_PER_BLOCK) cut();
  }
  cut();
  return { blocks: raw.map(compress), places };
}

function blockText(texts: readonly string[]): string {
  return `${JSON.stringify(texts.map((t) => t.length))}\n${texts.join('')}`;
}

function compress(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** Items placed by group (`groupOf`), then in arrival order. */
function placementOrder(count: number, groupOf?: (i: number) => string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  if (!groupOf) return order;
  const keys = order.map(groupOf);
  return order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
}

export function unpackBlock(data: Uint8Array): string[] {
  const text = zlib.brotliDecompressSync(data).toString('utf8');
  const nl = text.indexOf('\n');
  const lengths = JSON.parse(text.slice(0, nl)) as number[];
  const out = new Array<string>(lengths.length);
  let at = nl + 1;
  lengths.forEach((n, i) => {
    out[i] = text.slice(at, at + n);
    at += n;
  });
  return out;
}

export function jsonRef(blockId: number, position: number): Buffer {
  const b = Buffer.allocUnsafe(REF_BYTES);
  b.writeUIntBE(blockId, 0, 4);
  b.writeUInt16BE(position, 4);
  return b;
}

const BLOCKS_DDL = `
CREATE TABLE IF NOT EXISTS json_blocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  newest_ts INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS json_blocks_newest ON json_blocks(newest_ts);`;

/** Schema step: the blocks' table. Existing rows keep their JSON text (no rewrite on open). */
export function addJsonBlocks(db: Database.Database): void {
  db.exec(BLOCKS_DDL);
}

interface OpenBlock {
  id: number;
  texts: string[];
  chars: number;
  newest: number;
}

/**
 * Blocks in, ids out (the writer's side). AUTOINCREMENT: an id is never reused after retention
 * deletes a block, so a reader's cache can never answer a new block with an old one's rows.
 *
 * The last block of each table stays open: the next batch fills it before starting another (and
 * it is compressed again). Otherwise a block could hold no more than a batch, and at a quiet
 * ingest rate — batches of a few dozen rows — blocks were small and shared little. Positions in
 * a block never change once given, so a reader holding an older copy of it is right for every
 * row it knew of (JsonBlockReader re-reads a block when asked for a position past its copy).
 */
export class JsonBlockWriter {
  private readonly insert: Database.Statement;
  private readonly write: Database.Statement;
  private readonly expire: Database.Statement;
  private readonly open = new Map<string, OpenBlock>();
  private readonly ratios = new Map<string, number>(); // raw characters per compressed byte, per stream

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO json_blocks (newest_ts, data) VALUES (?, ?)');
    this.write = db.prepare('UPDATE json_blocks SET newest_ts = ?, data = ? WHERE id = ?');
    this.expire = db.prepare('DELETE FROM json_blocks WHERE newest_ts < ?');
  }

  /** Stores each block and returns its id; `newestTs[i]` is the newest row's time in block i. */
  store(blocks: readonly Uint8Array[], newestTs: readonly number[]): number[] {
    return blocks.map((b, i) => Number(this.insert.run(newestTs[i] ?? 0, b).lastInsertRowid));
  }

  /**
   * Appends a batch's texts to `stream`'s blocks (the open one first); returns each text's json
   * column value, a reference. `groupOf` keeps rows read together (a pod's events) side by side.
   */
  append(stream: string, texts: readonly string[], ts: readonly number[], groupOf?: (i: number) => string): Buffer[] {
    const refs = new Array<Buffer>(texts.length);
    const changed = new Set<OpenBlock>();
    let block = this.open.get(stream);
    const limit = this.charsPerBlock(stream);
    for (const i of placementOrder(texts.length, groupOf)) {
      if (!block || block.chars >= limit || block.texts.length >= MAX_ROWS_PER_BLOCK) {
        block = { id: Number(this.insert.run(0, Buffer.alloc(0)).lastInsertRowid), texts: [], chars: 0, newest: -Infinity };
      }
      refs[i] = jsonRef(block.id, block.texts.length);
      block.texts.push(texts[i]!);
      block.chars += texts[i]!.length;
      block.newest = Math.max(block.newest, ts[i]!);
      changed.add(block);
    }
    for (const b of changed) {
      const data = compress(blockText(b.texts));
      this.write.run(b.newest, data, b.id);
      if (b.chars >= BLOCK_CHARS / 4) this.ratios.set(stream, b.chars / Math.max(1, data.length));
    }
    if (block) this.open.set(stream, block);
    return refs;
  }

  /**
   * Raw characters a block of `stream` takes: enough for ~5 KiB compressed, so three blocks fill
   * a 16 KiB page. A block is stored inline in its row, and two of ~8.6 KiB (128 KiB of flows)
   * did not fit one page: half of each page was empty (npm run bench, dbstat). Bounded so a
   * block stays cheap to open (BLOCK_CHARS) and still shares across rows (a quarter of it).
   */
  private charsPerBlock(stream: string): number {
    const ratio = this.ratios.get(stream);
    if (ratio === undefined) return BLOCK_CHARS;
    return Math.round(Math.min(BLOCK_CHARS, Math.max(BLOCK_CHARS / 4, TARGET_COMPRESSED_BYTES * ratio)));
  }

  /** The transaction rolled back: what the open blocks held in memory is not in the file. */
  discard(): void {
    this.open.clear();
  }

  /** After retention deleted every row older than `cutoffUs`: the blocks that held only those. */
  expireBefore(cutoffUs: number): number {
    // An open block whose rows all expired is deleted with the rest: the next batch starts a new
    // one rather than writing the deleted id (and its expired texts) back.
    for (const [stream, block] of this.open) if (block.newest < cutoffUs) this.open.delete(stream);
    return this.expire.run(cutoffUs).changes;
  }
}

/**
 * Characters of opened blocks kept per connection (~32 MiB of mostly one-byte strings; the main
 * connection and each reader thread hold one). An export reads rows oldest first, and every block
 * whose time span covers the cursor is in use at once: in the bench's 1M store (Death Star cycles
 * overlapping in time, flows placed by map key) that is 100–138 blocks, ~17 M characters. At 8 M
 * characters the LRU dropped blocks still in use and most rows reopened one: ~94 CPU-ms per MiB of
 * flows exported (10 MiB/s) against ~10 once they fit. 20 parallel exports and 100 slow readers
 * stay under their RSS bound (e2e/export-load).
 */
const CACHED_CHARS = 32 * 1024 * 1024;

/** Blocks this thread has decompressed so far (read-trace.ts: how many a query opened). */
let opened = 0;
export function blocksOpened(): number {
  return opened;
}

/**
 * Rows in, rows with their JSON text out (a reader's side, one per connection). Opened blocks
 * are kept in an LRU bounded by size: pages of the newest rows, an export or a pod's events read
 * many rows of the same blocks, and the newest blocks are what most pages ask for.
 */
export class JsonBlockReader {
  private readonly cache = new Map<number, { rows: string[]; chars: number }>();
  private heldChars = 0;
  private read: Database.Statement | null = null;

  /** `cachedChars`: the cache's bound (tests give a small one). */
  constructor(
    private readonly db: Database.Database,
    private readonly cachedChars = CACHED_CHARS,
  ) {}

  private block(id: number): string[] {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit.rows;
    }
    this.read ??= this.db.prepare('SELECT data FROM json_blocks WHERE id = ?').pluck();
    const data = this.read.get(id) as Uint8Array | undefined;
    if (!data) throw new Error(`stored JSON block ${id} is missing (the database was changed outside Holocron?)`);
    const rows = unpackBlock(data);
    opened++;
    const chars = rows.reduce((n, r) => n + r.length, 0);
    this.cache.set(id, { rows, chars });
    this.heldChars += chars;
    for (const [oldest, entry] of this.cache) {
      if (this.heldChars <= this.cachedChars || oldest === id) break;
      this.cache.delete(oldest);
      this.heldChars -= entry.chars;
    }
    return rows;
  }

  private forget(id: number): boolean {
    const entry = this.cache.get(id);
    if (!entry) return false;
    this.cache.delete(id);
    this.heldChars -= entry.chars;
    return true;
  }

  /** A stored `json` value as text: TEXT as it is, a block reference resolved. */
  text(value: string | Uint8Array): string {
    if (typeof value === 'string') return value;
    const { id, position } = parseRef(value);
    return this.textsOf(id, [position])[0]!;
  }

  /** Block `id`'s texts at `positions`, re-read once if the cached copy is older than a position. */
  private textsOf(id: number, positions: readonly number[]): string[] {
    let rows = this.block(id);
    const past = (r: string[]) => positions.some((p) => p >= r.length);
    if (past(rows) && this.forget(id)) rows = this.block(id); // grown since it was opened
    if (past(rows)) throw new Error(`stored JSON reference points past its block`);
    return positions.map((p) => rows[p]!);
  }

  /**
   * Replaces every row's `json` (when it has one) with its text, in place. The rows are resolved
   * block by block: a block is opened once per call however its rows interleave with others'
   * (an export's batch in time order touches each of ~100 blocks a few times).
   */
  resolve<T>(rows: T[]): T[] {
    const byBlock = new Map<number, { row: { json: unknown }; position: number }[]>();
    for (const row of rows as { json?: unknown }[]) {
      if (!row || typeof row !== 'object' || !(row.json instanceof Uint8Array)) continue;
      const { id, position } = parseRef(row.json);
      let refs = byBlock.get(id);
      if (!refs) byBlock.set(id, (refs = []));
      refs.push({ row: row as { json: unknown }, position });
    }
    for (const [id, refs] of byBlock) {
      const texts = this.textsOf(id, refs.map((r) => r.position));
      refs.forEach((r, i) => (r.row.json = texts[i]));
    }
    return rows;
  }
}

function parseRef(value: Uint8Array): { id: number; position: number } {
  const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (b.length !== REF_BYTES) throw new Error(`stored JSON reference has ${b.length} bytes, expected ${REF_BYTES}`);
  return { id: b.readUIntBE(0, 4), position: b.readUInt16BE(4) };
}
