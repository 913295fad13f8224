/**
 * npm run bench — Holocron against its limits, measured in one run (see README, Performance).
 *
 *   npm run bench                      1,000,000 events, every section (~15 minutes on 2 cores)
 *   npm run bench -- --quick           100,000 events, shorter windows (~2 minutes + a build)
 *   npm run bench -- --events 300000 --only limit,ingest --profile
 *   npm run bench -- --only scale --scale 2000000
 *
 * Prints a table and writes bench/results.json: the machine (and how busy it was), every figure
 * with its target (PASS/MISS and the ratio), and the raw details behind them. The file is
 * rewritten after each section, so a run that dies keeps what it measured before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './support/context';
import { describeLoad, describeMachine, loadAvg } from './support/machine';
import { parseOptions, type Section } from './support/options';
import { formatTable, Report, statusOf } from './support/report';
import { writeResults, type RunState } from './support/results';
import { runLimit } from './sections/limit';
import { runIngest } from './sections/ingest';
import { runRules } from './sections/rules';
import { runQueries } from './sections/queries';
import { runServer } from './sections/server';
import { runEbpf } from './sections/ebpf';
import { runClickHouse } from './sections/clickhouse';
import { runScale } from './sections/scale';

const RUNNERS: Record<Exclude<Section, 'browser'>, (ctx: BenchContext) => Promise<void>> = {
  limit: runLimit,
  ingest: runIngest,
  rules: runRules,
  queries: runQueries,
  server: runServer,
  ebpf: runEbpf,
  clickhouse: runClickHouse,
  scale: runScale,
};

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const report = new Report();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-'));
  const ctx: BenchContext = {
    opts,
    report,
    dataDir,
    measured: {},
    log: (m) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`),
  };
  ctx.log(`${opts.events.toLocaleString('en-US')} events${opts.quick ? ' (quick)' : ''}; ${machine.nproc} cores, ${machine.memGiB} GiB, ${machine.cpu}, node ${machine.node}; load ${describeLoad(machine.loadAtStart)}`);
  if (machine.busyAtStart.length) ctx.log(`busy at start:\n  ${machine.busyAtStart.join('\n  ')}`);
  const run: RunState = { started, opts, machine, report, loads: {}, seconds: {}, errors: {} };
  const { loads, seconds, errors } = run;
  report.onAdd = () => writeResults(opts.out, run, false, loadAvg());
  // `browser` runs inside `server` (it needs the running server); the others in this order.
  for (const section of ['limit', 'ingest', 'rules', 'queries', 'server', 'ebpf', 'clickhouse', 'scale'] as const) {
    if (!opts.sections.has(section) && !(section === 'server' && opts.sections.has('browser'))) continue;
    loads[section] = loadAvg();
    const t0 = Date.now();
    try {
      await RUNNERS[section](ctx);
      ctx.log(`${section}: done in ${Math.round((Date.now() - t0) / 1000)} s`);
    } catch (e) {
      const msg = (e as Error).stack ?? String(e);
      errors[section] = msg;
      ctx.log(`${section} FAILED: ${msg}`);
      report.skip(section, 'section failed', (e as Error).message.split('\n')[0]!.slice(0, 200));
    }
    seconds[section] = Math.round((Date.now() - t0) / 1000);
    writeResults(opts.out, run, false, loadAvg());
  }
  const loadAtEnd = loadAvg();
  const table = formatTable(report.rows);
  console.log(`\nHolocron bench — ${opts.events.toLocaleString('en-US')} events${opts.quick ? ' (quick)' : ''} — ${new Date(started).toISOString()}`);
  console.log(`${machine.nproc} cores · ${machine.memGiB} GiB · ${machine.cpu} · node ${machine.node} · load at start ${describeLoad(machine.loadAtStart)}, at end ${describeLoad(loadAtEnd)}\n`);
  console.log(table);
  const misses = report.rows.filter((r) => statusOf(r).status === 'MISS');
  console.log(`\n${report.rows.filter((r) => statusOf(r).status === 'PASS').length} targets met, ${misses.length} missed${misses.length ? `: ${misses.map((r) => r.metric).join('; ')}` : ''}`);

  const durationS = writeResults(opts.out, run, true, loadAtEnd);
  console.log(`\nwrote ${opts.out} (${durationS} s)`);
  if (!opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept the scratch data in ${dataDir}`);
  process.exit(Object.keys(errors).length ? 1 : 0);
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).stack ?? e}`);
  process.exit(2);
});
