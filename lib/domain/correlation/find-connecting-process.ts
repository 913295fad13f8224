/**
 * Which process opened the connection a flow belongs to: the tcp_connect-style kprobe (any kprobe
 * with a sock_arg) on the client's side of the flow's 5-tuple, nearest in time.
 *
 * The 5-tuple decides, time only breaks ties: a kprobe with the right ports a few seconds away beats
 * one a millisecond away on another connection. Kubernetes Service translation means the kernel may
 * have dialled the ClusterIP while Hubble shows the pod — then the client address and port (unique
 * while the socket lives) plus the dialled port carry the match, and as a last resort the client
 * address and port alone (a Service whose targetPort differs from its port).
 */
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import { clientNodeOf, connectionSides, nodeBaseName } from '@/lib/domain/correlation/flow-sides';
import type { FlowSummary, SockSummary } from '@/lib/domain/records';

export type ConnectionMatch = 'exact' | 'service-translated' | 'client-port';

export interface ConnectingProcess {
  event: StoredEvent;
  match: ConnectionMatch;
  reason: string;
  /** 0..1, higher is better: match quality first, then the hook (connect over sendmsg over close), then time. */
  score: number;
  deltaMs: number; // kprobe time − flow time
}

export interface FindConnectingOptions {
  windowMs?: number; // default 5000
  /** The client's node when the caller knows it; otherwise taken from an EGRESS flow's node. */
  sourceNode?: string;
}

const MATCH_RANK: Readonly<Record<ConnectionMatch, number>> = { exact: 3, 'service-translated': 2, 'client-port': 1 };
const REASONS: Readonly<Record<ConnectionMatch, string>> = {
  exact: 'same 5-tuple',
  'service-translated': 'same client address and port and destination port; the process dialled a Service address',
  'client-port': 'same client address and port only',
};
// The process that called connect() opened the socket; sendmsg/close may come from one it was passed to.
const HOOK_RANK: Readonly<Record<string, number>> = { tcp_connect: 3, tcp_sendmsg: 2, udp_sendmsg: 2, tcp_close: 1 };

export function findConnectingProcess(
  flow: FlowSummary,
  candidates: readonly StoredEvent[],
  opts: FindConnectingOptions = {},
): ConnectingProcess | null {
  const windowMicros = (opts.windowMs ?? 5000) * 1000;
  const clientNode = nodeBaseName(opts.sourceNode ?? clientNodeOf(flow));
  const sides = connectionSides(flow);
  let best: ConnectingProcess | null = null;

  for (const event of candidates) {
    const sock = event.sock;
    if (!sock || !sameProtocol(sock, flow)) continue;
    if (clientNode && nodeBaseName(event.node) !== clientNode) continue;
    const deltaMicros = event.ts - flow.ts;
    if (Math.abs(deltaMicros) > windowMicros) continue;

    let match: ConnectionMatch | null = null;
    for (const { client, server } of sides) {
      const m = tupleMatch(sock, client.ip, client.port, server.ip, server.port);
      if (m && (!match || MATCH_RANK[m] > MATCH_RANK[match])) match = m;
    }
    if (!match) continue;

    const hook = HOOK_RANK[event.functionName] ?? 0;
    const closeness = 1 - Math.abs(deltaMicros) / (windowMicros + 1);
    const score = (MATCH_RANK[match] * 4 + hook + closeness) / 16;
    if (!best || score > best.score) {
      best = { event, match, reason: REASONS[match], score, deltaMs: deltaMicros / 1000 };
    }
  }
  return best;
}

function tupleMatch(sock: SockSummary, clientIp: string, clientPort: number, serverIp: string, serverPort: number): ConnectionMatch | null {
  if (!clientIp || sock.saddr !== clientIp || sock.sport !== clientPort) return null;
  if (sock.daddr === serverIp) return sock.dport === serverPort ? 'exact' : null; // same peer, other port: another connection
  return sock.dport === serverPort ? 'service-translated' : 'client-port';
}

/** "IPPROTO_TCP" vs "TCP"; unknown on either side never rules a candidate out. */
function sameProtocol(sock: SockSummary, flow: FlowSummary): boolean {
  if (!sock.protocol || !flow.protocol) return true;
  return sock.protocol.replace(/^IPPROTO_/, '') === flow.protocol;
}
