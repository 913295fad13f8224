import { deathStarScenario, DEATH_STAR_CYCLE_SECONDS } from '@/lib/agent/sources/scenario/death-star';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { eventRecord, flowRecord } from '@/lib/server/ingest/records';
import type { EventRecord, FlowRecord, Store } from '@/lib/server/store/store';
import { stressPodNdjson } from '@/e2e/support/stress-pod';

/**
 * The store the query figures are taken over: N items written straight through the store's
 * insert (ingest speed is measured elsewhere), as Death Star cycles — each a real minute of the
 * cluster with fresh ids — overlapped so the N items span the last `spanMinutes` (1M items over
 * an hour: ~280 a second, a busy cluster). Plus one pod with 10,001 processes (a server forking
 * 100 shells that run 99 commands each), half an hour ago, for the ancestry tree.
 */
export const STRESS_POD = { namespace: 'load', pod: 'stress-0' };

export interface QueryData {
  flows: number;
  events: number;
  spanUs: [number, number];
  flowIds: string[]; // a sample, for deep links
  eventIds: string[];
}

export function cycleRecords(baseNs: bigint, loop: number): { flows: FlowRecord[]; events: EventRecord[] } {
  const flows: FlowRecord[] = [];
  const events: EventRecord[] = [];
  for (const item of deathStarScenario({ baseNs, loop })) {
    if (item.stream === 'hubble') {
      if ((item.json as HubbleFlowJson).flow) flows.push(flowRecord(item.json as HubbleFlowJson));
    } else if (!(item.json as TetragonEventJson).rate_limit_info) {
      events.push(eventRecord(item.json as TetragonEventJson));
    }
  }
  return { flows, events };
}

/** The 10k-process pod, half an hour before `nowUs`: the same lines the processes e2e test imports. */
export function stressPodRecords(nowUs: number): EventRecord[] {
  return stressPodNdjson(Math.round(nowUs / 1000) - 30 * 60_000)
    .split('\n')
    .filter(Boolean)
    .map((l) => eventRecord(JSON.parse(l) as TetragonEventJson));
}

export interface FillOptions {
  spanMinutes?: number;
  nowUs?: number;
  log?: (m: string) => void;
  /** Add the 10k-process pod (default true). */
  stressPod?: boolean;
  /** First cycle's loop number: a later fill of the same store gets fresh ids (default 0). */
  firstLoop?: number;
  /** Items per store.insert (default 10,000). */
  batch?: number;
  /**
   * Called after each insert with the items stored so far by this fill and the milliseconds
   * spent in store.insert so far (the store's own time, not the generator's).
   */
  onStored?: (stored: number, insertMs: number) => void;
}

/**
 * The store's time, not the generator's: building a cycle (the scenario, then each record's
 * summary and JSON) costs ~100 CPU µs an item, twice the store's insert, so timing the fill
 * timed mostly the bench. The next batch is built while the store writes the last one (its
 * writer thread): at most one insert in flight, each timed from the call until it is seen to
 * resolve, the generator yielding between cycles so that is seen within one cycle.
 */
export async function fillQueryStore(store: Store, total: number, opts: FillOptions = {}): Promise<QueryData & { cycles: number; insertMs: number }> {
  const nowUs = opts.nowUs ?? Date.now() * 1000;
  const spanUs = (opts.spanMinutes ?? 60) * 60e6;
  const cycleUs = DEATH_STAR_CYCLE_SECONDS * 1e6;
  const stress = opts.stressPod === false ? [] : stressPodRecords(nowUs);
  const firstLoop = opts.firstLoop ?? 0;
  const perCycle = cycleRecords(BigInt(nowUs) * 1000n, 0);
  const cycles = Math.max(1, Math.round((total - stress.length) / (perCycle.flows.length + perCycle.events.length)));
  const startUs = nowUs - spanUs;
  const stepUs = Math.max(0, (spanUs - cycleUs - 1e6) / Math.max(1, cycles - 1));
  const data = { flows: 0, events: 0, spanUs: [startUs, nowUs] as [number, number], flowIds: [] as string[], eventIds: [] as string[], cycles, insertMs: 0 };
  let flows: FlowRecord[] = [];
  let events: EventRecord[] = [];
  let inFlight: Promise<void> | null = null;
  let failed: unknown = null;
  const insert = (f: FlowRecord[], e: EventRecord[]): Promise<void> => {
    const t = performance.now();
    return store.insert(f, e).then(
      (r) => {
        data.insertMs += performance.now() - t;
        data.flows += r.flows.length;
        data.events += r.events.length;
        opts.onStored?.(data.flows + data.events, data.insertMs);
      },
      (err: unknown) => {
        failed ??= err;
      },
    );
  };
  const settle = async () => {
    await inFlight;
    inFlight = null;
    if (failed) throw failed;
  };
  const flush = async () => {
    await settle();
    inFlight = insert(flows, events);
    flows = [];
    events = [];
  };
  let lastLog = Date.now();
  for (let k = 0; k < cycles; k++) {
    const c = cycleRecords(BigInt(Math.round(startUs + k * stepUs)) * 1000n, firstLoop + k);
    flows.push(...c.flows);
    events.push(...c.events);
    if (k % 50 === 0) {
      data.flowIds.push(c.flows[k % c.flows.length]!.summary.id);
      data.eventIds.push(c.events[k % c.events.length]!.summary.id);
    }
    if (flows.length + events.length >= (opts.batch ?? 10_000)) await flush();
    // Let the insert in flight be seen to finish (its time stops there).
    else if (inFlight) await new Promise((resolve) => setImmediate(resolve));
    if (opts.log && Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      opts.log(`  ${(((k + 1) / cycles) * 100).toFixed(0)} % (${(data.flows + data.events).toLocaleString('en-US')} stored)`);
    }
  }
  await flush();
  for (let i = 0; i < stress.length; i += 5000) {
    events = stress.slice(i, i + 5000);
    await flush();
  }
  await settle();
  return data;
}
