import os from 'node:os';
import type { EventRecord, FlowRecord, InsertResult, ListQuery, PodEventsQuery, PodProcessEvents, RetentionPolicy, Store, StoreCapabilities, BackendHealth, StoredRow } from '../store';
import { BACKEND_CAPABILITIES } from '../backend-capabilities';
import { podProcessEventsFromRows } from '../pod-process-events';
import { ChAlerts } from './ch-alerts';
import { ClickHouseConnection, parseClickHouseUrl } from './ch-client';
import type { ChContext, Table } from './ch-context';
import { MAX_TS } from './ch-context';
import { flowNeighbors, podNode, rowById } from './ch-flow-lookups';
import { insertBatch } from './ch-insert';
import { listRows } from './ch-list';
import { mapSamples } from './ch-map-samples';
import * as processQueries from './ch-process-queries';
import { applyRetention, readFloor, storeCounts, tableBounds } from './ch-retention';
import { str } from './ch-sql';
import { suggestValues } from './ch-suggest';
import { RecentIds } from './recent-ids';
import { ClusterRelay, type RelayOptions } from './relay';
import { applySchema } from './schema';
import type { Bounds } from './time-windows';
import { randomSlot, WriteSequence } from './write-sequence';

/**
 * The scale-out store: the Store interface on ClickHouse, so several Holocron servers can share
 * one history (docs/SCALE-OUT.md). Each query lives in its own module (ch-*.ts), with the SQLite
 * version's semantics; this class wires them to one connection and serialises this server's
 * writes (the insert path decides "new" by reading, so two of its own batches must not race).
 */
const EXPORT_BATCH = 1000;
const EXPORT_PAGE = 10_000;
const FLOOR_TTL_MS = 1000;
const BOUNDS_TTL_MS = 1000;

export class ClickHouseStore implements Store {
  readonly capabilities: StoreCapabilities = BACKEND_CAPABILITIES.clickhouse;
  private readonly ctx: ChContext;
  private readonly recent = new RecentIds();
  private readonly alerts: ChAlerts;
  private writes: Promise<unknown> = Promise.resolve();
  private floorCache: { value: number; at: number } | null = null;
  private relays: ClusterRelay[] = [];

  private constructor(
    readonly db: ClickHouseConnection,
    readonly seqs: WriteSequence,
  ) {
    this.ctx = {
      db,
      floor: () => this.floor(),
      bounds: (table: Table, maxAgeMs = BOUNDS_TTL_MS): Promise<Bounds | null> => this.bounds(table, maxAgeMs),
    };
    this.alerts = new ChAlerts(this.ctx, seqs);
  }

  /** Connects, creates or migrates the schema, and registers this server (its write slot). */
  static async open(spec: string, queryTimeMs?: number): Promise<ClickHouseStore> {
    const db = new ClickHouseConnection(parseClickHouseUrl(spec), undefined, queryTimeMs);
    try {
      await applySchema(db);
      const taken = await db.rows<{ slot: number }>('SELECT DISTINCT slot FROM servers WHERE seen_at > now() - 86400');
      const seqs = new WriteSequence(randomSlot(new Set(taken.map((t) => Number(t.slot)))));
      await db.exec(
        `INSERT INTO servers (origin, slot, host, started_at, seen_at)
         VALUES (${str(seqs.origin)}, ${seqs.slot}, ${str(`${os.hostname()}:${process.pid}`)}, now(), now())`,
      );
      return new ClickHouseStore(db, seqs);
    } catch (e) {
      await db.close();
      throw new Error(`HOLOCRON_STORE: cannot use ClickHouse at ${db.target.url}/${db.target.database}: ${(e as Error).message}`);
    }
  }

