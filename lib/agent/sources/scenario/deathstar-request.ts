/**
 * One `curl -s -X<METHOD> deathstar.default.svc.cluster.local/<path>` from a pod, end to end:
 * the curl's exec, tcp_connect/tcp_close kprobes and exit on the client's node, and the Hubble
 * flows (DNS through kube-dns, TCP to the chosen replica, HTTP at the replica's ingress proxy).
 * Used by the background landings (allowed for tiefighter, denied for xwing) and by the incident.
 */
import {
  COREDNS_A, COREDNS_B, DEATHSTAR_FQDN, DEATHSTAR_SERVICE, KUBE_DNS_SERVICE, RULE1, type PodFixture,
} from '@/lib/agent/sources/scenario/cluster';
import { dnsAnswerFlow, dnsQueryFlow, httpRequestFlow, httpResponseFlow, podPeer, tcpPolicyDropFlow, tcpTraceFlow } from '@/lib/agent/sources/scenario/hubble-flow';
import type { Prng } from '@/lib/agent/sources/scenario/prng';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { ephemeralPort, execItem, exitItem, kprobeItem, socketCookie, tcpSockArg } from '@/lib/agent/sources/scenario/tetragon-events';
import { childOf, type Proc } from '@/lib/agent/sources/scenario/tetragon-process';
import { msToNs } from '@/lib/agent/sources/scenario/time';

export interface DeathstarRequest {
  rng: Prng;
  /** The shell the curl is forked from; the curl runs in the same container. */
  shell: Proc;
  client: PodFixture;
  replica: PodFixture;
  startNs: bigint;
  pid: number;
  pidInContainer: number;
  method: 'POST' | 'PUT';
  path: string;
}

export interface RequestResult {
  items: ScenarioItem[];
  curl: Proc;
  /** When the L7 request reached the replica (the server's handler starts here). */
  requestNs: bigint;
  /** When curl exited. */
  endNs: bigint;
}

const CONNECT_POLICY = 'connect';

function startCurl(req: DeathstarRequest): { curl: Proc; items: ScenarioItem[]; connectNs: bigint; sport: number; cookie: string } {
  const { rng, client, startNs } = req;
  const curl = childOf(req.shell, {
    pid: req.pid, pidInContainer: req.pidInContainer, binary: '/usr/bin/curl',
    arguments: `-s -X${req.method} ${DEATHSTAR_FQDN}${req.path}`, startNs,
  });
  const items: ScenarioItem[] = [execItem(curl)];

  // curl resolves the service name through kube-dns; the DNS proxy logs both directions.
  const coredns = rng.next() < 0.5 ? COREDNS_A : COREDNS_B;
  const me = podPeer(client, ephemeralPort(rng));
  const dns = podPeer(coredns, 53);
  const queryNs = startNs + msToNs(rng.between(0.9, 1.6));
  const dnsLatency = msToNs(rng.between(0.3, 1.4));
  const fqdn = `${DEATHSTAR_FQDN}.`;
  const common = { node: client.node, direction: 'EGRESS' as const };
  items.push(dnsQueryFlow(rng, { ...common, timeNs: queryNs, src: me, dst: dns, isReply: false, dstService: KUBE_DNS_SERVICE, fqdn }));
  items.push(dnsAnswerFlow(rng, {
    ...common, timeNs: queryNs + dnsLatency, src: dns, dst: me, isReply: true, srcService: KUBE_DNS_SERVICE,
    fqdn, ips: [DEATHSTAR_SERVICE.clusterIp], latencyNs: dnsLatency,
  }));

  const connectNs = queryNs + dnsLatency + msToNs(rng.between(0.2, 0.5));
  const sport = ephemeralPort(rng);
  const cookie = socketCookie(rng);
  items.push(kprobeItem(curl, connectNs, {
    functionName: 'tcp_connect', policyName: CONNECT_POLICY,
    args: [tcpSockArg({ saddr: client.ip, daddr: req.replica.ip, sport, dport: DEATHSTAR_SERVICE.port, cookie, state: 'TCP_SYN_SENT' })],
  }));
  // Across nodes the SYN is also seen leaving the client's node towards the tunnel.
  if (client.node !== req.replica.node) {
    items.push(tcpTraceFlow(rng, {
      timeNs: connectNs + msToNs(0.05), node: client.node, direction: 'EGRESS', isReply: false,
      src: podPeer(client, sport), dst: podPeer(req.replica, DEATHSTAR_SERVICE.port), dstService: DEATHSTAR_SERVICE,
      flags: ['SYN'], point: 'TO_OVERLAY',
    }));
  }
  return { curl, items, connectNs, sport, cookie };
}

