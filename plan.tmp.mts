import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { parseListParams } from '@/lib/server/http/list-params';
const file = process.argv[2]!;
const store = new SqliteStore(file, { reader: true });
const db = (store as any).db;
const seen: string[] = [];
const orig = db.prepare.bind(db);
db.prepare = (sql: string) => { if (!seen.includes(sql)) seen.push(sql); return orig(sql); };
const cases: [string, string, string][] = [
  ['verdict', 'flows', 'verdict=DROPPED'],
  ['pods', 'flows', 'from:pod=default/tiefighter to:pod=default/deathstar'],
  ['regex', 'flows', 'http-path=^/v1/exhaust-port'],
  ['events-pod', 'events', 'pod=default/tiefighter'],
];
for (const [name, src, q] of cases) {
  const search = new URLSearchParams({ q, limit: src === 'flows' ? '500' : '200', fields: 'summary' });
  seen.length = 0;
  const p = parseListParams(src as any, search);
  const f = src === 'flows' ? () => store.listFlows(p) : () => store.listEvents(p);
  await f();
  const xs: number[] = []; const c0 = process.cpuUsage();
  for (let i = 0; i < 15; i++) { const a = performance.now(); await f(); xs.push(performance.now() - a); }
  const c = process.cpuUsage(c0); xs.sort((a, b) => a - b);
  console.log(`\n== ${name}: median ${xs[7].toFixed(1)} ms, p95~ ${xs[14].toFixed(1)} ms, cpu ${((c.user + c.system) / 15000).toFixed(1)} ms/query`);
  for (const sql of seen) {
    if (sql.startsWith('SELECT data FROM json_blocks')) continue;
    console.log('SQL:', sql.replace(/\s+/g, ' ').slice(0, 400));
    try { for (const r of orig('EXPLAIN QUERY PLAN ' + sql).all(...new Array((sql.match(/\?/g) || []).length).fill(0))) console.log('   ', r.detail); } catch (e) { console.log('  (plan failed)', (e as Error).message); }
  }
}
await store.close();
