import type * as grpc from '@grpc/grpc-js';
import { AgentBus, type AgentItem } from '@/lib/agent/agent-bus';

/**
 * The agent's bus without its drop policy: a benchmark that must deliver exactly N items waits
 * for a slow reader instead of dropping (the real bus drops past 4096 queued messages and says
 * so — right for an agent, wrong for a measurement). `backlog()` is how far the slowest reader
 * is behind; `drained()` resolves when every reader is below `low` again.
 */
type Call = grpc.ServerWritableStream<unknown, Buffer>;

export class BenchBus extends AgentBus {
  private readonly calls = new Set<Call>();
  readonly streams = { tetragon: 0, hubble: 0 };
  private onSubscribe: (() => void) | null = null;

  override subscribe(stream: 'tetragon' | 'hubble', accept: (item: AgentItem) => boolean, call: Call) {
    const sub = super.subscribe(stream, accept, call);
    this.calls.add(call);
    this.streams[stream]++;
    const gone = () => {
      if (this.calls.delete(call)) this.streams[stream]--;
    };
    call.on('cancelled', gone);
    call.on('close', gone);
    call.on('error', gone);
    this.onSubscribe?.();
    return sub;
  }

  override send(sub: Parameters<AgentBus['send']>[0], bytes: Buffer): boolean {
    sub.call.write(bytes);
    return true;
  }

  /** Resolves once at least `tetragon` GetEvents and `hubble` GetFlows readers are attached. */
  async waitForReaders(tetragon: number, hubble: number): Promise<void> {
    while (this.streams.tetragon < tetragon || this.streams.hubble < hubble) {
      await new Promise<void>((resolve) => (this.onSubscribe = resolve));
    }
    this.onSubscribe = null;
  }

  backlog(): number {
    let max = 0;
    for (const c of this.calls) max = Math.max(max, c.writableLength);
    return max;
  }

  async drained(low: number): Promise<void> {
    for (const c of this.calls) {
      while (c.writableLength > low && !c.destroyed) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}
