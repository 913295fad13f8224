import type Database from 'better-sqlite3';
import { ALERTS_DDL } from './alerts-schema';
import { addFlowMap, addFlowMapDirection } from './flow-map-schema';
import { addProcessTreeColumns, PROCESS_TREE_INDEXES } from './process-tree-index';
import { migrateFlowsToV2 } from './schema-v2';
import { ENDPOINT_INDEXES } from './endpoint-buckets';
import { addJsonBlocks } from './json-blocks';
import { hasIdKeySql, idKeyIndexes, type IdTable } from './row-ids';

/**
 * Tables and indexes. Each row keeps the upstream JSON (`json`: since version 7 a reference into
 * compressed blocks, json-blocks.ts; the text in older rows) plus the columns that filters and
 * aggregations need. `seq` (the rowid) orders rows that share a timestamp and is the
 * second half of page cursors; a replayed or re-imported item is ignored: since version 9 through
 * `id_key` and its two indexes (row-ids.ts), in older files through `id`'s UNIQUE.
 * Labels and capabilities are stored newline-fenced ("\na=b\nc=d\n") so membership is instr().
 */
const FLOWS = `
CREATE TABLE IF NOT EXISTS flows (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  node TEXT NOT NULL,
  verdict TEXT NOT NULL,
  drop_reason TEXT NOT NULL,
  type TEXT NOT NULL,
  protocol TEXT NOT NULL,
  tcp_flags TEXT NOT NULL,
  direction TEXT NOT NULL,
  is_reply INTEGER,
  src_ns TEXT NOT NULL, src_pod TEXT NOT NULL, src_workload TEXT NOT NULL, src_identity INTEGER NOT NULL,
  src_labels TEXT NOT NULL, src_ip TEXT NOT NULL, src_port INTEGER NOT NULL, src_service TEXT NOT NULL,
  dst_ns TEXT NOT NULL, dst_pod TEXT NOT NULL, dst_workload TEXT NOT NULL, dst_identity INTEGER NOT NULL,
  dst_labels TEXT NOT NULL, dst_ip TEXT NOT NULL, dst_port INTEGER NOT NULL, dst_service TEXT NOT NULL,
  http_method TEXT NOT NULL, http_path TEXT NOT NULL, http_code INTEGER NOT NULL, dns_query TEXT NOT NULL,
  json TEXT NOT NULL,
  src_workload_kind TEXT NOT NULL DEFAULT '', dst_workload_kind TEXT NOT NULL DEFAULT '',
  encrypted INTEGER NOT NULL DEFAULT 0, auth_type TEXT NOT NULL DEFAULT '', policies TEXT NOT NULL DEFAULT '',
  map_key INTEGER NOT NULL DEFAULT 0,
  id_key INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS flows_ts ON flows(ts, seq);
CREATE INDEX IF NOT EXISTS flows_src_pod ON flows(src_ns, src_pod, ts);
CREATE INDEX IF NOT EXISTS flows_dst_pod ON flows(dst_ns, dst_pod, ts);
CREATE INDEX IF NOT EXISTS flows_map_key ON flows(ts, map_key);
CREATE INDEX IF NOT EXISTS flows_key_ts ON flows(map_key, ts);${ENDPOINT_INDEXES.flows}
`;

const EVENTS = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  node TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL, pod TEXT NOT NULL, container TEXT NOT NULL, image TEXT NOT NULL,
  workload TEXT NOT NULL, labels TEXT NOT NULL,
  binary TEXT NOT NULL, args TEXT NOT NULL, parent_binary TEXT NOT NULL,
  exec_id TEXT NOT NULL, parent_exec_id TEXT NOT NULL,
  pid INTEGER NOT NULL, uid INTEGER,
  function_name TEXT NOT NULL, policy_name TEXT NOT NULL, capabilities TEXT NOT NULL,
  sock_saddr TEXT NOT NULL, sock_daddr TEXT NOT NULL, sock_sport INTEGER NOT NULL, sock_dport INTEGER NOT NULL,
  file_path TEXT NOT NULL,
  json TEXT NOT NULL,
  cwd TEXT NOT NULL DEFAULT '', start_time TEXT NOT NULL DEFAULT '', proc_fs INTEGER NOT NULL DEFAULT 0,
  exit_status INTEGER, exit_signal TEXT NOT NULL DEFAULT '',
  id_key INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_ts ON events(ts, seq);
