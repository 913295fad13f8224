/**
 * HOLOCRON_AGENTS: comma-separated `tetragon://host:port` / `hubble://host:port` endpoints, with
 * `?tls=1&ca=…&cert=…&key=…&servername=…` for TLS and mTLS. `unix:` paths are written
 * `tetragon://unix/var/run/tetragon/tetragon.sock`.
 */
export type AgentKind = 'tetragon' | 'hubble';

export interface AgentTls {
  ca: string | null;
  cert: string | null;
  key: string | null;
  servername: string | null;
}

export interface AgentEndpoint {
  kind: AgentKind;
  target: string; // what grpc-js dials: "host:port" or "unix:///path"
  tls: AgentTls | null;
  label: string; // for health and logs, without secrets
}

export function parseAgentEndpoint(text: string): AgentEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an endpoint URL (expected tetragon://host:port or hubble://host:port)`);
  }
  const kind = url.protocol.replace(/:$/, '');
  if (kind !== 'tetragon' && kind !== 'hubble') {
    throw new Error(`"${text}": unknown agent type "${kind}" (expected tetragon:// or hubble://)`);
  }
  let target: string;
  if (url.hostname === 'unix') {
    if (!url.pathname || url.pathname === '/') throw new Error(`"${text}": a unix endpoint needs a socket path`);
    target = `unix://${url.pathname}`;
  } else {
    if (!url.hostname) throw new Error(`"${text}": missing host`);
    if (!url.port) throw new Error(`"${text}": missing port (Tetragon listens on 54321, Hubble Relay on 4245)`);
    const host = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
    target = `${host}:${url.port}`;
  }
  const known = new Set(['tls', 'ca', 'cert', 'key', 'servername']);
  for (const key of url.searchParams.keys()) {
    if (!known.has(key)) throw new Error(`"${text}": unknown option "${key}" (known: ${[...known].join(', ')})`);
  }
  const p = url.searchParams;
  const tlsOn = p.get('tls') === '1' || p.get('tls') === 'true' || p.has('ca') || p.has('cert');
  if (p.has('cert') !== p.has('key')) throw new Error(`"${text}": mTLS needs both cert= and key=`);
  const tls = tlsOn ? { ca: p.get('ca'), cert: p.get('cert'), key: p.get('key'), servername: p.get('servername') } : null;
  return { kind, target, tls, label: `${kind}://${target.replace(/^unix:\/\//, 'unix')}${tls ? ' (tls)' : ''}` };
}

export function parseAgentList(text: string): AgentEndpoint[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseAgentEndpoint);
}
