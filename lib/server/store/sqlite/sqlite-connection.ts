import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerSqlFunctions } from './sql-functions';

/**
 * One connection to the store's file with Holocron's settings. The store opens one for reads
 * (and the rare writes: alerts), the writer thread (sqlite-writer.ts) one for ingest; WAL lets
 * the readers go on while the writer commits.
 */
export function openConnection(file: string, cacheMiB = 64): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  // page_size and auto_vacuum only take effect before the first table exists; harmless
  // afterwards. 16 KiB pages: an event row is 2–4 KiB, so 4 KiB pages held one row each and
  // split on every insert (npm run bench: ~1.5× the insert rate, ~35 % less disk per event).
  db.pragma('page_size = 16384');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Checkpoint (two fsyncs, run inside a commit on the writing connection) every ~64 MiB of WAL
  // rather than SQLite's default 1000 pages: at ingest rates the default checkpoints many times a second.
  db.pragma(`wal_autocheckpoint = ${Math.round((64 * 1024 * 1024) / (db.pragma('page_size', { simple: true }) as number))}`);
  // A WAL that grew (readers kept it from being reset, wal-budget.ts) is cut back to this on the
  // first commit after it starts over; without a limit SQLite keeps the file at its largest.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma('busy_timeout = 5000');
  // The writer thread asks for 128 MiB: at a million rows the id and pod indexes alone are
  // ~100 MiB, and a miss on every insert's index walk is what slowed ingest as the store filled.
  // Readers walk recent, hot pages; 64 MiB keeps the server's RSS well under its bound.
  db.pragma(`cache_size = -${cacheMiB * 1024}`);
  registerSqlFunctions(db);
  return db;
}
