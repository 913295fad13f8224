import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STRLEN } from './bpftrace-script';
import { EbpfUnavailableError, explainBpftraceError } from './preflight';

/**
 * One run of bpftrace on our script. The script lives in a private directory only until
 * bpftrace has loaded it (its nonce must stay secret), and `ready` resolves once the probes are
 * attached or rejects with bpftrace's own explanation.
 */
export interface BpftraceRun {
  child: ChildProcessByStdio<null, Readable, Readable>;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** "Attaching N probes..." goes to stdout on some versions: the reader passes stdout here too. */
  noticeStdout: (text: string) => void;
}

const ATTACHED = /Attaching (\d+) probes?/;

function perfEventFds(pid: number): number {
  let n = 0;
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === 'anon_inode:[perf_event]') n++;
      } catch {
        /* closed meanwhile */
      }
    }
  } catch {
    /* exited */
  }
  return n;
}

export function startBpftrace(bin: string, script: string, log: (m: string) => void): BpftraceRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-ebpf-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'probes.bt');
  fs.writeFileSync(file, script, { mode: 0o600 });
  const removeScript = () => fs.rmSync(dir, { recursive: true, force: true });

  const child = spawn(bin, ['-B', 'none', file], {
    env: { ...process.env, BPFTRACE_STRLEN: String(STRLEN), BPFTRACE_MAP_KEYS_MAX: '65536' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  let attached = false;
  let onReady: () => void = () => {};
  let onFail: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  // Unbuffered bpftrace writes "Attaching " and "27 probes..." separately: match on what came so far.
  let head = '';
  const markAttached = (text: string) => {
    if (attached) return;
    head = (head + text).slice(-4096);
    const m = ATTACHED.exec(head);
    if (!m || attached) return;
    attached = true;
    removeScript();
    const probes = Number(m[1]);
    // bpftrace prints "Attaching N probes..." before it attaches them, one at a time: we are
    // ready once the process holds a perf event per probe (plus its per-CPU output buffers).
    const t0 = Date.now();
    let last = -1;
    let stableSince = Date.now();
    const poll = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const n = perfEventFds(child.pid ?? 0);
      if (n !== last) {
        last = n;
        stableSince = Date.now();
      }
      const all = n >= probes + os.availableParallelism();
      const settled = n >= probes && Date.now() - stableSince > 500;
      if (all || settled || Date.now() - t0 > 30_000) {
        if (!all && !settled) log(`bpftrace ${child.pid}: only ${n} perf events after 30 s for ${probes} probes; continuing`);
        log(`bpftrace ${child.pid} attached ${probes} probes in ${Date.now() - t0} ms`);
        onReady();
        return;
      }
      setTimeout(poll, 50);
    };
    poll();
  };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64_000) stderr += chunk;
    markAttached(chunk);
    for (const line of chunk.split('\n')) {
      if (attached && line.trim() && !/RLIMIT_MEMLOCK/.test(line)) log(`bpftrace: ${line.trim()}`);
    }
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      removeScript();
      if (!attached) onFail(new EbpfUnavailableError(explainBpftraceError(stderr || `exit code ${code}${signal ? `, ${signal}` : ''}`)));
      resolve({ code, signal, stderr });
    });
    child.on('error', (e) => {
      removeScript();
      if (!attached) onFail(new EbpfUnavailableError(`cannot run ${bin}: ${e.message}`));
      resolve({ code: null, signal: null, stderr: e.message });
    });
  });
  return { child, ready, exited, noticeStdout: markAttached };
}
