/**
 * Reconnect delays: exponential from `initialMs` to `maxMs` with full jitter, so that many
 * Holocron servers reconnecting to one restarted relay do not arrive in lockstep.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random?: () => number;
}

export class Backoff {
  private attempt = 0;

  constructor(private readonly opts: BackoffOptions = { initialMs: 250, maxMs: 15_000 }) {}

  next(): number {
    const ceiling = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    const r = (this.opts.random ?? Math.random)();
    return Math.round(ceiling / 2 + (r * ceiling) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
