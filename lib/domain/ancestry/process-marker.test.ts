import { describe, expect, it } from 'vitest';
import { hookName, isMarkerKind, markerLabel } from '@/lib/domain/ancestry/process-marker';
import { PODS, fileEvent, kprobeEvent, proc, sockEvent, stored, processJson } from '@/lib/domain/ancestry/testing/fixtures';

const curl = proc({ pid: 32460, binary: '/usr/bin/curl', startMs: 15_000, pod: PODS.tiefighter });

describe('markerLabel', () => {
  it('names socket events like tetra compact', () => {
    const tuple = { atMs: 15_009, saddr: '10.244.1.17', sport: 45200, daddr: '10.96.12.4', dport: 80 };
    expect(markerLabel(sockEvent(curl, tuple))).toBe('connect 10.96.12.4:80');
    expect(markerLabel(sockEvent(curl, { ...tuple, functionName: 'tcp_close' }))).toBe('close 10.96.12.4:80');
    expect(markerLabel(sockEvent(curl, { ...tuple, functionName: 'tcp_sendmsg' }))).toBe('sendmsg 10.96.12.4:80');
  });

  it('reads security_file_permission masks as read or write', () => {
    expect(markerLabel(fileEvent(curl, { atMs: 1, path: '/etc/shadow' }))).toBe('read /etc/shadow');
    expect(markerLabel(fileEvent(curl, { atMs: 1, path: '/var/log/x', mask: 2 }))).toBe('write /var/log/x');
  });

  it('maps open-like hooks and syscalls, with or without arch prefixes', () => {
    expect(markerLabel(kprobeEvent(curl, { atMs: 1, functionName: 'fd_install', args: [{ int_arg: 3 }, { file_arg: { path: '/etc/passwd' } }] }))).toBe('open /etc/passwd');
    expect(markerLabel(kprobeEvent(curl, { atMs: 1, functionName: '__x64_sys_setuid', args: [{ int_arg: 0 }] }))).toBe('setuid 0');
    expect(markerLabel(kprobeEvent(curl, { atMs: 1, functionName: 'security_bprm_check' }))).toBe('security_bprm_check');
  });

  it('labels tracepoints and LSM hooks', () => {
    const tp = stored({ process_tracepoint: { process: processJson(curl), subsys: 'syscalls', event: 'sys_enter_unlinkat', args: [{ path_arg: { path: '/var/log/deathstar/access.log' } }] } }, 'kind-worker', 1);
    expect(markerLabel(tp)).toBe('unlink /var/log/deathstar/access.log');
    const lsm = stored({ process_lsm: { process: processJson(curl), function_name: 'file_open', args: [{ file_arg: { path: '/etc/shadow' } }] } }, 'kind-worker', 1);
    expect(markerLabel(lsm)).toBe('lsm file_open /etc/shadow');
  });

  it('strips arch and syscall prefixes', () => {
    expect(hookName('__arm64_sys_openat')).toBe('openat');
    expect(hookName('syscalls:sys_enter_execve')).toBe('execve');
    expect(hookName('syscalls/sys_enter_unlinkat')).toBe('unlinkat'); // the stored summary's spelling
    expect(hookName('tcp_connect')).toBe('tcp_connect');
  });

  it('draws kprobes and friends as markers, not exec and exit', () => {
    expect(['process_kprobe', 'process_tracepoint', 'process_lsm'].every(isMarkerKind)).toBe(true);
    expect(isMarkerKind('process_exec') || isMarkerKind('process_exit')).toBe(false);
  });
});
