import { spawnTs, type Child } from '../support/child';
import type { FeederCommand, FeederReport } from './feeder-protocol';
import type { StreamMix } from './templates';

/** The orchestrator's handle on a feeder process. */
export interface Feeder {
  child: Child<FeederReport>;
  addr: string;
  /** Starts sending once the readers are attached; resolves with the start time (epoch ms). */
  go(opts: { mix: StreamMix; count: number; rate?: number | null; copyBase: number }): Promise<number>;
  /** Resolves when the last item of the current `go` has been handed to the sockets. */
  sent(): Promise<{ count: number; startedMs: number; atMs: number }>;
  stopSending(): void;
  stop(): Promise<void>;
}

let copyBases = 0;
/** Copy numbers no earlier feeder of this run used (stored ids must not repeat across phases). */
export function freshCopyBase(): number {
  copyBases += 1;
  return copyBases * 10_000_000;
}

export async function startFeeder(listen = '127.0.0.1:0'): Promise<Feeder> {
  const child = spawnTs<FeederReport>('feeder', 'bench/feeder/feeder.ts', [listen]);
  const { port } = await child.message((m): m is Extract<FeederReport, { type: 'listening' }> => m.type === 'listening');
  child.onMessage((m) => {
    if (m.type === 'error') console.error(`[feeder] ${m.message}`);
  });
  const send = (c: FeederCommand) => child.send(c);
  let sent: Promise<{ count: number; startedMs: number; atMs: number }> = Promise.reject(new Error('feeder: sent() before go()'));
  sent.catch(() => {});
  return {
    child,
    addr: `127.0.0.1:${port}`,
    async go(opts) {
      const started = child.message((m): m is Extract<FeederReport, { type: 'started' }> => m.type === 'started', 120_000);
      sent = child.message((m): m is Extract<FeederReport, { type: 'sent' }> => m.type === 'sent', 30 * 60_000);
      sent.catch(() => {});
      send({ type: 'go', mix: opts.mix, count: opts.count, rate: opts.rate ?? null, copyBase: opts.copyBase });
      return (await started).atMs;
    },
    sent: () => sent,
    stopSending: () => send({ type: 'stop' }),
    stop: () => child.stop(),
  };
}
