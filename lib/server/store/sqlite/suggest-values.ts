import type { QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import { EVENT_TYPES } from '@/lib/domain/query/kinds';
import { fencedLabels } from '@/lib/domain/query/value-match';
import type { SuggestedValue } from '../store';
import { unfence } from './flow-map-key';

/**
 * Values seen recently for one filter kind, for the filter bar's autocomplete. The scan is bounded:
 * only the newest `SCAN_ROWS` rows (read backwards through the ts index), so the cost is the same
 * at 1k or 1M stored rows. Counts rank the values; the prefix is matched case-insensitively.
 * Column expressions come from the fixed tables below, never from the request.
 */

export type SqlRunner = <T>(sql: string, ...params: unknown[]) => T[];

export const SCAN_ROWS = 20_000;

/**
 * An expression per side; `list` marks fenced multi-value columns ("\na\nb\n" or ",a,b,").
 * `key`: read from the flow's map key (flow_map_keys), where flow rows no longer keep the column
 * (rows.ts, FLOW_COLUMNS_IN_MAP_KEY).
 */
interface Expr {
  src: string;
  dst?: string;
  list?: '\n' | ',';
  key?: true;
}

const podExpr = (ns: string, pod: string) => `CASE WHEN ${pod} != '' THEN ${ns} || '/' || ${pod} END`;

const FLOW_EXPRS: Record<string, Expr> = {
  pod: { src: podExpr('src_ns', 'src_pod'), dst: podExpr('dst_ns', 'dst_pod') },
  namespace: { src: 'src_ns', dst: 'dst_ns' },
  workload: { src: 'src_workload', dst: 'dst_workload', key: true },
  label: { src: 'src_labels', dst: 'dst_labels', list: '\n', key: true },
  ip: { src: 'src_ip', dst: 'dst_ip' },
  port: { src: 'NULLIF(src_port, 0)', dst: 'NULLIF(dst_port, 0)' },
  identity: { src: 'NULLIF(src_identity, 0)', dst: 'NULLIF(dst_identity, 0)', key: true },
  service: { src: 'src_service', dst: 'dst_service', key: true },
  node: { src: 'node' },
  verdict: { src: 'verdict' },
  'drop-reason': { src: 'drop_reason', key: true },
  type: { src: 'type', key: true },
  protocol: { src: 'protocol', key: true },
  direction: { src: 'direction' },
  'tcp-flag': { src: 'tcp_flags', list: ',' },
  reply: { src: "CASE is_reply WHEN 1 THEN 'true' WHEN 0 THEN 'false' END" },
  'http-method': { src: 'http_method', key: true },
  'http-path': { src: "CASE WHEN http_method != '' THEN http_path END", key: true },
  'http-status': { src: 'NULLIF(http_code, 0)', key: true },
  dns: { src: 'dns_query', key: true },
};

const EVENT_KIND_NAMES = `CASE kind ${Object.entries(EVENT_TYPES)
  .map(([short, kind]) => `WHEN '${kind}' THEN '${short}'`)
  .join(' ')} END`;

const EVENT_EXPRS: Record<string, Expr> = {
  pod: { src: podExpr('namespace', 'pod') },
  namespace: { src: 'namespace' },
  workload: { src: 'workload' },
  label: { src: 'labels', list: '\n' },
  node: { src: 'node' },
  ip: { src: 'sock_saddr', dst: 'sock_daddr' },
  port: { src: "CASE WHEN sock_saddr != '' THEN sock_sport END", dst: "CASE WHEN sock_saddr != '' THEN sock_dport END" },
  binary: { src: 'binary' },
  args: { src: 'args' },
  'parent-binary': { src: 'parent_binary' },
  'event-type': { src: EVENT_KIND_NAMES },
  function: { src: 'function_name' },
  policy: { src: 'policy_name' },
  capability: { src: 'capabilities', list: '\n' },
  'exec-id': { src: 'exec_id' },
  'parent-exec-id': { src: 'parent_exec_id' },
  pid: { src: 'NULLIF(pid, 0)' },
  uid: { src: 'uid' },
  container: { src: 'container' },
  image: { src: 'image' },
  file: { src: 'file_path' },
};

/** Whether the kind has values worth suggesting (ids, for one, do not). */
export function suggestible(source: QuerySource, kind: string): boolean {
  return Object.hasOwn(source === 'flows' ? FLOW_EXPRS : EVENT_EXPRS, kind);
}

export function suggestValues(
  sql: SqlRunner,
  source: QuerySource,
  kind: string,
  direction: Direction,
  prefix: string,
  limit: number,
): SuggestedValue[] {
  const expr = (source === 'flows' ? FLOW_EXPRS : EVENT_EXPRS)[kind];
  if (!expr) return [];
  const sides = [direction !== 'to' ? expr.src : null, direction !== 'from' ? (expr.dst ?? null) : null].filter(
    (e): e is string => e !== null,
  );
  if (sides.length === 0) sides.push(expr.src);
  const table = source === 'flows' ? 'flows' : 'events';
  const columns = sides.map((e, i) => `${e} AS v${i}`).join(', ');
  const recent = expr.key
    ? `SELECT ${columns} FROM (SELECT map_key FROM flows ORDER BY ts DESC, seq DESC LIMIT ?) r JOIN flow_map_keys k ON k.key_id = r.map_key`
    : `SELECT ${columns} FROM ${table} ORDER BY ts DESC, seq DESC LIMIT ?`;
  const union = sides.map((_, i) => `SELECT v${i} AS v FROM recent`).join(' UNION ALL ');
  let rows = sql<{ v: string | number; n: number }>(
    `WITH recent AS (${recent}) SELECT v, count(*) AS n FROM (${union}) WHERE v IS NOT NULL AND v != '' GROUP BY v`,
    SCAN_ROWS,
  );
  // The key keeps a label's source prefix ("k8s:"); suggestions are labels as filters take them.
  if (expr.key && kind === 'label') rows = rows.map(({ v, n }) => ({ v: fencedLabels(unfence(String(v))), n }));
  return rankSuggestions(rows, expr.list, prefix, limit);
}

/**
 * Counted values → suggestions (shared with the ClickHouse store, so both rank alike): fenced
 * lists split into their entries, filtered by the prefix, prefix matches first, then by count.
 */
export function rankSuggestions(
  rows: readonly { v: string | number; n: number }[],
  list: '\n' | ',' | undefined,
  prefix: string,
  limit: number,
): SuggestedValue[] {
  const counts = new Map<string, number>();
  for (const { v, n } of rows) {
    const values = list ? String(v).split(list).filter(Boolean) : [String(v)];
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + n);
  }
  const p = prefix.toLowerCase();
  const hits: SuggestedValue[] = [];
  for (const [value, count] of counts) {
    const l = value.toLowerCase();
    // Prefix matches first; for paths and pods a match after a '/' also counts (typing "exhaust").
    if (!p || l.startsWith(p) || l.includes(`/${p}`) || (p.length >= 3 && l.includes(p))) hits.push({ value, count });
  }
  hits.sort((a, b) => {
    const ap = a.value.toLowerCase().startsWith(p) ? 0 : 1;
    const bp = b.value.toLowerCase().startsWith(p) ? 0 : 1;
    return ap - bp || b.count - a.count || a.value.localeCompare(b.value);
  });
  return hits.slice(0, limit);
}