CREATE INDEX IF NOT EXISTS events_pod ON events(namespace, pod, ts);
CREATE INDEX IF NOT EXISTS events_exec_id ON events(exec_id);
CREATE INDEX IF NOT EXISTS events_parent_exec_id ON events(parent_exec_id);${ENDPOINT_INDEXES.events}
${PROCESS_TREE_INDEXES}`;

/**
 * Schema versions, as an ordered list of steps: a database at user_version N runs every step
 * above N, in order, inside one transaction, then the base tables' CREATE IF NOT EXISTS (a fresh
 * database gets the current tables from them). Add a step at the end; never edit a shipped one.
 * 1: the tables above without the last line of flow columns.
 */
interface SchemaStep {
  version: number;
  why: string;
  up(db: Database.Database, from: number): void;
}

const STEPS: readonly SchemaStep[] = [
  {
    version: 2,
    why: 'workload kinds, encrypted, auth_type, policies on flows (the service map groups by them)',
    up: (db, from) => {
      if (from === 1) migrateFlowsToV2(db);
    },
  },
  { version: 3, why: 'alerts and their evidence (detection)', up: (db) => db.exec(ALERTS_DDL) },
  { version: 4, why: "the service map's rollup: flows.map_key, flow_map_keys, flow_map_minutes", up: addFlowMap },
  { version: 5, why: "the map's group key keeps the traffic direction (where a verdict is decided)", up: addFlowMapDirection },
  { version: 6, why: 'the process tree reads exec/exit rows from an index (cwd, start_time, proc_fs, exit_status, exit_signal)', up: addProcessTreeColumns },
  { version: 7, why: "new rows' JSON in compressed blocks (json_blocks); older rows keep their text", up: addJsonBlocks },
  {
    version: 8,
    // No DDL: the columns stay (older rows keep their values) and are no longer read from rows.
    // The version says so to an older Holocron, which would read the empty columns as values.
    why: 'new flow rows leave the columns their map key holds empty (rows.ts, FLOW_COLUMNS_IN_MAP_KEY)',
    up: () => {},
  },
  {
    version: 9,
    // No DDL: a new file's tables have id_key (the base DDL); an older file keeps its UNIQUE id,
    // which an older Holocron relies on (it would insert rows without id_key).
    why: "new files find rows by id through id_key's time-local indexes instead of a UNIQUE id (row-ids.ts)",
    up: () => {},
  },
  {
    version: 10,
    // No DDL: a new file's address indexes have a time bucket before the port (endpoint-buckets.ts);
    // an older file keeps its (ip, port, ts) indexes under the same names, which answer the same queries.
    why: 'new files index flows and socket kprobes by (address, time bucket, port, ts) (endpoint-buckets.ts)',
    up: () => {},
  },
];

const SCHEMA_VERSION = STEPS[STEPS.length - 1]!.version;

export function applySchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this Holocron (${SCHEMA_VERSION})`);
  }
  db.exec('BEGIN');
  for (const step of STEPS) if (version < step.version) step.up(db, version);
  db.exec(FLOWS);
  db.exec(EVENTS);
  for (const table of ['flows', 'events'] as const) if (hasIdKey(db, table)) db.exec(idKeyIndexes(table));
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  db.exec('COMMIT');
}

/** Whether the table finds rows by id_key (created at version 9 or later) rather than a UNIQUE id. */
export function hasIdKey(db: Database.Database, table: IdTable): boolean {
  return db.prepare(hasIdKeySql(table)).get() !== undefined;
}
