import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';

/** Something that produces upstream event lines for the agent to serve. */
export type SourceLine =
  | { stream: 'tetragon'; json: TetragonEventJson; encoded?: PreEncoded }
  | { stream: 'hubble'; json: HubbleFlowJson; encoded?: PreEncoded };

/** Already-encoded bytes (the flood source patches copies of one encoding to go fast). */
export interface PreEncoded {
  bytes: Buffer;
  timeUs: number;
}

export interface AgentSource {
  /**
   * Runs until done (or forever with --loop); `emit` is called for each line in order and
   * answers false when every subscriber was too far behind to take it (it was dropped).
   */
  run(emit: (line: SourceLine) => boolean | void, signal: AbortSignal): Promise<void>;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Paces emission to `rate` lines per second, sleeping in slices so timers stay cheap. */
export class RatePacer {
  private sent = 0;
  private readonly start = performance.now();

  constructor(private readonly rate: number) {}

  async tick(signal: AbortSignal): Promise<void> {
    this.sent++;
    const due = (this.sent / this.rate) * 1000;
    const ahead = due - (performance.now() - this.start);
    if (ahead > 5) await sleep(ahead, signal);
  }
}
