import { describe, expect, it } from 'vitest';
import { describeArgument, eventDetails } from '@/lib/domain/process-context/event-details';
import type { TetragonEventJson } from '@/lib/domain/wire-types';

const killExec: TetragonEventJson = {
  process_exec: {
    process: {
      exec_id: 'a2luZC13b3JrZXIyOjEyMzo1Mg==',
      pid: 100005,
      uid: 0,
      cwd: '/',
      binary: '/usr/bin/kill',
      arguments: '-9 1',
      flags: 'execve rootcwd clone',
      start_time: '2026-11-22T09:14:15.265Z',
      auid: 4294967295,
      pod: {
        namespace: 'default',
        name: 'deathstar-6c94dcc57b-7xk2p',
        container: { id: 'containerd://61d9', name: 'deathstar', image: { id: 'quay.io/cilium/starwars@sha256:896d', name: 'quay.io/cilium/starwars:v2.1' }, start_time: '2026-11-22T07:00:00Z', pid: 16 },
        pod_labels: { org: 'empire', class: 'deathstar' },
        workload: 'deathstar',
        workload_kind: 'Deployment',
      },
      parent_exec_id: 'c2g=',
      cap: { permitted: ['CAP_KILL', 'CAP_SYS_ADMIN'], effective: ['CAP_KILL', 'CAP_SYS_ADMIN'] },
      ns: { uts: { inum: 4026532412 }, pid: { inum: 4026532421 }, net: { inum: 4026532415 }, user: { inum: 4026531837, is_host: true } },
      tid: 100005,
    },
    parent: { exec_id: 'c2g=', binary: '/bin/sh', arguments: '-c "truncate …"' },
  },
  node_name: 'kind-worker2',
  time: '2026-11-22T09:14:15.265Z',
  cluster_name: 'empire',
};

describe('eventDetails', () => {
  it('reads the kill exec the way the summary shows it', () => {
    const d = eventDetails(killExec);
    expect(d).toMatchObject({ kind: 'process_exec', node: 'kind-worker2', cluster: 'empire', exit: null, hook: null });
    expect(d.process).toMatchObject({ binary: '/usr/bin/kill', args: '-9 1', cwd: '/', uid: 0, auid: 4294967295, pid: 100005 });
    expect(d.process!.pod).toMatchObject({ workload: 'deathstar', workloadKind: 'Deployment', labels: [['class', 'deathstar'], ['org', 'empire']] });
    expect(d.process!.container).toMatchObject({ name: 'deathstar', image: 'quay.io/cilium/starwars:v2.1', pid: 16, privileged: null });
    expect(d.process!.caps!.effective).toContain('CAP_SYS_ADMIN');
    expect(d.process!.namespaces).toEqual([
      { kind: 'uts', inum: 4026532412, isHost: false },
      { kind: 'pid', inum: 4026532421, isHost: false },
      { kind: 'net', inum: 4026532415, isHost: false },
      { kind: 'user', inum: 4026531837, isHost: true },
    ]);
    expect(d.parent).toMatchObject({ binary: '/bin/sh', pod: null, caps: null, namespaces: [] });
  });

  it('reads exits and hooks', () => {
    const exit = eventDetails({ process_exit: { process: { binary: '/usr/bin/deathstar' }, signal: 'SIGKILL', time: '2026-11-22T09:14:15.3Z' }, node_name: 'n' });
    expect(exit.exit).toEqual({ signal: 'SIGKILL', status: 0, time: '2026-11-22T09:14:15.3Z' });
    const kp = eventDetails({
      process_kprobe: {
        process: { binary: '/usr/bin/curl' },
        function_name: 'tcp_connect',
        policy_name: 'connect',
        action: 'KPROBE_ACTION_POST',
        args: [{ sock_arg: { protocol: 'IPPROTO_TCP', saddr: '10.244.1.17', sport: 45200, daddr: '10.244.2.31', dport: 80, state: 'TCP_SYN_SENT', cookie: '18446623580236211840' } }],
      },
    });
    expect(kp.hook).toEqual({
      functionName: 'tcp_connect',
      policy: 'connect',
      action: 'KPROBE_ACTION_POST',
      message: '',
      tags: [],
      args: ['sock tcp 10.244.1.17:45200 → 10.244.2.31:80 TCP_SYN_SENT cookie 18446623580236211840'],
    });
    const tp = eventDetails({ process_tracepoint: { subsys: 'syscalls', event: 'sys_enter_unlinkat' } });
    expect(tp.hook!.functionName).toBe('syscalls:sys_enter_unlinkat');
    expect(tp.process).toBeNull();
  });

  it('describes every argument kind, 64-bit values as the strings they are', () => {
    expect(describeArgument({ file_arg: { path: '/etc/shadow', permission: '-rw-r-----' } })).toBe('file /etc/shadow -rw-r-----');
    expect(describeArgument({ int_arg: 4, label: 'mask' })).toBe('mask: int 4');
    expect(describeArgument({ size_arg: '18446744073709551615' })).toBe('size 18446744073709551615');
    expect(describeArgument({ path_arg: { path: '/var/log/deathstar/access.log' } })).toBe('path /var/log/deathstar/access.log');
    expect(describeArgument({ capability_arg: { name: 'CAP_SYS_ADMIN' } })).toBe('capability CAP_SYS_ADMIN');
    // An skb is described since every argument kind is (issue 14); an empty one says only "skb".
    expect(describeArgument({ skb_arg: {} })).toBe('skb');
  });
});
