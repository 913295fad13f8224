import type Database from 'better-sqlite3';
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
  RenderedAnswer,
  PodProcessEvents,
  PodNode,
  RetentionPolicy,
  SockEventsQuery,
  Store,
  StoreCapabilities,
  StoreCounts,
  BackendHealth,
  StoredRow,
  SuggestedValue,
  SuggestQuery,
} from '../store';
import { BACKEND_CAPABILITIES } from '../backend-capabilities';
import * as processQueries from './process-queries';
import { mapSamples } from './map-samples';
import { suggestValues } from './suggest-values';
import { flowNeighbors } from './flow-neighbors';
import { podNode } from './pod-node';
import { applySchema, hasIdKey } from './schema';
import { answeredByMapKey, queryToSql } from './sql-filter';
import { openConnection } from './sqlite-connection';
import { rowByIdSql } from './row-ids';
import { SqliteWriter } from './sqlite-writer';
import { storedResult, toParts } from '../record-chunk';
import type { StoredBatch } from './writer-batch';
import { JsonBlockReader } from './json-blocks';
import { exportPages, exportRowPages, type ExportPage, type ExportQuery } from './export-pages';
import { eventsAnswer, flowsAnswer, jsonBytes, ownedBytes, type FlowsFields } from '../../api/list-answer';
import { podTree } from '../../api/pod-tree';
import { mapAnswer } from '../../api/map-answer';
import { gzipJson } from '../../http/gzip-response';
import { exportBatchBytes } from '../../api/export-text';
import type { ExportFormat } from '@/lib/contract/export-format';
import { mapKeyPage } from './map-key-page';
import { SqliteWrites, type RetentionResult } from './sqlite-writes';
import { SqliteCounters } from './sqlite-counters';
import { SqliteAlerts } from './sqlite-alerts';
import { DiskState, type DiskHealth } from './disk-state';
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
/** The first time slice a filtered page oldest first is looked for in (see oldestInSlices). */
const FIRST_SLICE_US = 1_000_000;

/**
 * The embedded store: one SQLite file in WAL mode (readers never wait for the writer; a crash
 * loses at most the transaction in flight), batched inserts in one transaction each, committed
 * by a writer thread (sqlite-writer.ts) while this connection answers queries.
 */
export class SqliteStore implements Store {
  readonly capabilities: StoreCapabilities = BACKEND_CAPABILITIES.sqlite;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly counters: SqliteCounters;
  private readonly alerts: SqliteAlerts;
  private readonly writer: SqliteWriter;
  private readonly blocks: JsonBlockReader;
  private readonly diskState: DiskState;

  /**
   * `reader`: a second connection that only answers queries (a reader thread, read-pool.ts):
   * the schema is the opening store's, nothing is counted or written.
   */
  constructor(
    readonly file: string,
    options: { reader?: boolean } = {},
  ) {
    this.db = openConnection(file, options.reader ? 32 : 64);
    if (options.reader) this.db.pragma('query_only = ON');
    else applySchema(this.db);
    this.blocks = new JsonBlockReader(this.db);
    this.counters = options.reader ? SqliteCounters.none() : new SqliteCounters(this.db);
    this.alerts = new SqliteAlerts(this.db);
    this.writer = new SqliteWriter(new SqliteWrites(this.db), options.reader ? ':memory:' : file);
    this.diskState = new DiskState(file, () => this.writer.run({ op: 'pragma', statement: 'wal_checkpoint(TRUNCATE)' }));
  }

  private writes = 0;

  /** Writes committed through this store (inserts, retention that deleted rows): an answer rendered before the last one may be out of date (answer-cache.ts). */
  get changes(): number {
    return this.writes;
  }

  /** Whether the disk was found full, its free space and the WAL's size (/api/health). */
  get disk(): DiskHealth {
    return this.diskState.snapshot();
  }

  /** Whether ingest's transactions run on the writer thread (false: on this thread). */
  get writesInThread(): boolean {
    return this.writer.inThread;
  }

