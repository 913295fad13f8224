import type Database from 'better-sqlite3';
import type { FlowSummary } from '@/lib/domain/records';
import { flowMapKeyColumns, flowMapKeyHash, flowMapKeyTextOf, KEY_COLUMNS, MINUTE_US } from '../sql/flow-map-key';

/**
 * Keeps the service map's rollup beside the flows table, inside the same transactions:
 * `flow_map_keys` interns each distinct group key (flow-map-key.ts) and every flow row carries
 * its `map_key`; `flow_map_minutes` counts flows per (minute, key). The map then reads one row
 * per key per minute instead of one per flow, so a 15-minute map costs the same at 10 or 10,000
 * flows a second; only the partial minutes at the window's edges are counted from the rows.
 */

const CACHE_LIMIT = 100_000;

interface Pending {
  minute: number;
  keyId: number;
  n: number;
  first: number;
  last: number;
}

export class FlowMapIndex {
  private readonly ids = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private readonly insertKey: Database.Statement;
  private readonly findKey: Database.Statement;
  private readonly upsertMinute: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertKey = db.prepare(
      `INSERT OR IGNORE INTO flow_map_keys (key_hash, ${KEY_COLUMNS.join(', ')}) VALUES (@key_hash, ${KEY_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.findKey = db.prepare('SELECT key_id FROM flow_map_keys WHERE key_hash = ?').pluck();
    this.upsertMinute = db.prepare(
      `INSERT INTO flow_map_minutes (minute, key_id, n, first_ts, last_ts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (minute, key_id) DO UPDATE SET
         n = n + excluded.n, first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`,
    );
  }

  /** The interned id of the flow's group key (created on first sight). */
  keyOf(f: FlowSummary): number {
    // Cached by the key's exact text, so a key seen before costs no SHA-256 (it was ~8 % of
    // the writer thread, npm run bench --profile) nor its columns' object; both only to intern a new one.
    const text = flowMapKeyTextOf(f);
    const cached = this.ids.get(text);
    if (cached !== undefined) return cached;
    const cols = flowMapKeyColumns(f);
    const hash = flowMapKeyHash(cols);
    this.insertKey.run({ key_hash: hash, ...cols });
    const id = this.findKey.get(hash) as number;
    if (this.ids.size >= CACHE_LIMIT) this.ids.clear();
    this.ids.set(text, id);
    return id;
  }

  /** A flow with this key was stored; counted in memory until flush(). */
  counted(keyId: number, ts: number): void {
    const minute = Math.floor(ts / MINUTE_US);
    const k = `${minute}:${keyId}`;
    const p = this.pending.get(k);
    if (!p) this.pending.set(k, { minute, keyId, n: 1, first: ts, last: ts });
    else {
      p.n++;
      p.first = Math.min(p.first, ts);
      p.last = Math.max(p.last, ts);
    }
  }

  /** Writes the counts; call inside the transaction that stored the flows. */
  flush(): void {
    for (const p of this.pending.values()) this.upsertMinute.run(p.minute, p.keyId, p.n, p.first, p.last);
    this.pending.clear();
  }

  /** The transaction rolled back: its counts and any key ids it created are gone. */
  discard(): void {
    this.pending.clear();
    this.ids.clear();
  }

  /**
   * After retention deleted the oldest flows: drop the minutes before the oldest flow left,
   * recount the minute it falls in from the rows (part of it was deleted), and forget keys no
   * minute uses any more.
   */
  trim(): void {
    const oldest = this.db.prepare('SELECT MIN(ts) FROM flows').pluck().get() as number | null;
    this.db.transaction(() => {
      if (oldest === null) {
        this.db.exec('DELETE FROM flow_map_minutes; DELETE FROM flow_map_keys;');
      } else {
        const m = Math.floor(oldest / MINUTE_US);
        this.db.prepare('DELETE FROM flow_map_minutes WHERE minute <= ?').run(m);
        this.db
          .prepare(
            `INSERT INTO flow_map_minutes (minute, key_id, n, first_ts, last_ts)
             SELECT ?, map_key, COUNT(*), MIN(ts), MAX(ts) FROM flows INDEXED BY flows_map_key
             WHERE ts >= ? AND ts < ? GROUP BY map_key`,
          )
          .run(m, m * MINUTE_US, (m + 1) * MINUTE_US);
        this.db.exec('DELETE FROM flow_map_keys WHERE key_id NOT IN (SELECT key_id FROM flow_map_minutes)');
      }
    })();
    this.ids.clear();
  }
}
