import { directedSql, ENDPOINT_COLUMNS, endpointsOf, sameEndpoint, type EndpointColumns } from '../sql/flow-pair';
import type { FlowNeighbors, StoredRow } from '../store';
import { rowByIdSql } from './row-ids';
import { SQLITE } from './sqlite-dialect';
import type { SqlRunner } from './suggest-values';

/**
 * The flows just before and after one flow between the same two endpoints, in either direction
 * (the request, its reply, the handshake, retries; endpoints as ../sql/flow-pair.ts defines them).
 * One query per direction and side, each walking an index in time order and stopping after
 * `limit` rows, so a busy pair costs no more than a quiet one.
 */

type Anchor = EndpointColumns & { seq: number; ts: number };

interface Row {
  seq: number;
  ts: number;
  id: string;
  json: string;
}

/** `keyed`: the flows table has id_key (schema.ts hasIdKey, asked once by the store). */
export function flowNeighbors(sql: SqlRunner, id: string, limit: number, keyed: boolean): FlowNeighbors | null {
  const byId = rowByIdSql('flows', `seq, ts, ${ENDPOINT_COLUMNS}`, id, keyed);
  const a = sql<Anchor>(byId.sql, ...byId.params)[0];
  if (!a) return null;
  const [one, two] = endpointsOf(a);
  const directions = sameEndpoint(one, two) ? [directedSql(SQLITE, one, two)] : [directedSql(SQLITE, one, two), directedSql(SQLITE, two, one)];
  const fetch = (when: 'before' | 'after'): Row[] => {
    const rows: Row[] = [];
    const cmp = when === 'before' ? '(ts, seq) < (?, ?)' : '(ts, seq) > (?, ?)';
    const order = when === 'before' ? 'DESC' : 'ASC';
    for (const pair of directions) {
      rows.push(
        ...sql<Row>(
          `SELECT seq, ts, id, json FROM flows WHERE ${pair.sql} AND ${cmp} ORDER BY ts ${order}, seq ${order} LIMIT ?`,
          ...pair.params,
          a.ts,
          a.seq,
          limit,
        ),
      );
    }
    const sign = when === 'before' ? -1 : 1;
    rows.sort((x, y) => sign * (x.ts - y.ts || x.seq - y.seq));
    return rows.slice(0, limit);
  };
  const strip = (rows: Row[]): StoredRow[] => rows.map(({ id, json }) => ({ id, json }));
  return { before: strip(fetch('before')), after: strip(fetch('after')) };
}
