import { describe, expect, it } from 'vitest';
import { compactDetail, compactEvent, compactFlow } from '@/lib/domain/compact-line';
import { summarizeEvent } from '@/lib/domain/event-summary';
import { PODS, execEvent, exitEvent, fileEvent, kprobeEvent, proc, processJson, sockEvent, stored } from '@/lib/domain/ancestry/testing/fixtures';
import type { StoredEvent } from '@/lib/domain/ancestry';

// Lines as `tetra getevents -o compact` prints them, which responders read at a glance.
const kill = proc({ pid: 52, binary: '/usr/bin/kill', args: '-9 1', pod: PODS.deathstar, node: 'kind-worker2' });
const curl = proc({ pid: 32460, binary: '/usr/bin/curl', args: '-s -XPUT deathstar/v1/exhaust-port', pod: PODS.tiefighter });
const shim = proc({ pid: 3001, binary: '/usr/bin/containerd-shim-runc-v2' });
const line = (e: StoredEvent) => {
  const c = compactEvent(e, e.event);
  return `${c.icon} ${c.verb} ${c.text}`;
};

describe('compactEvent', () => {
  it('prints exec and exit with status or signal', () => {
    expect(line(execEvent(kill))).toBe('🚀 process default/deathstar-6c94dcc57b-7xk2p /usr/bin/kill -9 1');
    expect(line(exitEvent(kill, { atMs: 1 }))).toBe('💥 exit default/deathstar-6c94dcc57b-7xk2p /usr/bin/kill -9 1 0');
    expect(line(exitEvent(kill, { atMs: 1, signal: 'SIGKILL' }))).toMatch(/ SIGKILL$/);
    expect(line(exitEvent(curl, { atMs: 1, status: 7 }))).toMatch(/ 7$/);
  });

  it('names host processes by their node', () => {
    expect(line(execEvent(shim))).toBe('🚀 process host kind-worker /usr/bin/containerd-shim-runc-v2');
  });

  it('prints socket hooks with the 4-tuple', () => {
    const t = { atMs: 1, saddr: '10.244.1.17', sport: 45200, daddr: '10.244.2.31', dport: 80 };
    expect(line(sockEvent(curl, t))).toBe('🔌 connect default/tiefighter /usr/bin/curl tcp 10.244.1.17:45200 -> 10.244.2.31:80');
    expect(line(sockEvent(curl, { ...t, functionName: 'tcp_close' }))).toMatch(/^🧹 close .* tcp 10\.244\.1\.17:45200 -> 10\.244\.2\.31:80$/);
    expect(line(sockEvent(curl, { ...t, functionName: 'tcp_sendmsg' }))).toMatch(/^📤 sendmsg /);
    expect(line(sockEvent(curl, { ...t, functionName: 'udp_sendmsg', protocol: 'IPPROTO_UDP' }))).toMatch(/ udp 10\.244/);
  });

  it('tells reads from writes by the permission mask when the upstream event is at hand', () => {
    const read = fileEvent(curl, { atMs: 1, path: '/etc/shadow' });
    expect(line(read)).toBe('📚 read default/tiefighter /usr/bin/curl /etc/shadow');
    const write = fileEvent(curl, { atMs: 1, path: '/var/log/x', mask: 2 });
    expect(line(write)).toBe('📝 write default/tiefighter /usr/bin/curl /var/log/x');
    // live items carry only the summary
    expect(compactEvent(write).verb).toBe('read');
  });

  it('maps file hooks and syscalls, with arch prefixes, to open, truncate, unlink', () => {
    const truncate = kprobeEvent(kill, { atMs: 1, functionName: 'security_path_truncate', args: [{ path_arg: { path: '/var/log/deathstar/access.log' } }] });
    expect(line(truncate)).toBe('📝 truncate default/deathstar-6c94dcc57b-7xk2p /usr/bin/kill /var/log/deathstar/access.log');
    expect(line(kprobeEvent(curl, { atMs: 1, functionName: '__x64_sys_openat', args: [{ file_arg: { path: '/etc/hosts' } }] }))).toMatch(/^📬 open .* \/etc\/hosts$/);
    expect(line(kprobeEvent(curl, { atMs: 1, functionName: 'security_path_unlink', args: [{ path_arg: { path: '/tmp/x' } }] }))).toMatch(/^🧹 unlink /);
    expect(line(kprobeEvent(curl, { atMs: 1, functionName: '__x64_sys_setuid', args: [{ int_arg: 0 }] }))).toBe('🔑 setuid default/tiefighter /usr/bin/curl');
    expect(line(kprobeEvent(curl, { atMs: 1, functionName: 'do_something_else' }))).toBe('❓ syscall default/tiefighter /usr/bin/curl do_something_else');
  });

  it('reads tracepoints and LSM hooks', () => {
    const tp = stored({ process_tracepoint: { process: processJson(kill), subsys: 'syscalls', event: 'sys_enter_unlinkat', args: [{ path_arg: { path: '/var/log/a' } }] } }, 'kind-worker2', 1);
    expect(line(tp)).toBe('🧹 unlink default/deathstar-6c94dcc57b-7xk2p /usr/bin/kill /var/log/a');
    expect(line({ ...summarizeEvent(tp.event, tp.id), event: tp.event })).toBe(line(tp));
    const lsm = stored({ process_lsm: { process: processJson(curl), function_name: 'file_open', args: [{ file_arg: { path: '/etc/shadow' } }] } }, 'kind-worker', 1);
    expect(line(lsm)).toBe('🔒 LSM default/tiefighter /usr/bin/curl file_open /etc/shadow');
  });

  it('agrees with the summary the store derives from the same line', () => {
    const ev = sockEvent(curl, { atMs: 1, saddr: '10.244.1.17', sport: 45200, daddr: '10.244.2.31', dport: 80 });
    expect(compactEvent(summarizeEvent(ev.event, ev.id), ev.event)).toEqual(compactEvent(ev, ev.event));
  });
});

