import type { BenchOptions } from './options';
import type { Report } from './report';

/** What every section gets: the options, the report to add rows to, a scratch directory. */
export interface BenchContext {
  opts: BenchOptions;
  report: Report;
  dataDir: string;
  log(msg: string): void;
  /** Figures later sections depend on (the 80 % load is 80 % of the measured ingest rate). */
  measured: {
    limitMixed?: number;
    ingestMixed?: number;
    ingestFlows?: number;
  };
}
