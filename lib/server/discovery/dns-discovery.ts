import type dns from 'node:dns';
import { endpointForAddress, type AgentEndpoint, type DnsAgentSpec } from '@/lib/server/config/agent-endpoints';
import { diffAddresses } from './address-diff';
import { resolveAddresses } from './resolve-addresses';

/**
 * `tetragon+dns://NAME:PORT`: NAME is resolved now and every `intervalMs`; each new address
 * becomes an agent stream, each address that left the answer is closed (and shown as a gap by
 * the caller). A failed resolution changes nothing: it is reported, and tried again next time.
 */
export interface DiscoveryStatus {
  name: string; // the entry as configured, e.g. tetragon+dns://tetragon-relay.kube-system:54321
  addresses: string[];
  resolutions: number;
  lastResolvedUs: number | null;
  lastError: string | null;
  found: number; // addresses connected since start (one that comes back counts again)
  vanished: number; // addresses closed because they left the answer
}

export interface DiscoveryTarget {
  found(endpoint: AgentEndpoint, address: string): void;
  vanished(address: string): void;
}

export class DnsDiscovery {
  readonly status: DiscoveryStatus;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly spec: DnsAgentSpec,
    private readonly resolver: dns.promises.Resolver,
    private readonly intervalMs: number,
    private readonly target: DiscoveryTarget,
    private readonly log: (msg: string) => void = (m) => console.warn(`[discovery] ${m}`),
  ) {
    this.status = { name: spec.label, addresses: [], resolutions: 0, lastResolvedUs: null, lastError: null, found: 0, vanished: 0 };
  }

  /** Resolves once (so the first agents start with the server), then keeps re-resolving. */
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One resolution; exposed so tests and a future "resolve now" need not wait for the timer. */
  async refresh(): Promise<void> {
    let addresses: string[];
    try {
      addresses = await resolveAddresses(this.resolver, this.spec.name);
    } catch (e) {
      const reason = `${this.spec.name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      if (reason !== this.status.lastError) this.log(`cannot resolve ${reason}; keeping ${this.status.addresses.length} known addresses`);
      this.status.lastError = reason;
      return;
    }
    if (this.stopped) return;
    const { found, vanished } = diffAddresses(this.status.addresses, addresses);
    this.status.addresses = addresses;
    this.status.resolutions++;
    this.status.lastResolvedUs = Date.now() * 1000;
    this.status.lastError = null;
    for (const address of vanished) {
      this.status.vanished++;
      this.log(`${address} left ${this.spec.label}: closing it`);
      this.target.vanished(address);
    }
    for (const address of found) {
      this.status.found++;
      this.target.found(endpointForAddress(this.spec, address), address);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
