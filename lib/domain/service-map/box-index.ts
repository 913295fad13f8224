/**
 * A uniform-grid spatial hash of boxes, so "is this slot free?" looks at a few neighbours
 * instead of every node: placing new nodes stays cheap on maps with hundreds of workloads.
 */
import { boxesClash, type Box } from '@/lib/domain/service-map/box';

interface Entry {
  id: string;
  box: Box;
}

export class BoxIndex {
  private readonly buckets = new Map<string, Entry[]>();

  constructor(private readonly bucketSize = 512) {}

  private *bucketKeys(b: Box, margin: number): Generator<string> {
    const s = this.bucketSize;
    const i0 = Math.floor((b.x - margin) / s);
    const i1 = Math.floor((b.x + b.width + margin) / s);
    const j0 = Math.floor((b.y - margin) / s);
    const j1 = Math.floor((b.y + b.height + margin) / s);
    for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) yield `${i},${j}`;
  }

  add(id: string, box: Box): void {
    const entry = { id, box };
    for (const k of this.bucketKeys(box, 0)) {
      const list = this.buckets.get(k);
      if (list) list.push(entry);
      else this.buckets.set(k, [entry]);
    }
  }

  /** Ids of the boxes closer than `gap` to `box`, each once. */
  clashes(box: Box, gap = 0): Set<string> {
    const found = new Set<string>();
    for (const k of this.bucketKeys(box, gap)) {
      for (const e of this.buckets.get(k) ?? []) if (!found.has(e.id) && boxesClash(box, e.box, gap)) found.add(e.id);
    }
    return found;
  }

  /** Whether any box other than those `ignore` accepts is closer than `gap`. */
  anyClash(box: Box, gap: number, ignore: (id: string) => boolean = () => false): boolean {
    for (const k of this.bucketKeys(box, gap)) {
      for (const e of this.buckets.get(k) ?? []) if (!ignore(e.id) && boxesClash(box, e.box, gap)) return true;
    }
    return false;
  }
}
