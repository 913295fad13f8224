import { nowNanos } from '../clock';
import { nsToRfc3339 } from '@/lib/wire/timestamp';
import { DEATH_STAR_CYCLE_SECONDS, deathStarRunningProcesses, deathStarScenario, type ScenarioItem } from './scenario/death-star';
import { decodeExecId } from './scenario/event-lookup';
import { RatePacer, sleep, type AgentSource, type SourceLine } from './source';

/**
 * `scenario:death-star`. Without --rate the cycle plays in real time from now (the incident
 * happens a few seconds in); with --rate the cycle is a recent history (it ends now) sent at that
 * many lines per second. --loop plays further cycles with fresh times and ids.
 */
export interface ScenarioSourceOptions {
  name: string;
  seed: number;
  rate: number | null;
  loop: boolean;
}

const CYCLE_NS = BigInt(DEATH_STAR_CYCLE_SECONDS) * 1_000_000_000n;

export function createScenarioSource(opts: ScenarioSourceOptions): AgentSource {
  if (opts.name !== 'death-star') throw new Error(`unknown scenario "${opts.name}" (available: death-star)`);
  return {
    async run(emit, signal) {
      let base = opts.rate === null ? nowNanos() + 500_000_000n : nowNanos() - CYCLE_NS;
      // Like Tetragon at start-up, announce what is already running (flags "procFS"), so the
      // processes the cycle names as parents are known.
      for (const process of deathStarRunningProcesses({ seed: opts.seed, baseNs: base })) {
        const node = decodeExecId(process.exec_id ?? '').node;
        emit({ stream: 'tetragon', json: { process_exec: { process }, node_name: node, time: nsToRfc3339(base - 1_000_000n) } });
      }
      for (let loop = 0; !signal.aborted; loop++) {
        const items = deathStarScenario({ seed: opts.seed, baseNs: base, loop });
        if (opts.rate === null) await playRealtime(items, emit, signal);
        else await playPaced(items, opts.rate, emit, signal);
        if (!opts.loop) return;
        base = opts.rate === null ? base + CYCLE_NS : nowNanos() - CYCLE_NS;
      }
    },
  };
}

function toLine(item: ScenarioItem): SourceLine {
  return item.stream === 'tetragon' ? { stream: 'tetragon', json: item.json } : { stream: 'hubble', json: item.json };
}

async function playRealtime(items: ScenarioItem[], emit: (l: SourceLine) => void, signal: AbortSignal): Promise<void> {
  for (const item of items) {
    const waitMs = Number((item.timeNs - nowNanos()) / 1_000_000n);
    if (waitMs > 0) await sleep(waitMs, signal);
    if (signal.aborted) return;
    emit(toLine(item));
  }
}

async function playPaced(items: ScenarioItem[], rate: number, emit: (l: SourceLine) => void, signal: AbortSignal): Promise<void> {
  const pacer = new RatePacer(rate);
  for (const item of items) {
    if (signal.aborted) return;
    emit(toLine(item));
    await pacer.tick(signal);
  }
}
