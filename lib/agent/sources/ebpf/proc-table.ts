import fs from 'node:fs';
import path from 'node:path';
import type { CapSets } from './capabilities';
import { readNamespaces, type NamespaceInums } from './namespaces';
import { innermostPid, parseProcStatus } from './proc-status';

/**
 * What /proc says about the processes already running when the agent starts (and after a
 * bpftrace restart), so they can be announced like Tetragon's "procFS" events and every later
 * exec has a known parent. Best effort per process: one can exit while it is being read.
 */
export interface ProcEntry {
  pid: number;
  ppid: number;
  /** Start time in ns since boot (starttime ticks × 10⁹ / CLK_TCK). */
  startNs: bigint;
  comm: string;
  argv: string[];
  exe: string;
  cwd: string;
  uid: number;
  auid: number;
  netns: number;
  /** The pid inside the process's own pid namespace (the last NSpid); `pid` outside any. */
  nspid: number;
  ns: NamespaceInums | null;
  caps: CapSets | null;
  /** Kernel threads have no executable and no argv; Tetragon's procFS walk skips nothing, we skip them. */
  kernelThread: boolean;
}

// comm is in parentheses and may itself hold spaces and parentheses: split at the last ')'.
export function parseStat(text: string): { pid: number; comm: string; ppid: number; startTicks: bigint; flags: number } | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).split(' ');
  // rest[0] = state (field 3); ppid is field 4, flags field 9, starttime field 22.
  const ppid = Number(rest[1]);
  const flags = Number(rest[6]);
  const start = rest[19];
  if (!Number.isFinite(ppid) || !start || !/^\d+$/.test(start)) return null;
  return { pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), ppid, startTicks: BigInt(start), flags };
}

const PF_KTHREAD = 0x00200000;

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
function linkOr(file: string, fallback: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return fallback;
  }
}

export function readProcEntry(procRoot: string, pid: number, clkTck: number): ProcEntry | null {
  const dir = path.join(procRoot, String(pid));
  const stat = parseStat(readOr(path.join(dir, 'stat'), ''));
  if (!stat) return null;
  const status = parseProcStatus(readOr(path.join(dir, 'status'), ''));
  const auid = Number(readOr(path.join(dir, 'loginuid'), '4294967295').trim()) || 0;
  const ns = readNamespaces(procRoot, pid);
  const cmdline = readOr(path.join(dir, 'cmdline'), '');
  const argv = cmdline.split('\0');
  if (argv.at(-1) === '') argv.pop();
  const kernelThread = (stat.flags & PF_KTHREAD) !== 0 || stat.ppid === 2 || pid === 2;
  return {
    pid,
    ppid: stat.ppid,
    startNs: (stat.startTicks * 1_000_000_000n) / BigInt(clkTck),
    comm: stat.comm,
    argv,
    exe: linkOr(path.join(dir, 'exe'), '').replace(/ \(deleted\)$/, '') || argv[0] || stat.comm,
    cwd: linkOr(path.join(dir, 'cwd'), ''),
    uid: status.uid ?? 0,
    auid: Number.isFinite(auid) ? auid : 4294967295,
    netns: ns?.net ?? 0,
    nspid: innermostPid(status, pid),
    ns,
    caps: status.caps,
    kernelThread,
  };
}

/** Every process in /proc, parents before children (by start time, then pid). */
export function readProcTable(procRoot = '/proc', clkTck = 100): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of fs.readdirSync(procRoot)) {
    if (!/^\d+$/.test(name)) continue;
    const e = readProcEntry(procRoot, Number(name), clkTck);
    if (e) out.push(e);
  }
  out.sort((a, b) => (a.startNs === b.startNs ? a.pid - b.pid : a.startNs < b.startNs ? -1 : 1));
  return out;
}
