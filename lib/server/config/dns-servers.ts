import net from 'node:net';

/**
 * HOLOCRON_DNS_SERVER: comma-separated resolvers for `+dns` discovery, `10.96.0.10`,
 * `127.0.0.1:5353` or `[::1]:5353` — the forms node's dns.Resolver#setServers takes. Empty: the
 * system's resolvers (/etc/resolv.conf, which in a pod points at the cluster DNS).
 */
export function parseDnsServers(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s) ?? /^([^:]+)(?::(\d+))?$/.exec(s) ?? /^([0-9a-fA-F:]+)()$/.exec(s);
      const ip = m?.[1] ?? '';
      if (!net.isIP(ip)) throw new Error(`"${s}" is not an IP address with an optional port (10.96.0.10, 127.0.0.1:5353, [::1]:53)`);
      const port = m?.[2] ? Number(m[2]) : null;
      if (port !== null && (port < 1 || port > 65535)) throw new Error(`"${s}": ${port} is not a port`);
      return s;
    });
}