  /** The read pool's wrapper adds its threads (read-pool.ts). */
  health(): BackendHealth {
    return { disk: this.disk, readPool: null, writerThread: this.writesInThread };
  }

  /** One server per file: nobody else writes to it. */
  followCluster(): null {
    return null;
  }

  private readonly idKeyed: Partial<Record<Table, boolean>> = {};

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size > 500) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  async insert(flows: FlowRecord[], events: EventRecord[]): Promise<InsertResult> {
    // A decode worker's records go on as the bytes it made (record-chunk.ts), unread here.
    const batch = { flows: toParts(flows), events: toParts(events) };
    const fallbacks = this.writer.fallbacks;
    const stored = await this.diskState.guard(() => this.writer.run<StoredBatch>({ op: 'insert', batch }));
    this.writes++;
    // Across a writer thread's death the batch's own tally may miss what the thread committed.
    if (this.writer.fallbacks === fallbacks) this.counters.added(stored.tally);
    else this.counters.recount();
    return storedResult(
      stored.flows.length === flows.length ? flows : stored.flows.map((i) => flows[i]!),
      stored.events.length === events.length ? events : stored.events.map((i) => events[i]!),
    );
  }

  /** A pragma on the connection that writes ingest (tests stage a read-only disk with query_only). */
  writerPragma(statement: string): Promise<unknown> {
    return this.writer.run({ op: 'pragma', statement });
  }

  /**
   * `ids`: false when only the rows' JSON is wanted (an export's batch, whose rows' `id` is then
   * left empty): not making 500k id strings took ~7 % off a flows export's CPU (1M bench store).
   */
  private list(table: Table, query: ListQuery, ids = true): Page {
    const filter = queryToSql(query.q, { mapKey: table === 'flows' });
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
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor) {
      window.push(newest ? '(ts, seq) < (?, ?)' : '(ts, seq) > (?, ?)');
      windowParams.push(cursor.ts, cursor.seq);
    }
    const dir = newest ? 'DESC' : 'ASC';
    let rows: Row[] = [];
    let complete = false;
    if (newest && table === 'flows' && answeredByMapKey(query.q)) {
      // Read only where the map's minute counts say matching flows are (map-key-page.ts).
      const until = cursor ? Math.min(cursor.ts, query.untilUs ?? cursor.ts) : query.untilUs;
      rows = mapKeyPage((sql) => this.prepare(sql), {
        keyFilter: queryToSql(query.q),
        window,
        windowParams,
        sinceUs: query.sinceUs,
        untilUs: until,
        limit: query.limit,
      }) as Row[];
      complete = true;
    } else if (!newest && query.q) {
      rows = this.oldestInSlices(table, filter, window, windowParams, query, cursor?.ts ?? null, ids);
      complete = true;
    } else if (newest && query.q) {
      const first = this.newestFirst(table, `${table}_ts`, filter, window, windowParams, query.limit);
      rows = first.rows;
      complete = first.olderThan === null;
      // Not a full page among the newest rows: SQLite's plan finds the rest, older than those.
      if (!complete) {
        window.push('ts < ?');
        windowParams.push(first.olderThan);
      }
    }
    if (!complete) {
      // SQLite's own plan: a pod term may seek its index here (pod-seek.ts), the rows are the same.
      const planned = query.q ? queryToSql(query.q, { mapKey: table === 'flows', podSeek: true }) : filter;
      const sql = `SELECT seq, ts, ${ids ? 'id, ' : ''}json FROM ${table} WHERE ${[planned.sql, ...window].join(' AND ')} ORDER BY ts ${dir}, seq ${dir} LIMIT ?`;
      rows = rows.concat(this.prepare(sql).all(...planned.params, ...windowParams, query.limit - rows.length) as Row[]);
    }
    this.blocks.resolve(rows);
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
    walk: string,
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
      `SELECT seq, ts, id, json FROM ${table} INDEXED BY ${walk} WHERE ${filter.sql} AND ${inWindow}${edge === undefined ? '' : ' AND ts >= ?'} ORDER BY ts DESC, seq DESC LIMIT ?`,
    ).all(...filter.params, ...windowParams, ...(edge === undefined ? [] : [edge]), limit) as Row[];
    return { rows, olderThan: rows.length === limit || edge === undefined ? null : edge };
  }

  /**
   * A filtered page oldest first (an export's batch), asked in time slices that grow — a second
   * after the cursor, then each slice three times all before it — until the page is full or the
   * window ends, each slice walked on the time index. Left to itself, SQLite answered a pod filter
   * (`pod=default/xwing`: the namespace through the pod's index, the name a LIKE prefix) by reading
   * every row of the namespace after the cursor and sorting them, for every batch: a busy pod's
   * export from the 10M bench store ran for over ten minutes. On the time index a slice reads only
   * its own rows, so the whole export reads each row of its window once.
   */
  private oldestInSlices(
    table: Table,
    filter: { sql: string; params: unknown[] },
    window: readonly string[],
    windowParams: readonly unknown[],
    query: ListQuery,
    cursorTs: number | null,
    ids: boolean,
  ): Row[] {
    const end = query.untilUs ?? (this.prepare(`SELECT max(ts) FROM ${table}`).pluck().get() as number | null);
    const from = cursorTs ?? query.sinceUs ?? (this.prepare(`SELECT min(ts) FROM ${table}`).pluck().get() as number | null);
    if (end === null || from === null) return [];
    const rows: Row[] = [];
    // Every slice says `ts >= lo`, the first one too: an index that has ts after other columns
    // (a pod's) cannot start at the cursor's (ts, seq) row value, only at a plain bound on ts.
    let lo = from;
    for (let span = FIRST_SLICE_US; ; span *= 4) {
      const hi = from + span;
      const last = hi > end;
      const terms = [filter.sql, ...window, 'ts >= ?'];
      const params = [...filter.params, ...windowParams, lo];
      if (!last) {
        terms.push('ts < ?');
        params.push(hi);
      }
      const sql = `SELECT seq, ts, ${ids ? 'id, ' : ''}json FROM ${table} INDEXED BY ${table}_ts WHERE ${terms.join(' AND ')} ORDER BY ts ASC, seq ASC LIMIT ?`;
      rows.push(...(this.prepare(sql).all(...params, query.limit - rows.length) as Row[]));
      if (rows.length >= query.limit || last) return rows;
      lo = hi;
    }
  }

  async listFlows(query: ListQuery): Promise<Page> {
    return this.list('flows', query);
  }

  async listEvents(query: ListQuery): Promise<Page> {
    return this.list('events', query);
  }

  /** The layout is fixed once the schema is applied: asked once per table, not per deep link. */
  private keyed(table: Table): boolean {
    return (this.idKeyed[table] ??= hasIdKey(this.db, table));
  }

  private getOne(table: Table, id: string): StoredRow | null {
    const { sql, params } = rowByIdSql(table, 'id, json', id, this.keyed(table));
    const row = this.prepare(sql).get(...params) as StoredRow | undefined;
    return row ? this.blocks.resolve([row])[0]! : null;
  }

  async getFlow(id: string): Promise<StoredRow | null> {
    return this.getOne('flows', id);
  }

  async getEvent(id: string): Promise<StoredRow | null> {
    return this.getOne('events', id);
  }

  exportRows(source: Table, query: ExportQuery, batchRows = EXPORT_BATCH): AsyncIterable<StoredRow[]> {
    return exportRowPages(async (q) => this.list(source, q), query, batchRows);
  }

  /** AnswerStore: the page's body, built here (on a reader thread, transferred to the event loop). */
  async listAnswer(source: Table, query: ListQuery, fields: FlowsFields, gzip = false): Promise<RenderedAnswer> {
    const page = this.list(source, query);
    const json = jsonBytes(source === 'flows' ? flowsAnswer(page, fields) : eventsAnswer(page));
    return { bytes: gzip ? ownedBytes(await gzipJson(json)) : json };
  }

  /** AnswerStore: the map's body, aggregated here (on a reader thread, transferred). */
  async mapAnswer(query: MapSampleQuery): Promise<RenderedAnswer> {
    return { bytes: jsonBytes(mapAnswer(query, await this.mapSamples(query))) };
  }

  /** AnswerStore: the tree's body (api/pod-tree.ts) in one buffer, gzipped from its chunks when asked (in parts at once, gzip-response.ts), not on the event loop. */
  async podTreeAnswer(query: PodEventsQuery, gzip: boolean): Promise<RenderedAnswer> {
    const chunks = await podTree(this, query);
    return { bytes: ownedBytes(gzip ? await gzipJson(chunks) : Buffer.concat(chunks)) };
  }

  /**
   * One batch of an export as its bytes (api/export-text.ts) and the cursor after it: what a
   * reader thread hands the event loop (read-pool.ts), transferred rather than copied.
   */
  async exportPage(source: Table, query: ExportQuery, cursor: string | null, batchRows: number, format: ExportFormat, first: boolean): Promise<ExportPage> {
    const page = this.list(source, { ...query, order: 'oldest', limit: batchRows, cursor }, false);
    const bytes = exportBatchBytes(
      page.rows.map((r) => r.json),
      format,
      first,
    );
    return { bytes, next: page.next };
  }

  exportBytes(source: Table, query: ExportQuery, format: ExportFormat, batchRows = EXPORT_BATCH): AsyncIterable<Uint8Array> {
    return exportPages((cursor, first) => this.exportPage(source, query, cursor, batchRows, format, first), format);
  }

  /** Raw read access for server-side aggregations (service map, trees) that need SQL; a `json` column comes back as text. */
  sql<T>(sql: string, ...params: unknown[]): T[] {
    return this.blocks.resolve(this.prepare(sql).all(...params) as T[]);
  }

  private readonly run = <T>(sql: string, ...params: unknown[]): T[] => this.sql<T>(sql, ...params);

  async podEvents(query: PodEventsQuery): Promise<BoundedRows> {
    return processQueries.podEvents(this.run, query);
  }

  async podProcessEvents(query: PodEventsQuery): Promise<PodProcessEvents> {
    return processQueries.podProcessEvents(this.run, query);
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
    return flowNeighbors(this.run, id, limit, this.keyed('flows'));
  }

  async podNode(namespace: string, pod: string): Promise<PodNode | null> {
    return podNode(this.run, namespace, pod);
  }

  // Alerts: the SQL is in sqlite-alerts.ts.
  async recordAlerts(occurrences: AlertOccurrence[], windowUs: number): Promise<AlertWriteResult> {
    return this.diskState.guard(() => this.writer.run<AlertWriteResult>({ op: 'alerts', occurrences, windowUs }));
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
    return this.writer.run<number>({ op: 'pruneAlerts', beforeUs });
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

  private retaining: Promise<{ deletedFlows: number; deletedEvents: number }> | null = null;

  /**
   * Bounded passes on the writer (sqlite-writes.ts), one after another until none is due, so
   * ingest's batches queued meanwhile go in between. A pass stopped by a reader's snapshot ends
   * the run (the next call carries on). A call while a run is on joins it.
   */
  applyRetention(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }> {
    this.retaining ??= this.retain(policy, nowUs).finally(() => (this.retaining = null));
    return this.retaining;
  }

  private async retain(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }> {
    let deletedFlows = 0;
    let deletedEvents = 0;
    for (;;) {
      const pass = await this.writer.run<RetentionResult>({ op: 'retention', policy, nowUs });
      if (pass.deletedFlows + pass.deletedEvents > 0) {
        this.writes++;
        this.counters.removed(pass.flowsByVerdict, pass.eventsByKind);
      }
      deletedFlows += pass.deletedFlows;
      deletedEvents += pass.deletedEvents;
      if (!pass.more || pass.pinned || !this.db.open) return { deletedFlows, deletedEvents };
    }
  }

  async close(): Promise<void> {
    this.diskState.close();
    await this.writer.close();
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
