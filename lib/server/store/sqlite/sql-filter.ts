import { flowSpec, type FilterKind } from '@/lib/domain/query/kinds';
import type { ParsedQuery, QueryTerm } from '@/lib/domain/query/parse';
import type { SqlFragment } from '../sql/dialect';
import { queryWhere, type TermSql } from '../sql/filter-where';
import { SQLITE, SQLITE_POD_SEEK } from './sqlite-dialect';

/**
 * A parsed `q` → an SQLite WHERE fragment with bound parameters (the shared builder,
 * ../sql/filter-where.ts, in the SQLite dialect), plus the flows table's map-key routing.
 */
export type { SqlFragment } from '../sql/dialect';

/**
 * Flow kinds whose columns are all in the service map's group key (flow-map-key.ts) and have no
 * index of their own (`groupKey: 'lookup'` in the registry): on the flows table they are tested
 * once per distinct key in flow_map_keys (`map_key IN (…)`) rather than once per row. A
 * regular-expression page then walks the (ts, map_key) index and reads only the rows it returns,
 * not every row it passes (npm run bench, scale: the regex page read each of the newest rows
 * through the table). Pod, namespace and address keep their own indexes, ports are not in the key.
 */
export function kindViaMapKey(kind: FilterKind): boolean {
  return flowSpec(kind).groupKey === 'lookup';
}

const viaMapKey = (t: QueryTerm) => kindViaMapKey(t.kind);

const routeViaMapKey: TermSql = (t, plain) => {
  const f = plain();
  return viaMapKey(t) ? { sql: `map_key IN (SELECT key_id FROM flow_map_keys WHERE ${f.sql})`, params: f.params } : f;
};

/** Whether every term of a flows query is answered through the map key (see viaMapKey). */
export function answeredByMapKey(parsed: ParsedQuery | null): boolean {
  return !!parsed && parsed.source === 'flows' && parsed.terms.length > 0 && parsed.terms.every(viaMapKey);
}

/**
 * `opts.mapKey`: flows terms answered through the map key test the row's map_key against
 * flow_map_keys (only on the flows table; the map runs the plain fragment on flow_map_keys itself).
 * `opts.podSeek`: `ns/pod-prefix` terms also as ranges the pod indexes can seek (pod-seek.ts), for
 * a query whose plan SQLite chooses; the rows selected are the same.
 */
export function queryToSql(parsed: ParsedQuery | null, opts: { mapKey?: boolean; podSeek?: boolean } = {}): SqlFragment {
  return queryWhere(opts.podSeek ? SQLITE_POD_SEEK : SQLITE, parsed, opts.mapKey && parsed?.source === 'flows' ? routeViaMapKey : undefined);
}
