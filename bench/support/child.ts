import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The bench's child processes (feeder, hub, agent, `next start`): spawned with an IPC channel
 * where they speak one, output kept for error messages, and their memory and CPU read from
 * /proc, so what is measured is the child and not the orchestrator.
 */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface Child<Msg = unknown> {
  readonly proc: ChildProcess;
  readonly name: string;
  log(): string;
  running(): boolean;
  /** Resolves when the process has exited, or after `timeoutMs` (then it may still run). */
  exited(timeoutMs: number): Promise<void>;
  /** Resolves with the first message (IPC) that `match` accepts. */
  message<T extends Msg>(match: (m: Msg) => m is T, timeoutMs?: number): Promise<T>;
  onMessage(fn: (m: Msg) => void): void;
  send(m: unknown): void;
  /** Resolves when a line of output contains `text`. */
  output(text: string, timeoutMs?: number): Promise<void>;
  rssBytes(): number;
  cpuSeconds(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  ipc?: boolean;
}

/** A TypeScript entry point run by node with tsx's loader (`@/` paths, react-server condition for server-only). */
export function spawnTs<Msg = unknown>(name: string, script: string, args: string[], opts: SpawnOptions = {}): Child<Msg> {
  return spawnNode<Msg>(name, ['--import', 'tsx', '--conditions=react-server', ...(opts.nodeArgs ?? []), script, ...args], opts);
}

export function spawnNode<Msg = unknown>(name: string, args: string[], opts: SpawnOptions = {}): Child<Msg> {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...opts.env },
    stdio: opts.ipc === false ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return wrap<Msg>(name, proc);
}

export function spawnCommand(name: string, command: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return wrap(name, proc);
}

function wrap<Msg>(name: string, proc: ChildProcess): Child<Msg> {
  let out = '';
  const waiters = new Set<() => void>();
  const add = (b: Buffer) => {
    out += b.toString();
    if (out.length > 400_000) out = out.slice(-200_000);
    for (const w of waiters) w();
  };
  proc.stdout?.on('data', add);
  proc.stderr?.on('data', add);
  const listeners: ((m: Msg) => void)[] = [];
  proc.on('message', (m: Msg) => listeners.forEach((l) => l(m)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const failure = (what: string) => new Error(`${name}: ${what}\n--- ${name} output ---\n${out.slice(-4000)}`);

  return {
    proc,
    name,
    log: () => out,
    running: () => proc.exitCode === null && proc.signalCode === null,
    exited: (timeoutMs) => Promise.race([exited, new Promise<void>((r) => setTimeout(r, timeoutMs).unref())]),
    message<T extends Msg>(match: (m: Msg) => m is T, timeoutMs = 60_000) {
      return new Promise<T>((resolve, reject) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return reject(failure(`exited (${proc.exitCode ?? proc.signalCode})`));
        const timer = setTimeout(() => reject(failure(`no expected message within ${timeoutMs} ms`)), timeoutMs);
        const onExit = () => {
          clearTimeout(timer);
          reject(failure(`exited (${proc.exitCode ?? proc.signalCode})`));
        };
        proc.once('exit', onExit);
        const l = (m: Msg) => {
          if (!match(m)) return;
          clearTimeout(timer);
          proc.off('exit', onExit);
          listeners.splice(listeners.indexOf(l), 1);
          resolve(m);
        };
        listeners.push(l);
      });
    },
    onMessage: (fn) => listeners.push(fn),
    send: (m) => proc.send?.(m as never),
    output(text, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!out.includes(text)) return false;
          cleanup();
          resolve();
          return true;
        };
        const onExit = () => {
          cleanup();
          reject(failure(`exited (${proc.exitCode ?? proc.signalCode}) before printing "${text}"`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(failure(`did not print "${text}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          proc.off('exit', onExit);
        };
        if (check()) return;
        waiters.add(check);
        proc.once('exit', onExit);
      });
    },
    rssBytes: () => procRssBytes(proc.pid),
    cpuSeconds: () => procCpuSeconds(proc.pid),
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const kill = setTimeout(() => proc.kill('SIGKILL'), 8000);
      proc.kill(signal);
      await exited;
      clearTimeout(kill);
    },
  };
}

export function procRssBytes(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const CLK_TCK = 100;

/** user + system CPU of a process so far, in seconds. */
export function procCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the samples. */
export function sampleRss(pid: () => number, everyMs = 200): { stop(): { peak: number; last: number; samples: number[] } } {
  const samples: number[] = [];
  const tick = () => samples.push(pid());
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peak: Math.max(...samples), last: samples[samples.length - 1] ?? 0, samples };
    },
  };
}
