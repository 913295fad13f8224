/**
 * The lookups behind the process views and flow ↔ process correlation, each served by an index:
 * a pod's events by exact namespace and name (events_pod — the q `pod=` is a prefix match, which
 * would mix deathstar-…-7xk2p with deathstar-…-m9qvz), exec events by exec_id (events_exec_id),
 * socket kprobes by client address and port (events_sock), flows by address (flows_src_ip,
 * flows_dst_ip). Every answer is bounded and says when it was cut.
 */
import type { BoundedRows, PodEventsQuery, SockEventsQuery, StoredRow } from '../store';

type Run = <T>(sql: string, ...params: unknown[]) => T[];

// exec/exit give the tree its shape; kprobes and friends are ticks on it. When a pod has more
// events than the bound, the ticks are cut first.
const STRUCTURE = `kind IN ('process_exec', 'process_exit')`;

function range(sinceUs: number | null, untilUs: number | null): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [];
  if (sinceUs !== null) {
    parts.push('ts >= ?');
    params.push(sinceUs);
  }
  if (untilUs !== null) {
    parts.push('ts <= ?');
    params.push(untilUs);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** Newest first within each class, returned oldest first. */
export function podEvents(run: Run, q: PodEventsQuery): BoundedRows {
  const r = range(q.sinceUs, q.untilUs);
  const base = `SELECT id, json, ts, seq FROM events WHERE namespace = ? AND pod = ?${r.sql}`;
  const order = 'ORDER BY ts DESC, seq DESC LIMIT ?';
  // One more than asked tells "exactly the limit" from "more than the limit".
  const structure = run<Row>(`${base} AND ${STRUCTURE} ${order}`, q.namespace, q.pod, ...r.params, q.limit + 1);
  let truncated = structure.length > q.limit;
  const kept = structure.slice(0, q.limit);
  const room = q.limit - kept.length;
  if (room > 0) {
    const ticks = run<Row>(`${base} AND NOT ${STRUCTURE} ${order}`, q.namespace, q.pod, ...r.params, room + 1);
    if (ticks.length > room) truncated = true;
    kept.push(...ticks.slice(0, room));
  } else {
    const anyTick = run<{ one: number }>(`SELECT 1 AS one FROM events WHERE namespace = ? AND pod = ?${r.sql} AND NOT ${STRUCTURE} LIMIT 1`, q.namespace, q.pod, ...r.params);
    if (anyTick.length > 0) truncated = true;
  }
  kept.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  return { rows: kept.map(({ id, json }) => ({ id, json })), truncated };
}

interface Row {
  id: string;
  json: string;
  ts: number;
  seq: number;
}

const IN_CHUNK = 500;

/** process_exec events of these exec_ids (one per process unless an agent re-sent it). */
export function execEventsByExecIds(run: Run, execIds: readonly string[]): StoredRow[] {
  const unique = [...new Set(execIds.filter(Boolean))];
  const out: StoredRow[] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    out.push(
      ...run<StoredRow>(
        `SELECT id, json FROM events WHERE exec_id IN (${chunk.map(() => '?').join(', ')}) AND kind = 'process_exec' ORDER BY ts, seq`,
        ...chunk,
      ),
    );
  }
  return out;
}

/** Every event of one process (its exec, exit, kprobes…), oldest first, bounded. */
export function eventsOfExecId(run: Run, execId: string, limit: number): BoundedRows {
  const rows = run<StoredRow>(`SELECT id, json FROM events WHERE exec_id = ? ORDER BY ts, seq LIMIT ?`, execId, limit + 1);
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

/** Socket kprobes (any hook with a sock_arg) on one client (address, port) in a time window. */
export function sockEvents(run: Run, q: SockEventsQuery): StoredRow[] {
  return run<StoredRow>(
    `SELECT id, json FROM events WHERE sock_saddr = ? AND sock_sport = ? AND ts >= ? AND ts <= ? ORDER BY ts, seq LIMIT ?`,
    q.saddr,
    q.sport,
    q.sinceUs,
    q.untilUs,
    q.limit,
  );
}

/** Flows with `ip` on either side in a window, newest first: what teaches the IP→pod map about it. */
export function flowsTouchingIp(run: Run, ip: string, sinceUs: number, untilUs: number, limit: number): StoredRow[] {
  return run<StoredRow>(
    `SELECT id, json FROM (
       SELECT id, json, ts, seq FROM flows WHERE src_ip = ? AND ts >= ? AND ts <= ?
       UNION
       SELECT id, json, ts, seq FROM flows WHERE dst_ip = ? AND ts >= ? AND ts <= ?
     ) ORDER BY ts DESC, seq DESC LIMIT ?`,
    ip,
    sinceUs,
    untilUs,
    ip,
    sinceUs,
    untilUs,
    limit,
  );
}

/** Flows with (ip, port) on either side in a window, oldest first: one connection's packets. */
export function flowsOnEndpoint(run: Run, ip: string, port: number, sinceUs: number, untilUs: number, limit: number): StoredRow[] {
  return run<StoredRow>(
    `SELECT id, json FROM (
       SELECT id, json, ts, seq FROM flows WHERE src_ip = ? AND src_port = ? AND ts >= ? AND ts <= ?
       UNION
       SELECT id, json, ts, seq FROM flows WHERE dst_ip = ? AND dst_port = ? AND ts >= ? AND ts <= ?
     ) ORDER BY ts, seq LIMIT ?`,
    ip,
    port,
    sinceUs,
    untilUs,
    ip,
    port,
    sinceUs,
    untilUs,
    limit,
  );
}
