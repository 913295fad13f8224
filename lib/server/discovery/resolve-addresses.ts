import dns from 'node:dns';
import net from 'node:net';

/**
 * Every address behind a name, A and AAAA, as a headless Service answers: one per ready pod.
 * "No such name" and "no records of this type" mean no addresses (a Service scaled to zero);
 * any other failure (timeout, SERVFAIL, refused) is thrown, so the caller keeps what it knew
 * rather than closing every agent because the resolver hiccupped.
 */
const EMPTY_ANSWERS = new Set<string>([dns.NODATA, dns.NOTFOUND]);

async function lookup(fn: () => Promise<string[]>): Promise<string[]> {
  try {
    return await fn();
  } catch (e) {
    if (EMPTY_ANSWERS.has((e as NodeJS.ErrnoException).code ?? '')) return [];
    throw e;
  }
}

export async function resolveAddresses(resolver: dns.promises.Resolver, name: string): Promise<string[]> {
  if (net.isIP(name)) return [name];
  const [v4, v6] = await Promise.all([lookup(() => resolver.resolve4(name)), lookup(() => resolver.resolve6(name))]);
  return [...new Set([...v4, ...v6])].sort();
}

/** A resolver of its own (HOLOCRON_DNS_SERVER), or the system's; each query times out in 2 s × 2 tries. */
export function createResolver(servers: string[]): dns.promises.Resolver {
  const resolver = new dns.promises.Resolver({ timeout: 2000, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  return resolver;
}
