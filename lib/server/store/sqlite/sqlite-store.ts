import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from '../cursor';
import type {
  BoundedRows,
  EventRecord,
  FlowNeighbors,
  FlowRecord,
  InsertResult,
  ListQuery,
  MapSampleQuery,
  MapSampleResult,
  Page,
  PodEventsQuery,
  PodNode,
  RetentionPolicy,
  SockEventsQuery,
  Store,
  StoreCounts,
  StoredRow,
  SuggestedValue,
  SuggestQuery,
} from '../store';
import { eventParams, flowParams, insertSql } from './rows';
import * as processQueries from './process-queries';
import { FlowMapIndex } from './flow-map-index';
import { mapSamples } from './map-samples';
import { suggestValues } from './suggest-values';
import { flowNeighbors } from './flow-neighbors';
import { podNode } from './pod-node';
import { applySchema } from './schema';
import { queryToSql } from './sql-filter';
import { registerSqlFunctions } from './sql-functions';
import { SqliteCounters } from './sqlite-counters';
import { SqliteAlerts } from './sqlite-alerts';
import type { AlertListQuery, AlertOccurrence, AlertRow, AlertScope, AlertWriteResult } from '../alert-store';
import type { AlertCounts, AlertEvidence, AlertTimeline } from '@/lib/domain/alerts/alert-types';

type Table = 'flows' | 'events';
interface Row {
  seq: number;
  ts: number;
  id: string;
  json: string;
}

const EXPORT_BATCH = 1000;
/** Newest rows of the window a filtered page is first looked for in (see newestFirst). */
const NEWEST_FIRST_ROWS = 20_000;
const RETENTION_CHUNK = 5000;

