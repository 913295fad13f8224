import type { FlowNeighbors, PodNode, StoredRow } from '../store';
import { directedSql, ENDPOINT_COLUMNS, endpointSql, endpointsOf, type EndpointColumns } from '../sql/flow-pair';
import { type ChContext, MAX_TS } from './ch-context';
import { CLICKHOUSE } from './ch-dialect';
import { scanRows } from './ch-list';
import { ch, raw } from './ch-sql';
import { firstWidth, windows } from './time-windows';

/**
 * The flows view's lookups (sqlite/flow-neighbors.ts, sqlite/pod-node.ts): a flow by id, the
 * flows just before and after it between the same two endpoints, and the node a pod runs on.
 * A flow's id leads to its time through flow_ids; the rest walk time windows away from a known
 * instant, so the usual answer — a neighbour seconds away — costs one small query.
 */
export async function rowById(ctx: ChContext, table: 'flows' | 'events', id: string): Promise<StoredRow | null> {
  const ids = table === 'flows' ? 'flow_ids' : 'event_ids';
  const [row] = await ctx.db.rows<StoredRow>(
    ch`SELECT id, json FROM ${raw(table)} WHERE ts IN (SELECT ts FROM ${raw(ids)} WHERE id = ${id}) AND id = ${id}`
      + ` AND ts >= ${await ctx.floor()} LIMIT 1`,
  );
  return row ?? null;
}

type Anchor = EndpointColumns & { ts: string; seq: string };

export async function flowNeighbors(ctx: ChContext, id: string, limit: number): Promise<FlowNeighbors | null> {
  const floor = await ctx.floor();
  const [a] = await ctx.db.rows<Anchor>(
    ch`SELECT ts, seq, ${raw(ENDPOINT_COLUMNS)} FROM flows
       WHERE ts IN (SELECT ts FROM flow_ids WHERE id = ${id}) AND id = ${id}` + ` AND ts >= ${floor} LIMIT 1`,
  );
  if (!a) return null;
  const ts = Number(a.ts);
  const seq = Number(a.seq);
  const [one, two] = endpointsOf(a);
  // Either direction between the two endpoints.
  const pair = `((${directedSql(CLICKHOUSE, one, two).sql}) OR (${directedSql(CLICKHOUSE, two, one).sql}))`;
  const strip = (rows: StoredRow[]): StoredRow[] => rows.map(({ id: rid, json }) => ({ id: rid, json }));
  const [before, after] = await Promise.all([
    scanRows(ctx, 'flows', `${pair} AND (ts, seq) < (${ts}, ${seq})`, floor, ts, 'newest', limit),
    scanRows(ctx, 'flows', `${pair} AND (ts, seq) > (${ts}, ${seq})`, Math.max(ts, floor), MAX_TS, 'oldest', limit),
  ]);
  return { before: strip(before), after: strip(after) };
}

/** Where a flow is observed: at its destination for INGRESS, at its source for EGRESS; replies swap. */
const LOCAL_WHEN: Record<'src' | 'dst', string> = {
  src: `((direction = 'EGRESS' AND is_reply != 1) OR (direction = 'INGRESS' AND is_reply = 1))`,
  dst: `((direction = 'INGRESS' AND is_reply != 1) OR (direction = 'EGRESS' AND is_reply = 1))`,
};

async function newestNode(ctx: ChContext, where: string, floor: number): Promise<string | null> {
  const bounds = (await ctx.bounds('flows')) ?? { oldestUs: floor, newestUs: floor, rows: 0 };
  for (const w of windows({ lo: floor, hi: MAX_TS, order: 'newest', bounds, firstWidth: firstWidth(bounds, 1000) })) {
    const [row] = await ctx.db.rows<{ node: string }>(
      `SELECT node FROM flows WHERE ts >= ${w.from} AND ts <= ${w.to} AND ${where} ORDER BY ts DESC, seq DESC LIMIT 1`,
    );
    if (row) return row.node;
  }
  return null;
}

export async function podNode(ctx: ChContext, namespace: string, pod: string): Promise<PodNode | null> {
  if (!pod) return null;
  const floor = await ctx.floor();
  for (const side of ['src', 'dst'] as const) {
    const node = await newestNode(ctx, `${endpointSql(CLICKHOUSE, side, { ns: namespace, pod, ip: '' }).sql} AND node != '' AND ${LOCAL_WHEN[side]}`, floor);
    if (node !== null) return { node, from: 'flows' };
  }
  const [ev] = await ctx.db.rows<{ node: string }>(
    ch`SELECT node FROM event_pods WHERE namespace = ${namespace} AND pod = ${pod} AND node != ''` +
      ` AND ts >= ${floor} ORDER BY ts DESC, seq DESC LIMIT 1`,
  );
  return ev ? { node: ev.node, from: 'events' } : null;
}
