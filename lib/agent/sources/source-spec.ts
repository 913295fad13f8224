import { createFileSource } from './file-source';
import { createFloodSource } from './flood-source';
import { createScenarioSource } from './scenario-source';
import type { AgentSource } from './source';

/** `--source` values: scenario:NAME, file:PATH, ebpf. */
export interface SourceSpecOptions {
  rate: number | null;
  loop: boolean;
  seed: number;
  log: (msg: string) => void;
  /** Options of `--source ebpf` only (see ebpf/ebpf-source.ts). */
  ebpf?: { nodeName?: string; podsFile?: string; watchPrefixes?: string[]; ignorePorts?: number[] };
}

export async function createSourceFromSpec(spec: string, opts: SourceSpecOptions): Promise<AgentSource> {
  if (spec.startsWith('scenario:')) {
    return createScenarioSource({ name: spec.slice('scenario:'.length), seed: opts.seed, rate: opts.rate, loop: opts.loop });
  }
  if (spec.startsWith('flood:')) {
    return createFloodSource({ name: spec.slice('flood:'.length), seed: opts.seed, rate: opts.rate });
  }
  if (spec.startsWith('file:')) {
    return createFileSource({ path: spec.slice('file:'.length), rate: opts.rate, loop: opts.loop, log: opts.log });
  }
  if (spec === 'ebpf') {
    const { createEbpfSource } = await import('./ebpf/ebpf-source');
    return createEbpfSource({ log: opts.log, ...opts.ebpf });
  }
  throw new Error(`unknown source "${spec}" (expected scenario:death-star, flood:death-star, file:PATH or ebpf)`);
}
