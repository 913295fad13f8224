import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from './sqlite-store';
it('perf', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-'));
  const store = new SqliteStore(path.join(dir, 'h.db'));
  const { flows, events } = scenarioRecords();
  const N = 1_000_000;
  let s = performance.now();
  for (let round = 0; round * flows.length < N; round++) {
    const batch = flows.map((f) => ({ summary: { ...f.summary, id: `${f.summary.id}-${round}`, ts: f.summary.ts + round * 60_000_000 }, json: f.json }));
    await store.insert(batch, round === 0 ? events : []);
  }
  console.log('insert', ((performance.now() - s) / 1000).toFixed(1), 's', (await store.counts()).flows);
  for (const [kind, prefix] of [['pod', 'default/'], ['label', 'class'], ['http-path', 'exh'], ['node', ''], ['port', '8']] as const) {
    s = performance.now();
    const v = await store.suggestValues({ source: 'flows', kind, direction: 'either', prefix, limit: 20 });
    console.log('suggest', kind, (performance.now() - s).toFixed(1), 'ms', v.length);
  }
  const put = flows.find((f) => f.summary.httpPath === '/v1/exhaust-port')!;
  s = performance.now();
  const n = await store.flowNeighbors(`${put.summary.id}-1000`, 10);
  console.log('neighbors', (performance.now() - s).toFixed(1), 'ms', n?.before.length, n?.after.length);
  s = performance.now();
  console.log('podNode', await store.podNode('default', 'tiefighter'), (performance.now() - s).toFixed(1), 'ms');
  s = performance.now();
  await store.podNode('default', 'nope');
  console.log('podNode miss', (performance.now() - s).toFixed(1), 'ms');
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 600_000);
