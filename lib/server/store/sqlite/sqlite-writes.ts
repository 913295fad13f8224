import type Database from 'better-sqlite3';
import type { RetentionPolicy } from '../store';
import { FlowMapIndex } from './flow-map-index';
import { JsonBlockWriter } from './json-blocks';
import { SqliteAlerts } from './sqlite-alerts';
import { eventInsertSql, eventValues, flowInsertSql, flowValues, storedSql } from './rows';
import { idKey } from './row-ids';
import { hasIdKey } from './schema';
import { storedTimeSpan } from './time-span';
import type { WriterBatch } from './writer-protocol';

/** Which items of a batch were new (positions in the arrays given); the rest were duplicates. */
export interface StoredPositions {
  flows: number[];
  events: number[];
}

export interface RetentionResult {
  deletedFlows: number;
  deletedEvents: number;
  /**
   * What was deleted, by verdict and by kind: the store's counters take it off theirs (a
   * recount grouped every stored row, seconds at ten million, after every retention pass).
   */
  flowsByVerdict: Record<string, number>;
  eventsByKind: Record<string, number>;
}

const RETENTION_CHUNK = 5000;

/**
 * Everything that writes events: batched inserts with the service map's rollup, and retention.
 * It runs on whichever connection owns ingest — the writer thread's (sqlite-writer.ts), or the
 * store's own where no thread can run — so the two paths cannot drift apart.
 */
export class SqliteWrites {
  private readonly flowMap: FlowMapIndex;
  private insertFlow: Database.Statement | null = null;
  private insertEvent: Database.Statement | null = null;
  private readonly blocks: JsonBlockWriter;
  /** Which layout finds rows by id (row-ids.ts), read once the schema is applied. */
  private keyed: Record<'flows' | 'events', boolean> | null = null;

  constructor(private readonly db: Database.Database) {
    this.flowMap = new FlowMapIndex(db);
    this.blocks = new JsonBlockWriter(db);
  }

  private readonly insertTx = ({ flows, events, flowJson, eventJson }: WriterBatch): StoredPositions => {
    const stored: StoredPositions = { flows: [], events: [] };
    // Flows of one map key are read together (a verdict, path or label filter's page selects
    // whole keys, map-key-page.ts): they share blocks, as a pod's events do.
    const mapKeys = flows.map((f) => this.flowMap.keyOf(f));
    const flowRefs = this.blocks.append('flows', flowJson, flows.map((f) => f.ts), (i) => String(mapKeys[i]));
    const keyed = (this.keyed ??= { flows: hasIdKey(this.db, 'flows'), events: hasIdKey(this.db, 'events') });
    this.insertFlow ??= this.db.prepare(flowInsertSql(keyed.flows));
    flows.forEach((f, i) => {
      const mapKey = mapKeys[i]!;
      const values = flowValues(f, flowRefs[i]!, mapKey);
      if (keyed.flows && !this.keyedNew('flows', f.id, f.ts, values)) return;
      if (this.insertFlow!.run(values).changes === 1) {
        stored.flows.push(i);
        this.flowMap.counted(mapKey, f.ts);
      }
    });
    this.flowMap.flush();
    // A pod's events are read together (its page, its tree): they share blocks.
    const eventRefs = this.blocks.append('events', eventJson, events.map((e) => e.ts), (i) => `${events[i]!.namespace}\n${events[i]!.pod}`);
    this.insertEvent ??= this.db.prepare(eventInsertSql(keyed.events));
    events.forEach((e, i) => {
      const values = eventValues(e, eventRefs[i]!);
      if (keyed.events && !this.keyedNew('events', e.id, e.ts, values)) return;
      if (this.insertEvent!.run(values).changes === 1) stored.events.push(i);
    });
    return stored;
  };

  private readonly stored: Partial<Record<'flows' | 'events', Database.Statement>> = {};

  /** In a file with id_key: false when the item is stored already, else its key joins the row's values. */
  private keyedNew(table: 'flows' | 'events', id: string, ts: number, values: unknown[]): boolean {
    const key = idKey(id);
    const st = (this.stored[table] ??= this.db.prepare(storedSql(table)).pluck());
    if (st.get(ts, key, id) !== undefined) return false;
    values.push(key);
    return true;
  }

  /** One transaction: all of the batch is stored, or none of it (and the error is thrown). */
  insert(batch: WriterBatch): StoredPositions {
    try {
      return this.db.transaction(this.insertTx)(batch);
    } catch (e) {
      this.flowMap.discard();
      this.blocks.discard();
      throw e;
    }
  }

  /** Deletes rows older than the cutoff, oldest first, tallying them by `tally`'s column. */
  private deleteOldest(table: 'flows' | 'events', cutoffUs: number, tally: Record<string, number>): number {
    const st = this.db
      .prepare(
        `DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table} WHERE ts < ? ORDER BY ts LIMIT ${RETENTION_CHUNK})
         RETURNING ${table === 'flows' ? 'verdict' : 'kind'}`,
      )
      .pluck();
    let total = 0;
    for (;;) {
      const deleted = st.all(cutoffUs) as string[];
      for (const v of deleted) tally[v] = (tally[v] ?? 0) + 1;
      total += deleted.length;
      if (deleted.length < RETENTION_CHUNK) return total;
    }
  }

  /** Bytes the store's pages hold (free pages not counted: they are reused before the file grows). */
  bytesUsed(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /** Blocks whose newest row is older than every stored row hold nothing still stored. */
  private oldestStoredTs(): number {
    const span = storedTimeSpan(this.db);
    return span ? span.oldestUs : Number.MAX_SAFE_INTEGER;
  }

  retention(policy: RetentionPolicy, nowUs: number): RetentionResult {
    let deletedFlows = 0;
    let deletedEvents = 0;
    const flowsByVerdict: Record<string, number> = {};
    const eventsByKind: Record<string, number> = {};
    if (policy.maxAgeMs !== null) {
      const cutoff = nowUs - policy.maxAgeMs * 1000;
      deletedFlows += this.deleteOldest('flows', cutoff, flowsByVerdict);
      deletedEvents += this.deleteOldest('events', cutoff, eventsByKind);
    }
    if (policy.maxBytes !== null) {
      // Over the cap: drop the oldest tenth of the stored time span, until under it.
      for (let round = 0; round < 20 && this.bytesUsed() > policy.maxBytes; round++) {
        const span = storedTimeSpan(this.db);
        if (!span) break;
        const cutoff = span.oldestUs + Math.max(1, Math.floor((span.newestUs - span.oldestUs) / 10));
        const f = this.deleteOldest('flows', cutoff, flowsByVerdict);
        const e = this.deleteOldest('events', cutoff, eventsByKind);
        deletedFlows += f;
        deletedEvents += e;
        if (f + e === 0) break;
      }
    }
    if (deletedFlows > 0) this.flowMap.trim();
    if (deletedFlows + deletedEvents > 0) this.blocks.expireBefore(this.oldestStoredTs());
    if (deletedFlows + deletedEvents > 0) this.db.pragma('incremental_vacuum');
    return { deletedFlows, deletedEvents, flowsByVerdict, eventsByKind };
  }

  private alertWrites: SqliteAlerts | null = null;

  /**
   * Alerts are written here too, in the same queue as ingest's batches: on the request thread's
   * connection they waited for the writer's lock and were dropped past busy_timeout under a big import.
   */
  alerts(): SqliteAlerts {
    return (this.alertWrites ??= new SqliteAlerts(this.db));
  }

  /** A pragma on the writing connection (tests switch it to query_only to stage a read-only disk). */
  pragma(statement: string): unknown {
    return this.db.pragma(statement);
  }
}
