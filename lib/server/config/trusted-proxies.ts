import { BlockList, isIP } from 'node:net';

/**
 * HOLOCRON_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For is believed, as IPs or
 * CIDRs (`10.0.0.0/8, ::1`). Empty means nobody's: the client is the TCP peer.
 */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [ip, prefix, ...rest] = entry.split('/');
    const family = isIP(ip ?? '');
    if (!family || rest.length) throw new Error(`"${entry}" is not an IP address or CIDR (examples: 10.0.0.0/8, 127.0.0.1, ::1)`);
    if (prefix !== undefined) {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}": the prefix length must be 0–${family === 4 ? 32 : 128}`);
    }
  }
  return entries;
}

export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}
