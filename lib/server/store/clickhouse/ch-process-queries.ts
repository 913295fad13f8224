import type { BoundedRows, PodEventsQuery, SockEventsQuery, StoredRow } from '../store';
import { type ChContext, MAX_TS, type Table, uniqueById } from './ch-context';
import { rowsInRange } from './ch-list';
import { ch } from './ch-sql';

/**
 * The lookups behind the process views and flow ↔ process correlation (the SQLite versions are
 * in sqlite/process-queries.ts, with the same bounds and orders). A pod's events and a process's
 * events come from the key tables ordered for them (event_pods, event_execs); their JSON is then
 * read by (ts, id) from the events table. Lookups with a time window read the tables directly.
 */
interface Key {
  ts: number;
  seq: number;
  id: string;
}

const STRUCTURE = `kind IN ('process_exec', 'process_exit')`;
const FETCH_CHUNK = 50_000;

function toKeys(rows: { ts: string; seq: string; id: string }[]): Key[] {
  return uniqueById(rows.map((r) => ({ ts: Number(r.ts), seq: Number(r.seq), id: r.id })));
}

/**
 * The JSON of rows known by (ts, id), in the keys' order: one query per chunk, reading the
 * chunk's time range with PREWHERE on the ids, so only granules holding one of them are read.
 */
export async function rowsByKey(ctx: ChContext, table: Table, keys: readonly Key[]): Promise<StoredRow[]> {
  const json = new Map<string, string>();
  for (let i = 0; i < keys.length; i += FETCH_CHUNK) {
    const chunk = keys.slice(i, i + FETCH_CHUNK);
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of chunk) {
      lo = Math.min(lo, k.ts);
      hi = Math.max(hi, k.ts);
    }
    const rows = await ctx.db.rows<{ id: string; json: string }>(
      `SELECT id, json FROM ${table} PREWHERE ${ch`id IN ${chunk.map((k) => k.id)}`} WHERE ts >= ${lo} AND ts <= ${hi}`,
    );
    for (const r of rows) json.set(r.id, r.json);
  }
  return keys.flatMap((k) => {
    const j = json.get(k.id);
    return j === undefined ? [] : [{ id: k.id, json: j }];
  });
}

function tsRange(floor: number, sinceUs: number | null, untilUs: number | null): string {
  return `ts >= ${Math.max(sinceUs ?? floor, floor)} AND ts <= ${untilUs ?? MAX_TS}`;
}

const byTime = (a: Key, b: Key) => a.ts - b.ts || a.seq - b.seq;

export async function podEvents(ctx: ChContext, q: PodEventsQuery): Promise<BoundedRows> {
  const base = `${ch`namespace = ${q.namespace} AND pod = ${q.pod}`} AND ${tsRange(await ctx.floor(), q.sinceUs, q.untilUs)}`;
  const keys = (where: string, limit: number) =>
    ctx.db
      .rows<{ ts: string; seq: string; id: string }>(
        `SELECT ts, seq, id FROM event_pods WHERE ${base} AND ${where} ORDER BY ts DESC, seq DESC LIMIT ${limit}`,
      )
      .then(toKeys);
  // exec/exit give the tree its shape and are kept first; one more than asked tells
  // "exactly the limit" from "more than the limit".
  const structure = await keys(STRUCTURE, q.limit + 1);
  let truncated = structure.length > q.limit;
  const kept = structure.slice(0, q.limit);
  const room = q.limit - kept.length;
  if (room > 0) {
    const ticks = await keys(`NOT ${STRUCTURE}`, room + 1);
    if (ticks.length > room) truncated = true;
    kept.push(...ticks.slice(0, room));
  } else if ((await keys(`NOT ${STRUCTURE}`, 1)).length > 0) {
    truncated = true;
  }
  kept.sort(byTime);
  return { rows: await rowsByKey(ctx, 'events', kept), truncated };
}

const IN_CHUNK = 500;

export async function execEventsByExecIds(ctx: ChContext, execIds: readonly string[]): Promise<StoredRow[]> {
  const unique = [...new Set(execIds.filter(Boolean))];
  const floor = await ctx.floor();
  const out: StoredRow[] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    const keys = toKeys(
      await ctx.db.rows(
        `SELECT ts, seq, id FROM event_execs WHERE ${ch`exec_id IN ${chunk}`} AND kind = 'process_exec' AND ts >= ${floor}`,
      ),
    ).sort(byTime);
    out.push(...(await rowsByKey(ctx, 'events', keys)));
  }
  return out;
}

export async function eventsOfExecId(ctx: ChContext, execId: string, limit: number): Promise<BoundedRows> {
  const keys = toKeys(
    await ctx.db.rows(
      `SELECT ts, seq, id FROM event_execs WHERE ${ch`exec_id = ${execId}`} AND ts >= ${await ctx.floor()}
       ORDER BY ts, seq LIMIT ${limit + 1}`,
    ),
  );
  return { rows: await rowsByKey(ctx, 'events', keys.slice(0, limit)), truncated: keys.length > limit };
}

async function windowRows(ctx: ChContext, table: Table, where: string, sinceUs: number, untilUs: number, order: 'newest' | 'oldest', limit: number) {
  const rows = await rowsInRange(ctx, { table, where, from: Math.max(sinceUs, await ctx.floor()), to: untilUs, order, limit });
  return rows.map(({ id, json }) => ({ id, json }));
}

export function sockEvents(ctx: ChContext, q: SockEventsQuery): Promise<StoredRow[]> {
  return windowRows(ctx, 'events', ch`sock_saddr = ${q.saddr} AND sock_sport = ${q.sport}`, q.sinceUs, q.untilUs, 'oldest', q.limit);
}

export function flowsTouchingIp(ctx: ChContext, ip: string, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]> {
  return windowRows(ctx, 'flows', ch`(src_ip = ${ip} OR dst_ip = ${ip})`, sinceUs, untilUs, 'newest', limit);
}

export function flowsOnEndpoint(ctx: ChContext, ip: string, port: number, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]> {
  return windowRows(
    ctx,
    'flows',
    ch`((src_ip = ${ip} AND src_port = ${port}) OR (dst_ip = ${ip} AND dst_port = ${port}))`,
    sinceUs,
    untilUs,
    'oldest',
    limit,
  );
}
