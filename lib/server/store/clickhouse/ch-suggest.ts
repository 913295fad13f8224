import { EVENT_TYPES } from '@/lib/domain/query/kinds';
import type { SuggestedValue, SuggestQuery } from '../store';
import { rankSuggestions, SCAN_ROWS } from '../sqlite/suggest-values';
import type { ChContext, Table } from './ch-context';
import { firstWidth, windows } from './time-windows';

/**
 * Filter-bar autocomplete over the newest SCAN_ROWS rows, as in sqlite/suggest-values.ts (same
 * expressions, same ranking — rankSuggestions is shared). The newest rows are found by counting
 * growing time windows back from the newest row until they hold SCAN_ROWS, so the cost stays
 * that of ~20,000 rows whatever the store holds. Empty strings stand for SQLite's NULLs.
 */
interface Expr {
  src: string;
  dst?: string;
  list?: '\n' | ',';
}

const podExpr = (ns: string, pod: string) => `if(${pod} != '', concat(${ns}, '/', ${pod}), '')`;
const nonZero = (col: string) => `if(${col} != 0, toString(${col}), '')`;

const FLOW_EXPRS: Record<string, Expr> = {
  pod: { src: podExpr('src_ns', 'src_pod'), dst: podExpr('dst_ns', 'dst_pod') },
  namespace: { src: 'src_ns', dst: 'dst_ns' },
  workload: { src: 'src_workload', dst: 'dst_workload' },
  label: { src: 'src_labels', dst: 'dst_labels', list: '\n' },
  ip: { src: 'src_ip', dst: 'dst_ip' },
  port: { src: nonZero('src_port'), dst: nonZero('dst_port') },
  identity: { src: nonZero('src_identity'), dst: nonZero('dst_identity') },
  service: { src: 'src_service', dst: 'dst_service' },
  node: { src: 'node' },
  verdict: { src: 'verdict' },
  'drop-reason': { src: 'drop_reason' },
  type: { src: 'type' },
  protocol: { src: 'protocol' },
  direction: { src: 'direction' },
  'tcp-flag': { src: 'tcp_flags', list: ',' },
  reply: { src: "multiIf(is_reply = 1, 'true', is_reply = 0, 'false', '')" },
  'http-method': { src: 'http_method' },
  'http-path': { src: "if(http_method != '', http_path, '')" },
  'http-status': { src: nonZero('http_code') },
  dns: { src: 'dns_query' },
};

const EVENT_KIND_NAMES = `multiIf(${Object.entries(EVENT_TYPES)
  .map(([short, kind]) => `kind = '${kind}', '${short}'`)
  .join(', ')}, '')`;

const EVENT_EXPRS: Record<string, Expr> = {
  pod: { src: podExpr('namespace', 'pod') },
  namespace: { src: 'namespace' },
  workload: { src: 'workload' },
  label: { src: 'labels', list: '\n' },
  node: { src: 'node' },
  ip: { src: 'sock_saddr', dst: 'sock_daddr' },
  port: { src: "if(sock_saddr != '', toString(sock_sport), '')", dst: "if(sock_saddr != '', toString(sock_dport), '')" },
  binary: { src: 'binary' },
  args: { src: 'args' },
  'parent-binary': { src: 'parent_binary' },
  'event-type': { src: EVENT_KIND_NAMES },
  function: { src: 'function_name' },
  policy: { src: 'policy_name' },
  capability: { src: 'capabilities', list: '\n' },
  'exec-id': { src: 'exec_id' },
  'parent-exec-id': { src: 'parent_exec_id' },
  pid: { src: nonZero('pid') },
  uid: { src: "if(uid >= 0, toString(uid), '')" },
  container: { src: 'container' },
  image: { src: 'image' },
  file: { src: 'file_path' },
};

/** The lowest ts such that [ts, newest] holds at least `n` visible rows (or all of them). */
export async function newestRowsFrom(ctx: ChContext, table: Table, n: number, floor: number): Promise<number> {
  const bounds = (await ctx.bounds(table)) ?? { oldestUs: floor, newestUs: floor, rows: 0 };
  let total = 0;
  const plan = windows({ lo: floor, hi: Number.MAX_SAFE_INTEGER, order: 'newest', bounds, firstWidth: firstWidth(bounds, n) });
  for (let w = plan.next(); !w.done; ) {
    const [row] = await ctx.db.rows<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ts >= ${w.value.from} AND ts <= ${w.value.to}`);
    const found = Number(row?.n ?? 0);
    total += found;
    if (total >= n) return w.value.from;
    w = plan.next({ found, want: n - total });
  }
  return floor;
}

export async function suggestValues(ctx: ChContext, q: SuggestQuery): Promise<SuggestedValue[]> {
  const expr = (q.source === 'flows' ? FLOW_EXPRS : EVENT_EXPRS)[q.kind];
  if (!expr) return [];
  const sides = [q.direction !== 'to' ? expr.src : null, q.direction !== 'from' ? (expr.dst ?? null) : null].filter(
    (e): e is string => e !== null,
  );
  if (sides.length === 0) sides.push(expr.src);
  const table: Table = q.source;
  const from = await newestRowsFrom(ctx, table, SCAN_ROWS, await ctx.floor());
  const recent = `SELECT ${sides.map((e, i) => `${e} AS v${i}`).join(', ')} FROM ${table}
    WHERE ts >= ${from} ORDER BY ts DESC, seq DESC LIMIT ${SCAN_ROWS}`;
  const values = sides.length === 1 ? 'v0' : `arrayJoin([${sides.map((_, i) => `v${i}`).join(', ')}])`;
  const rows = await ctx.db.rows<{ v: string; n: string }>(
    `SELECT v, count() AS n FROM (SELECT ${values} AS v FROM (${recent})) WHERE v != '' GROUP BY v`,
  );
  return rankSuggestions(
    rows.map((r) => ({ v: r.v, n: Number(r.n) })),
    expr.list,
    q.prefix,
    q.limit,
  );
}
