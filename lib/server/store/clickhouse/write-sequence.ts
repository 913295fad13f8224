import { randomBytes } from 'node:crypto';

/**
 * This server's identity in a shared store and the order of what it writes.
 *
 * `origin` names the process (a new one per start); `seq` numbers every row it stores — flows,
 * events, alert changes, loss notices — contiguously, in the order they become visible. Rows
 * are ordered by (ts, seq) like SQLite's (ts, rowid), and other servers follow the sequence to
 * relay live rows (relay.ts): a gap means a write still in flight.
 *
 * seq = slot × 10^11 + n: unique across servers (each picks a slot no live server holds) and
 * below 2^53, so it survives JSON, JavaScript numbers and the page cursor (at most 17 digits).
 */
export const SLOT_SPAN = 100_000_000_000;
export const MAX_SLOT = 90_000;

export class WriteSequence {
  readonly origin: string;
  private n = 0;

  constructor(readonly slot: number, origin?: string) {
    if (!Number.isInteger(slot) || slot < 1 || slot >= MAX_SLOT) throw new Error(`write slot ${slot} out of range`);
    this.origin = origin ?? randomBytes(9).toString('base64url');
  }

  /** Reserves `count` consecutive numbers; returns the first. */
  take(count: number): number {
    const first = this.slot * SLOT_SPAN + this.n + 1;
    this.n += count;
    return first;
  }

  get last(): number {
    return this.slot * SLOT_SPAN + this.n;
  }
}

export function randomSlot(taken: ReadonlySet<number>): number {
  for (;;) {
    const slot = 1 + Math.floor(Math.random() * (MAX_SLOT - 1));
    if (!taken.has(slot)) return slot;
  }
}
