import { describe, expect, it } from 'vitest';
import { DEATHSTAR_W2, TIEFIGHTER } from '@/lib/agent/sources/scenario/cluster';
import {
  DEATH_STAR_CYCLE_SECONDS, DEATH_STAR_INCIDENT_OFFSET_SECONDS, deathStarRunningProcesses, deathStarScenario,
  type ScenarioItem,
} from '@/lib/agent/sources/scenario/death-star';
import { execs, isHubble, isTetragon, type TetragonItem } from '@/lib/agent/sources/scenario/event-lookup';
import type { ProcessJson } from '@/lib/domain/wire-types';

const BASE = 1_795_334_400_000_000_000n;
const S = 1_000_000_000n;
const T = BASE + BigInt(DEATH_STAR_INCIDENT_OFFSET_SECONDS) * S;
const items = deathStarScenario({ baseNs: BASE });

const inPod = (pod: string) => (i: TetragonItem) => i.json.process_exec?.process?.pod?.name === pod;
function only<X>(xs: X[], what: string): X {
  expect(xs, what).toHaveLength(1);
  return xs[0]!;
}
const proc = (i: TetragonItem): ProcessJson => i.json.process_exec!.process!;
const secondsAfterT = (i: ScenarioItem) => Number(i.timeNs - T) / 1e9;
const kprobes = (execId: string) => items.filter(isTetragon).filter((i) => i.json.process_kprobe?.process?.exec_id === execId);
const exitsOf = (execId: string) => items.filter(isTetragon).filter((i) => i.json.process_exit?.process?.exec_id === execId);

const attackerShell = only(execs(items, '/bin/sh').filter(inPod(TIEFIGHTER.name)), 'shells in tiefighter');
const shellId = proc(attackerShell).exec_id!;

describe('step 1: kubectl exec into tiefighter', () => {
  it('runs /bin/sh without arguments under the host shim on kind-worker, at T', () => {
    const sh = proc(attackerShell);
    expect(secondsAfterT(attackerShell)).toBeGreaterThanOrEqual(0);
    expect(secondsAfterT(attackerShell)).toBeLessThan(0.5);
    expect(attackerShell.json.node_name).toBe('kind-worker');
    expect(sh).not.toHaveProperty('arguments');
    expect(sh.pod?.namespace).toBe('default');
    expect(sh.pod?.container?.name).toBe('spaceship');
    const parent = attackerShell.json.process_exec!.parent!;
    expect(parent.binary).toBe('/usr/bin/containerd-shim-runc-v2');
    expect(parent).not.toHaveProperty('pod');
    expect(parent.ns?.pid?.is_host).toBe(true);
    expect(sh.parent_exec_id).toBe(parent.exec_id);
  });
});

describe('step 2: cat /etc/shadow', () => {
  it('execs cat under the shell at T+6s, with openat and security_file_permission kprobes and an exit', () => {
    const cat = only(execs(items, '/usr/bin/cat'), 'cat execs');
    expect(proc(cat).arguments).toBe('/etc/shadow');
    expect(proc(cat).parent_exec_id).toBe(shellId);
    expect(secondsAfterT(cat)).toBeCloseTo(6, 0);
    // Issue 15 added the openat syscall kprobe (deploy/tetragon/falco-file-open.yaml) before the read.
    const [open, read] = kprobes(proc(cat).exec_id!).map((k) => k.json.process_kprobe!);
    expect(kprobes(proc(cat).exec_id!)).toHaveLength(2);
    expect(open!.function_name).toBe('__x64_sys_openat');
    expect(open!.args).toEqual([{ int_arg: -100 }, { string_arg: '/etc/shadow' }, { int_arg: 0 }]);
    expect(open!.return).toEqual({ int_arg: 3 });
    const probe = read!;
    expect(probe.function_name).toBe('security_file_permission');
    expect(probe.policy_name).toBe('sensitive-files');
    expect(probe.action).toBe('KPROBE_ACTION_POST');
    expect(probe.args).toEqual([{ file_arg: { path: '/etc/shadow', permission: '-rw-r-----' } }, { int_arg: 4 }]);
    expect(exitsOf(proc(cat).exec_id!)).toHaveLength(1);
  });
});

