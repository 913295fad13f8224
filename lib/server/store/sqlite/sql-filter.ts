import { groupTerms, type ParsedQuery, type QueryTerm } from '@/lib/domain/query/parse';
import { regexpSql } from './regex-prefix';

/**
 * A parsed `q` → an SQL WHERE fragment with bound parameters. Values are always bound, never
 * spliced: column names come from the fixed tables below. The semantics mirror
 * lib/domain/query/match.ts (the store contract test checks both agree on the same data).
 */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

type Side = 'src' | 'dst';

/** A column guard (cheap, in SQL) before a fragment. */
function and(guard: string, f: SqlFragment): SqlFragment {
  return { sql: `(${guard} AND ${f.sql})`, params: f.params };
}

function likePrefix(v: string): string {
  return `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function endpointSql(t: QueryTerm, side: Side): SqlFragment | null {
  const v = t.value;
  switch (t.kind) {
    case 'pod': {
      const slash = v.indexOf('/');
      if (slash < 0) return { sql: `(${side}_pod != '' AND ${side}_pod LIKE ? ESCAPE '\\')`, params: [likePrefix(v)] };
      return {
        sql: `(${side}_ns = ? AND ${side}_pod LIKE ? ESCAPE '\\')`,
        params: [v.slice(0, slash), likePrefix(v.slice(slash + 1))],
      };
    }
    case 'namespace':
      return { sql: `${side}_ns = ?`, params: [v] };
    case 'workload':
      return { sql: `${side}_workload = ?`, params: [v] };
    case 'label':
      return { sql: `label_match(${side}_labels, ?)`, params: [v] };
    case 'ip':
      return v.includes('/') ? { sql: `ip_match(${side}_ip, ?)`, params: [v] } : { sql: `${side}_ip = ?`, params: [v] };
    case 'port':
      return { sql: `${side}_port = ?`, params: [Number(v)] };
    case 'identity':
      return { sql: `${side}_identity = ?`, params: [Number(v)] };
    case 'service':
      return v.includes('/')
        ? { sql: `${side}_service = ?`, params: [v] }
        : { sql: `(${side}_service != '' AND substr(${side}_service, instr(${side}_service, '/') + 1) = ?)`, params: [v] };
    default:
      return null;
  }
}

function either(t: QueryTerm, build: (side: Side) => SqlFragment | null): SqlFragment | null {
  if (t.direction === 'from') return build('src');
  if (t.direction === 'to') return build('dst');
  const a = build('src');
  const b = build('dst');
  if (!a || !b) return null;
  return { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] };
}

function flowTermSql(t: QueryTerm): SqlFragment {
  const ep = either(t, (side) => endpointSql(t, side));
  if (ep) return ep;
  const v = t.value;
  const eq = (col: string): SqlFragment => ({ sql: `${col} = ?`, params: [v] });
  switch (t.kind) {
    case 'node':
      return eq('node');
    case 'id':
      return eq('id');
    case 'verdict':
      return eq('verdict');
    case 'drop-reason':
      return eq('drop_reason');
    case 'type':
      return eq('type');
    case 'protocol':
      return eq('protocol');
    case 'direction':
      return eq('direction');
    case 'http-method':
      return eq('http_method');
    case 'tcp-flag':
      return { sql: `instr(tcp_flags, ?) > 0`, params: [`,${v},`] };
    case 'reply':
      return { sql: `is_reply = ?`, params: [v === 'true' ? 1 : 0] };
    case 'http-path':
      return and(`http_method != ''`, regexpSql('http_path', v));
    case 'http-status':
      return { sql: `(http_code != 0 AND http_status_match(http_code, ?))`, params: [v] };
    case 'dns':
      return { sql: `dns_match(dns_query, ?)`, params: [v] };
    default:
      throw new Error(`no flow SQL for kind ${t.kind}`);
  }
}

function eventTermSql(t: QueryTerm): SqlFragment {
  const v = t.value;
  const eq = (col: string, value: unknown = v): SqlFragment => ({ sql: `${col} = ?`, params: [value] });
  const re = (col: string): SqlFragment => regexpSql(col, v);
  const bySide = (src: string, dst: string, fn: (col: string) => SqlFragment): SqlFragment => {
    if (t.direction === 'from') return fn(src);
    if (t.direction === 'to') return fn(dst);
    const a = fn(src);
    const b = fn(dst);
    return { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] };
  };
  switch (t.kind) {
    case 'pod': {
      const slash = v.indexOf('/');
      if (slash < 0) return { sql: `(pod != '' AND pod LIKE ? ESCAPE '\\')`, params: [likePrefix(v)] };
      return { sql: `(namespace = ? AND pod LIKE ? ESCAPE '\\')`, params: [v.slice(0, slash), likePrefix(v.slice(slash + 1))] };
    }
    case 'namespace':
      return eq('namespace');
    case 'workload':
      return eq('workload');
    case 'label':
      return { sql: `label_match(labels, ?)`, params: [v] };
    case 'node':
      return eq('node');
    case 'id':
      return eq('id');
    case 'ip':
      return bySide('sock_saddr', 'sock_daddr', (col) =>
        v.includes('/') ? { sql: `ip_match(${col}, ?)`, params: [v] } : { sql: `${col} = ?`, params: [v] },
      );
    case 'port':
      return bySide('sock_sport', 'sock_dport', (col) => ({
        sql: `(sock_saddr != '' AND ${col} = ?)`,
        params: [Number(v)],
      }));
    case 'binary':
      return re('binary');
    case 'args':
      return re('args');
    case 'parent-binary':
      return re('parent_binary');
    case 'event-type':
      return eq('kind');
    case 'function':
      return eq('function_name');
    case 'policy':
      return eq('policy_name');
    case 'capability':
      return { sql: `instr(capabilities, ?) > 0`, params: [`\n${v}\n`] };
    case 'exec-id':
      return eq('exec_id');
    case 'parent-exec-id':
      return eq('parent_exec_id');
    case 'pid':
      return eq('pid', Number(v));
    case 'uid':
      return eq('uid', Number(v));
    case 'container':
      return eq('container');
    case 'image':
      return { sql: `image LIKE ? ESCAPE '\\'`, params: [likePrefix(v)] };
    case 'file':
      return and(`file_path != ''`, regexpSql('file_path', v));
    default:
      throw new Error(`no event SQL for kind ${t.kind}`);
  }
}

/**
 * Flow kinds whose columns are all in the service map's group key (flow-map-key.ts) and have no
 * index of their own: on the flows table they are tested once per distinct key in flow_map_keys
 * (`map_key IN (…)`) rather than once per row. A regular-expression page then walks the (ts,
 * map_key) index and reads only the rows it returns, not every row it passes (npm run bench,
 * scale: the regex page read each of the newest rows through the table). Pod, namespace and
 * address keep their own indexes, ports are not in the key.
 */
const VIA_MAP_KEY = new Set([
  'workload', 'label', 'identity', 'service', 'verdict', 'drop-reason',
  'type', 'protocol', 'reply', 'http-method', 'http-path', 'http-status', 'dns', 'direction',
]);

function viaMapKey(t: QueryTerm): SqlFragment {
  const f = flowTermSql(t);
  return { sql: `map_key IN (SELECT key_id FROM flow_map_keys WHERE ${f.sql})`, params: f.params };
}

/** Whether every term of a flows query is answered through the map key (see VIA_MAP_KEY). */
export function answeredByMapKey(parsed: ParsedQuery | null): boolean {
  return !!parsed && parsed.source === 'flows' && parsed.terms.length > 0 && parsed.terms.every((t) => VIA_MAP_KEY.has(t.kind));
}

/**
 * `opts.mapKey`: flows terms of VIA_MAP_KEY kinds test the row's map_key against flow_map_keys
 * (only on the flows table; the map runs the plain fragment on flow_map_keys itself).
 */
export function queryToSql(parsed: ParsedQuery | null, opts: { mapKey?: boolean } = {}): SqlFragment {
  if (!parsed || parsed.terms.length === 0) return { sql: '1', params: [] };
  const termSql =
    parsed.source === 'flows'
      ? opts.mapKey
        ? (t: QueryTerm) => (VIA_MAP_KEY.has(t.kind) ? viaMapKey(t) : flowTermSql(t))
        : flowTermSql
      : eventTermSql;
  const { anyOf, none } = groupTerms(parsed);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const group of anyOf) {
    const frags = group.map(termSql);
    parts.push(`(${frags.map((f) => f.sql).join(' OR ')})`);
    for (const f of frags) params.push(...f.params);
  }
  for (const t of none) {
    const f = termSql(t);
    parts.push(`NOT coalesce(${f.sql}, 0)`);
    params.push(...f.params);
  }
  return { sql: parts.join(' AND '), params };
}
