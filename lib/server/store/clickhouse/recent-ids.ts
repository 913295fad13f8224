/**
 * Ids this server stored lately, with their times: a replayed batch (a Hubble stream resuming
 * from its last flow, an import sent twice) is recognised without asking ClickHouse. Bounded:
 * the oldest entries go first. A miss proves nothing — the store still asks ClickHouse.
 */
export class RecentIds {
  private readonly ids = new Map<string, number>();

  constructor(private readonly capacity = 200_000) {}

  /** Known and still above the retention floor (rows below it count as gone, as in SQLite). */
  has(id: string, floor: number): boolean {
    const ts = this.ids.get(id);
    return ts !== undefined && ts >= floor;
  }

  add(id: string, ts: number): void {
    this.ids.set(id, ts);
    if (this.ids.size > this.capacity) {
      // Maps iterate in insertion order: drop the oldest tenth in one go.
      let drop = Math.ceil(this.capacity / 10);
      for (const key of this.ids.keys()) {
        this.ids.delete(key);
        if (--drop === 0) break;
      }
    }
  }
}