describe('step 3: curl -XPUT …/v1/exhaust-port', () => {
  const curl = only(
    execs(items, '/usr/bin/curl').filter((i) => proc(i).arguments?.includes('exhaust-port')),
    'exhaust-port curls',
  );
  const connect = kprobes(proc(curl).exec_id!).find((i) => i.json.process_kprobe?.function_name === 'tcp_connect')!;
  const sock = connect.json.process_kprobe!.args![0]!.sock_arg!;
  const flows = items.filter(isHubble).map((i) => i.json.flow!);

  it('is exec’d by the attacker shell at T+15s and connects to the kind-worker2 replica', () => {
    expect(proc(curl).arguments).toBe('-s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port');
    expect(proc(curl).parent_exec_id).toBe(shellId);
    expect(secondsAfterT(curl)).toBeCloseTo(15, 1);
    expect(connect.json.process_kprobe?.policy_name).toBe('connect');
    expect(sock).toMatchObject({
      family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', saddr: TIEFIGHTER.ip, daddr: DEATHSTAR_W2.ip,
      dport: 80, state: 'TCP_SYN_SENT',
    });
    expect(sock.cookie).toMatch(/^\d+$/);
  });

  it('resolves the service through kube-dns and leaves kind-worker towards kind-worker2', () => {
    const dns = flows.filter((f) => f.l7?.dns && f.source?.pod_name === 'tiefighter' && f.time! >= curl.json.time! && f.time! < connect.json.time!);
    expect(dns.map((f) => f.l7?.type)).toEqual(['REQUEST']);
    expect(dns[0]!.l7!.dns!.query).toBe('deathstar.default.svc.cluster.local.');
    expect(dns[0]!.destination_service).toEqual({ name: 'kube-dns', namespace: 'kube-system' });
    const egress = only(flows.filter((f) => f.node_name === 'kind-worker' && f.l4?.TCP?.source_port === sock.sport && f.Type === 'L3_L4'), 'egress');
    expect(egress).toMatchObject({ traffic_direction: 'EGRESS', verdict: 'FORWARDED', IP: { destination: DEATHSTAR_W2.ip } });
    expect(egress.l4?.TCP?.flags).toEqual({ SYN: true });
  });

  it('shows one PUT /v1/exhaust-port L7 flow at the replica’s ingress, answered 500 at about T+15.25s', () => {
    const url = 'http://deathstar.default.svc.cluster.local/v1/exhaust-port';
    const request = only(flows.filter((f) => f.l7?.http?.url === url && f.l7.type === 'REQUEST'), 'PUT requests');
    expect(request).toMatchObject({
      verdict: 'FORWARDED', Type: 'L7', node_name: 'kind-worker2', traffic_direction: 'INGRESS', is_reply: false,
      event_type: { type: 129 },
      source: { namespace: 'default', pod_name: 'tiefighter', labels: ['k8s:class=tiefighter', 'k8s:io.kubernetes.pod.namespace=default', 'k8s:org=empire'] },
      destination: { pod_name: DEATHSTAR_W2.name, workloads: [{ name: 'deathstar', kind: 'Deployment' }] },
      destination_service: { name: 'deathstar', namespace: 'default' },
      l7: { http: { method: 'PUT', protocol: 'HTTP/1.1' } },
      l4: { TCP: { source_port: sock.sport, destination_port: 80 } },
      Summary: `HTTP/1.1 PUT ${url}`,
    });
    expect(request.ingress_allowed_by).toEqual([expect.objectContaining({ name: 'rule1', kind: 'CiliumNetworkPolicy' })]);
    const response = only(items.filter(isHubble).filter((i) => i.json.flow?.l7?.http?.url === url && i.json.flow.l7.type === 'RESPONSE'), 'responses');
    expect(response.json.flow).toMatchObject({ is_reply: true, node_name: 'kind-worker2', l7: { http: { code: 500 } } });
    expect(response.json.flow!.l7!.latency_ns).toMatch(/^\d+$/);
    expect(secondsAfterT(response)).toBeCloseTo(15.25, 1);
  });
});

