import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REQUIRED_TRACEPOINTS } from './bpftrace-script';

/**
 * Checks, before bpftrace is started, everything whose absence would otherwise surface as an
 * obscure bpftrace error: the binary, root, BTF, tracefs and each tracepoint the script uses.
 * Each failure says what is wrong and what to do.
 */
export class EbpfUnavailableError extends Error {
  override name = 'EbpfUnavailableError';
}

export interface KernelSupport {
  bpftrace: string;
  tracefs: string;
  exitHasGroupDead: boolean;
  /** kernel_cap_t became a single u64 in Linux 6.3. */
  capsAreU64: boolean;
  /** Kernel drop reason number → name (enum skb_drop_reason of this kernel). */
  dropReasons: Map<number, string>;
}

const TRACEFS_CANDIDATES = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

export function findOnPath(bin: string, envPath = process.env.PATH ?? ''): string | null {
  if (bin.includes('/')) return fs.existsSync(bin) ? bin : null;
  for (const dir of [...envPath.split(':'), '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!dir) continue;
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

function tracefsRoot(log: (m: string) => void): string {
  for (const root of TRACEFS_CANDIDATES) if (fs.existsSync(path.join(root, 'events'))) return root;
  // Some machines boot without tracefs mounted; as root we can mount it ourselves.
  try {
    execFileSync('mount', ['-t', 'tracefs', 'nodev', '/sys/kernel/tracing'], { stdio: 'pipe' });
    log('mounted tracefs on /sys/kernel/tracing (it was not mounted)');
    if (fs.existsSync('/sys/kernel/tracing/events')) return '/sys/kernel/tracing';
  } catch (e) {
    throw new EbpfUnavailableError(
      `tracefs is not mounted and mounting it failed (${(e as Error).message.split('\n')[0]}): ` +
        'run `mount -t tracefs nodev /sys/kernel/tracing` as root, or start the agent in a container with /sys/kernel/tracing mounted',
    );
  }
  throw new EbpfUnavailableError('tracefs has no events directory: the kernel was built without tracepoints (CONFIG_TRACEPOINTS)');
}

/** Parses the `__print_symbolic(REC->reason, { 2, "NOT_SPECIFIED" }, …)` of kfree_skb's format. */
export function parseDropReasons(format: string): Map<number, string> {
  const out = new Map<number, string>();
  const at = format.indexOf('REC->reason');
  if (at < 0) return out;
  for (const m of format.slice(at).matchAll(/\{\s*(\d+),\s*"([A-Z0-9_]+)"\s*\}/g)) out.set(Number(m[1]), m[2]!);
  return out;
}

export function checkKernelSupport(opts: { bpftrace?: string; log: (m: string) => void }): KernelSupport {
  const bpftrace = findOnPath(opts.bpftrace ?? 'bpftrace');
  if (!bpftrace) {
    throw new EbpfUnavailableError('bpftrace is not installed: install it with `apt-get install -y bpftrace` (Debian/Ubuntu), then run the agent again');
  }
  if (process.getuid?.() !== 0) {
    throw new EbpfUnavailableError(
      `the ebpf source needs root to load BPF programs (running as uid ${process.getuid?.()}): run it as root, e.g. \`sudo npm run agent -- --source ebpf\``,
    );
  }
  if (!fs.existsSync('/sys/kernel/btf/vmlinux')) {
    throw new EbpfUnavailableError(
      'this kernel exposes no BTF (/sys/kernel/btf/vmlinux is missing): the probes read task, socket and packet structures through BTF; use a kernel built with CONFIG_DEBUG_INFO_BTF=y (Debian and Ubuntu kernels are)',
    );
  }
  const tracefs = tracefsRoot(opts.log);
  const missing = REQUIRED_TRACEPOINTS.filter((tp) => !fs.existsSync(path.join(tracefs, 'events', ...tp.split(':'))));
  if (missing.length > 0) {
    throw new EbpfUnavailableError(
      `tracepoint${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not available on this kernel ` +
        `(${tracefs}/events): syscall tracepoints need CONFIG_FTRACE_SYSCALLS; the agent cannot run without them`,
    );
  }
  const read = (tp: string) => {
    try {
      return fs.readFileSync(path.join(tracefs, 'events', ...tp.split(':'), 'format'), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    bpftrace,
    tracefs,
    exitHasGroupDead: /\bgroup_dead\b/.test(read('sched:sched_process_exit')),
    capsAreU64: kernelAtLeast(os.release(), 6, 3),
    dropReasons: parseDropReasons(read('skb:kfree_skb')),
  };
}

/** "6.18.44-fc-v595" ≥ 6.3? */
export function kernelAtLeast(release: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(release);
  if (!m) return true;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || (maj === major && min >= minor);
}

/** Drop reasons that are bookkeeping, not a packet the network refused. */
export const NON_DROP_REASONS = ['NOT_SPECIFIED', 'QUEUE_PURGE', 'SOCKET_CLOSE', 'TCP_CLOSE', 'UNIX_DISCONNECT', 'UNIX_SKIP_OOB'];

export function ignoredDropReasonNumbers(reasons: Map<number, string>): number[] {
  const out = [0, 1]; // SKB_NOT_DROPPED_YET, SKB_CONSUMED
  for (const [n, name] of reasons) if (NON_DROP_REASONS.includes(name)) out.push(n);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** bpftrace's error output, reduced to what a person must act on. */
export function explainBpftraceError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/RLIMIT_MEMLOCK|available_filter_functions|^WARNING/.test(l));
  const probe = /(?:tracepoint not found|could not attach|Error attaching probe)[^\n]*?:\s*'?([\w:*]+)'?/i.exec(stderr)?.[1];
  const text = lines.slice(0, 4).join(' | ') || 'no error output';
  if (probe) return `bpftrace could not attach probe ${probe}: ${text} — check \`bpftrace -l '${probe}'\` and that the kernel has it`;
  if (/stack limit/i.test(stderr)) return `bpftrace rejected the program (BPF stack limit): ${text}`;
  if (/Operation not permitted|EPERM/i.test(stderr)) return `bpftrace was refused by the kernel (${text}): run as root with CAP_BPF/CAP_SYS_ADMIN, outside a restricted container`;
  return `bpftrace failed: ${text}`;
}