/** Delay for a packet to reach the replica's node from the client's. */
const hop = (req: DeathstarRequest) => msToNs(req.client.node === req.replica.node ? 0.08 : 0.35);

/** A request rule1 lets through: TCP handshake, HTTP request and response, close. */
export function allowedRequest(req: DeathstarRequest & { code: number; latencyNs: bigint }): RequestResult {
  const { rng, client, replica } = req;
  const { curl, items, connectNs, sport, cookie } = startCurl(req);
  const me = podPeer(client, sport);
  const server = podPeer(replica, DEATHSTAR_SERVICE.port);
  const atReplica = { node: replica.node, direction: 'INGRESS' as const };
  const toClient = client.node === replica.node ? 'TO_ENDPOINT' : 'TO_OVERLAY';

  const synNs = connectNs + hop(req);
  items.push(tcpTraceFlow(rng, {
    ...atReplica, timeNs: synNs, src: me, dst: server, isReply: false, dstService: DEATHSTAR_SERVICE,
    ingressAllowedBy: [RULE1], flags: ['SYN'], point: 'TO_ENDPOINT',
  }));
  items.push(tcpTraceFlow(rng, {
    ...atReplica, timeNs: synNs + msToNs(0.06), src: server, dst: me, isReply: true, srcService: DEATHSTAR_SERVICE,
    flags: ['SYN', 'ACK'], point: toClient,
  }));

  const requestNs = synNs + hop(req) * 2n + msToNs(rng.between(0.1, 0.3));
  const url = `http://${DEATHSTAR_FQDN}${req.path}`;
  items.push(httpRequestFlow(rng, {
    ...atReplica, timeNs: requestNs, src: me, dst: server, isReply: false, dstService: DEATHSTAR_SERVICE,
    ingressAllowedBy: [RULE1], method: req.method, url,
  }));
  const responseNs = requestNs + req.latencyNs;
  items.push(httpResponseFlow(rng, {
    ...atReplica, timeNs: responseNs, src: server, dst: me, isReply: true, srcService: DEATHSTAR_SERVICE,
    method: req.method, url, code: req.code, latencyNs: req.latencyNs,
  }));

  const closeNs = responseNs + hop(req) + msToNs(rng.between(0.1, 0.4));
  items.push(kprobeItem(curl, closeNs, {
    functionName: 'tcp_close', policyName: CONNECT_POLICY,
    args: [tcpSockArg({ saddr: client.ip, daddr: replica.ip, sport, dport: DEATHSTAR_SERVICE.port, cookie, state: 'TCP_ESTABLISHED' })],
  }));
  items.push(tcpTraceFlow(rng, {
    ...atReplica, timeNs: closeNs + hop(req), src: me, dst: server, isReply: false, dstService: DEATHSTAR_SERVICE,
    ingressAllowedBy: [RULE1], flags: ['ACK', 'FIN'], point: 'TO_ENDPOINT',
  }));
  const endNs = closeNs + msToNs(rng.between(0.3, 0.8));
  items.push(exitItem(curl, endNs));
  return { items, curl, requestNs, endNs };
}

// The first SYN and its two retransmissions (after 1 s, then 2 s more) are all dropped.
const SYN_RETRIES_MS = [0, 1000, 3000];
/** curl's exit status when it cannot connect. */
export const CURL_COULDNT_CONNECT = 7;

/** A request the replica's ingress policy drops: no answer, curl gives up with status 7. */
export function deniedRequest(req: DeathstarRequest): RequestResult {
  const { rng, client, replica } = req;
  const { curl, items, connectNs, sport, cookie } = startCurl(req);
  const me = podPeer(client, sport);
  const server = podPeer(replica, DEATHSTAR_SERVICE.port);
  for (const retryMs of SYN_RETRIES_MS) {
    items.push(tcpPolicyDropFlow(rng, {
      timeNs: connectNs + hop(req) + msToNs(retryMs + rng.between(0, 2)), node: replica.node, direction: 'INGRESS',
      isReply: false, src: me, dst: server, dstService: DEATHSTAR_SERVICE, flags: ['SYN'], deniedBy: [RULE1],
    }));
  }
  const closeNs = connectNs + msToNs(3000 + rng.between(40, 60));
  items.push(kprobeItem(curl, closeNs, {
    functionName: 'tcp_close', policyName: CONNECT_POLICY,
    args: [tcpSockArg({ saddr: client.ip, daddr: replica.ip, sport, dport: DEATHSTAR_SERVICE.port, cookie, state: 'TCP_SYN_SENT' })],
  }));
  const endNs = closeNs + msToNs(rng.between(0.3, 0.8));
  items.push(exitItem(curl, endNs, { status: CURL_COULDNT_CONNECT }));
  return { items, curl, requestNs: connectNs, endNs };
}
