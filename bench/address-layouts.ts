/**
 * Insert and delete cost as the store grows, for the two layouts of the address indexes
 * (endpoint-buckets.ts): schema 10's `(ip, ts >> 26, port, ts)` and the `(ip, port, ts)` of older
 * files. As bench/id-layouts.ts: one process, one thread, the same Death Star batches (8,000
 * items over the last hour) into both files in turns, writer CPU µs an item for each doubling of
 * the stored items; then the oldest half is deleted 1,000 rows a transaction (as retention does),
 * the WAL cut after each, for CPU and WAL bytes a row.
 *
 *   npx tsx bench/address-layouts.ts [items, 800000] [page cache MiB, 8]
 *
 * A small page cache stands for a larger store (the writer's 128 MiB at 10M is 8 MiB at ~600k).
 * The files live in a temporary directory, deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConnection } from '@/lib/server/store/sqlite/sqlite-connection';
import { applySchema } from '@/lib/server/store/sqlite/schema';
import { SqliteWrites } from '@/lib/server/store/sqlite/sqlite-writes';
import { fillInTurns } from './layouts-in-turns';

const total = Number(process.argv[2] ?? 800_000);
const cacheMiB = Number(process.argv[3] ?? 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-addresses-'));

/** What turns a new file's indexes into an older file's. */
const LAYOUTS: Record<string, string> = {
  bucketed: '',
  'ip-port': `DROP INDEX flows_src_ip; DROP INDEX flows_dst_ip; DROP INDEX events_sock;
    CREATE INDEX flows_src_ip ON flows(src_ip, src_port, ts);
    CREATE INDEX flows_dst_ip ON flows(dst_ip, dst_port, ts);
    CREATE INDEX events_sock ON events(sock_saddr, sock_sport, ts);`,
};

try {
  const layouts = Object.entries(LAYOUTS).map(([name, ddl]) => {
    const file = path.join(dir, `${name}.db`);
    const db = openConnection(file, cacheMiB);
    applySchema(db);
    db.exec(ddl);
    return { name, file, db, writes: new SqliteWrites(db) };
  });
  fillInTurns(layouts, total);
  for (const l of layouts) {
    const half = (l.db.prepare('SELECT count(*) FROM events').pluck().get() as number) / 2;
    const chunk = (table: string) => l.db.prepare(`DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table} ORDER BY ts LIMIT 1000)`);
    const [delEvents, delFlows] = [chunk('events'), chunk('flows')];
    let walBytes = 0;
    let rows = 0;
    const t = process.cpuUsage();
    const w0 = performance.now();
    while (rows < half) {
      rows += delEvents.run().changes + delFlows.run().changes;
      walBytes += fs.statSync(`${l.file}-wal`).size;
      l.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    const d = process.cpuUsage(t);
    console.log(
      `${l.name}: deleting the oldest ${rows.toLocaleString('en-US')} rows: ${((d.user + d.system) / rows).toFixed(1)} CPU µs a row, ` +
        `${(((performance.now() - w0) * 1000) / rows).toFixed(1)} µs wall, ${(walBytes / rows / 1024).toFixed(1)} KiB of WAL a row`,
    );
    l.db.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
