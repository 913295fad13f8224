import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { innermostPid, parseProcStatus } from './proc-status';

/** Facts about this machine and its processes that the translator reads through /proc. */

export function netnsOfPid(pid: number | 'self'): number {
  try {
    return Number(/\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${pid}/ns/net`))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The pid as `pid` sees itself in its own pid namespace, or null once it is gone. */
export function readNsPid(pid: number): number | null {
  try {
    return innermostPid(parseProcStatus(fs.readFileSync(`/proc/${pid}/status`, 'utf8')), pid);
  } catch {
    return null;
  }
}

export function clockTicksPerSecond(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** Wall-clock ns at boot: now minus /proc/uptime (the clock /proc start times count from). */
export function bootWallNs(): bigint {
  const up = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return BigInt(Date.now()) * 1_000_000n - BigInt(Math.round(up * 1e9));
}

export function hostIpSet(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) out.add(a.address);
  return out;
}

export function readCwd(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

export function readExe(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return null;
  }
}

export function readCmdline(pid: number): string[] | null {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    return argv.length > 0 ? argv : null;
  } catch {
    return null;
  }
}

const TYPE: Record<number, string> = { 0o140000: 's', 0o120000: 'l', 0o100000: '-', 0o060000: 'b', 0o040000: 'd', 0o020000: 'c', 0o010000: 'p' };

/** `ls -l`-style permissions, as Tetragon's file_arg `permission` shows them. */
export function modeString(mode: number): string {
  const t = TYPE[mode & 0o170000] ?? '?';
  const rwx = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  return `${t}${rwx((mode >> 6) & 7)}${rwx((mode >> 3) & 7)}${rwx(mode & 7)}`;
}

export function fileMode(path: string): string | null {
  try {
    return modeString(fs.statSync(path).mode);
  } catch {
    return null;
  }
}
