import type { ProcessJson } from '@/lib/domain/wire-types';

/**
 * exec_id → process, from exec events (procFS announcements included), so rules can name
 * ancestors (proc.aname[2]) that the event itself does not carry. Least recently used entries
 * go first: memory stays bounded however many processes a cluster starts.
 */
export class ProcessCache {
  private readonly map = new Map<string, ProcessJson>();

  constructor(readonly capacity = 50_000) {}

  get size(): number {
    return this.map.size;
  }

  get(execId: string): ProcessJson | undefined {
    const p = this.map.get(execId);
    if (p) {
      this.map.delete(execId);
      this.map.set(execId, p);
    }
    return p;
  }

  set(process: ProcessJson | undefined): void {
    const id = process?.exec_id;
    if (!id || !process) return;
    this.map.delete(id);
    this.map.set(id, process);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  /** For warming at start: never replaces a process that is already known (it is newer). */
  setIfAbsent(process: ProcessJson | undefined): void {
    const id = process?.exec_id;
    if (id && process && !this.map.has(id) && this.map.size < this.capacity) this.map.set(id, process);
  }
}