describe('compactDetail', () => {
  it('gives the column beside binary and arguments what the kind adds', () => {
    expect(compactDetail(execEvent(kill))).toBe('');
    expect(compactDetail(exitEvent(kill, { atMs: 1, signal: 'SIGKILL' }))).toBe('SIGKILL');
    expect(compactDetail(exitEvent(curl, { atMs: 1, status: 7 }))).toBe('status 7');
    expect(compactDetail(sockEvent(curl, { atMs: 1, saddr: '10.0.0.1', sport: 1, daddr: '10.0.0.2', dport: 80 }))).toBe('tcp 10.0.0.1:1 -> 10.0.0.2:80');
    expect(compactDetail(fileEvent(curl, { atMs: 1, path: '/etc/shadow' }))).toBe('/etc/shadow');
    expect(compactDetail(kprobeEvent(curl, { atMs: 1, functionName: 'security_bprm_check' }))).toBe('security_bprm_check');
    const mod = kprobeEvent(curl, { atMs: 1, functionName: 'do_init_module', args: [{ module_arg: { name: 'rootkit', signature_ok: false } }, { capability_arg: { name: 'CAP_SYS_MODULE' } }] });
    expect(compactDetail(mod, mod.event)).toBe('do_init_module module rootkit (signature NOT ok), capability CAP_SYS_MODULE');
  });
});

describe('compactEvent for every Tetragon event kind', () => {
  // Through summarizeEvent, as the processes table gets them from the API.
  const fromLine = (event: Parameters<typeof summarizeEvent>[0]) => {
    const c = compactEvent(summarizeEvent(event, 'id'), event);
    return `${c.icon} ${c.verb} ${c.text}`;
  };
  const p = processJson(curl);

  it('reads uprobes by symbol and USDT probes by provider:name', () => {
    expect(fromLine({ process_uprobe: { process: p, path: '/usr/lib/libssl.so.3', symbol: 'SSL_write' }, node_name: 'kind-worker' })).toBe('⚙️ uprobe default/tiefighter /usr/bin/curl SSL_write');
    expect(fromLine({ process_usdt: { process: p, path: '/usr/bin/python3', provider: 'python', name: 'function__entry' }, node_name: 'kind-worker' })).toBe(
      '⚙️ usdt default/tiefighter /usr/bin/curl python:function__entry',
    );
  });

  it('reads the loader by the loaded object and LSM bprm checks by the binary checked', () => {
    expect(fromLine({ process_loader: { process: p, path: '/usr/lib/x86_64-linux-gnu/libc.so.6', buildid: '3q2+7w==' } })).toBe('📦 load default/tiefighter /usr/bin/curl /usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(fromLine({ process_lsm: { process: p, function_name: 'bprm_check_security', args: [{ linux_binprm_arg: { path: '/tmp/kworkerd' } }], ima_hash: 'sha256:ab' } })).toBe(
      '🔒 LSM default/tiefighter /usr/bin/curl bprm_check_security /tmp/kworkerd',
    );
  });

  it('reads throttle start and stop with their cgroup, and rate_limit_info as a loss', () => {
    expect(fromLine({ process_throttle: { type: 'THROTTLE_START', cgroup: 'cri-containerd-61d9.scope' }, node_name: 'kind-worker' })).toBe(
      '⏸️ throttle THROTTLE_START cgroup cri-containerd-61d9.scope on kind-worker',
    );
    expect(fromLine({ process_throttle: { type: 'THROTTLE_STOP' }, node_name: 'kind-worker' })).toBe('▶️ resume THROTTLE_STOP on kind-worker');
    expect(fromLine({ rate_limit_info: { number_of_dropped_process_events: '12' }, node_name: 'kind-worker' })).toBe("⚠️ lost 12 process events dropped by the agent's rate limit on kind-worker");
  });
});

describe('compactFlow of a loss line', () => {
  it('says what was lost instead of inventing endpoints', () => {
    const f = { type: 'LOST_EVENTS', summary: '77 events lost (PERF_EVENT_RING_BUFFER)', node: 'kind-worker' } as Parameters<typeof compactFlow>[0];
    expect(compactFlow(f)).toBe('⚠ 77 events lost (PERF_EVENT_RING_BUFFER) on kind-worker');
  });
});
