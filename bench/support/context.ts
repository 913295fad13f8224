import type { QueryData } from '../data/query-data';
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
    /** Wire (protobuf) bytes per event of each stream, from the limit section. */
    wire?: Partial<Record<'mixed' | 'flows', number>>;
  };
  /** The N-item store the queries ran over; the server section serves it. */
  queryDb?: { file: string; data: QueryData };
}
