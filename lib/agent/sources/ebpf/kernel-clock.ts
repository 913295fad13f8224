/**
 * Kernel monotonic time (bpftrace's `nsecs`, Tetragon's ktime) ⇄ wall-clock time. Node's
 * hrtime reads the same CLOCK_MONOTONIC, so the offset is measured here and refreshed now and
 * then to follow NTP adjustments of the wall clock.
 */
export class KernelClock {
  private offsetNs = 0n;
  private measuredAt = 0;

  constructor(private readonly now: () => { wallNs: bigint; monoNs: bigint } = realNow) {
    this.measure();
  }

  measure(): void {
    const t = this.now();
    this.offsetNs = t.wallNs - t.monoNs;
    this.measuredAt = Date.now();
  }

  /** Wall-clock ns since the epoch for a kernel monotonic ns. */
  wallNs(ktimeNs: bigint): bigint {
    if (Date.now() - this.measuredAt > 10_000) this.measure();
    return ktimeNs + this.offsetNs;
  }
}

function realNow(): { wallNs: bigint; monoNs: bigint } {
  const a = process.hrtime.bigint();
  const wall = BigInt(Date.now()) * 1_000_000n;
  const b = process.hrtime.bigint();
  return { wallNs: wall, monoNs: (a + b) / 2n };
}
