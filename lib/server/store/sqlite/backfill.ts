import type Database from 'better-sqlite3';
import { JsonBlockReader } from './json-blocks';

const CHUNK = 5000;

/**
 * A schema step's backfill: every row of `table` matching `where`, in seq order, with its stored
 * JSON parsed, handed to `apply` (which writes what the new columns need). Read a chunk at a time
 * because better-sqlite3 cannot write while a read iterator is open; `afterChunk` runs after each
 * one. A row whose JSON does not parse is skipped: rows were validated at ingest, and a damaged
 * one keeps the new columns' defaults. Runs inside applySchema's transaction.
 */
export function backfillFromJson<T>(
  db: Database.Database,
  table: 'flows' | 'events',
  where: string,
  apply: (line: T, row: { seq: number; id: string }) => void,
  afterChunk: () => void = () => {},
): void {
  const read = db.prepare(`SELECT seq, id, json FROM ${table} WHERE seq > ? AND (${where}) ORDER BY seq LIMIT ?`);
  const blocks = new JsonBlockReader(db);
  let after = 0;
  for (;;) {
    const rows = blocks.resolve(read.all(after, CHUNK) as { seq: number; id: string; json: string }[]);
    for (const r of rows) {
      let line: T;
      try {
        line = JSON.parse(r.json) as T;
      } catch {
        continue;
      }
      apply(line, r);
    }
    afterChunk();
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1]!.seq;
  }
}
