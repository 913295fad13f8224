import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openConnection } from '../sqlite-connection';
import { applySchema } from '../schema';

/**
 * Writes an empty store file as schema 8 laid it out: today's tables and indexes, with `id`
 * UNIQUE and without `id_key` or its indexes (row-ids.ts). For the tests of older files and the
 * bench that compares both layouts. `scratch` is a path it may use and deletes.
 */
export function writeUniqueIdFile(file: string, scratch: string): void {
  const fresh = openConnection(scratch);
  applySchema(fresh);
  const ddl = fresh
    .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'")
    .all() as { name: string; sql: string }[];
  fresh.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
  const old = new Database(file);
  old.pragma('page_size = 16384');
  old.pragma('auto_vacuum = INCREMENTAL');
  for (const { name, sql } of ddl) {
    if (/_ts_key$|_id_seg$/.test(name)) continue;
    old.exec(name === 'flows' || name === 'events' ? sql.replace('id TEXT NOT NULL,', 'id TEXT NOT NULL UNIQUE,').replace(/,\s*id_key INTEGER NOT NULL/, '') : sql);
  }
  old.pragma('user_version = 8');
  old.close();
}
