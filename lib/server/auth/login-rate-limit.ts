/**
 * Failed logins per client address: at most `limit` in a sliding `windowMs`. Memory is bounded
 * (oldest addresses forgotten first), so a flood of addresses cannot grow it.
 */
export class LoginRateLimit {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    private readonly maxClients = 10_000,
  ) {}

  /** Milliseconds until `client` may try again, or 0 when it may try now. */
  retryAfterMs(client: string, nowMs = Date.now()): number {
    const recent = (this.failures.get(client) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length < this.limit) return 0;
    return this.windowMs - (nowMs - recent[0]!);
  }

  fail(client: string, nowMs = Date.now()): void {
    const recent = (this.failures.get(client) ?? []).filter((t) => nowMs - t < this.windowMs);
    recent.push(nowMs);
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > this.maxClients) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
