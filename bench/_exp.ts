import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import fs from 'node:fs';
async function main() {
  const cycles: ReturnType<typeof scenarioRecords>[] = [];
  const base = BigInt(Date.now()) * 1_000_000n - 3_600_000_000_000n;
  for (let k = 0; k < 200; k++) cycles.push(scenarioRecords(base + BigInt(k) * 15_000_000_000n, k));
  const n = cycles.reduce((a, c) => a + c.flows.length + c.events.length, 0);
  for (const variant of (process.argv[2] ?? 'base').split(',')) {
    const file = `/tmp/bt/exp-${variant}.db`;
    for (const e of ['', '-wal', '-shm']) fs.rmSync(file + e, { force: true });
    const store = new SqliteStore(file);
    const db = (store as any).db;
    if (variant.includes('ckpt')) db.pragma('wal_autocheckpoint = 10000');
    if (variant.includes('noidx')) { for (const i of ['flows_src_pod','flows_dst_pod','flows_src_ip','flows_dst_ip','events_sock','events_parent_exec_id']) db.exec(`DROP INDEX ${i}`); }
    const t0 = performance.now();
    let flows: any[] = [], events: any[] = [];
    let ins = 0;
    for (const c of cycles) { flows.push(...c.flows); events.push(...c.events); if (flows.length + events.length >= 2000) { const t = performance.now(); await store.insert(flows, events); ins += performance.now() - t; flows = []; events = []; } }
    await store.insert(flows, events);
    const s = (performance.now() - t0) / 1000;
    console.log(variant, n, 'rows', (n / s).toFixed(0), 'rows/s', 'insert-only', (n / (ins/1000)).toFixed(0), (fs.statSync(file).size / n).toFixed(0), 'B/row');
    await store.close();
  }
}
void main();
