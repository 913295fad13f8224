import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { innermostPid, parseProcStatus } from './proc-status';

// Trimmed /proc/<pid>/status of a shell that is pid 5 in a pod's pid namespace, nested once.
const IN_POD = `Name:\tsh
Umask:\t0022
State:\tS (sleeping)
Tgid:\t48213
Ngid:\t0
Pid:\t48213
PPid:\t48190
Uid:\t0\t0\t0\t0
Gid:\t0\t0\t0\t0
NStgid:\t48213\t5
NSpid:\t48213\t5
NSpgid:\t48213\t5
CapInh:\t0000000000000000
CapPrm:\t00000000a82435fb
CapEff:\t00000000a82435fb
CapBnd:\t00000000a82435fb
CapAmb:\t0000000000000000
`;

describe('/proc/<pid>/status', () => {
  it('reads the pid in each pid namespace and the capability sets', () => {
    const s = parseProcStatus(IN_POD);
    expect(s).toEqual({ uid: 0, nspids: [48213, 5], caps: { effective: 0xa82435fbn, permitted: 0xa82435fbn, inheritable: 0n } });
    expect(innermostPid(s, 48213)).toBe(5);
  });

  it('takes the innermost of several nested pid namespaces, and 1 for an init', () => {
    expect(innermostPid(parseProcStatus('NSpid:\t9001\t77\t1\n'), 9001)).toBe(1);
  });

  it('falls back to the host pid and no caps on kernels or files without those lines', () => {
    const s = parseProcStatus('Name:\tsleep\nPid:\t321\nUid:\t1000\t1000\t1000\t1000\n');
    expect(s).toEqual({ uid: 1000, nspids: [], caps: null });
    expect(innermostPid(s, 321)).toBe(321);
    expect(parseProcStatus('')).toEqual({ uid: null, nspids: [], caps: null });
  });

  it('does not mistake NStgid or NSpgid for NSpid', () => {
    expect(parseProcStatus('NStgid:\t10\t2\nNSpgid:\t10\t2\n').nspids).toEqual([]);
  });

  it("agrees with the kernel for this test's own process (host pid namespace)", () => {
    const s = parseProcStatus(fs.readFileSync('/proc/self/status', 'utf8'));
    expect(innermostPid(s, process.pid)).toBe(process.pid);
    expect(s.caps).not.toBeNull();
  });
});
