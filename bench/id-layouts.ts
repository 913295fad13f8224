/**
 * Insert cost as the store grows, for the two ways a row is found by id (row-ids.ts): a file with
 * `id` UNIQUE (schema 8 and older) and one with `id_key` (schema 9). One process, one thread: the
 * same Death Star batches (8,000 items, over the last hour, as the scale section fills) go into
 * both files in turns, so the machine's load weighs on both alike. Writer CPU µs an item, for each
 * doubling of the stored items:
 *
 *   npx tsx bench/id-layouts.ts [items, 800000] [page cache MiB, 8]
 *
 * A small page cache stands for a larger store: the writer's 128 MiB at 10M items is 8 MiB at
 * ~600k. The files live in a temporary directory, deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConnection } from '@/lib/server/store/sqlite/sqlite-connection';
import { applySchema } from '@/lib/server/store/sqlite/schema';
import { SqliteWrites } from '@/lib/server/store/sqlite/sqlite-writes';
import { writeUniqueIdFile } from '@/lib/server/store/sqlite/testing/unique-id-file';
import { fillInTurns } from './layouts-in-turns';

const total = Number(process.argv[2] ?? 800_000);
const cacheMiB = Number(process.argv[3] ?? 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-ids-'));

try {
  const files = { unique: path.join(dir, 'unique.db'), keyed: path.join(dir, 'keyed.db') };
  writeUniqueIdFile(files.unique, path.join(dir, 'fresh.db'));
  const layouts = (Object.keys(files) as (keyof typeof files)[]).map((name) => {
    const db = openConnection(files[name], cacheMiB);
    applySchema(db);
    return { name, db, writes: new SqliteWrites(db) };
  });

  const stored = fillInTurns(layouts, total);
  for (const l of layouts) {
    l.db.close();
    console.log(`${l.name}: ${(fs.statSync(files[l.name]).size / stored).toFixed(0)} file bytes an item`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
