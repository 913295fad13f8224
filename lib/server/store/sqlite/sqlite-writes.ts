import type Database from 'better-sqlite3';
import type { RetentionPolicy } from '../store';
import { FlowMapIndex } from './flow-map-index';
import { JsonBlockWriter } from './json-blocks';
import { SqliteAlerts } from './sqlite-alerts';
import { eventInsertSql, eventValues, flowInsertSql, flowValues, storedSql } from './rows';
import { idKey } from './row-ids';
import { hasIdKey } from './schema';
import { storedTimeSpan } from './time-span';
import { WAL_LIMIT_BYTES, WalBudget } from './wal-budget';
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
  /** The pass stopped with more to delete (or free pages to give back): run another. */
  more: boolean;
  /** It stopped because a reader's snapshot keeps the WAL from being reset: try again later. */
  pinned: boolean;
}

/**
 * Rows a retention transaction deletes. Each row deleted rewrites a page in every index it sits in
 * at a random place: 1,000 rows keep one transaction's WAL to tens of MiB at 10M stored.
 */
const RETENTION_CHUNK = 1000;
/** How long one retention pass may hold the writer (ingest's next batch waits for it). */
const PASS_MS = 500;
/** Free pages kept for inserts to reuse rather than moved to the end of the file and cut off. */
const VACUUM_SLACK_BYTES = 32 * 1024 * 1024;
const VACUUM_STEP_BYTES = 16 * 1024 * 1024;

/** The WAL ingest lets grow (past the autocheckpoint's 64 MiB only while readers pin it) before it waits for them. */
const INGEST_WAL_LIMIT_BYTES = 4 * WAL_LIMIT_BYTES;
/** After a reader kept it from being reset, ingest tries again this much later (each try waits for readers). */
const INGEST_RETRY_MS = 5000;

