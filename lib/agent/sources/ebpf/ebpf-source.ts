import type { AgentSource } from '../source';

/** The eBPF (bpftrace) source is not part of this build yet; say so plainly instead of pretending. */
export function createEbpfSource(_opts: { log: (msg: string) => void }): AgentSource {
  throw new Error('the ebpf source is not available in this build yet (see the open issue "Live eBPF collection")');
}
