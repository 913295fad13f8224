import { endpointForAddress, type AgentEndpoint, type DiscoverySpec } from '@/lib/server/config/agent-endpoints';
import { diffAddresses } from './address-diff';
import type { DiscoveryHealth } from '@/lib/contract/health';

/**
 * A `+dns` or `+k8s` entry: its addresses are looked up now and every `intervalMs`; each new
 * address becomes an agent stream, each address that left the answer is closed (and shown as a
 * gap by the caller). A failed lookup changes nothing: it is reported, and tried again next time.
 */
export type DiscoveryStatus = DiscoveryHealth;

/** One address found, with its node when the lookup knows it (the Kubernetes API does). */
export interface FoundAddress {
  address: string;
  node: string | null;
}

export type AddressLookup = () => Promise<FoundAddress[]>;

export interface DiscoveryTarget {
  found(endpoint: AgentEndpoint, address: string, node: string | null): void;
  vanished(address: string): void;
}

export class DiscoveryLoop {
  readonly status: DiscoveryStatus;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly spec: DiscoverySpec,
    private readonly lookup: AddressLookup,
    private readonly intervalMs: number,
    private readonly target: DiscoveryTarget,
    private readonly log: (msg: string) => void = (m) => console.warn(`[discovery] ${m}`),
  ) {
    this.status = { name: spec.label, addresses: [], resolutions: 0, lastResolvedUs: null, lastError: null, found: 0, vanished: 0 };
  }

  /** Looks up once (so the first agents start with the server), then keeps looking. */
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One lookup; exposed so tests and a future "resolve now" need not wait for the timer. */
  async refresh(): Promise<void> {
    let found: FoundAddress[];
    try {
      found = await this.lookup();
    } catch (e) {
      // DNS errors carry a code (ETIMEOUT, ESERVFAIL); the Kubernetes client's carry the HTTP status and a long message.
      const err = e as { code?: unknown; message?: string };
      const text = typeof err.code === 'string' ? err.code : (err.message ?? String(e)).split('\n')[0]!.slice(0, 200);
      const reason = `${this.spec.name}: ${text}`;
      if (reason !== this.status.lastError) this.log(`cannot look up ${reason}; keeping ${this.status.addresses.length} known addresses`);
      this.status.lastError = reason;
      return;
    }
    if (this.stopped) return;
    const addresses = [...new Set(found.map((f) => f.address))].sort();
    const diff = diffAddresses(this.status.addresses, addresses);
    this.status.addresses = addresses;
    this.status.resolutions++;
    this.status.lastResolvedUs = Date.now() * 1000;
    this.status.lastError = null;
    for (const address of diff.vanished) {
      this.status.vanished++;
      this.log(`${address} left ${this.spec.label}: closing it`);
      this.target.vanished(address);
    }
    for (const address of diff.found) {
      this.status.found++;
      const node = found.find((f) => f.address === address)?.node ?? null;
      this.target.found(endpointForAddress(this.spec, address), address, node);
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
