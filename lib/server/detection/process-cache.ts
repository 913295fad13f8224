import type { ProcessJson } from '@/lib/domain/wire-types';

/**
 * exec_id → process, from exec events (procFS announcements included), so rules can name
 * ancestors (proc.aname[2]) that the event itself does not carry. Least recently used entries
 * go first: memory stays bounded however many processes a cluster starts.
 *
 * A cached process is only ever read as a parent or an ancestor, and of those the rules' fields
 * (fields-process.ts: proc.p*, proc.a*, the ancestry walk) read the few values `compact` keeps:
 * the rest of a Tetragon process (its pod and labels, capabilities, namespaces, credentials) is
 * ~1.2 KiB of objects that nothing reads, 60 MiB of the hub's heap at 50,000 processes.
 * process-cache.test.ts checks every field of every rule against the whole process.
 */
/** Strings kept for sharing, and the longest shared: past either the table starts afresh. */
const MAX_SHARED_STRINGS = 20_000;
const MAX_SHARED_LENGTH = 200;

/** What the rules read of a parent or an ancestor, as the process has it (absent values stay absent). */
export function compactProcess(p: ProcessJson): ProcessJson {
  const out: ProcessJson = {};
  if (p.exec_id !== undefined) out.exec_id = p.exec_id;
  if (p.parent_exec_id !== undefined) out.parent_exec_id = p.parent_exec_id;
  if (p.binary !== undefined) out.binary = p.binary;
  if (p.arguments !== undefined) out.arguments = p.arguments;
  if (p.pid !== undefined) out.pid = p.pid;
  if (p.start_time !== undefined) out.start_time = p.start_time;
  const containerPid = p.pod?.container?.pid;
  if (containerPid !== undefined) out.pod = { container: { pid: containerPid } };
  return out;
}

export class ProcessCache {
  private readonly map = new Map<string, ProcessJson>();
  /**
   * A process parsed from its event's JSON has fresh copies of strings that thousands of others
   * repeat (binaries, arguments, parents' exec_ids): stored processes share one copy of each.
   */
  private shared = new Map<string, string>();

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
    this.map.set(id, this.share(compactProcess(process)));
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  /** For warming at start: never replaces a process that is already known (it is newer). */
  setIfAbsent(process: ProcessJson | undefined): void {
    const id = process?.exec_id;
    if (id && process && !this.map.has(id) && this.map.size < this.capacity) this.map.set(id, this.share(compactProcess(process)));
  }

  /** The same (compacted) process, its repeated strings replaced in place by the copies already held (equal values). */
  private share<T>(value: T): T {
    if (typeof value === 'string') {
      if (value.length > MAX_SHARED_LENGTH) return value;
      const held = this.shared.get(value);
      if (held !== undefined) return held as T;
      if (this.shared.size >= MAX_SHARED_STRINGS) this.shared = new Map();
      this.shared.set(value, value);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.share(value[i]);
    } else {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.share(o[k]);
    }
    return value;
  }
}
