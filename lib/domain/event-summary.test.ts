import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './event-summary';
import type { TetragonEventJson } from './wire-types';

// The columns the filters (`function=`, `file=`, `event-type=`) and the tables read, per kind.
const s = (line: TetragonEventJson) => summarizeEvent({ node_name: 'kind-worker', time: '2026-12-07T08:00:00Z', ...line }, 'id');
const process = { exec_id: 'ZXhlYw==', binary: '/tmp/kworkerd', pod: { namespace: 'empire', name: 'tie' } };

describe('summarizeEvent for every kind', () => {
  it('names what a probe hooked: kprobe function, tracepoint subsys/event, uprobe symbol, USDT provider:name', () => {
    expect(s({ process_kprobe: { process, function_name: 'do_init_module' } })).toMatchObject({ kind: 'process_kprobe', functionName: 'do_init_module' });
    expect(s({ process_tracepoint: { process, subsys: 'raw_syscalls', event: 'sys_enter' } }).functionName).toBe('raw_syscalls/sys_enter');
    expect(s({ process_uprobe: { process, path: '/usr/lib/libssl.so.3', symbol: 'SSL_write' } })).toMatchObject({ functionName: 'SSL_write', binary: '/tmp/kworkerd' });
    expect(s({ process_usdt: { process, provider: 'python', name: 'function__entry' } }).functionName).toBe('python:function__entry');
    expect(s({ process_usdt: { process } }).functionName).toBe('');
  });

  it('files the loaded object and an LSM bprm check under file, and the throttle type under function', () => {
    expect(s({ process_loader: { process, path: '/usr/lib/libcrypto.so.3' } }).filePath).toBe('/usr/lib/libcrypto.so.3');
    expect(s({ process_lsm: { process, function_name: 'bprm_check_security', args: [{ linux_binprm_arg: { path: '/tmp/kworkerd' } }] } })).toMatchObject({
      functionName: 'bprm_check_security',
      filePath: '/tmp/kworkerd',
      pod: 'tie',
    });
    expect(s({ process_throttle: { type: 'THROTTLE_START', cgroup: 'x.scope' } })).toMatchObject({ kind: 'process_throttle', functionName: 'THROTTLE_START', pod: '', binary: '' });
  });
});
