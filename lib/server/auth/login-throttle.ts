/**
 * Token guesses per client (the login form, the login URL and wrong `Authorization: Bearer`
 * headers all count): the first `free` failures cost nothing, then each one doubles the wait
 * before the next guess is even looked at, up to `maxMs`. A success or `forgetMs` without a
 * failure clears the client. There is no global switch: an attacker slows himself down, not the
 * owner on another address. Memory is bounded (the oldest clients are forgotten first).
 */
interface ClientState {
  failures: number;
  lastFailureMs: number;
  blockedUntilMs: number;
}

export class LoginThrottle {
  private readonly clients = new Map<string, ClientState>();

  constructor(
    private readonly free = 10,
    private readonly baseMs = 2_000,
    private readonly maxMs = 15 * 60_000,
    private readonly forgetMs = 60 * 60_000,
    private readonly maxClients = 10_000,
  ) {}

  /** Milliseconds until `client` may guess again, or 0. */
  retryAfterMs(client: string, nowMs = Date.now()): number {
    const s = this.clients.get(client);
    if (!s) return 0;
    if (nowMs - s.lastFailureMs >= this.forgetMs) {
      this.clients.delete(client);
      return 0;
    }
    return Math.max(0, s.blockedUntilMs - nowMs);
  }

  fail(client: string, nowMs = Date.now()): void {
    const prev = this.clients.get(client);
    const fresh = !prev || nowMs - prev.lastFailureMs >= this.forgetMs;
    const s: ClientState = fresh ? { failures: 0, lastFailureMs: nowMs, blockedUntilMs: 0 } : prev;
    s.failures++;
    s.lastFailureMs = nowMs;
    if (s.failures >= this.free) s.blockedUntilMs = nowMs + Math.min(this.maxMs, this.baseMs * 2 ** Math.min(30, s.failures - this.free));
    this.clients.delete(client); // re-insert: the map's order is least recently failed first
    this.clients.set(client, s);
    if (this.clients.size > this.maxClients) this.clients.delete(this.clients.keys().next().value!);
  }

  succeed(client: string): void {
    this.clients.delete(client);
  }
}
