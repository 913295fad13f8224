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

export function flowParams(f: FlowSummary, json: StoredJson): Record<string, unknown> {
  return {
    id: f.id,
    ts: f.ts,
    node: f.node,
    verdict: f.verdict,
    drop_reason: '',
    type: '',
    protocol: '',
    tcp_flags: f.tcpFlags.length ? `,${f.tcpFlags.join(',')},` : '',
    direction: f.direction,
    is_reply: f.isReply === null ? null : f.isReply ? 1 : 0,
    src_ns: f.source.namespace,
    src_pod: f.source.pod,
    src_workload: '',
    src_identity: 0,
    src_labels: '',
    src_ip: f.source.ip,
    src_port: f.source.port,
    src_service: '',
    dst_ns: f.destination.namespace,
    dst_pod: f.destination.pod,
    dst_workload: '',
    dst_identity: 0,
    dst_labels: '',
    dst_ip: f.destination.ip,
    dst_port: f.destination.port,
    dst_service: '',
    http_method: '',
    http_path: '',
    http_code: 0,
    dns_query: '',
    src_workload_kind: '',
    dst_workload_kind: '',
    encrypted: 0,
    auth_type: '',
    policies: '',
    json,
  };
}

export function eventParams(e: EventSummary, json: StoredJson): Record<string, unknown> {
  return {
    id: e.id,
    ts: e.ts,
    node: e.node,
    kind: e.kind,
    namespace: e.namespace,
    pod: e.pod,
    container: e.container,
    image: e.image,
    workload: e.workload,
    labels: fencedLabels(e.labels),
    binary: e.binary,
    args: e.args,
    parent_binary: e.parentBinary,
    exec_id: e.execId,
    parent_exec_id: e.parentExecId,
    pid: e.pid,
    uid: e.uid,
    function_name: e.functionName,
    policy_name: e.policyName,
    capabilities: e.capabilities.length ? `\n${e.capabilities.join('\n')}\n` : '',
    sock_saddr: e.sock?.saddr ?? '',
    sock_daddr: e.sock?.daddr ?? '',
    sock_sport: e.sock?.sport ?? 0,
    sock_dport: e.sock?.dport ?? 0,
    file_path: e.filePath,
    ...processTreeParams(e),
    json,
  };
}

/**
 * The columns schema version 6 added for the process tree's index (process-tree-index.ts), on
 * exec and exit rows only: other kinds keep these in their JSON, and the tree never reads them.
 */
export function processTreeParams(e: EventSummary): Record<string, unknown> {
  const described = e.kind === 'process_exec' || e.kind === 'process_exit';
  return {
    cwd: described ? e.cwd : '',
    start_time: described ? e.startTime : '',
    proc_fs: described && e.procFs ? 1 : 0,
    exit_status: e.kind === 'process_exit' ? e.status : null,
    exit_signal: e.kind === 'process_exit' ? e.signal : '',
  };
}

/**
 * Positional placeholders in the params' key order: bind with `Object.values(params)` (every row
 * of a table is built by the same function, so the order never varies). Cheaper to bind than
 * named parameters on the ingest path (npm run bench).
 */
export function insertSql(table: 'flows' | 'events', params: Record<string, unknown>): string {
  const cols = Object.keys(params);
  return `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
}
