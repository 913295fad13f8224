import type { FlowNeighbors, StoredRow } from '../store';
import type { SqlRunner } from './suggest-values';

/**
 * The flows just before and after one flow between the same two endpoints, in either direction
 * (the request, its reply, the handshake, retries). An endpoint is its pod when it has one,
 * otherwise its IP. One query per direction and side, each walking an index in time order and
 * stopping after `limit` rows, so a busy pair costs no more than a quiet one.
 */

interface Anchor {
  seq: number;
  ts: number;
  src_ns: string;
  src_pod: string;
  src_ip: string;
  dst_ns: string;
  dst_pod: string;
  dst_ip: string;
}

interface Row {
  seq: number;
  ts: number;
  id: string;
  json: string;
}

type Ep = { ns: string; pod: string; ip: string };

function sideSql(side: 'src' | 'dst', ep: Ep): { sql: string; params: unknown[] } {
  return ep.pod
    ? { sql: `${side}_ns = ? AND ${side}_pod = ?`, params: [ep.ns, ep.pod] }
    : { sql: `${side}_pod = '' AND ${side}_ip = ?`, params: [ep.ip] };
}

export function flowNeighbors(sql: SqlRunner, id: string, limit: number): FlowNeighbors | null {
  const a = sql<Anchor>(`SELECT seq, ts, src_ns, src_pod, src_ip, dst_ns, dst_pod, dst_ip FROM flows WHERE id = ?`, id)[0];
  if (!a) return null;
  const one: Ep = { ns: a.src_ns, pod: a.src_pod, ip: a.src_ip };
  const two: Ep = { ns: a.dst_ns, pod: a.dst_pod, ip: a.dst_ip };
  const pairs: [Ep, Ep][] = [
    [one, two],
    [two, one],
  ];
  const fetch = (when: 'before' | 'after'): Row[] => {
    const rows: Row[] = [];
    for (const [from, to] of pairs) {
      const s = sideSql('src', from);
      const d = sideSql('dst', to);
      const cmp = when === 'before' ? '(ts, seq) < (?, ?)' : '(ts, seq) > (?, ?)';
      const order = when === 'before' ? 'DESC' : 'ASC';
      rows.push(
        ...sql<Row>(
          `SELECT seq, ts, id, json FROM flows WHERE ${s.sql} AND ${d.sql} AND ${cmp} ORDER BY ts ${order}, seq ${order} LIMIT ?`,
          ...s.params,
          ...d.params,
          a.ts,
          a.seq,
          limit,
        ),
      );
      // src and dst the same endpoint (a pod talking to itself): one direction is enough.
      if (from.ns === to.ns && from.pod === to.pod && from.ip === to.ip) break;
    }
    const sign = when === 'before' ? -1 : 1;
    rows.sort((x, y) => sign * (x.ts - y.ts || x.seq - y.seq));
    return rows.slice(0, limit);
  };
  const strip = (rows: Row[]): StoredRow[] => rows.map(({ id, json }) => ({ id, json }));
  return { before: strip(fetch('before')), after: strip(fetch('after')) };
}
