import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Where the figures came from: they mean little without the machine and how busy it was (these
 * machines are shared: other builds and tests run beside the bench).
 */
export interface Machine {
  nproc: number;
  memGiB: number;
  cpu: string;
  node: string;
  kernel: string;
  loadAtStart: number[];
  /** Other processes using CPU when the run started (pid, %cpu, command), busiest first. */
  busyAtStart: string[];
}

export function describeMachine(): Machine {
  const cpuModel = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    memGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    cpu: cpuModel,
    node: process.version,
    kernel: os.release(),
    loadAtStart: loadAvg(),
    busyAtStart: busyProcesses(),
  };
}

export function loadAvg(): number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

function busyProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,pcpu,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && Number(l.split(/\s+/)[1]) >= 10)
      .filter((l) => ![process.pid, process.ppid].includes(Number(l.split(/\s+/)[0])))
      .slice(0, 5)
      .map((l) => l.slice(0, 140));
  } catch {
    return [];
  }
}

export function describeLoad(l: number[]): string {
  return l.map((x) => x.toFixed(2)).join(' / ');
}
