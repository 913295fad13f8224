import { describe, expect, it } from 'vitest';
import { LineFramer, parseRecord, type BpfRecord } from './bpftrace-line';

const N = 'feedc0ffee00';

function frame(lines: string[]): { recs: BpfRecord[]; malformed: number } {
  const f = new LineFramer(N);
  const recs: BpfRecord[] = [];
  for (const l of lines) f.push(l, recs);
  f.flush(recs);
  return { recs, malformed: f.malformed };
}

describe('bpftrace output lines', () => {
  it('decodes an exec with its fields', () => {
    expect(parseRecord('E', '1418\t1418\t1338\t1967364838183\t0\t4294967295\t4026531833\t/usr/bin/curl')).toEqual({
      tag: 'exec', pid: 1418, oldPid: 1418, ppid: 1338, ktime: 1967364838183n, uid: 0, auid: 4294967295, netns: 4026531833,
      filename: '/usr/bin/curl',
    });
  });

  it("decodes the task record before an exec: pid inside its namespace, namespaces, capabilities", () => {
    // Recorded: curl as pid 7 of a pod's pid namespace, with containerd's default capability set.
    const body = '1418\t7\t4026532179\t4026532179\t4026532177\t4026532180\t4026532181\t4026531835\t4026531834\t4026531834\t4026531837\ta80425fb\ta80425fb\t0';
    expect(parseRecord('P', body)).toEqual({
      tag: 'task', pid: 1418, nspid: 7,
      ns: {
        pid: 4026532179, pid_for_children: 4026532179, mnt: 4026532177, uts: 4026532180, ipc: 4026532181, cgroup: 4026531835,
        time: 4026531834, time_for_children: 4026531834, user: 4026531837,
      },
      caps: { effective: 0xa80425fbn, permitted: 0xa80425fbn, inheritable: 0n },
    });
    expect(() => parseRecord('P', body.replace('a80425fb', 'zz'))).toThrow(/capability mask/);
  });

  it('keeps tabs inside the last, free-text field', () => {
    expect(parseRecord('A', '31117\t2\tc\td')).toEqual({ tag: 'arg', tid: 31117, index: 2, text: 'c\td' });
  });

  it('glues continuation lines (a newline inside an argument or HTTP headers) back on', () => {
    const { recs } = frame([
      `${N}H\t1418\t1967375366711\tffff888105985c80\t2\t127.0.0.1\t127.0.0.1\t59016\t18080\t4026531833\tPOST /v1/request-landing HTTP/1.1\r`,
      'Host: 127.0.0.1:18080\r',
      `${N}X\t1418\t1967376300000\t0\t0`,
    ]);
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ tag: 'http', sk: 'ffff888105985c80', sport: 59016, dport: 18080, text: 'POST /v1/request-landing HTTP/1.1\r\nHost: 127.0.0.1:18080\r' });
    expect(recs[1]).toMatchObject({ tag: 'exit', pid: 1418 });
  });

  it('cannot be forged by a process that prints a fake record without the nonce', () => {
    const { recs } = frame([`${N}A\t77\t1\tinnocent`, 'E\t1\t1\t1\t1\t0\t0\t0\t/fake', `${N}B\t77\t2\t/bin/echo`]);
    expect(recs.map((r) => r.tag)).toEqual(['arg', 'execve']);
    expect(recs[0]).toMatchObject({ text: 'innocent\nE\t1\t1\t1\t1\t0\t0\t0\t/fake' });
  });

  it("turns bpftrace's lost-events notice into a lost record", () => {
    expect(frame(['Lost 312 events']).recs).toEqual([{ tag: 'lost', count: 312 }]);
  });

  it('counts malformed records instead of throwing', () => {
    const r = frame([`${N}E\tnot-a-pid`, `${N}Q\t1`]);
    expect(r.recs).toEqual([]);
    expect(r.malformed).toBe(2);
  });
});
