import type Database from 'better-sqlite3';
import { summarizeEvent } from '@/lib/domain/event-summary';
import { ARGS_MAX } from '@/lib/domain/timeline/pod-tree-records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { backfillFromJson } from './backfill';
import { processTreeParams } from './rows';

/**
 * The process tree's indexes. A 10,000-process pod has ~20,000 exec and exit rows; reading them
 * from the table (a row lookup each) and parsing their JSON took ~400 ms. `events_tree` instead
 * holds each exec/exit row's ExecExitRecord (lib/domain/timeline/pod-tree-records.ts) as an
 * indexed expression, so the tree's records are a range of one index, concatenated by SQLite
 * into the answer's bytes without a row lookup or a JS value per field (npm run bench: the
 * whole answer in ~6 ms). Queries must spell TREE_RECORD and STRUCTURE exactly like this for
 * SQLite to use the stored value (process-tree-index.test.ts checks the query plan).
 *
 * The price, on exec/exit rows only: ~160 B per stored event at a million (Death Star mix), and
 * ~6 % of the store's insert rate on a mix where 60 % of the events are exec/exit.
 *
 * `events_tree` is ordered by exec_id (does a process have an exec or exit in the window?),
 * `events_tree_parent` holds the exec/exit rows that embed a description of their parent, by
 * parent (which parents have none of their own: their description is only there).
 */
export const STRUCTURE = `kind IN ('process_exec', 'process_exit')`;

/** The row embeds its parent (a `parent` with a binary; an agent may also send none, as for /proc-scanned processes). */
export const DESCRIBES_PARENT = `parent_binary <> ''`;

// cutArgs in SQL: substr() only past ARGS_MAX bytes (it counts code points, and stops at a NUL).
const LONG_ARGS = `length(CAST(args AS BLOB)) > ${ARGS_MAX}`;
const CUT_ARGS = `substr(args, 1, ${ARGS_MAX})`;

export const TREE_RECORD = `json_array(id, ts, kind = 'process_exit', proc_fs, exit_status, exit_signal, exec_id, parent_exec_id, pid, uid, binary, CASE WHEN ${LONG_ARGS} THEN ${CUT_ARGS} ELSE args END, CASE WHEN ${LONG_ARGS} THEN ${CUT_ARGS} <> args ELSE 0 END, cwd, start_time)`;

export const PROCESS_TREE_INDEXES = `
CREATE INDEX IF NOT EXISTS events_tree ON events(namespace, pod, exec_id, ts, ${TREE_RECORD}) WHERE ${STRUCTURE};
CREATE INDEX IF NOT EXISTS events_tree_parent ON events(namespace, pod, parent_exec_id, ts) WHERE ${STRUCTURE} AND ${DESCRIBES_PARENT};
`;

const COLUMNS = [
  "cwd TEXT NOT NULL DEFAULT ''",
  "start_time TEXT NOT NULL DEFAULT ''",
  'proc_fs INTEGER NOT NULL DEFAULT 0',
  'exit_status INTEGER',
  "exit_signal TEXT NOT NULL DEFAULT ''",
];


/**
 * Schema step: the tree's columns, backfilled on the exec and exit rows of an existing file by
 * the summariser ingest uses (a fresh file gets them from the base DDL; the indexes follow there).
 */
export function addProcessTreeColumns(db: Database.Database, from: number): void {
  if (from === 0) return;
  const have = new Set(db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[]);
  const missing = COLUMNS.filter((col) => !have.has(col.split(' ')[0]!));
  if (missing.length === 0) return;
  for (const col of missing) db.exec(`ALTER TABLE events ADD COLUMN ${col}`);
  const write = db.prepare(
    'UPDATE events SET cwd = @cwd, start_time = @start_time, proc_fs = @proc_fs, exit_status = @exit_status, exit_signal = @exit_signal WHERE seq = @seq',
  );
  backfillFromJson<TetragonEventJson>(db, 'events', STRUCTURE, (line, r) => {
    write.run({ ...processTreeParams(summarizeEvent(line, r.id)), seq: r.seq });
  });
}
