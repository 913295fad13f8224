import { fencedLabels } from '@/lib/domain/query/value-match';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';

/**
 * Summary → the parameters of the INSERT statements (sqlite-writes.ts). `json` is what the row's
 * json column holds: the text, or a reference into json_blocks (json-blocks.ts).
 */
export type StoredJson = string | Uint8Array;

/** "\na\nb\n": whole-entry membership is instr(col, '\na\n'), and one string GROUPs BY as one. */
function fencedList(items: readonly string[]): string {
  return items.length ? `\n${items.join('\n')}\n` : '';
}

/** The columns schema version 2 added (also backfilled from the JSON when an older file is opened). */
export function flowV2Params(f: FlowSummary): Record<string, unknown> {
  return {
    src_workload_kind: f.source.workloadKind,
    dst_workload_kind: f.destination.workloadKind,
    encrypted: f.encrypted ? 1 : 0,
    auth_type: f.authType,
    policies: fencedList(f.policies),
  };
}

/**
 * Columns a flow row leaves empty (since schema version 8): the map key's row in flow_map_keys
 * holds the same values, once per distinct key instead of once per flow, and every reader goes
 * through it (these kinds are `groupKey: 'lookup'` in the kind registry, so filters test the key, sql-filter.ts; suggestions join the key,
 * suggest-values.ts; the map reads the key). About 200 bytes a flow of the bench's stream, and their
 * writes. Rows stored before version 8 keep their values; nothing reads them from the row any
 * more. Verdict, direction and reply stay: the counters and a pod's node read them per row.
 */
export const FLOW_COLUMNS_IN_MAP_KEY = [
  'src_workload', 'src_workload_kind', 'src_identity', 'src_labels', 'src_service',
  'dst_workload', 'dst_workload_kind', 'dst_identity', 'dst_labels', 'dst_service',
  'drop_reason', 'type', 'protocol', 'http_method', 'http_path', 'http_code', 'dns_query',
  'encrypted', 'auth_type', 'policies',
] as const;

const NUMERIC_IN_MAP_KEY: ReadonlySet<string> = new Set(['src_identity', 'dst_identity', 'http_code', 'encrypted']);

/** The flow columns a row binds, in flowValues' order. */
const FLOW_BOUND = [
  'id', 'ts', 'node', 'verdict', 'tcp_flags', 'direction', 'is_reply',
  'src_ns', 'src_pod', 'src_ip', 'src_port', 'dst_ns', 'dst_pod', 'dst_ip', 'dst_port',
  'json', 'map_key',
] as const;

/**
 * A new flow row: the bound columns, and FLOW_COLUMNS_IN_MAP_KEY as literals ('' or 0) in the
 * statement rather than 20 values bound per row (npm run bench, micro-ingest). They have no
 * column defaults to fall back on: the version-1 table declared them without.
 */
export function flowInsertSql(keyed: boolean): string {
  return insertSql('flows', [...FLOW_BOUND, ...FLOW_COLUMNS_IN_MAP_KEY], [
    ...FLOW_BOUND.map(() => '?'),
    ...FLOW_COLUMNS_IN_MAP_KEY.map((c) => (NUMERIC_IN_MAP_KEY.has(c) ? '0' : "''")),
  ], keyed);
}

/**
 * An insert that skips an item already stored by its UNIQUE id (files before version 9), or, in a
 * file with id_key (row-ids.ts), binds the key after the row's values: the writer asks
 * storedSql first (as an INSERT … SELECT … WHERE NOT EXISTS, SQLite copied every row through a
 * temporary table, since it reads the table it writes: ~2 µs a row more). OR IGNORE in both, as
 * before id_key: a row breaking another constraint is skipped, not the batch.
 */
function insertSql(table: 'flows' | 'events', columns: readonly string[], values: readonly string[], keyed: boolean): string {
  const [cols, vals] = keyed ? [[...columns, 'id_key'], [...values, '?']] : [columns, values];
  return `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${vals.join(', ')})`;
}

/** Whether an item is stored, in a file with id_key: one seek in (ts, id_key), the text compared on the row. */
export const storedSql = (table: 'flows' | 'events'): string => `SELECT 1 FROM ${table} WHERE ts = ? AND id_key = ? AND id = ?`;

/** A flow's values for flowInsertSql, positionally (FLOW_BOUND's order): no object per row. */
export function flowValues(f: FlowSummary, json: StoredJson, mapKey: number): unknown[] {
  return [
    f.id,
    f.ts,
    f.node,
    f.verdict,
    f.tcpFlags.length ? `,${f.tcpFlags.join(',')},` : '',
    f.direction,
    f.isReply === null ? null : f.isReply ? 1 : 0,
    f.source.namespace,
    f.source.pod,
    f.source.ip,
    f.source.port,
    f.destination.namespace,
    f.destination.pod,
    f.destination.ip,
    f.destination.port,
    json,
    mapKey,
  ];
}

/** The event columns a row binds, in eventValues' order. */
const EVENT_BOUND = [
  'id', 'ts', 'node', 'kind', 'namespace', 'pod', 'container', 'image', 'workload', 'labels',
  'binary', 'args', 'parent_binary', 'exec_id', 'parent_exec_id', 'pid', 'uid',
  'function_name', 'policy_name', 'capabilities', 'sock_saddr', 'sock_daddr', 'sock_sport', 'sock_dport',
  'file_path', 'cwd', 'start_time', 'proc_fs', 'exit_status', 'exit_signal', 'json',
] as const;

export function eventInsertSql(keyed: boolean): string {
  return insertSql('events', EVENT_BOUND, EVENT_BOUND.map(() => '?'), keyed);
}

/** An event's values for eventInsertSql, positionally (EVENT_BOUND's order). */
export function eventValues(e: EventSummary, json: StoredJson): unknown[] {
  return [
    e.id,
    e.ts,
    e.node,
    e.kind,
    e.namespace,
    e.pod,
    e.container,
    e.image,
    e.workload,
    fencedLabels(e.labels),
    e.binary,
    e.args,
    e.parentBinary,
    e.execId,
    e.parentExecId,
    e.pid,
    e.uid,
    e.functionName,
    e.policyName,
    e.capabilities.length ? `\n${e.capabilities.join('\n')}\n` : '',
    e.sock?.saddr ?? '',
    e.sock?.daddr ?? '',
    e.sock?.sport ?? 0,
    e.sock?.dport ?? 0,
    e.filePath,
    ...processTreeValues(e),
    json,
  ];
}

/**
 * The columns schema version 6 added for the process tree's index (process-tree-index.ts), on
 * exec and exit rows only: other kinds keep these in their JSON, and the tree never reads them.
 */
export function processTreeParams(e: EventSummary): Record<string, unknown> {
  const [cwd, start_time, proc_fs, exit_status, exit_signal] = processTreeValues(e);
  return { cwd, start_time, proc_fs, exit_status, exit_signal };
}

/** processTreeParams' values in their columns' order (cwd, start_time, proc_fs, exit_status, exit_signal). */
function processTreeValues(e: EventSummary): [string, string, number, number | null, string] {
  const described = e.kind === 'process_exec' || e.kind === 'process_exit';
  const exit = e.kind === 'process_exit';
  return [described ? e.cwd : '', described ? e.startTime : '', described && e.procFs ? 1 : 0, exit ? e.status : null, exit ? e.signal : ''];
}
