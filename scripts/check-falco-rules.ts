/**
 * Loads Falco rule files beside Holocron's defaults and replays the death-star scenario through
 * the server's detector (process cache included), then prints how many rules loaded and which
 * rules fired on the incident and on the background traffic. For checking an upstream rule file:
 *
 *   npx tsx scripts/check-falco-rules.ts /tmp/falco_rules.yaml [more.yaml …]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCycle } from '@/lib/agent/sources/scenario/cycle';
import { deathStarRunningProcesses, deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { incident } from '@/lib/agent/sources/scenario/incident';
import { runningAtStart } from '@/lib/agent/sources/scenario/long-running';
import { summarizeEvent } from '@/lib/domain/event-summary';
import { compileRuleFiles } from '@/lib/domain/rules';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { Detector } from '@/lib/server/detection/detector';

const root = path.resolve(import.meta.dirname, '..');
const defaults = { name: 'rules/default-rules.yaml', text: fs.readFileSync(path.join(root, 'rules', 'default-rules.yaml'), 'utf8') };
const extra = process.argv.slice(2).map((f) => ({ name: f, text: fs.readFileSync(f, 'utf8') }));
const loaded = compileRuleFiles([defaults, ...extra]);

for (const file of extra) {
  const mine = loaded.statuses.filter((s) => s.file === file.name);
  const ok = mine.filter((s) => s.state === 'loaded').length;
  console.log(`${file.name}: ${ok} of ${mine.length} rules loaded (${mine.length ? Math.round((ok / mine.length) * 100) : 0}%)`);
  for (const s of mine) if (s.state !== 'loaded') console.log(`  ${s.state}: ${s.name}: ${s.reason ?? ''}`);
}
for (const e of loaded.errors) console.log(`error ${e.file}:${e.line}: ${e.message}`);

const baseNs = 1_795_334_400_000_000_000n;
const detector = new Detector(loaded.rules);
for (const p of deathStarRunningProcesses({ baseNs })) detector.processes.set(p);
const items = deathStarScenario({ baseNs });
// The incident's own events (SCENARIO.md steps 1–5); everything else is background traffic.
const cycle = createCycle({ baseNs });
const incidentIds = new Set(incident(cycle, runningAtStart(cycle)).map((i) => JSON.stringify(i.json)));
const fromIncident = new Map<string, number>();
const background = new Map<string, number>();
let n = 0;
for (const item of items) {
  if (!('process_exec' in item.json || 'process_exit' in item.json || 'process_kprobe' in item.json)) continue;
  const line = item.json as TetragonEventJson;
  const summary = summarizeEvent(line, `e${n++}`);
  if (!detector.wants(summary)) {
    detector.remember(line);
    continue;
  }
  const inIncident = incidentIds.has(JSON.stringify(item.json));
  for (const alert of detector.evaluate(summary, line)) {
    const bucket = inIncident ? fromIncident : background;
    bucket.set(alert.rule, (bucket.get(alert.rule) ?? 0) + 1);
  }
}
console.log(`events: ${n}`);
console.log('incident alerts:', Object.fromEntries(fromIncident));
console.log('background alerts:', Object.fromEntries(background));
