import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { evaluateAll, createRuleEngine } from '@/lib/domain/rules';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { Detector } from '@/lib/server/detection/detector';
import { ProcessCache } from '@/lib/server/detection/process-cache';
import { loadRules } from '@/lib/server/detection/rule-files';
import { eventRecord } from '@/lib/server/ingest/records';
import type { BenchContext } from '../support/context';

/**
 * Detection must keep up with ingest: the default rules over the scenario's process events,
 * (a) the rule engine alone (evaluateAll, the loop the engine exports for this), and (b) what the
 * ingest path runs per stored event (Detector: skip by type, JSON.parse, process cache, rules).
 */
const CYCLES = 20;

function scenario(): { events: TetragonEventJson[]; flows: number } {
  const events: TetragonEventJson[] = [];
  let flows = 0;
  const base = BigInt(Date.now() - CYCLES * 60_000) * 1_000_000n;
  for (let loop = 0; loop < CYCLES; loop++) {
    for (const item of deathStarScenario({ baseNs: base + BigInt(loop) * 60_000_000_000n, loop })) {
      if (item.stream === 'tetragon') events.push(item.json as TetragonEventJson);
      else flows++;
    }
  }
  return { events, flows };
}

/** Items per second: `fn` handles a pass and returns how many items it handled. */
function rate(seconds: number, fn: () => number): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) n += fn();
  return n / ((performance.now() - t0) / 1000);
}

export async function runRules(ctx: BenchContext): Promise<void> {
  const loaded = loadRules({ cwd: process.cwd(), rulesDir: null });
  if (loaded.errors.length) throw new Error(`default rules do not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const { events, flows } = scenario();
  const records = events.map((e) => eventRecord(e));
  const seconds = ctx.opts.quick ? 1 : 4;

  const engine = createRuleEngine(loaded.rules, { resolveProcess: () => undefined });
  let matches = 0;
  const engineRate = rate(seconds, () => {
    matches += evaluateAll(engine, events);
    return events.length;
  });

  let detector = new Detector(loaded.rules, new ProcessCache());
  let alerts = 0;
  const ingestPathRate = rate(seconds, () => {
    detector = new Detector(loaded.rules, new ProcessCache()); // fresh cache per pass, as after a restart
    for (const r of records) {
      if (!detector.wants(r.summary)) continue;
      alerts += detector.evaluate(r.summary, JSON.parse(r.json) as TetragonEventJson).length;
    }
    return records.length;
  });

  // Process events are this share of the mixed stream; detection must match their arrival rate.
  const share = events.length / (events.length + flows);
  const ingest = ctx.measured.ingestMixed ?? 50_000;
  const needed = ingest * share;
  const basis = ctx.measured.ingestMixed ? 'measured mixed ingest' : 'the 50,000 ev/s mixed target';
  ctx.report.add({
    section: 'detection',
    metric: `rule engine: evaluateAll, ${loaded.rules.length} default rules`,
    value: engineRate,
    unit: 'ev/s',
    target: { op: '>=', value: needed },
    note: `${events.length.toLocaleString('en-US')} scenario events; target = the process events in ${basis} (${(share * 100).toFixed(0)} %)`,
  });
  ctx.report.add({
    section: 'detection',
    metric: 'detection as ingest runs it (type skip, JSON.parse, process cache, rules)',
    value: ingestPathRate,
    unit: 'ev/s',
    target: { op: '>=', value: needed },
    note: `${alerts > 0 ? 'alerts raised as expected' : 'NO alerts raised — check the scenario'}`,
  });
  ctx.report.detail('rules', { rules: loaded.rules.length, events: events.length, engineRate, ingestPathRate, matchesPerPass: matches, share });
}