/** The WAL a retention pass may leave: within a small cap, a sixteenth of it. */
function retentionWalLimit(policy: RetentionPolicy): number {
  if (policy.maxBytes === null) return WAL_LIMIT_BYTES;
  return Math.min(WAL_LIMIT_BYTES, Math.max(4 * 1024 * 1024, Math.floor(policy.maxBytes / 16)));
}

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

  private readonly wal: WalBudget;

  constructor(private readonly db: Database.Database) {
    this.wal = new WalBudget(db);
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
    let stored: StoredPositions;
    try {
      stored = this.db.transaction(this.insertTx)(batch);
    } catch (e) {
      this.flowMap.discard();
      this.blocks.discard();
      throw e;
    }
    // Readers back to back kept the autocheckpoint from ever starting the WAL over (wal-budget.ts).
    // The batch is committed: a checkpoint that fails (a full disk) is the disk state's to report.
    try {
      this.wal.settle(INGEST_WAL_LIMIT_BYTES, INGEST_RETRY_MS);
    } catch {
      // committed all the same
    }
    return stored;
  }

  /** Deletes up to RETENTION_CHUNK rows older than the cutoff, oldest first (one transaction), tallying them by `tally`'s column. */
  private deleteChunk(table: 'flows' | 'events', cutoffUs: number, tally: Record<string, number>): number {
    const st = (this.deletes[table] ??= this.db
      .prepare(
        `DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table} WHERE ts < ? ORDER BY ts LIMIT ${RETENTION_CHUNK})
         RETURNING ${table === 'flows' ? 'verdict' : 'kind'}`,
      )
      .pluck());
    const deleted = st.all(cutoffUs) as string[];
    for (const v of deleted) tally[v] = (tally[v] ?? 0) + 1;
    return deleted.length;
  }

  private readonly deletes: Partial<Record<'flows' | 'events', Database.Statement>> = {};

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

  /**
   * The cutoff of the size cap's round in progress: over the cap, the oldest tenth of the stored
   * time span goes, in both tables, before the size is looked at again (so what is kept is always
   * newer than what was deleted). Kept across passes: a pass that stops halfway resumes it.
   */
  private sizeRound: number | null = null;

  /**
   * One bounded retention pass: rows older than the maximum age, then the oldest tenth of the
   * span while over the size cap, RETENTION_CHUNK rows a transaction, for at most PASS_MS. The
   * WAL is kept within its budget between chunks (wal-budget.ts); a reader's snapshot that pins
   * it ends the pass (`pinned`). A pass deleting everything due in one go grew the WAL by every
   * page it touched while readers read — 60 GB for a 10M store over a 4 GiB cap — and held
   * ingest for as long. `more`: the pass stopped with work left; the store runs the next one
   * (sqlite-store.ts), ingest's batches in between.
   */
  retention(policy: RetentionPolicy, nowUs: number): RetentionResult {
    const started = performance.now();
    const out: RetentionResult = { deletedFlows: 0, deletedEvents: 0, flowsByVerdict: {}, eventsByKind: {}, more: false, pinned: false };
    const walLimit = retentionWalLimit(policy);
    let ageCutoff = policy.maxAgeMs === null ? null : nowUs - policy.maxAgeMs * 1000;
    let roundDeleted = 0;
    let deleting = true;
    while (deleting) {
      if (!this.wal.settle(walLimit)) {
        out.more = out.pinned = true;
        break;
      }
      if (this.sizeRound === null && policy.maxBytes !== null && this.bytesUsed() > policy.maxBytes) {
        const span = storedTimeSpan(this.db);
        if (span) this.sizeRound = span.oldestUs + Math.max(1, Math.floor((span.newestUs - span.oldestUs) / 10));
        roundDeleted = 0;
      }
      const cutoff = Math.max(ageCutoff ?? -Infinity, this.sizeRound ?? -Infinity);
      if (cutoff === -Infinity) break;
      if (performance.now() - started > PASS_MS) {
        out.more = true;
        break;
      }
      const f = this.deleteChunk('flows', cutoff, out.flowsByVerdict);
      const e = f < RETENTION_CHUNK ? this.deleteChunk('events', cutoff, out.eventsByKind) : 0;
      out.deletedFlows += f;
      out.deletedEvents += e;
      roundDeleted += f + e;
      if (f + e > 0) this.blocks.expireBefore(this.oldestStoredTs());
      if (f < RETENTION_CHUNK && e < RETENTION_CHUNK) {
        // Nothing older than the cutoff is left: the age is met and the round is over. A round
        // that found nothing to delete (what is over the cap is not rows) ends the pass.
        ageCutoff = null;
        if (this.sizeRound !== null && roundDeleted === 0) deleting = false;
        this.sizeRound = null;
      }
    }
    if (out.deletedFlows > 0) this.flowMap.trim();
    if (!out.more) {
      const vacuumed = this.vacuum(walLimit, started);
      out.more = vacuumed !== 'done';
      out.pinned = vacuumed === 'pinned';
    }
    return out;
  }

  /**
   * Gives free pages back to the filesystem beyond VACUUM_SLACK (inserts reuse those), in steps
   * with the WAL settled between them: moving a freed gigabyte in one incremental_vacuum wrote
   * the pages it moved, their parents and pointer maps into one transaction's WAL.
   */
  private vacuum(walLimit: number, started: number): 'done' | 'time' | 'pinned' {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const slack = Math.floor(VACUUM_SLACK_BYTES / pageSize);
    const step = Math.max(1, Math.floor(Math.min(VACUUM_STEP_BYTES, walLimit / 4) / pageSize));
    for (;;) {
      const over = (this.db.pragma('freelist_count', { simple: true }) as number) - slack;
      if (over <= 0) return 'done';
      if (performance.now() - started > PASS_MS) return 'time';
      if (!this.wal.settle(walLimit)) return 'pinned';
      this.db.pragma(`incremental_vacuum(${Math.min(over, step)})`);
    }
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
