/**
 * HOLOCRON_AGENTS: comma-separated endpoints, each `KIND://TARGET[?options]` where TARGET is what
 * grpc-js dials:
 * - `tetragon://unix:///var/run/tetragon/tetragon.sock` — a unix socket (Tetragon's default since
 *   v1.7); `unix:relative.sock` and the older `tetragon://unix/abs/path` are accepted too;
 * - `tetragon://host:port`, `hubble://host:port`;
 * - `tetragon+dns://NAME:PORT` (or `hubble+dns://`) — every address behind NAME (a headless
 *   Service), re-resolved periodically (see lib/server/discovery);
 * - `tetragon+k8s://NAMESPACE:PORT?selector=LABELS` — every ready pod of NAMESPACE that matches
 *   the label selector, listed through the Kubernetes API (commas in LABELS written %2C);
 * options `?tls=1&ca=…&cert=…&key=…&servername=…` for TLS and mTLS.
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

/** `tetragon+dns://NAME:PORT` / `tetragon+k8s://NAMESPACE:PORT?selector=…`: one AgentEndpoint per address found. */
export interface DiscoverySpec {
  via: 'dns' | 'k8s';
  kind: AgentKind;
  name: string; // the DNS name, or the namespace for k8s
  port: number;
  selector: string | null; // k8s: the label selector
  tls: AgentTls | null;
  label: string;
}

export interface AgentSpecs {
  agents: AgentEndpoint[];
  discovery: DiscoverySpec[];
}

const EXPECTED =
  'expected tetragon://unix:///path.sock, tetragon://host:port, tetragon+dns://NAME:PORT, tetragon+k8s://NAMESPACE:PORT?selector=… or hubble://host:port';
const OPTIONS = new Set(['tls', 'ca', 'cert', 'key', 'servername']);
const UNIX = /^([a-z+]+):\/\/(unix:[^?]*)(\?.*)?$/;

function parseKind(text: string, scheme: string): { kind: AgentKind; via: 'dns' | 'k8s' | null } {
  const m = /^(\w+)(?:\+(dns|k8s))?$/.exec(scheme);
  const kind = m?.[1];
  if (!m || (kind !== 'tetragon' && kind !== 'hubble')) throw new Error(`"${text}": unknown agent type "${scheme}" (${EXPECTED})`);
  return { kind, via: (m[2] as 'dns' | 'k8s' | undefined) ?? null };
}

function parseTls(text: string, p: URLSearchParams, extra: string[] = []): AgentTls | null {
  const known = new Set([...OPTIONS, ...extra]);
  for (const key of p.keys()) {
    if (!known.has(key)) throw new Error(`"${text}": unknown option "${key}" (known: ${[...known].join(', ')})`);
  }
  const tlsOn = p.get('tls') === '1' || p.get('tls') === 'true' || p.has('ca') || p.has('cert');
  if (p.has('cert') !== p.has('key')) throw new Error(`"${text}": mTLS needs both cert= and key=`);
  return tlsOn ? { ca: p.get('ca'), cert: p.get('cert'), key: p.get('key'), servername: p.get('servername') } : null;
}

function labelOf(kind: string, target: string, tls: AgentTls | null): string {
  return `${kind}://${target}${tls ? ' (tls)' : ''}`;
}

/** `KIND://unix:PATH`, in grpc-js's own target syntax, parsed before URL (which would split it). */
function parseUnix(text: string, m: RegExpExecArray): AgentEndpoint {
  const { kind, via } = parseKind(text, m[1]!);
  if (via) throw new Error(`"${text}": a unix socket cannot be discovered through ${via === 'dns' ? 'DNS' : 'the Kubernetes API'}`);
  const path = m[2]!.slice('unix:'.length).replace(/^\/\/(?=\/)/, '');
  if (!path || path === '/') throw new Error(`"${text}": a unix endpoint needs a socket path`);
  const target = path.startsWith('/') ? `unix://${path}` : `unix:${path}`;
  const tls = parseTls(text, new URLSearchParams(m[3] ?? ''));
  return { kind, target, tls, label: labelOf(kind, target, tls) };
}

export function parseAgentSpec(text: string): AgentEndpoint | DiscoverySpec {
  const unix = UNIX.exec(text);
  if (unix) return parseUnix(text, unix);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an endpoint URL (${EXPECTED})`);
  }
  const { kind, via } = parseKind(text, url.protocol.replace(/:$/, ''));
  const tls = parseTls(text, url.searchParams, via === 'k8s' ? ['selector'] : []);
  if (url.hostname === 'unix' && !via) {
    // The older form `tetragon://unix/var/run/tetragon/tetragon.sock`.
    if (!url.pathname || url.pathname === '/') throw new Error(`"${text}": a unix endpoint needs a socket path`);
    const target = `unix://${url.pathname}`;
    return { kind, target, tls, label: labelOf(kind, target, tls) };
  }
  if (!url.hostname) throw new Error(`"${text}": missing host`);
  if (!url.port) throw new Error(`"${text}": missing port (Tetragon listens on 54321, Hubble Relay on 4245)`);
  if (via) {
    const name = url.hostname;
    if (url.pathname && url.pathname !== '/') throw new Error(`"${text}": a name to discover takes no path`);
    const selector = via === 'k8s' ? url.searchParams.get('selector') : null;
    if (via === 'k8s' && !selector) throw new Error(`"${text}": needs ?selector= (the agents' pod labels, e.g. app.kubernetes.io/name=holocron-agent)`);
    const label = `${kind}+${via}://${name}:${url.port}${selector ? `?selector=${selector}` : ''}${tls ? ' (tls)' : ''}`;
    return { via, kind, name, port: Number(url.port), selector, tls, label };
  }
  const host = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
  const target = `${host}:${url.port}`;
  return { kind, target, tls, label: labelOf(kind, target, tls) };
}

export function isDiscoverySpec(spec: AgentEndpoint | DiscoverySpec): spec is DiscoverySpec {
  return 'via' in spec;
}

/** One fixed endpoint; `+dns` names are not allowed here (the agent's `--source tetragon:…`). */
export function parseAgentEndpoint(text: string): AgentEndpoint {
  const spec = parseAgentSpec(text);
  if (isDiscoverySpec(spec)) throw new Error(`"${text}": expected one address, not a name to discover`);
  return spec;
}

export function parseAgentSpecs(text: string): AgentSpecs {
  const out: AgentSpecs = { agents: [], discovery: [] };
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const spec = parseAgentSpec(item);
    if (isDiscoverySpec(spec)) out.discovery.push(spec);
    else out.agents.push(spec);
  }
  return out;
}

/** The endpoint for one address found. TLS verifies the DNS name, not the address (k8s: servername= if set). */
export function endpointForAddress(spec: DiscoverySpec, address: string): AgentEndpoint {
  const host = address.includes(':') ? `[${address}]` : address;
  const target = `${host}:${spec.port}`;
  const tls = spec.tls ? { ...spec.tls, servername: spec.tls.servername ?? (spec.via === 'dns' ? spec.name : null) } : null;
  return { kind: spec.kind, target, tls, label: labelOf(spec.kind, target, tls) };
}
