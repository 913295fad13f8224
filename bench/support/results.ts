import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import { formatTable, statusOf, type Report } from './report';

/** What a run has found so far, as bench/results.json holds it. */
export interface RunState {
  started: number;
  opts: BenchOptions;
  machine: Machine;
  report: Report;
  loads: Record<string, number[]>;
  seconds: Record<string, number>;
  errors: Record<string, string>;
}

/**
 * Writes results.json. The run calls this after every section, not only at the end: a full run
 * takes close to an hour, and a section that dies late (the disk filling in the 10M scale fill,
 * say) must not take the figures of the sections before it along. `complete` says whether every
 * section asked for has run.
 */
export function writeResults(out: string, run: RunState, complete: boolean, loadAtEnd: number[]): number {
  const durationS = Math.round((Date.now() - run.started) / 1000);
  const results = {
    startedAt: new Date(run.started).toISOString(),
    durationS,
    complete,
    options: { ...run.opts, sections: [...run.opts.sections] },
    machine: { ...run.machine, loadAtEnd, loadAtSectionStart: run.loads },
    sectionSeconds: run.seconds,
    rows: run.report.rows.map((r) => ({ ...r, ...statusOf(r) })),
    details: run.report.details,
    errors: run.errors,
    markdown: formatTable(run.report.rows, true),
  };
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  // Written aside and renamed: a reader (or a crash mid-write) never sees half a file.
  const partial = `${out}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(partial, out);
  return durationS;
}
