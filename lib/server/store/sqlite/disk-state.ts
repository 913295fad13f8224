import fs from 'node:fs';
import path from 'node:path';
import type { DiskHealth } from '@/lib/contract/health';
import { isDiskFull } from '../store-errors';

/**
 * Whether the store's disk is full, and getting the space back after it is not. When a write
 * fails with SQLITE_FULL the store says so on /api/health (with the free space of its
 * filesystem); writes keep being retried by their callers (ingest pauses, alerts retry, an import
 * stops and reports what it stored). On the first write that succeeds again, the WAL is
 * checkpointed and truncated: left alone, the committed pages stayed in a WAL that had grown
 * while the disk was full, and the freed space filled up again within seconds.
 */
export type { DiskHealth };

const PROBE_MS = 5000;
/** Free space the probe wants before it tries to hand the WAL back (a checkpoint may grow the file). */
const ROOM_BYTES = 1024 * 1024;
/** Below this much free space the WAL is checkpointed after every write (autocheckpoint lets it reach 64 MiB and more). */
const LOW_SPACE_BYTES = 256 * 1024 * 1024;

export class DiskState {
  private full = false;
  private fullSince: string | null = null;
  private lastError: string | null = null;
  private fullErrors = 0;
  private lastCheckpoint: string | null = null;
  private probe: NodeJS.Timeout | null = null;
  private checkpointAfterWrites = false;

  constructor(
    private readonly file: string,
    /** Runs `PRAGMA wal_checkpoint(TRUNCATE)` on the writing connection. */
    private readonly checkpoint: () => Promise<unknown>,
    private readonly log: (m: string) => void = (m) => console.warn(`[store] ${m}`),
  ) {}

  /**
   * Wraps a write. On a full disk: noted, and the WAL checkpointed at once, and again before each
   * write until one succeeds (what a failed transaction appended is garbage, what committed before
   * it moves into the database once there is room for it) so the WAL's space comes back. While free space is short, every write is followed by a
   * checkpoint: a batch rewrites tens of MiB of index pages into the WAL, and left to the
   * 64 MiB autocheckpoint the WAL alone filled a small disk.
   */
  async guard<T>(write: () => Promise<T>): Promise<T> {
    // First hand back what the WAL holds: after a full disk it may be most of the free space.
    if (this.full) await this.tryCheckpoint();
    let result: T;
    try {
      result = await write();
    } catch (e) {
      if (isDiskFull(e)) {
        this.noteFull(e as Error);
        await this.tryCheckpoint();
      }
      throw e;
    }
    if (this.full) this.markRecovered('a write succeeded');
    if (this.checkpointAfterWrites || (freeBytes(this.file) ?? Infinity) < LOW_SPACE_BYTES) {
      // Once a disk was full, keep the WAL short until there is plenty of room again.
      this.checkpointAfterWrites = (freeBytes(this.file) ?? Infinity) < LOW_SPACE_BYTES;
      await this.tryCheckpoint();
    }
    return result;
  }

  private noteFull(e: Error): void {
    this.fullErrors++;
    this.lastError = e.message;
    this.checkpointAfterWrites = true;
    if (this.full) return;
    this.full = true;
    this.fullSince = new Date().toISOString();
    this.log(`disk full: ${e.message}; writes are retried, reads go on`);
    // With no writes coming (an import that stopped), notice when room comes back.
    this.probe = setInterval(() => {
      if ((freeBytes(this.file) ?? 0) >= ROOM_BYTES) void this.tryCheckpoint().then((ok) => ok && this.markRecovered('space was freed'));
    }, PROBE_MS);
    this.probe.unref();
  }

  private markRecovered(why: string): void {
    if (!this.full) return;
    this.full = false;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    this.log(`disk has room again (${why}); the WAL is checkpointed after each write while space is short`);
  }

  /** Checkpoint and truncate the WAL; true when that worked. */
  private async tryCheckpoint(): Promise<boolean> {
    try {
      const rows = (await this.checkpoint()) as { busy: number }[] | undefined;
      if (rows?.[0] && rows[0].busy !== 0) return false;
    } catch (e) {
      if (!isDiskFull(e)) this.log(`checkpoint failed: ${(e as Error).message}`);
      return false;
    }
    this.lastCheckpoint = new Date().toISOString();
    return true;
  }

  snapshot(): DiskHealth {
    return {
      state: this.full ? 'full' : 'ok',
      fullSince: this.full ? this.fullSince : null,
      lastError: this.lastError,
      fullErrors: this.fullErrors,
      freeBytes: freeBytes(this.file),
      walBytes: fileSize(`${this.file}-wal`),
      lastCheckpoint: this.lastCheckpoint,
    };
  }

  close(): void {
    if (this.probe) clearInterval(this.probe);
  }
}

function freeBytes(file: string): number | null {
  try {
    const s = fs.statfsSync(path.dirname(path.resolve(file)));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}