describe('step 4: the handler truncates the log and kills the server', () => {
  const w2 = execs(items).filter(inPod(DEATHSTAR_W2.name));
  const handler = only(w2.filter((i) => proc(i).binary === '/bin/sh'), 'shells in deathstar');
  const killed = handler.json.process_exec!.parent!;

  it('spawns /bin/sh -c "…" from /usr/bin/deathstar (pid 1) at T+15.2s on kind-worker2', () => {
    expect(proc(handler).arguments).toBe('-c "truncate -s 0 /var/log/deathstar/access.log; /usr/bin/kill -9 1"');
    expect(secondsAfterT(handler)).toBeCloseTo(15.2, 1);
    expect(handler.json.node_name).toBe('kind-worker2');
    expect(killed.binary).toBe('/usr/bin/deathstar');
    expect(killed.pod?.container?.pid).toBe(1);
  });

  it('truncates the access log, with the log-tamper kprobe', () => {
    const truncate = only(w2.filter((i) => proc(i).binary === '/usr/bin/truncate'), 'truncates');
    expect(proc(truncate).arguments).toBe('-s 0 /var/log/deathstar/access.log');
    expect(proc(truncate).parent_exec_id).toBe(proc(handler).exec_id);
    const probe = only(kprobes(proc(truncate).exec_id!), 'truncate kprobes').json.process_kprobe!;
    expect(probe).toMatchObject({ function_name: 'security_path_truncate', policy_name: 'log-tamper', action: 'KPROBE_ACTION_POST' });
    expect(probe.args).toEqual([{ path_arg: { path: '/var/log/deathstar/access.log' } }]);
    expect(exitsOf(proc(truncate).exec_id!)).toHaveLength(1);
  });

  it('runs /usr/bin/kill -9 1 — the flag — with the deathstar’s pod, labels and capabilities', () => {
    const kill = only(execs(items, '/usr/bin/kill'), 'kill execs');
    const p = proc(kill);
    expect(p.arguments).toBe('-9 1');
    expect(kill.json.node_name).toBe('kind-worker2');
    expect(p.pod).toMatchObject({
      namespace: 'default', name: DEATHSTAR_W2.name, pod_labels: { org: 'empire', class: 'deathstar' },
      workload: 'deathstar', workload_kind: 'Deployment',
      container: { name: 'deathstar', image: { name: 'quay.io/cilium/starwars:v2.1' } },
    });
    expect(p.pod?.container?.id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(p.docker).toBe(p.pod!.container!.id!.slice('containerd://'.length, 'containerd://'.length + 15));
    expect(p.cap?.effective).toEqual(expect.arrayContaining(['CAP_SYS_ADMIN', 'CAP_NET_ADMIN']));
    expect(p).toMatchObject({ uid: 0, auid: 4294967295, start_time: kill.json.time });
    expect(p.parent_exec_id).toBe(proc(handler).exec_id);
    expect(kill.json.process_exec?.parent?.binary).toBe('/bin/sh');
    expect(kill.json.process_exec?.parent?.parent_exec_id).toBe(killed.exec_id);
    const exit = only(exitsOf(p.exec_id!), 'kill exits').json.process_exit!;
    expect(exit).not.toHaveProperty('status');
    expect(exit).not.toHaveProperty('signal');
  });

  it('ends /usr/bin/deathstar with SIGKILL, then the shell', () => {
    const death = only(exitsOf(killed.exec_id!), 'deathstar exits');
    expect(death.json.process_exit?.signal).toBe('SIGKILL');
    expect(death.json.node_name).toBe('kind-worker2');
    const shellExit = only(exitsOf(proc(handler).exec_id!), 'handler exits');
    expect(shellExit.timeNs > death.timeNs).toBe(true);
  });
});

describe('step 5: the container restarts', () => {
  const restarts = execs(items, '/usr/bin/deathstar');
  const restart = only(restarts, 'deathstar execs');

  it('execs a new /usr/bin/deathstar as pid 1 of a new container in the same pod at T+16s', () => {
    const killed = only(execs(items, '/bin/sh').filter(inPod(DEATHSTAR_W2.name)), 'handler').json.process_exec!.parent!;
    const p = proc(restart);
    expect(secondsAfterT(restart)).toBeCloseTo(16, 0);
    expect(p.exec_id).not.toBe(killed.exec_id);
    expect(p.pod?.name).toBe(DEATHSTAR_W2.name);
    expect(p.pod?.container?.pid).toBe(1);
    expect(p.pod?.container?.id).not.toBe(killed.pod?.container?.id);
    expect(p.parent_exec_id).toBe(killed.parent_exec_id);
    expect(restart.json.process_exec?.parent?.binary).toBe('/usr/bin/containerd-shim-runc-v2');
  });

  it('is the server the next loop’s handler is spawned from', () => {
    const next = deathStarScenario({ baseNs: BASE + BigInt(DEATH_STAR_CYCLE_SECONDS) * S, loop: 1 });
    const nextHandler = only(execs(next, '/bin/sh').filter(inPod(DEATHSTAR_W2.name)), 'next handler');
    expect(nextHandler.json.process_exec?.parent).toEqual(proc(restart));
    const runningNext = deathStarRunningProcesses({ baseNs: BASE + BigInt(DEATH_STAR_CYCLE_SECONDS) * S, loop: 1 });
    expect(runningNext).toContainEqual(proc(restart));
  });

  const touchesW2 = (i: ScenarioItem) =>
    isHubble(i) && (i.json.flow?.source?.pod_name === DEATHSTAR_W2.name || i.json.flow?.destination?.pod_name === DEATHSTAR_W2.name);

  it('lets background traffic reach the replica again afterwards', () => {
    const after = items.filter((i) => i.timeNs > T + 17n * S && touchesW2(i));
    expect(after.some((i) => isHubble(i) && i.json.flow?.l7?.http?.code === 200)).toBe(true);
  });

  it('keeps the replica out of background traffic while it is down', () => {
    const put = items.filter(isHubble).find((i) => i.json.flow?.l7?.http?.method === 'PUT')!;
    const incidentPort = put.json.flow!.l4!.TCP!.source_port;
    const during = items.filter((i) => i.timeNs > T + 15_210_000_000n && i.timeNs < T + 16n * S && touchesW2(i));
    expect(during.length).toBeGreaterThan(0); // the 500 and the close of the incident's own connection
    for (const i of during) {
      const tcp = isHubble(i) ? i.json.flow?.l4?.TCP : undefined;
      expect([tcp?.source_port, tcp?.destination_port]).toContain(incidentPort);
    }
  });
});
