import type { PodNode } from '../store';
import type { SqlRunner } from './suggest-values';

/**
 * The node a pod runs on, as the stored data tells it: the newest flow observed at that pod, or
 * else the newest Tetragon event from the pod (process events come from the pod's own node).
 *
 * A flow is observed at its destination for INGRESS and at its source for EGRESS; replies swap
 * the roles (lib/domain/flow-list/local-endpoint.ts says the same for one flow in memory). Each
 * query walks the (ns, pod, ts) index newest first and stops at the first row that qualifies.
 */

const LOCAL_WHEN: Record<'src' | 'dst', string> = {
  src: `((direction = 'EGRESS' AND coalesce(is_reply, 0) = 0) OR (direction = 'INGRESS' AND is_reply = 1))`,
  dst: `((direction = 'INGRESS' AND coalesce(is_reply, 0) = 0) OR (direction = 'EGRESS' AND is_reply = 1))`,
};

export function podNode(sql: SqlRunner, namespace: string, pod: string): PodNode | null {
  if (!pod) return null;
  for (const side of ['src', 'dst'] as const) {
    const row = sql<{ node: string }>(
      `SELECT node FROM flows WHERE ${side}_ns = ? AND ${side}_pod = ? AND node != '' AND ${LOCAL_WHEN[side]}
       ORDER BY ts DESC LIMIT 1`,
      namespace,
      pod,
    )[0];
    if (row) return { node: row.node, from: 'flows' };
  }
  const ev = sql<{ node: string }>(
    `SELECT node FROM events WHERE namespace = ? AND pod = ? AND node != '' ORDER BY ts DESC LIMIT 1`,
    namespace,
    pod,
  )[0];
  return ev ? { node: ev.node, from: 'events' } : null;
}
