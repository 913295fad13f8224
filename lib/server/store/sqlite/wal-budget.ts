import fs from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Keeps the WAL of the writing connection near a size, between the writer's transactions.
 *
 * SQLite's autocheckpoint (PASSIVE) copies the WAL into the database but can only start the WAL
 * over when no reader is still on an older snapshot. With the read pool answering queries back to
 * back, one always was: every commit appended, the file never restarted, and a size-cap retention
 * pass at 10M stored grew `-wal` to 60 GB in 15 minutes (the 2026-12-07 bench). Past the limit,
 * `wal_checkpoint(TRUNCATE)` waits (briefly: ingest waits behind it) for the readers of old
 * snapshots to finish, and new readers start on the database alone, so the WAL is reset and its
 * file cut to nothing. A reader that holds its snapshot for longer pins the WAL; `settle` says so
 * and the caller writes no more than it must (retention stops its pass, ingest goes on).
 */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

/** How long the checkpoint waits for readers of old snapshots (a read-pool query takes milliseconds). */
const READER_WAIT_MS = 250;

export class WalBudget {
  private readonly walFile: string | null;
  /** When a reader last kept the WAL from being reset. */
  private pinnedAt = -Infinity;

  constructor(private readonly db: Database.Database) {
    this.walFile = db.memory ? null : `${db.name}-wal`;
  }

  /** The WAL file's size in bytes (0 without one). */
  bytes(): number {
    if (!this.walFile) return 0;
    try {
      return fs.statSync(this.walFile).size;
    } catch {
      return 0;
    }
  }

  /**
   * Within `limitBytes`, or brought back to nothing: true. False when a reader's snapshot keeps
   * the WAL from being reset, or did less than `retryAfterMs` ago. Call outside a transaction.
   */
  settle(limitBytes: number, retryAfterMs = 0): boolean {
    if (this.bytes() <= limitBytes) return true;
    // Ingest asks after every batch: while a long reader pins the WAL, it should not wait each time.
    if (performance.now() - this.pinnedAt < retryAfterMs) return false;
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${READER_WAIT_MS}`);
    try {
      const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (row?.busy === 0) return true;
      this.pinnedAt = performance.now();
      return false;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
