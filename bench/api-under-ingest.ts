/**
 * The server section's "API p95 while ingesting at 80 %" step alone, for finding where a page's
 * time goes: `next start` on a copy of a kept query store (filled once into DIR, default
 * /tmp/17api), the flood agent at RATE items/s (default 7,190: 80 % of the last full run's mixed
 * maximum), the same request mix at 5/s for SECONDS, idle first. SERVER_ENV adds server variables,
 * e.g. '{"HOLOCRON_TRACE_READS":"1"}' (read-trace.ts; its lines land in DIR/server-<pid>.log).
 *
 *   npx tsx bench/api-under-ingest.ts            # EVENTS=300000 RATE=7190 SECONDS=30
 */
import fs from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { fillQueryStore, type QueryData } from './data/query-data';
import { queryCases } from './data/query-suite';
import { startAgent, freePort } from './support/agent';
import { apiLoad } from './support/api-load';
import { startFeeder } from './feeder/feeder-control';
import { buildIfNeeded, startNextServer, storedOf, type Health } from './support/next-server';
import { sleep } from './support/stats';

function childrenOf(pid: number): number[] {
  try { return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { return []; }
}
const dir = process.env.DIR ?? '/tmp/17api';
const rate = Number(process.env.RATE ?? 7190);
const seconds = Number(process.env.SECONDS ?? 30);
const events = Number(process.env.EVENTS ?? 300_000);
const base = path.join(dir, 'base.db');
const dataFile = path.join(dir, 'base.json');

async function main() {
  if (!fs.existsSync(dataFile)) {
    const store = new SqliteStore(base);
    const data = await fillQueryStore(store, events, { log: console.log });
    await store.close();
    fs.writeFileSync(dataFile, JSON.stringify({ ...data, flowIds: data.flowIds.slice(0, 50), eventIds: data.eventIds.slice(0, 50) }));
  }
  const data = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as QueryData;
  buildIfNeeded(console.log);
  const file = path.join(dir, `run-${process.pid}.db`);
  fs.copyFileSync(base, file);
  const agentAddr = `127.0.0.1:${await freePort()}`;
  let upstream: { stop(): Promise<void> } = await startFeeder(agentAddr);
  const server = await startNextServer({ HOLOCRON_DB: file, HOLOCRON_AGENTS: `tetragon://${agentAddr},hubble://${agentAddr}`, ...(process.env.SERVER_ENV ? JSON.parse(process.env.SERVER_ENV) : {}) });
  try {
    await sleep(3000);
    const cases = queryCases(data);
    const loadMix = [...cases.filter((c) => c.kind === 'query' || c.kind === 'lookup'), ...cases.filter((c) => c.id === 'map-15m')];
    for (const c of cases) await (await server.get(c.http)).arrayBuffer();
    const idle = await apiLoad(server, loadMix, 10, 5);
    const show = (name: string, r: Awaited<ReturnType<typeof apiLoad>>) =>
      console.log(`${name}: all p50 ${r.all.p50.toFixed(0)} p95 ${r.all.p95.toFixed(0)} (${r.requests} req) | ` + Object.entries(r.byCase).map(([k, v]) => `${k} ${v.p50.toFixed(0)}/${v.p95.toFixed(0)}`).join(', ') + (r.errors.length ? ` ERR ${r.errors[0]}` : ''));
    show('idle', idle);
    await upstream.stop();
    upstream = await startAgent(agentAddr, ['--source', 'flood:death-star', '--rate', String(rate)]);
    await sleep(4000);
    const h0 = await server.json<Health>('/api/health');
    const t0 = performance.now();
    const cpu0 = server.cpuSeconds();
    const agentPid = (upstream as unknown as { proc: { pid: number } }).proc.pid;
    const pcpu = (pid: number) => { let t = 0; const walk = (p: number) => { try { const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').slice(fs.readFileSync(`/proc/${p}/stat`, 'utf8').lastIndexOf(')') + 2).split(' '); t += (Number(f[11]) + Number(f[12])) / 100; } catch { /* gone */ } for (const c of childrenOf(p)) walk(c); }; walk(pid); return t; };
    const a0 = pcpu(agentPid); const me0 = process.cpuUsage();
    const loaded = await apiLoad(server, loadMix, seconds, 5);
    const el = (performance.now() - t0) / 1000;
    const meC = process.cpuUsage(me0);
    console.log(`agent cpu ${((pcpu(agentPid) - a0) / el).toFixed(2)} cores; bench client ${((meC.user + meC.system) / 1e6 / el).toFixed(2)} cores`);
    const h1 = await server.json<Health>('/api/health');
    show(`load ${rate}/s (stored ${Math.round((storedOf(h1) - storedOf(h0)) / el)}/s, lost ${h1.lost.total - h0.lost.total}, server cpu ${((server.cpuSeconds() - cpu0) / el).toFixed(2)} cores, loadavg ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`, loaded);
    if (process.env.HOLD) await sleep(Number(process.env.HOLD) * 1000);
  } finally {
    await upstream.stop().catch(() => {});
    await server.stop();
    fs.writeFileSync(path.join(dir, `server-${process.pid}.log`), server.child.log());
    for (const e of ['', '-wal', '-shm']) fs.rmSync(file + e, { force: true });
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
