import { describe, expect, it } from 'vitest';
import { parseStat, readProcTable } from './proc-table';

describe('/proc seeding', () => {
  it('parses a stat line whose comm holds spaces and parentheses', () => {
    const line = '4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 199366 3133440 413 18446744073709551615';
    expect(parseStat(line)).toMatchObject({ pid: 4242, comm: 'my (odd) name', ppid: 17, startTicks: 199366n });
  });

  it("finds this test's own process on the real /proc, with its parent before it", () => {
    const table = readProcTable('/proc', 100);
    const me = table.find((e) => e.pid === process.pid);
    expect(me).toBeDefined();
    expect(me!.exe).toBe(process.execPath);
    expect(me!.argv.length).toBeGreaterThan(0);
    expect(me!.kernelThread).toBe(false);
    expect(me!.nspid).toBe(process.pid); // the test runs in the host pid namespace
    expect(me!.ns?.net).toBe(me!.netns);
    expect(me!.ns?.pid).toBeGreaterThan(0);
    expect(me!.caps).not.toBeNull();
    const parentAt = table.findIndex((e) => e.pid === process.ppid);
    expect(parentAt).toBeGreaterThanOrEqual(0);
    expect(parentAt).toBeLessThan(table.indexOf(me!));
    expect(me!.startNs).toBeGreaterThanOrEqual(table[parentAt]!.startNs);
  });
});