  /** One write at a time for this server (inserts, alerts, loss notices): see the class comment. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private readonly boundsCache = new Map<Table, { value: Bounds | null; at: number }>();

  private async bounds(table: Table, maxAgeMs: number): Promise<Bounds | null> {
    const hit = this.boundsCache.get(table);
    if (hit && Date.now() - hit.at <= maxAgeMs) return hit.value;
    const value = await tableBounds(this.ctx, table);
    this.boundsCache.set(table, { value, at: Date.now() });
    return value;
  }

  private async floor(): Promise<number> {
    const now = Date.now();
    if (!this.floorCache || now - this.floorCache.at > FLOOR_TTL_MS) {
      this.floorCache = { value: await readFloor(this.ctx), at: now };
    }
    return this.floorCache.value;
  }

  // The queries, each from its module, on this store's connection (typed by the seam each serves).
  readonly listFlows: Store['listFlows'] = (query) => listRows(this.ctx, 'flows', query);
  readonly listEvents: Store['listEvents'] = (query) => listRows(this.ctx, 'events', query);
  readonly getFlow: Store['getFlow'] = (id) => rowById(this.ctx, 'flows', id);
  readonly getEvent: Store['getEvent'] = (id) => rowById(this.ctx, 'events', id);
  readonly podEvents: Store['podEvents'] = (query) => processQueries.podEvents(this.ctx, query);
  readonly execEventsByExecIds: Store['execEventsByExecIds'] = (execIds) => processQueries.execEventsByExecIds(this.ctx, execIds);
  readonly eventsOfExecId: Store['eventsOfExecId'] = (execId, limit) => processQueries.eventsOfExecId(this.ctx, execId, limit);
  readonly sockEvents: Store['sockEvents'] = (query) => processQueries.sockEvents(this.ctx, query);
  readonly flowsTouchingIp: Store['flowsTouchingIp'] = (...args) => processQueries.flowsTouchingIp(this.ctx, ...args);
  readonly flowsOnEndpoint: Store['flowsOnEndpoint'] = (...args) => processQueries.flowsOnEndpoint(this.ctx, ...args);
  readonly mapSamples: Store['mapSamples'] = (query) => mapSamples(this.ctx, query);
  readonly suggestValues: Store['suggestValues'] = (query) => suggestValues(this.ctx, query);
  readonly flowNeighbors: Store['flowNeighbors'] = (id, limit) => flowNeighbors(this.ctx, id, limit);
  readonly podNode: Store['podNode'] = (namespace, pod) => podNode(this.ctx, namespace, pod);
  readonly counts: Store['counts'] = () => storeCounts(this.ctx);

  // Alerts: the queries are in ch-alerts.ts; recording is a write like any other.
  readonly recordAlerts: Store['recordAlerts'] = (occurrences, windowUs) => this.exclusive(() => this.alerts.record(occurrences, windowUs));
  readonly listAlerts: Store['listAlerts'] = (query) => this.alerts.list(query);
  readonly getAlert: Store['getAlert'] = (id) => this.alerts.get(id);
  readonly alertEvidence: Store['alertEvidence'] = (id, limit) => this.alerts.evidence(id, limit);
  readonly alertCounts: Store['alertCounts'] = (scope) => this.alerts.counts(scope);
  readonly alertTimeline: Store['alertTimeline'] = (scope, maxBuckets) => this.alerts.timeline(scope, maxBuckets);
  readonly pruneAlerts: Store['pruneAlerts'] = (beforeUs) => this.alerts.prune(beforeUs);

  insert(flows: FlowRecord[], events: EventRecord[]): Promise<InsertResult> {
    return this.exclusive(async () => {
      try {
        return await insertBatch(this.ctx, this.seqs, this.recent, flows, events);
      } finally {
        this.boundsCache.clear();
      }
    });
  }

  /** Reads EXPORT_PAGE rows a query (ClickHouse likes fewer, larger reads), yields them 1000 at a time. */
  async *exportRows(source: Table, query: Omit<ListQuery, 'limit' | 'cursor'>): AsyncIterable<StoredRow[]> {
    let cursor: string | null = null;
    for (;;) {
      const page = await listRows(this.ctx, source, { ...query, order: 'oldest', limit: EXPORT_PAGE, cursor });
      for (let i = 0; i < page.rows.length; i += EXPORT_BATCH) yield page.rows.slice(i, i + EXPORT_BATCH);
      if (!page.next) return;
      cursor = page.next;
    }
  }

  /** From podEvents' rows: ClickHouse keeps the tree's fields only in the JSON (no index answers it). */
  async podProcessEvents(query: PodEventsQuery): Promise<PodProcessEvents> {
    return podProcessEventsFromRows(await this.podEvents(query));
  }

  applyRetention(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }> {
    return applyRetention(this.ctx, policy, nowUs, async (floor) => {
      await this.db.exec(`INSERT INTO retention_floor (floor) VALUES (${Math.min(floor, MAX_TS)})`);
      this.floorCache = { value: floor, at: Date.now() };
      this.boundsCache.clear();
    });
  }

  /** No disk, reader threads or writer thread of its own to report: ClickHouse has them. */
  health(): BackendHealth {
    return { disk: null, readPool: null, writerThread: null };
  }

  /** Follows the rows other servers store (cross-server live fan-out, relay.ts). */
  followCluster(options?: RelayOptions): ClusterRelay {
    const relay = new ClusterRelay(this.ctx, this.seqs, (fn) => this.exclusive(fn), options);
    this.relays.push(relay);
    return relay;
  }

  async close(): Promise<void> {
    await Promise.all(this.relays.map((r) => r.stop()));
    await this.writes;
    await this.db.close();
  }
}
