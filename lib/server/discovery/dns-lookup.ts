import type dns from 'node:dns';
import type { FoundAddress } from './discovery-loop';
import { resolveAddresses } from './resolve-addresses';

/** `tetragon+dns://NAME:PORT`: every A/AAAA address behind NAME; the node comes from the agent itself. */
export function dnsLookup(resolver: dns.promises.Resolver, name: string): () => Promise<FoundAddress[]> {
  return async () => (await resolveAddresses(resolver, name)).map((address) => ({ address, node: null }));
}
