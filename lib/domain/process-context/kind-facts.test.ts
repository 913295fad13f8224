import { describe, expect, it } from 'vitest';
import { kindFacts } from './kind-facts';

const text = (facts: { label: string; value: string }[]) => facts.map((f) => `${f.label}: ${f.value}`);

describe('kindFacts', () => {
  it('names the probed binary and symbol of a uprobe, the provider and name of a USDT probe', () => {
    expect(text(kindFacts({ process_uprobe: { path: '/usr/lib/libssl.so.3', symbol: 'SSL_write', offset: '4096' } }))).toEqual([
      'Probed binary: /usr/lib/libssl.so.3',
      'Symbol: SSL_write',
      'Offset: 4096',
    ]);
    expect(text(kindFacts({ process_usdt: { path: '/usr/bin/python3', provider: 'python', name: 'function__entry' } }))).toEqual([
      'Probed binary: /usr/bin/python3',
      'Provider: python',
      'Probe name: function__entry',
    ]);
  });

  it('prints the loader build id as hex and the LSM IMA hash as sent', () => {
    expect(text(kindFacts({ process_loader: { path: '/usr/lib/x.so', buildid: '3q2+7w==' } }))).toEqual(['Loaded: /usr/lib/x.so', 'Build id: deadbeef']);
    expect(text(kindFacts({ process_lsm: { function_name: 'bprm_check_security', ima_hash: 'sha256:abc' } }))).toEqual(['IMA hash: sha256:abc']);
  });

  it('says what a throttle means and flags its start', () => {
    const start = kindFacts({ process_throttle: { type: 'THROTTLE_START', cgroup: 'cri-containerd-61d9.scope' } });
    expect(start[0]).toMatchObject({ label: 'Throttle', alert: true });
    expect(start[0]!.value).toMatch(/^THROTTLE_START — Tetragon stopped sending/);
    expect(start[1]).toMatchObject({ label: 'Cgroup', value: 'cri-containerd-61d9.scope' });
    expect(kindFacts({ process_throttle: { type: 'THROTTLE_STOP' } })[0]).toMatchObject({ alert: false });
  });

  it('reads the syscall id of a raw_syscalls tracepoint, a kprobe return value and stack', () => {
    expect(text(kindFacts({ process_tracepoint: { subsys: 'raw_syscalls', event: 'sys_enter', args: [{ syscall_id: { id: 59, abi: 'x64' } }] } }))).toEqual([
      'Subsystem: raw_syscalls',
      'Event: sys_enter',
      'Syscall id: 59 (x64)',
    ]);
    const kp = kindFacts({
      process_kprobe: { function_name: 'commit_creds', return: { int_arg: 0 }, return_action: 'KPROBE_ACTION_POST', kernel_stack_trace: [{ symbol: 'commit_creds', offset: '0' }, { symbol: '__sys_setuid', offset: '12', module: 'vmlinux' }] },
    });
    expect(text(kp)).toEqual(['Return: int 0', 'Return action: KPROBE_ACTION_POST', 'Kernel stack: commit_creds+0 ← __sys_setuid+12 [vmlinux]']);
  });

  it('reports a rate_limit_info line as a loss', () => {
    expect(kindFacts({ rate_limit_info: { number_of_dropped_process_events: '1204' } })).toEqual([
      { label: 'Dropped by the agent', value: '1204 process events (rate limit)', alert: true },
    ]);
  });

  it('adds the aggregation count and nothing for exec', () => {
    expect(kindFacts({ process_exec: { process: { binary: '/bin/sh' } } })).toEqual([]);
    expect(text(kindFacts({ process_exec: {}, aggregation_info: { count: '12' } }))).toEqual(['Aggregated: 12 events']);
  });
});
