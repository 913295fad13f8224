import { parseCapMask, type CapSets } from './capabilities';

/**
 * The parts of /proc/<pid>/status the agent needs for processes it did not see start:
 *   Uid:    0  0  0  0            real, effective, saved, filesystem
 *   NSpid:  4711  12  1           the pid in each pid namespace, outermost first
 *   CapInh: 0000000000000000      capability masks in hex
 *   CapPrm: 00000000a80425fb
 *   CapEff: 00000000a80425fb
 * Kernels before 4.1 have no NSpid line; then the pid is the same everywhere.
 */
export interface ProcStatus {
  uid: number | null;
  /** Pids from the outermost (host) pid namespace to the process's own; empty without NSpid. */
  nspids: number[];
  caps: CapSets | null;
}

function line(text: string, key: string): string | null {
  const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text);
  return m ? m[1]!.trim() : null;
}

export function parseProcStatus(text: string): ProcStatus {
  const uid = line(text, 'Uid')?.split(/\s+/)[0];
  const nspids = (line(text, 'NSpid') ?? '').split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number);
  const eff = parseCapMask(line(text, 'CapEff') ?? '');
  const prm = parseCapMask(line(text, 'CapPrm') ?? '');
  const inh = parseCapMask(line(text, 'CapInh') ?? '');
  return {
    uid: uid !== undefined && /^\d+$/.test(uid) ? Number(uid) : null,
    nspids,
    caps: eff !== null && prm !== null && inh !== null ? { effective: eff, permitted: prm, inheritable: inh } : null,
  };
}

/** The pid as the process sees it in its own pid namespace (Tetragon's pod.container.pid). */
export function innermostPid(status: ProcStatus, hostPid: number): number {
  return status.nspids.at(-1) ?? hostPid;
}