/**
 * The embedded store: one SQLite file in WAL mode (readers never wait for the writer; a crash
 * loses at most the transaction in flight), batched inserts in one transaction each.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly counters: SqliteCounters;
  private readonly alerts: SqliteAlerts;
  private readonly flowMap: FlowMapIndex;
  private insertFlow: Database.Statement | null = null;
  private insertEvent: Database.Statement | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    // page_size and auto_vacuum only take effect before the first table exists; harmless
    // afterwards. 16 KiB pages: an event row is 2–4 KiB, so 4 KiB pages held one row each and
    // split on every insert (npm run bench: ~1.5× the insert rate, ~35 % less disk per event).
    this.db.pragma('page_size = 16384');
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Checkpoint (two fsyncs, run inside a commit on this thread) every ~64 MiB of WAL rather
    // than SQLite's default 1000 pages: at ingest rates the default checkpoints many times a second.
    this.db.pragma(`wal_autocheckpoint = ${Math.round((64 * 1024 * 1024) / (this.db.pragma('page_size', { simple: true }) as number))}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536'); // 64 MiB page cache
    registerSqlFunctions(this.db);
    applySchema(this.db);
    this.counters = new SqliteCounters(this.db);
    this.alerts = new SqliteAlerts(this.db);
    this.flowMap = new FlowMapIndex(this.db);
  }

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size > 500) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private readonly insertTx = (flows: FlowRecord[], events: EventRecord[]): InsertResult => {
    const result: InsertResult = { flows: [], events: [], flowJson: [], eventJson: [] };
    for (const f of flows) {
      const params = { ...flowParams(f), map_key: this.flowMap.keyOf(f.summary) };
      this.insertFlow ??= this.db.prepare(insertSql('flows', params));
      if (this.insertFlow.run(Object.values(params)).changes === 1) {
        result.flows.push(f.summary);
        result.flowJson.push(f.json);
        this.flowMap.counted(params.map_key, f.summary.ts);
      }
    }
    this.flowMap.flush();
    for (const e of events) {
      const params = eventParams(e);
      this.insertEvent ??= this.db.prepare(insertSql('events', params));
      if (this.insertEvent.run(Object.values(params)).changes === 1) {
        result.events.push(e.summary);
        result.eventJson.push(e.json);
      }
    }
    return result;
  };

  async insert(flows: FlowRecord[], events: EventRecord[]): Promise<InsertResult> {
    let result: InsertResult;
    try {
      result = this.db.transaction(this.insertTx)(flows, events);
    } catch (e) {
      this.flowMap.discard();
      throw e;
    }
    this.counters.added(result);
    return result;
  }

  private list(table: Table, query: ListQuery): Page {
    const filter = queryToSql(query.q);
    const newest = (query.order ?? 'newest') === 'newest';
    // The window: time range and cursor (the filter's terms are in `filter`).
    const window: string[] = [];
    const windowParams: unknown[] = [];
    if (query.sinceUs !== null) {
      window.push('ts >= ?');
      windowParams.push(query.sinceUs);
    }
    if (query.untilUs !== null) {
      window.push('ts <= ?');
      windowParams.push(query.untilUs);
    }
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      window.push(newest ? '(ts, seq) < (?, ?)' : '(ts, seq) > (?, ?)');
      windowParams.push(c.ts, c.seq);
    }
    const dir = newest ? 'DESC' : 'ASC';
    let rows: Row[] = [];
    let complete = false;
    if (newest && query.q) {
      const first = this.newestFirst(table, filter, window, windowParams, query.limit);
      rows = first.rows;
      complete = first.olderThan === null;
      // Not a full page among the newest rows: SQLite's plan finds the rest, older than those.
      if (!complete) {
        window.push('ts < ?');
        windowParams.push(first.olderThan);
      }
    }
    if (!complete) {
      const sql = `SELECT seq, ts, id, json FROM ${table} WHERE ${[filter.sql, ...window].join(' AND ')} ORDER BY ts ${dir}, seq ${dir} LIMIT ?`;
      rows = rows.concat(this.prepare(sql).all(...filter.params, ...windowParams, query.limit - rows.length) as Row[]);
    }
    const last = rows[rows.length - 1];
    return {
      rows: rows.map(({ id, json }) => ({ id, json })),
      next: rows.length === query.limit && last ? encodeCursor({ ts: last.ts, seq: last.seq }) : null,
    };
  }

  /**
   * A filtered page, newest first, looked for among the window's newest rows, walking the time
   * index. Left to itself, SQLite answers a pod or address filter through that column's index and
   * then sorts every row it selected: a busy pod's page sorted hundreds of thousands of rows at a
   * million stored (npm run bench: 1.2 s). A filter that matches often fills its page within a few
   * thousand of the newest rows. When it does not, `olderThan` is where those rows end: the caller
   * asks SQLite's plan for the rest (a rare filter's index is then the right choice), or null when
   * the look covered the whole window (or the page is full) and there is nothing more to ask.
   */
  private newestFirst(
    table: Table,
    filter: { sql: string; params: unknown[] },
    window: readonly string[],
    windowParams: readonly unknown[],
    limit: number,
  ): { rows: Row[]; olderThan: number | null } {
    const inWindow = window.length ? window.join(' AND ') : '1';
    const edge = this.prepare(`SELECT ts FROM ${table} INDEXED BY ${table}_ts WHERE ${inWindow} ORDER BY ts DESC, seq DESC LIMIT 1 OFFSET ${NEWEST_FIRST_ROWS}`)
      .pluck()
      .get(...windowParams) as number | undefined;
    const rows = this.prepare(
      `SELECT seq, ts, id, json FROM ${table} INDEXED BY ${table}_ts WHERE ${filter.sql} AND ${inWindow}${edge === undefined ? '' : ' AND ts >= ?'} ORDER BY ts DESC, seq DESC LIMIT ?`,
    ).all(...filter.params, ...windowParams, ...(edge === undefined ? [] : [edge]), limit) as Row[];
    return { rows, olderThan: rows.length === limit || edge === undefined ? null : edge };
  }

  async listFlows(query: ListQuery): Promise<Page> {
    return this.list('flows', query);
  }

  async listEvents(query: ListQuery): Promise<Page> {
    return this.list('events', query);
  }

  private getOne(table: Table, id: string): StoredRow | null {
    const row = this.prepare(`SELECT id, json FROM ${table} WHERE id = ?`).get(id) as StoredRow | undefined;
    return row ?? null;
  }

  async getFlow(id: string): Promise<StoredRow | null> {
    return this.getOne('flows', id);
  }

  async getEvent(id: string): Promise<StoredRow | null> {
    return this.getOne('events', id);
  }

  async *exportRows(source: Table, query: Omit<ListQuery, 'limit' | 'cursor'>): AsyncIterable<StoredRow[]> {
    let cursor: string | null = null;
    for (;;) {
      const page = this.list(source, { ...query, order: 'oldest', limit: EXPORT_BATCH, cursor });
      if (page.rows.length) yield page.rows;
      if (!page.next) return;
      cursor = page.next;
      // Let other requests and ingest run between batches of a long export.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Raw read access for server-side aggregations (service map, trees) that need SQL. */
  sql<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepare(sql).all(...params) as T[];
  }

  private readonly run = <T>(sql: string, ...params: unknown[]): T[] => this.sql<T>(sql, ...params);

  async podEvents(query: PodEventsQuery): Promise<BoundedRows> {
    return processQueries.podEvents(this.run, query);
  }

  async execEventsByExecIds(execIds: readonly string[]): Promise<StoredRow[]> {
    return processQueries.execEventsByExecIds(this.run, execIds);
  }

  async eventsOfExecId(execId: string, limit: number): Promise<BoundedRows> {
    return processQueries.eventsOfExecId(this.run, execId, limit);
  }

  async sockEvents(query: SockEventsQuery): Promise<StoredRow[]> {
    return processQueries.sockEvents(this.run, query);
  }

  async flowsTouchingIp(ip: string, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]> {
    return processQueries.flowsTouchingIp(this.run, ip, sinceUs, untilUs, limit);
  }

  async flowsOnEndpoint(ip: string, port: number, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]> {
    return processQueries.flowsOnEndpoint(this.run, ip, port, sinceUs, untilUs, limit);
  }

  async mapSamples(query: MapSampleQuery): Promise<MapSampleResult> {
    return mapSamples(this.run, query);
  }

  // Flows view lookups: the SQL is in suggest-values.ts, flow-neighbors.ts and pod-node.ts.
  async suggestValues(q: SuggestQuery): Promise<SuggestedValue[]> {
    return suggestValues(this.run, q.source, q.kind, q.direction, q.prefix, q.limit);
  }

  async flowNeighbors(id: string, limit: number): Promise<FlowNeighbors | null> {
    return flowNeighbors(this.run, id, limit);
  }

  async podNode(namespace: string, pod: string): Promise<PodNode | null> {
    return podNode(this.run, namespace, pod);
  }

  // Alerts: the SQL is in sqlite-alerts.ts.
  async recordAlerts(occurrences: AlertOccurrence[], windowUs: number): Promise<AlertWriteResult> {
    return this.alerts.record(occurrences, windowUs);
  }

  async listAlerts(query: AlertListQuery): Promise<{ rows: AlertRow[]; next: string | null }> {
    return this.alerts.list(query);
  }

  async getAlert(id: string): Promise<AlertRow | null> {
    return this.alerts.get(id);
  }

  async alertEvidence(id: string, limit: number): Promise<AlertEvidence[]> {
    return this.alerts.evidence(id, limit);
  }

  async alertCounts(scope: AlertScope): Promise<AlertCounts> {
    return this.alerts.counts(scope);
  }

  async alertTimeline(scope: AlertScope, maxBuckets: number): Promise<AlertTimeline | null> {
    return this.alerts.timeline(scope, maxBuckets);
  }

  async pruneAlerts(beforeUs: number): Promise<number> {
    return this.alerts.prune(beforeUs);
  }

  async counts(): Promise<StoreCounts> {
    return { ...this.counters.snapshot(), bytes: this.bytesUsed() };
  }

  private bytesUsed(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  private deleteOldest(table: Table, where: string, params: unknown[]): number {
    const st = this.prepare(
      `DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table} WHERE ${where} ORDER BY ts LIMIT ${RETENTION_CHUNK})`,
    );
    let total = 0;
    for (;;) {
      const n = st.run(...params).changes;
      total += n;
      if (n < RETENTION_CHUNK) return total;
    }
  }

  async applyRetention(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }> {
    let deletedFlows = 0;
    let deletedEvents = 0;
    if (policy.maxAgeMs !== null) {
      const cutoff = nowUs - policy.maxAgeMs * 1000;
      deletedFlows += this.deleteOldest('flows', 'ts < ?', [cutoff]);
      deletedEvents += this.deleteOldest('events', 'ts < ?', [cutoff]);
    }
    if (policy.maxBytes !== null) {
      // Over the cap: drop the oldest tenth of the stored time span, until under it.
      for (let round = 0; round < 20 && this.bytesUsed() > policy.maxBytes; round++) {
        const span = this.counters.timeSpan();
        if (!span) break;
        const cutoff = span.oldestUs + Math.max(1, Math.floor((span.newestUs - span.oldestUs) / 10));
        const f = this.deleteOldest('flows', 'ts < ?', [cutoff]);
        const e = this.deleteOldest('events', 'ts < ?', [cutoff]);
        deletedFlows += f;
        deletedEvents += e;
        this.counters.recount();
        if (f + e === 0) break;
      }
    }
    if (deletedFlows > 0) this.flowMap.trim();
    if (deletedFlows + deletedEvents > 0) {
      this.counters.recount();
      this.db.pragma('incremental_vacuum');
    }
    return { deletedFlows, deletedEvents };
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
