/**
 * The bound between bpftrace's stdout and encoding. Lines are queued as they arrive; past
 * `pauseAt` the reader is paused (bpftrace then blocks, the kernel's perf buffers overflow and
 * bpftrace reports "Lost N events", which we forward), and while the backlog is above `shedAt`
 * the consumer sheds output instead of encoding it, counting what it shed.
 */
export class LineQueue {
  private lines: string[] = [];
  private head = 0;
  private partial = '';

  constructor(
    readonly pauseAt = 50_000,
    readonly resumeAt = 10_000,
    readonly shedAt = 20_000,
  ) {}

  /** Splits a chunk of output into lines (keeping an unfinished last line for the next chunk). */
  pushChunk(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.lines.push(p);
  }

  get length(): number {
    return this.lines.length - this.head;
  }

  get shouldPause(): boolean {
    return this.length >= this.pauseAt;
  }

  get shouldResume(): boolean {
    return this.length <= this.resumeAt;
  }

  get shedding(): boolean {
    return this.length > this.shedAt;
  }

  shift(): string | undefined {
    if (this.head >= this.lines.length) return undefined;
    const line = this.lines[this.head++];
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return line;
  }

  /** Drops everything, e.g. when bpftrace is restarted; returns how many lines were dropped. */
  clear(): number {
    const n = this.length;
    this.lines = [];
    this.head = 0;
    this.partial = '';
    return n;
  }
}
