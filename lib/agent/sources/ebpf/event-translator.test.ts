import { describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { SourceLine } from '../source';
import { execIdOf } from './exec-id';
import { fixtureTranslator, HOST_NETNS, HOST_NS, procEntry, taskLine, translate } from './testing/translator-fixture';

// Recorded shapes of real bpftrace output (see bpftrace-script.ts), `N` standing for the nonce.
const TIEFIGHTER = {
  netns: '/run/netns/tiefighter', namespace: 'default', name: 'tiefighter', labels: { org: 'empire', class: 'tiefighter' },
  workload: 'tiefighter', workload_kind: 'Pod', container: { name: 'spaceship', id: '0ed7f0a2f9f425f0aa', image: 'quay.io/cilium/json-mock:v1.3.8' },
  ip: '10.244.0.20',
};
const DEATHSTAR = {
  netns: 4026532600, namespace: 'default', name: 'deathstar-1', labels: { org: 'empire', class: 'deathstar' },
  workload: 'deathstar', workload_kind: 'Deployment', container: { name: 'deathstar', id: 'containerd://61d987bc2b2c', image: 'quay.io/cilium/starwars:v2.1' },
  ip: '10.244.0.10',
};

const tetragon = (lines: SourceLine[]) => lines.filter((l) => l.stream === 'tetragon').map((l) => l.json as TetragonEventJson);
const flows = (lines: SourceLine[]) => lines.filter((l) => l.stream === 'hubble').map((l) => (l.json as HubbleFlowJson).flow!);

// Every line must fit the wire schema, exactly as the agent encodes it.
function encodable(lines: SourceLine[]): void {
  for (const l of lines) expect(() => AgentBus.encode(l.stream, l.json, 0)).not.toThrow();
}

describe('bpftrace records → Tetragon and Hubble JSON', () => {
  it('turns execve argv + sched_process_exec into a process_exec with parent, pod and exec ids', () => {
    const t = fixtureTranslator([TIEFIGHTER], [procEntry({ pid: 500, ppid: 1, exe: '/bin/sh', argv: ['/bin/sh'], netns: 4026532500 })]);
    const out = translate(
      t,
      `
NF\t500\t501\t1000000100000
NA\t501\t0\tcurl
NA\t501\t1\t-s
NA\t501\t2\t-XPUT
NA\t501\t3\thttp://deathstar/v1/exhaust-port
NB\t501\t4\t/usr/bin/curl
NE\t501\t501\t500\t1000000200000\t0\t4294967295\t4026532500\t/usr/bin/curl`.replace('N\tF', 'NF'),
    );
    encodable(out);
    const [exec] = tetragon(out).filter((e) => e.process_exec?.process?.pid === 501);
    const sh = tetragon(out).find((e) => e.process_exec?.process?.pid === 500)!;
    expect(sh.process_exec!.process!.flags).toBe('procFS rootcwd');
    expect(exec).toMatchObject({
      node_name: 'kind-worker',
      time: '2026-11-22T09:00:00.000200Z',
      process_exec: {
        process: {
          exec_id: execIdOf('kind-worker', 1000000200000n, 501),
          pid: 501,
          uid: 0,
          binary: '/usr/bin/curl',
          arguments: '-s -XPUT http://deathstar/v1/exhaust-port',
          flags: 'execve rootcwd clone',
          start_time: '2026-11-22T09:00:00.000200Z',
          auid: 4294967295,
          parent_exec_id: execIdOf('kind-worker', 5_000_000_000n, 500),
          pod: { namespace: 'default', name: 'tiefighter', pod_labels: { org: 'empire', class: 'tiefighter' }, workload: 'tiefighter', container: { id: 'containerd://0ed7f0a2f9f425f0aa', name: 'spaceship' } },
          docker: '0ed7f0a2f9f425f',
        },
        parent: { pid: 500, binary: '/bin/sh' },
      },
    });
  });

  it("fills a pod process's pid in its container, capabilities and namespaces from the task record", () => {
    const t = fixtureTranslator([DEATHSTAR], [procEntry({ pid: 880, ppid: 1, exe: '/usr/bin/containerd-shim-runc-v2' })]);
    const ns = { pid: 4026532179, pid_for_children: 4026532179, mnt: 4026532177, uts: 4026532180, ipc: 4026532181 };
    // The shim's child becomes pid 1 of a new pid namespace and execs the server; the server's
    // handler forks a shell (pid 7 in there). The bounding set kept NET_ADMIN and SYS_ADMIN.
    const caps = { capEff: 'a82435fb', capPrm: 'a82435fb', capInh: '0' };
    const out = translate(
      t,
      `
NF\t880\t900\t1000000100000
${taskLine(900, { nspid: 1, ns, ...caps })}
NE\t900\t900\t880\t1000000100100\t0\t4294967295\t4026532600\t/usr/bin/deathstar
NF\t900\t906\t1000000100200
${taskLine(906, { nspid: 7, ns, ...caps })}
NE\t906\t906\t900\t1000000100300\t0\t4294967295\t4026532600\t/bin/sh
${taskLine(907)}
NE\t907\t907\t880\t1000000100400\t0\t4294967295\t${HOST_NETNS}\t/usr/bin/runc`,
    );
    encodable(out);
    const exec = (pid: number) => tetragon(out).find((e) => e.process_exec?.process?.pid === pid)!.process_exec!;
    const deathstar = exec(900);
    expect(deathstar.process!.pod!.container!.pid).toBe(1);
    expect(deathstar.parent!.binary).toBe('/usr/bin/containerd-shim-runc-v2');
    expect(deathstar.process!.cap!.effective).toEqual(expect.arrayContaining(['CAP_NET_ADMIN', 'CAP_SYS_ADMIN', 'CAP_KILL']));
    expect(deathstar.process!.cap!.effective).not.toContain('CAP_SYS_MODULE');
    expect(deathstar.process!.ns).toMatchObject({ pid: { inum: 4026532179 }, net: { inum: 4026532600 }, user: { inum: HOST_NS.user, is_host: true } });
    expect(deathstar.process!.ns!.pid!.is_host).toBeUndefined();
    const sh = exec(906);
    expect(sh.process!.pod!.container!.pid).toBe(7);
    expect(sh.parent!.pod!.container!.pid).toBe(1);
    // A host process carries neither pod nor the (full, noisy) host capability set.
    const runc = exec(907).process!;
    expect(runc.pod).toBeUndefined();
    expect(runc.cap).toBeUndefined();
    expect(runc.ns).toBeUndefined();
  });

  it('asks /proc for the pid in the container when the task record was lost', () => {
    const t = fixtureTranslator([DEATHSTAR], [], new Map([[930, 4]]));
    const out = translate(t, 'NE\t930\t930\t1\t1000000100100\t0\t4294967295\t4026532600\t/usr/bin/curl\nNE\t931\t931\t1\t1000000100200\t0\t4294967295\t4026532600\t/usr/bin/curl');
    encodable(out);
    const [a, b] = tetragon(out).map((e) => e.process_exec!.process!);
    expect(a!.pod!.container!.pid).toBe(4);
    expect(a!.cap).toBeUndefined();
    expect(b!.pod!.container).not.toHaveProperty('pid'); // gone before we looked: unknown, not guessed
  });

  it("gives a clone in a pod its own pid in the container (from /proc), never its parent's", () => {
    const ns = { pid: 4026532179, pid_for_children: 4026532179 };
    const t = fixtureTranslator([DEATHSTAR], [], new Map([[911, 12]]));
    const out = translate(
      t,
      `
${taskLine(900, { nspid: 1, ns })}
NE\t900\t900\t1\t1000000100100\t0\t4294967295\t4026532600\t/usr/bin/deathstar
NF\t900\t911\t1000000100200
NF\t900\t912\t1000000100300
NO\t911\t1000000100400\t3\t0\t/etc/shadow
NO\t912\t1000000100500\t3\t0\t/etc/shadow`,
    );
    encodable(out);
    const clones = tetragon(out).filter((e) => e.process_exec?.process?.flags === 'clone').map((e) => e.process_exec!.process!);
    expect(clones.map((p) => [p.pid, p.pod?.container?.pid])).toEqual([[911, 12], [912, undefined]]);
    expect(clones[0]!.ns!.pid).toEqual({ inum: 4026532179 });
  });

  it('fills the same pod fields for a process found running in /proc', () => {
    const ns = { ...HOST_NS, pid: 4026532179, pid_for_children: 4026532179, net: 4026532500 };
    const t = fixtureTranslator([TIEFIGHTER]);
    const out: SourceLine[] = [];
    const caps = { effective: 0xa80425fbn, permitted: 0xa80425fbn, inheritable: 0n };
    t.seed([procEntry({ pid: 4400, ppid: 1, exe: '/bin/sh', netns: 4026532500, nspid: 1, ns, caps })], out);
    encodable(out);
    const p = tetragon(out)[0]!.process_exec!.process!;
    expect(p.pod!.container!.pid).toBe(1);
    expect(p.cap!.effective).toContain('DAC_OVERRIDE');
    expect(p.ns!.pid).toEqual({ inum: 4026532179 });
    expect(p.ns!.mnt).toEqual({ inum: HOST_NS.mnt, is_host: true });
  });

  it('reports the exit signal and status from the kernel exit code', () => {
    const t = fixtureTranslator([], [procEntry({ pid: 700, ppid: 1 }), procEntry({ pid: 701, ppid: 1 })]);
    translate(t, 'NE\t700\t700\t1\t1000000000001\t0\t0\t4026531833\t/usr/bin/sleep\nNE\t701\t701\t1\t1000000000002\t0\t0\t4026531833\t/bin/sh');
    const out = translate(t, 'NX\t700\t1000000000009\t9\t9\nNX\t701\t1000000000010\t768\t768');
    encodable(out);
    const exits = tetragon(out).map((e) => e.process_exit!);
    expect(exits[0]).toMatchObject({ signal: 'SIGKILL', process: { binary: '/usr/bin/sleep' } });
    expect(exits[0]!.status).toBeUndefined();
    expect(exits[1]).toMatchObject({ status: 3, process: { binary: '/bin/sh' } });
  });

  it('attributes a TCP connection to the process that called connect, not whoever ran the softirq', () => {
    const t = fixtureTranslator([TIEFIGHTER, DEATHSTAR], [procEntry({ pid: 501, ppid: 1, exe: '/usr/bin/curl', netns: 4026532500 }), procEntry({ pid: 900, ppid: 1, exe: '/usr/bin/python3', netns: 4026532600 })]);
    const out = translate(
      t,
      `
NS\t900\t1000000001000\tffff888105985c80\t2\t1\t2\t10.244.0.20\t10.244.0.10\t59016\t80\t4026532500
NC\t501\t1000000001100\tffff888105985c80\t2\t10.244.0.20\t10.244.0.10\t59016\t80\t4026532500
NS\t501\t1000000001200\tffff888100000000\t3\t1\t2\t10.244.0.10\t10.244.0.20\t80\t59016\t4026532600
NK\t900\t1000000001300\tffff888100000000\t2\t10.244.0.10\t10.244.0.20\t80\t59016\t4026532600
NS\t42\t1000000009000\tffff888105985c80\t4\t7\t2\t10.244.0.20\t10.244.0.10\t59016\t80\t4026532500`,
    );
    encodable(out);
    const kprobes = tetragon(out).filter((e) => e.process_kprobe).map((e) => e.process_kprobe!);
    expect(kprobes.map((k) => [k.function_name, k.process?.pid])).toEqual([['tcp_connect', 501], ['inet_csk_accept', 900], ['tcp_close', 501]]);
    expect(kprobes[0]!.args![0]!.sock_arg).toEqual({
      family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', saddr: '10.244.0.20', daddr: '10.244.0.10', sport: 59016, dport: 80,
      cookie: BigInt('0xffff888105985c80').toString(), state: 'TCP_SYN_SENT',
    });
    const f = flows(out);
    expect(f.map((x) => x.Summary)).toEqual(['TCP Flags: SYN', 'TCP Flags: SYN, ACK', 'TCP Flags: ACK', 'TCP Flags: ACK, FIN']);
    expect(f[0]).toMatchObject({
      verdict: 'FORWARDED', Type: 'L3_L4', IP: { source: '10.244.0.20', destination: '10.244.0.10', ipVersion: 'IPv4' },
      l4: { TCP: { source_port: 59016, destination_port: 80, flags: { SYN: true } } },
      source: { pod_name: 'tiefighter', namespace: 'default', labels: ['k8s:class=tiefighter', 'k8s:io.kubernetes.pod.namespace=default', 'k8s:org=empire'] },
      destination: { pod_name: 'deathstar-1', workloads: [{ name: 'deathstar', kind: 'Deployment' }] },
      traffic_direction: 'EGRESS', is_reply: false,
    });
    expect(f[1]).toMatchObject({ is_reply: true, IP: { source: '10.244.0.10', destination: '10.244.0.20' } });
  });

  it('turns opens, truncations and unlinks of watched paths into file kprobes', () => {
    const t = fixtureTranslator([], [procEntry({ pid: 610, ppid: 1, exe: '/usr/bin/cat' }), procEntry({ pid: 611, ppid: 1, exe: '/usr/bin/truncate' })]);
    const out = translate(
      t,
      `
NO\t610\t1000000002000\t3\t0\t/etc/shadow
NO\t611\t1000000002100\t3\t2113\t/var/log/deathstar/access.log
Nt\t611\t1000000002200\t3
NT\t611\t1000000002300\t0\t0\t/var/log/other.log
NU\t611\t1000000002400\t0\t0\t/var/log/old.log
NO\t610\t1000000002500\t-13\t0\t/etc/sudoers`,
    );
    encodable(out);
    // Issue 15: each successful open is also reported as the openat syscall (flags, returned fd).
    const all = tetragon(out).filter((e) => e.process_kprobe).map((e) => e.process_kprobe!);
    expect(all.filter((x) => x.function_name === '__x64_sys_openat').map((x) => [x.args?.[1]?.string_arg, x.args?.[2]?.int_arg, x.return?.int_arg])).toEqual([
      ['/etc/shadow', 0, 3],
      ['/var/log/deathstar/access.log', 2113, 3],
    ]);
    const k = all.filter((x) => x.function_name !== '__x64_sys_openat');
    expect(k.map((x) => [x.function_name, x.args?.[0]?.file_arg?.path ?? x.args?.[0]?.path_arg?.path, x.args?.[1]?.int_arg])).toEqual([
      ['security_file_permission', '/etc/shadow', 4],
      ['security_file_permission', '/var/log/deathstar/access.log', 2],
      ['security_path_truncate', '/var/log/deathstar/access.log', undefined],
      ['security_path_truncate', '/var/log/other.log', undefined],
      ['security_path_unlink', '/var/log/old.log', undefined],
    ]);
    expect(k[0]!.args![0]!.file_arg!.permission).toBe('-rw-r-----');
  });

  it('makes L7 flows of HTTP requests and responses, with latency', () => {
    const t = fixtureTranslator([TIEFIGHTER, DEATHSTAR]);
    const out = translate(
      t,
      `
NH\t501\t1000000003000\tffff888105985c80\t2\t10.244.0.20\t10.244.0.10\t59016\t80\t4026532500\tPUT /v1/exhaust-port HTTP/1.1\r
Host: deathstar.default.svc.cluster.local\r
NH\t900\t1000000004000\tffff888100000000\t2\t10.244.0.10\t10.244.0.20\t80\t59016\t4026532600\tHTTP/1.0 500 Internal Server Error\r`,
    );
    encodable(out);
    const [req, res] = flows(out);
    expect(req).toMatchObject({
      Type: 'L7', verdict: 'FORWARDED',
      l7: { type: 'REQUEST', http: { method: 'PUT', url: 'http://deathstar.default.svc.cluster.local/v1/exhaust-port', protocol: 'HTTP/1.1' } },
      source: { pod_name: 'tiefighter' }, destination: { pod_name: 'deathstar-1' },
      Summary: 'HTTP/1.1 PUT http://deathstar.default.svc.cluster.local/v1/exhaust-port',
    });
    expect(res).toMatchObject({ l7: { type: 'RESPONSE', latency_ns: '1000', http: { code: 500, method: 'PUT' } }, is_reply: true });
  });

  it('makes DROPPED flows of kernel drops, netfilter drops as POLICY_DENIED', () => {
    const t = fixtureTranslator([DEATHSTAR, { ...TIEFIGHTER, name: 'xwing', ip: '10.244.0.30', labels: { org: 'alliance', class: 'xwing' } }]);
    const out = translate(t, 'ND\t1000000005000\t12\t2\t10.244.0.30\t10.244.0.10\t6\t40000\t80\t2\t4026532600\nND\t1000000005100\t3\t2\t127.0.0.1\t127.0.0.1\t6\t46384\t1\t2\t4026531833');
    encodable(out);
    const [policy, nosock] = flows(out);
    expect(policy).toMatchObject({
      verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED', event_type: { type: 1, sub_type: 133 },
      source: { pod_name: 'xwing' }, destination: { pod_name: 'deathstar-1' }, l4: { TCP: { source_port: 40000, destination_port: 80, flags: { SYN: true } } },
      Summary: 'TCP Flags: SYN (kernel drop reason NETFILTER_DROP)',
    });
    expect(nosock!.drop_reason_desc).toBeUndefined();
    expect(nosock!.Summary).toContain('NO_SOCKET');
    expect(nosock!.source).toEqual({ identity: 1, labels: ['reserved:host'] });
  });

  it("forwards bpftrace's lost events upstream on both streams", () => {
    const out = translate(fixtureTranslator(), 'Lost 42 events');
    encodable(out);
    expect(out.map((l) => l.json)).toMatchObject([
      { rate_limit_info: { number_of_dropped_process_events: '42' } },
      { lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '42' } },
    ]);
  });

  it("skips the agent's own gRPC port", () => {
    const out = translate(fixtureTranslator(), `NS\t1\t1000000001000\tffff8881\t2\t1\t2\t127.0.0.1\t127.0.0.1\t40000\t54321\t${HOST_NETNS}`);
    expect(out).toEqual([]);
  });
});
