/**
 * The lookups behind the process views and flow ↔ process correlation, each served by an index:
 * a pod's events by exact namespace and name (events_pod — the q `pod=` is a prefix match, which
 * would mix deathstar-…-7xk2p with deathstar-…-m9qvz), exec events by exec_id (events_exec_id),
 * socket kprobes by client address and port (events_sock), flows by address (flows_src_ip,
 * flows_dst_ip; both with a time bucket before the port, endpoint-buckets.ts). Every answer is
 * bounded and says when it was cut.
 */
import { podProcessEventsFromRows } from '../pod-process-events';
import type { BoundedRows, PodEventsQuery, PodProcessEvents, SockEventsQuery, StoredRow } from '../store';
import { bucketRange, bucketTerm } from './endpoint-buckets';
import { DESCRIBES_PARENT, STRUCTURE, TREE_RECORD } from './process-tree-index';

type Run = <T>(sql: string, ...params: unknown[]) => T[];

// exec/exit give the tree its shape; kprobes and friends are ticks on it. When a pod has more
// events than the bound, the ticks are cut first.

function range(sinceUs: number | null, untilUs: number | null, column = 'ts'): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [];
  if (sinceUs !== null) {
    parts.push(`${column} >= ?`);
    params.push(sinceUs);
  }
  if (untilUs !== null) {
    parts.push(`${column} <= ?`);
    params.push(untilUs);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** Newest first within each class, returned oldest first. */
export function podEvents(run: Run, q: PodEventsQuery): BoundedRows {
  const r = range(q.sinceUs, q.untilUs);
  const base = `SELECT id, json, ts, seq FROM events WHERE namespace = ? AND pod = ?${r.sql}`;
  // One more than asked tells "exactly the limit" from "more than the limit".
  const structure = run<Row>(`${base} AND ${STRUCTURE} ${NEWEST} LIMIT ?`, q.namespace, q.pod, ...r.params, q.limit + 1);
  const kept = structure.slice(0, q.limit);
  const ticks = podTicks(run, q, q.limit - kept.length);
  kept.push(...ticks.rows);
  kept.sort(oldestFirst);
  return { rows: kept.map(({ id, json }) => ({ id, json })), truncated: structure.length > q.limit || ticks.truncated };
}

const NEWEST = 'ORDER BY ts DESC, seq DESC';
const oldestFirst = (a: Row, b: Row) => a.ts - b.ts || a.seq - b.seq;

/** The newest `room` of the pod's other events in the window (room may be 0: then only whether there are any). */
function podTicks(run: Run, q: PodEventsQuery, room: number): { rows: Row[]; truncated: boolean } {
  const r = range(q.sinceUs, q.untilUs);
  const where = `WHERE namespace = ? AND pod = ?${r.sql} AND NOT ${STRUCTURE}`;
  if (room <= 0) {
    const any = run<{ one: number }>(`SELECT 1 AS one FROM events ${where} LIMIT 1`, q.namespace, q.pod, ...r.params);
    return { rows: [], truncated: any.length > 0 };
  }
  const rows = run<Row>(`SELECT id, json, ts, seq FROM events ${where} ${NEWEST} LIMIT ?`, q.namespace, q.pod, ...r.params, room + 1);
  return { rows: rows.slice(0, room), truncated: rows.length > room };
}

/**
 * podEvents for the process tree, from its indexes (process-tree-index.ts): the exec/exit
 * records come out of events_tree as one blob, and the parents no exec/exit describes out of
 * events_tree_parent — no row of the table is read for them. The newest-first cut of a pod with
 * more exec/exit events than the bound is podEvents' job (rare: it parses every row).
 */
export function podProcessEvents(run: Run, q: PodEventsQuery): PodProcessEvents {
  const r = range(q.sinceUs, q.untilUs);
  // All of the pod's events in the window, counted in events_pod (namespace, pod, ts) alone.
  const [all] = run<{ n: number }>(`SELECT count(*) AS n FROM events WHERE namespace = ? AND pod = ?${r.sql}`, q.namespace, q.pod, ...r.params);
  const allCount = all?.n ?? 0;
  // Past the bound, read at most one record too many: more means podEvents' cut, and a huge pod
  // never becomes one huge blob.
  const bounded = allCount > q.limit;
  const [tree] = run<{ n: number; execs: Buffer | null }>(treeRecordsSql(r.sql, bounded), q.namespace, q.pod, ...r.params, ...(bounded ? [q.limit + 1] : []));
  const execCount = tree?.n ?? 0;
  if (execCount > q.limit) return podProcessEventsFromRows(podEvents(run, q));

  const ticks = allCount > execCount ? podTicks(run, q, q.limit - execCount) : { rows: [], truncated: false };
  ticks.rows.sort(oldestFirst);

  const embedders = parentEmbedders(run, q);
  return {
    execs: tree?.execs ?? Buffer.alloc(0),
    execCount,
    ticks: ticks.rows.map(({ id, json }) => ({ id, json })),
    embedders,
    truncated: ticks.truncated,
  };
}

/**
 * For each parent that has no exec/exit of its own in the pod's window, the earliest exec/exit
 * that embeds a description of it (a child's `parent`). The distinct parents are found by
 * skipping through events_tree_parent one parent at a time (a process tree has far fewer parents
 * than processes: ~100 seeks for the 10,000-process pod); a pod with more than SKIP_PARENTS of
 * them — a long chain — is grouped in one pass over its rows instead.
 */
const SKIP_PARENTS = 1000;

function parentEmbedders(run: Run, q: PodEventsQuery): StoredRow[] {
  const r = range(q.sinceUs, q.untilUs);
  const own = range(q.sinceUs, q.untilUs, 'own.ts');
  const named = `namespace = ? AND pod = ? AND ${STRUCTURE} AND ${DESCRIBES_PARENT}${r.sql}`;
  const pod = [q.namespace, q.pod, ...r.params];
  const noOwnEvents = (parent: string) =>
    `NOT EXISTS (SELECT 1 FROM events AS own INDEXED BY events_tree
                 WHERE own.namespace = ? AND own.pod = ? AND own.exec_id = ${parent} AND own.${STRUCTURE}${own.sql})`;
  const ownParams = [q.namespace, q.pod, ...own.params];
  const next = `SELECT min(parent_exec_id) FROM events INDEXED BY events_tree_parent WHERE ${named} AND parent_exec_id > `;
  const parents = run<{ id: string }>(
    `WITH RECURSIVE parents(id) AS (SELECT (${next}'') UNION ALL SELECT (${next}parents.id) FROM parents WHERE parents.id IS NOT NULL LIMIT ?)
     SELECT id FROM parents WHERE id IS NOT NULL`,
    ...pod,
    ...pod,
    SKIP_PARENTS + 1,
  );
  if (parents.length <= SKIP_PARENTS) {
    return run<StoredRow>(
      `SELECT id, json FROM events WHERE seq IN (
         SELECT (SELECT seq FROM events INDEXED BY events_tree_parent WHERE ${named} AND parent_exec_id = parent.value ORDER BY ts, seq LIMIT 1)
         FROM json_each(?) AS parent WHERE ${noOwnEvents('parent.value')}
       ) ORDER BY ts, seq`,
      ...pod,
      JSON.stringify(parents.map((p) => p.id)),
      ...ownParams,
    );
  }
  // One pass: the bare seq of min(ts) is the earliest row of each parent.
  return run<StoredRow>(
    `SELECT id, json FROM events WHERE seq IN (
       SELECT seq FROM (
         SELECT parent_exec_id, min(ts), seq FROM events INDEXED BY events_tree_parent
         WHERE ${named}
         GROUP BY parent_exec_id HAVING ${noOwnEvents('events.parent_exec_id')}
       )
     ) ORDER BY ts, seq`,
    ...pod,
    ...ownParams,
  );
}

/** The exec/exit records of a pod in a window (`window` from range()); `bounded` takes a LIMIT as the last parameter. */
export function treeRecordsSql(window: string, bounded: boolean): string {
  const records = `FROM events INDEXED BY events_tree WHERE namespace = ? AND pod = ? AND ${STRUCTURE}${window}`;
  const concat = `SELECT count(*) AS n, CAST(group_concat(${bounded ? 'record' : TREE_RECORD}, ',') AS BLOB) AS execs`;
  return bounded ? `${concat} FROM (SELECT ${TREE_RECORD} AS record ${records} LIMIT ?)` : `${concat} ${records}`;
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
  const b = bucketTerm(q.sinceUs, q.untilUs);
  return run<StoredRow>(
    `SELECT id, json FROM events WHERE sock_saddr = ? AND ${b.sql} AND sock_sport = ? AND ts >= ? AND ts <= ? ORDER BY ts, seq LIMIT ?`,
    q.saddr,
    ...b.params,
    q.sport,
    q.sinceUs,
    q.untilUs,
    q.limit,
  );
}

/** Flows with `ip` on either side in a window, newest first: what teaches the IP→pod map about it. */
export function flowsTouchingIp(run: Run, ip: string, sinceUs: number, untilUs: number, limit: number): StoredRow[] {
  const b = bucketRange(sinceUs, untilUs);
  return run<StoredRow>(
    `SELECT id, json FROM (
       SELECT id, json, ts, seq FROM flows WHERE src_ip = ? AND ${b.sql} AND ts >= ? AND ts <= ?
       UNION
       SELECT id, json, ts, seq FROM flows WHERE dst_ip = ? AND ${b.sql} AND ts >= ? AND ts <= ?
     ) ORDER BY ts DESC, seq DESC LIMIT ?`,
    ip,
    ...b.params,
    sinceUs,
    untilUs,
    ip,
    ...b.params,
    sinceUs,
    untilUs,
    limit,
  );
}

/** Flows with (ip, port) on either side in a window, oldest first: one connection's packets. */
export function flowsOnEndpoint(run: Run, ip: string, port: number, sinceUs: number, untilUs: number, limit: number): StoredRow[] {
  const b = bucketTerm(sinceUs, untilUs);
  return run<StoredRow>(
    `SELECT id, json FROM (
       SELECT id, json, ts, seq FROM flows WHERE src_ip = ? AND ${b.sql} AND src_port = ? AND ts >= ? AND ts <= ?
       UNION
       SELECT id, json, ts, seq FROM flows WHERE dst_ip = ? AND ${b.sql} AND dst_port = ? AND ts >= ? AND ts <= ?
     ) ORDER BY ts, seq LIMIT ?`,
    ip,
    ...b.params,
    port,
    sinceUs,
    untilUs,
    ip,
    ...b.params,
    port,
    sinceUs,
    untilUs,
    limit,
  );
}
