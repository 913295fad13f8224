import type * as grpc from '@grpc/grpc-js';

/**
 * Writes to one subscriber's stream with a bounded backlog. grpc-js server streams are in object
 * mode, so writableLength counts queued messages. Past `maxQueued` a message is dropped and
 * counted; as soon as there is room again the subscriber is told how many it lost (Tetragon's
 * rate_limit_info, Hubble's lost_events) before anything else, so a loss is never silent — also
 * when nothing more arrives to carry the notice (a timer checks for room).
 */
const NOTICE_CHECK_MS = 250;

export class BoundedWriter {
  dropped = 0; // waiting to be announced
  totalDropped = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly call: grpc.ServerWritableStream<unknown, Buffer>,
    private readonly maxQueued: number,
    private readonly notice: (count: number) => Buffer,
  ) {}

  /** False when the message had to be dropped. */
  write(bytes: Buffer): boolean {
    if (this.call.writableLength > this.maxQueued) {
      this.dropped++;
      this.totalDropped++;
      this.timer ??= setInterval(() => this.announce(), NOTICE_CHECK_MS);
      return false;
    }
    this.announce();
    this.call.write(bytes);
    return true;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private announce(): void {
    if (this.dropped === 0 || this.call.writableLength > this.maxQueued || this.call.destroyed) return;
    this.call.write(this.notice(this.dropped));
    this.dropped = 0;
    this.close();
  }
}
