import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { parseListParams } from '@/lib/server/http/list-params';
import zlib from 'node:zlib';
const store = new SqliteStore(process.argv[2]!, { reader: true });
const blocks = (store as any).blocks; const origText = blocks.text.bind(blocks);
const ids = new Set<number>(); let misses = 0; const origBlock = blocks.block.bind(blocks);
blocks.block = (id: number) => { if (!blocks.cache.has(id)) misses++; ids.add(id); return origBlock(id); };
for (const q of ['http-path=^/v1/exhaust-port', 'verdict=DROPPED', 'from:pod=default/tiefighter to:pod=default/deathstar']) {
  const p = parseListParams('flows', new URLSearchParams({ q, limit: '500', fields: 'summary' }));
  ids.clear(); misses = 0;
  const c0 = process.cpuUsage(); await store.listFlows(p); const c = process.cpuUsage(c0);
  const m1 = misses; misses = 0;
  const c2 = process.cpuUsage(); await store.listFlows(p); const cc = process.cpuUsage(c2);
  console.log(q, 'distinct blocks', ids.size, 'misses cold', m1, 'cpu', ((c.user + c.system) / 1000).toFixed(1), 'warm misses', misses, 'cpu', ((cc.user + cc.system) / 1000).toFixed(1));
}
const db = (store as any).db;
const sizes = db.prepare('SELECT length(data) AS n FROM json_blocks ORDER BY id DESC LIMIT 200').pluck().all() as number[];
const one = db.prepare('SELECT data FROM json_blocks ORDER BY id DESC LIMIT 1 OFFSET 50').pluck().get();
const t0 = performance.now(); for (let i = 0; i < 100; i++) zlib.brotliDecompressSync(one); console.log('avg compressed', sizes.reduce((a, b) => a + b) / sizes.length, 'raw', zlib.brotliDecompressSync(one).length, 'decompress ms', ((performance.now() - t0) / 100).toFixed(3));
