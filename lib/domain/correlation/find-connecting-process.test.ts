import { describe, expect, it } from 'vitest';
import { PODS, execEvent, fileEvent, proc, sockEvent } from '@/lib/domain/ancestry/testing/fixtures';
import { findConnectingProcess } from '@/lib/domain/correlation/find-connecting-process';
import { flowBetweenPods } from '@/lib/domain/correlation/testing/flow-fixtures';

const TF = '10.244.1.17';
const DS = '10.244.2.31';
const CLUSTER_IP = '10.96.12.4';
const curl = proc({ pid: 32460, binary: '/usr/bin/curl', startMs: 15_000, pod: PODS.tiefighter });
const other = proc({ pid: 32470, binary: '/usr/bin/wget', startMs: 15_000, pod: PODS.tiefighter });
const tiefighter = { pod: PODS.tiefighter, ip: TF, port: 45200 };
const deathstar = { pod: PODS.deathstar, ip: DS, port: 80 };
// The L7 PUT as Hubble saw it at the deathstar's node.
const put = flowBetweenPods(tiefighter, deathstar, { atMs: 15_020, node: 'kind-worker2', direction: 'INGRESS' });
const connect = (p = curl, over: Partial<Parameters<typeof sockEvent>[1]> = {}) =>
  sockEvent(p, { atMs: 15_009, saddr: TF, sport: 45200, daddr: DS, dport: 80, ...over });

describe('findConnectingProcess', () => {
  it('finds the curl that connected, from a flow observed on the destination node', () => {
    const ev = connect();
    const found = findConnectingProcess(put, [execEvent(curl), fileEvent(curl, { atMs: 15_001, path: '/etc/hosts' }), ev]);
    expect(found).toMatchObject({ match: 'exact', deltaMs: -11, reason: 'same 5-tuple' });
    expect(found?.event).toBe(ev);
    expect(found!.score).toBeGreaterThan(0.9);
  });

  it('lets the exact 5-tuple win over a nearer event on another connection', () => {
    const exact = connect(curl, { atMs: 12_000 });
    const nearerOtherPort = connect(other, { atMs: 15_019, sport: 45201 }); // another socket
    const nearerOtherDport = connect(other, { atMs: 15_019, dport: 8080 }); // same peer, other port: not this connection
    const nearerTranslated = connect(other, { atMs: 15_019, daddr: CLUSTER_IP }); // weaker reading of the same ports
    expect(findConnectingProcess(put, [nearerOtherPort, nearerOtherDport, nearerTranslated, exact])?.event).toBe(exact);
    expect(findConnectingProcess(put, [nearerOtherPort, nearerOtherDport])).toBeNull();
  });

  it('matches through Service translation: the kernel saw the ClusterIP, Hubble the pod', () => {
    const viaService = connect(curl, { daddr: CLUSTER_IP });
    expect(findConnectingProcess(put, [viaService])).toMatchObject({ match: 'service-translated', event: viaService });
    // a Service whose targetPort differs from its port: only the client side is left to match on
    const retargeted = connect(curl, { daddr: CLUSTER_IP, dport: 8080 });
    expect(findConnectingProcess(put, [retargeted])).toMatchObject({ match: 'client-port' });
  });

  it('answers null outside the time window', () => {
    expect(findConnectingProcess(put, [connect(curl, { atMs: 9_000 })])).toBeNull();
    expect(findConnectingProcess(put, [connect(curl, { atMs: 9_000 })], { windowMs: 10_000 })).not.toBeNull();
    expect(findConnectingProcess(put, [connect(curl, { atMs: 15_500 })], { windowMs: 100 })).toBeNull();
  });

  it('swaps the sides of reply flows', () => {
    const ev = connect();
    const reply = flowBetweenPods(deathstar, tiefighter, { atMs: 15_030, isReply: true, node: 'kind-worker2', direction: 'INGRESS' });
    expect(findConnectingProcess(reply, [ev])?.event).toBe(ev);
    // read as a request, deathstar:80 would be the client: no match
    expect(findConnectingProcess({ ...reply, isReply: false }, [ev])).toBeNull();
    // unknown: both readings are tried
    expect(findConnectingProcess({ ...reply, isReply: null }, [ev])?.event).toBe(ev);
  });

  it('keeps to the client node when the flow tells it (EGRESS), Relay "cluster/node" names included', () => {
    const ev = connect(); // on kind-worker
    const egressElsewhere = flowBetweenPods(tiefighter, deathstar, { atMs: 15_020, node: 'empire/kind-worker2', direction: 'EGRESS' });
    expect(findConnectingProcess(egressElsewhere, [ev])).toBeNull();
    const egressHere = { ...egressElsewhere, node: 'empire/kind-worker' };
    expect(findConnectingProcess(egressHere, [ev])?.event).toBe(ev);
    expect(findConnectingProcess(put, [ev], { sourceNode: 'kind-worker3' })).toBeNull();
  });

  it('prefers the connect over a sendmsg or close on the same socket', () => {
    const sendmsg = connect(curl, { atMs: 15_019, functionName: 'tcp_sendmsg' });
    const close = connect(curl, { atMs: 15_021, functionName: 'tcp_close' });
    const conn = connect(curl, { atMs: 15_009 });
    expect(findConnectingProcess(put, [close, sendmsg, conn])?.event).toBe(conn);
    expect(findConnectingProcess(put, [close, sendmsg])?.event).toBe(sendmsg);
  });

  it('does not match a UDP flow with a TCP socket', () => {
    const dns = flowBetweenPods({ ...tiefighter, port: 45200 }, { ...deathstar, port: 80 }, { atMs: 15_020, protocol: 'UDP' });
    expect(findConnectingProcess(dns, [connect()])).toBeNull();
    expect(findConnectingProcess(dns, [connect(curl, { protocol: 'IPPROTO_UDP', functionName: 'udp_sendmsg' })])).not.toBeNull();
  });
});
